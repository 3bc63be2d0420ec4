"""``kg load``: push the built graph into a triple store over the Graph Store Protocol."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from kg.cli.options import data_option
from kg.load.gsp import AUTH_SCHEMES, PASSWORD_ENV, TOKEN_ENV


@click.command("load")
@click.option(
    "--endpoint",
    required=True,
    help="The store's Graph Store Protocol URL, e.g. http://localhost:7878/store "
    "(Oxigraph) or http://localhost:8890/sparql-graph-crud-auth (Virtuoso).",
)
@data_option(help="The graph to load; every named graph in it is sent.")
@click.option(
    "--graph-store-path",
    default=None,
    help="Appended to --endpoint when that is the server's root (e.g. /store).",
)
@click.option(
    "--auth",
    type=click.Choice(AUTH_SCHEMES),
    default="none",
    show_default=True,
    help=f"basic/digest read the password from ${PASSWORD_ENV}, bearer the token from "
    f"${TOKEN_ENV}.",
)
@click.option("--user", default=None, help="User name for basic or digest auth.")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["ntriples", "turtle"]),
    default="ntriples",
    show_default=True,
    help="How each graph is sent.",
)
@click.option("--timeout", type=float, default=120.0, show_default=True, help="Seconds per graph.")
@click.option("-v", "--verbose", is_flag=True, help="Log each request.")
def command(
    endpoint: str,
    data: Path,
    graph_store_path: str | None,
    auth: str,
    user: str | None,
    fmt: str,
    timeout: float,
    verbose: bool,
) -> None:
    """Replace each graph of the build in a remote store (HTTP PUT per graph).

    Loading twice leaves the store as after the first load. Passwords and
    tokens are read from the environment only, never from the command line.

        KG_LOAD_PASSWORD=dba kg load --endpoint http://localhost:8890/sparql-graph-crud-auth \\
            --auth digest --user dba
    """
    from kg.load import Auth, LoadError, load
    from kg.query import DataError

    if verbose:
        logging.basicConfig(level=logging.DEBUG, format="%(name)s: %(message)s")
    try:
        credentials = Auth.from_env(auth, user)
        report = load(
            data,
            endpoint,
            auth=credentials,
            graph_store_path=graph_store_path,
            fmt=fmt,
            timeout=timeout,
        )
    except (LoadError, DataError) as err:
        raise click.ClickException(str(err)) from None
    not_sent = report.not_sent
    for failure in report.failures:
        if failure not in not_sent:
            click.echo(f"kg load: {failure.name}: {failure.error}", err=True)
    if not_sent:
        click.echo(f"kg load: {len(not_sent)} more graphs not sent after that error", err=True)
    loaded = len(report.graphs) - len(report.failures)
    click.echo(
        f"loaded {loaded} of {len(report.graphs)} graphs ({report.triples} triples) "
        f"into {report.url}",
        err=not report.ok,
    )
    if not report.ok:
        sys.exit(1)
