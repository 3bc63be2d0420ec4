"""``kg build``: the whole pipeline, from sources to output files."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import cache_options, common_options, make_settings, setup_logging
from kg.export import WRITERS

# Exit codes (documented in the README).
EXIT_OK = 0
EXIT_SKIPPED_STRICT = 3  # --strict and at least one input was skipped
EXIT_NO_ARTICLES = 4  # nothing could be read


def _formats(ctx, param, value: tuple[str, ...]) -> tuple[str, ...] | None:
    if not value:
        return None
    names = [n.strip() for item in value for n in item.split(",") if n.strip()]
    unknown = sorted(set(names) - set(WRITERS))
    if unknown:
        raise click.BadParameter(f"unknown format(s): {', '.join(unknown)}")
    return tuple(names)


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder for the outputs.  [default: output]",
)
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    callback=_formats,
    help="Output format(s), repeatable or comma-separated: ttl, trig, nt, nq, jsonld, "
    "html, graphml, gexf.  [default: ttl,trig,jsonld,html]",
)
@cache_options
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes for extraction.  [default: 1]",
)
@click.option(
    "--dask-scheduler",
    default=None,
    metavar="ADDRESS",
    help="Run ingest and extraction on this Dask cluster (e.g. tcp://host:8786).",
)
@click.option(
    "--overrides",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    default=None,
    help="Must-link / cannot-link file (TOML) for the merger.  [setting: overrides]",
)
@click.option(
    "--strict",
    is_flag=True,
    default=None,
    help=f"Exit with {EXIT_SKIPPED_STRICT} if any input was skipped.",
)
@click.option(
    "--provenance-time",
    is_flag=True,
    default=None,
    help="Record when the graph was made (prov:generatedAtTime; SOURCE_DATE_EPOCH if set). "
    "Off by default, so that the same inputs give byte-identical outputs.",
)
@click.option(
    "--viewer-nodes",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Draw at most N nodes in graph.html, those reported by the most articles "
    "(0: all).  [default: 1000]",
)
@common_options
def command(
    paths,
    output_dir,
    formats,
    cache_dir,
    no_cache,
    jobs,
    dask_scheduler,
    overrides,
    strict,
    provenance_time,
    viewer_nodes,
    base_iri,
    model,
    verbose,
    quiet,
):
    """Build the knowledge graph of the articles in PATHS (files or folders).

    With no PATHS, reads sources/.  Writes output/graph.<format> for each
    format, and output/report.json (what was read, skipped and written).
    """
    from kg.cli.progress import progress_bar
    from kg.pipeline import run

    setup_logging(verbose, quiet)
    settings = make_settings(
        output_dir=output_dir,
        formats=formats,
        cache_dir=cache_dir,
        use_cache=False if no_cache else None,
        jobs=jobs,
        dask_scheduler=dask_scheduler,
        overrides=overrides,
        strict=strict,
        provenance_time=provenance_time,
        viewer_nodes=viewer_nodes,
        base_iri=base_iri,
        model=model,
    )
    _check_formats(settings.formats)  # they may come from kg.toml or KG_FORMATS
    paths = list(paths) or [Path("sources")]
    with progress_bar(enabled=not quiet) as tick:
        report = run(paths, settings, progress=tick)
    if not quiet:
        _summary(report)
    if report.articles == 0:
        click.echo("kg: no article could be read", err=True)
        sys.exit(EXIT_NO_ARTICLES)
    if settings.strict and report.skipped:
        sys.exit(EXIT_SKIPPED_STRICT)


def _check_formats(formats: tuple[str, ...]) -> None:
    unknown = sorted(set(formats) - set(WRITERS))
    if unknown:
        known = ", ".join(sorted(WRITERS))
        raise click.UsageError(
            f"unknown format(s) in the settings: {', '.join(unknown)}; known: {known}"
        )


def _summary(report) -> None:
    lines = [
        f"articles read   {report.articles}  (extracted {report.extracted}, cached "
        f"{report.articles - report.extracted})",
        f"entities        {report.entities}",
        f"events          {report.events}",
        f"facts           {report.facts}  (conflicts {report.conflicts})",
        f"quotes          {report.quotes}",
        f"skipped         {len(report.skipped)}",
        f"warnings        {len(report.warnings)}",
    ]
    for item in report.skipped:
        lines.append(f"  skipped {item['source']}: {item['message']} [{item['code']}]")
    lines += [f"wrote {path}" for path in report.outputs]
    click.echo("\n".join(lines), err=True)
