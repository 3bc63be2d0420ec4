"""``kg extract``: what one article yields, as Turtle, for debugging extraction."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import common_options, make_settings, setup_logging


@click.command("extract")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@common_options
def command(file, base_iri, model, verbose, quiet):
    """Print what FILE yields on its own (entities, roles, events, quotes) as Turtle."""
    from kg.export.rdf import merged_graph
    from kg.pipeline import BuildReport, build

    setup_logging(verbose, quiet)
    settings = make_settings(base_iri=base_iri, model=model, use_cache=False)
    report = BuildReport()
    dataset = build([file], settings, report=report)
    for item in report.skipped:
        click.echo(f"kg: {item['source']}: {item['message']} [{item['code']}]", err=True)
    if report.articles == 0:
        sys.exit(4)
    click.echo(merged_graph(dataset, settings).serialize(format="turtle"))
