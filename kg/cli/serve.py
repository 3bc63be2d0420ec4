"""``kg serve``: a SPARQL endpoint and the viewer, over the built graph."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from kg.cli.options import data_option


@click.command("serve")
@data_option(help="The graph to serve; the graph.html next to it is served at /.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=7878, show_default=True, help="Port (0: any free port).")
@click.option(
    "--allow-update",
    is_flag=True,
    help="Accept SPARQL updates at /update (in memory only; read-only otherwise).",
)
@click.option("-q", "--quiet", is_flag=True, help="Do not log each request.")
def command(data: Path, host: str, port: int, allow_update: bool, quiet: bool) -> None:
    """Serve the graph over the SPARQL 1.1 Protocol at /sparql (and /query).

    The merged graph is the default graph; default-graph-uri and
    named-graph-uri choose another dataset. Results follow the Accept header
    (SPARQL JSON, XML, CSV, TSV; Turtle or N-Triples for CONSTRUCT).
    """
    from kg.query import DataError
    from kg.serve import make_server

    logging.basicConfig(level=logging.WARNING if quiet else logging.INFO, format="%(message)s")
    try:
        server = make_server(data, host, port, allow_update=allow_update)
    except DataError as err:
        raise click.ClickException(str(err)) from None
    except OSError as err:
        raise click.ClickException(f"cannot listen on {host}:{port}: {err.strerror}") from None
    mode = "read-write" if allow_update else "read-only"
    click.echo(f"serving {data} at {server.url} (SPARQL: {server.url}sparql, {mode})", err=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
