"""``kg explain IRI``: why a node of the built graph is what it is."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.options import data_option


@click.command(name="explain")
@click.argument("iri")
@data_option(help="The built graph (.trig and .nq keep the mentions; .ttl only the merged graph).")
@click.option("--json", "as_json", is_flag=True, help="Print the explanation as JSON.")
def command(iri: str, data: Path, as_json: bool) -> None:
    """Explain IRI (or an id such as person/li-shangfu): its mentions with their
    articles, offsets and sentences, the merges behind it with reasons and
    scores, and its facts with their sources and evidence.
    """
    from kg.explain import NotInGraph, explain, render
    from kg.graph.io import read_dataset

    if not data.is_file():
        raise click.ClickException(f"{data}: no such graph file (run kg build first)")
    try:
        dataset = read_dataset(data)
    except (ValueError, SyntaxError) as err:
        raise click.ClickException(f"{data}: {err}") from None
    try:
        explanation = explain(dataset, iri)
    except NotInGraph as err:
        raise click.ClickException(str(err)) from None
    if as_json:
        click.echo(json.dumps(explanation.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(render(explanation), nl=False)
