"""``kg eval GOLD_DIR``: score kg, and a plain spaCy baseline, against a gold set."""

from __future__ import annotations

import json
from pathlib import Path

import click


@click.command(name="eval")
@click.argument(
    "gold_dir", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("--model", default=None, help="spaCy model (default: settings, KG_SPACY_MODEL).")
@click.option("--base-iri", default=None, help="Base of the minted IRIs.")
def command(gold_dir: Path, as_json: bool, model: str | None, base_iri: str | None) -> None:
    """Measure mention detection and cross-document coreference.

    GOLD_DIR holds docs/<topic>/<id>.txt and gold.jsonl (the MEANTIME layout).
    kg builds the graph of the documents; its mentions of people,
    organisations and places are scored against the named PER/ORG/LOC gold
    mentions, next to spaCy's own entities as a baseline.
    """
    from kg import settings as kg_settings
    from kg.eval import evaluate, render_table
    from kg.eval.gold import GoldError

    settings = kg_settings.load(model=model, base_iri=base_iri)
    try:
        report = evaluate(gold_dir, settings, log=lambda message: click.echo(message, err=True))
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        click.echo(render_table(report), nl=False)
