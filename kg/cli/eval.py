"""``kg eval GOLD_DIR``: score kg, and a plain spaCy baseline, against a gold set."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kg.cli.options import cache_options, common_options, make_settings, setup_logging


@click.command(name="eval")
@click.argument(
    "gold_dir", type=click.Path(exists=True, file_okay=False, dir_okay=True, path_type=Path)
)
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON on stdout.")
@cache_options
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write kg's errors (missed, spurious, boundary, type, split, merged) as JSON lines.",
)
@common_options
def command(
    gold_dir: Path,
    as_json: bool,
    cache_dir: Path | None,
    no_cache: bool,
    errors_path: Path | None,
    base_iri: str | None,
    model: str | None,
    verbose: int,
    quiet: bool,
) -> None:
    """Measure mention detection and cross-document coreference against GOLD_DIR.

    GOLD_DIR holds docs/<topic>/<id>.txt and gold.jsonl (the MEANTIME layout).
    kg builds the graph of the documents; its mentions of people,
    organisations and places are scored against the named PER/ORG/LOC gold
    mentions, with spaCy's own entities scored alongside as a baseline.
    """
    from kg.cli.progress import progress_bar
    from kg.eval import evaluate, render_table
    from kg.eval.gold import GoldError

    setup_logging(verbose, quiet)
    settings = make_settings(
        cache_dir=cache_dir,
        use_cache=False if no_cache else None,
        base_iri=base_iri,
        model=model,
    )
    log = (lambda message: None) if quiet else (lambda message: click.echo(message, err=True))
    try:
        with progress_bar(enabled=not quiet) as tick:
            report = evaluate(gold_dir, settings, log=log, progress=tick)
    except GoldError as exc:
        raise click.ClickException(str(exc)) from exc
    if errors_path is not None:
        lines = (json.dumps(record, ensure_ascii=False) + "\n" for record in report.kg_errors)
        errors_path.write_text("".join(lines), encoding="utf-8")
        log(f"wrote {len(report.kg_errors)} errors to {errors_path}")
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2, sort_keys=True))
    else:
        click.echo(render_table(report), nl=False)
