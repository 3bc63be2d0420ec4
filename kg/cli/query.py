"""``kg query``: run SPARQL 1.1 over the built graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from kg.cli.options import data_option

FORMATS = ["table", "csv", "tsv", "json", "xml", "turtle", "ntriples"]


def _read_query(query: str | None, query_file: Path | None) -> str:
    if query and query_file:
        raise click.UsageError("give the query as an argument or with -f, not both")
    if query_file:
        return query_file.read_text(encoding="utf-8")
    if query == "-":
        return sys.stdin.read()
    if not query:
        raise click.UsageError("no query: give one as an argument, with -f FILE.rq, or - for stdin")
    return query


@click.command("query")
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Read the query from a .rq file (see queries/).",
)
@data_option(help="The graph to query (.trig, .ttl, .nq, .nt, .jsonld).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS, case_sensitive=False),
    default="table",
    show_default=True,
    help="table for reading; csv/tsv/json/xml are the SPARQL 1.1 result formats; "
    "turtle/ntriples for CONSTRUCT.",
)
@click.option("--union", is_flag=True, help="Query the union of all graphs, not the merged one.")
@click.option(
    "--max-width", type=int, default=80, show_default=True, help="Clip table cells (0: never)."
)
def command(
    query: str | None,
    query_file: Path | None,
    data: Path,
    fmt: str,
    union: bool,
    max_width: int,
) -> None:
    """Answer a SPARQL query over the graph.

    The merged graph is the default graph; each article's graph is reachable
    with GRAPH <…/graph/article/SLUG>. kg's prefixes (kg:, schema:, prov:, …)
    and `:` for the base IRI are predeclared.

        kg query 'SELECT ?p WHERE { ?p a kg:Person }'

        kg query -f queries/who-met-whom.rq --format csv
    """
    from kg.query import DataError, QuerySyntaxError, render_table, run

    text = _read_query(query, query_file)
    try:
        result = run(text, data, union=union)
    except QuerySyntaxError as err:
        click.echo(f"kg query: {err}", err=True)
        sys.exit(2)
    except DataError as err:
        raise click.ClickException(str(err)) from None
    if fmt == "table":
        click.echo(render_table(result, max_width=max_width))
        return
    try:
        payload = result.serialize(fmt)
    except ValueError as err:
        raise click.UsageError(str(err)) from None
    click.echo(payload, nl=False)  # bytes go to the binary stream as they are
