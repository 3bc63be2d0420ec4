"""``kg export``: write a built graph in other formats, without rebuilding."""

from __future__ import annotations

from pathlib import Path

import click

from kg.cli.options import data_option
from kg.export import WRITERS


@click.command("export")
@data_option(help="A graph kg build wrote.")
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    required=True,
    type=click.Choice(sorted(WRITERS)),
    help="Format to write (repeatable).",
)
@click.option(
    "-o",
    "--output",
    "output_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Folder to write graph.<format> to.  [default: beside --data]",
)
def command(data, formats, output_dir):
    """Convert a built graph to other graph.<format> files (nt, nq, html, graphml ...)."""
    from kg.export import write
    from kg.graph.io import base_iri_of, read_dataset
    from kg.settings import Settings

    dataset = read_dataset(data)
    settings = Settings(base_iri=base_iri_of(dataset), output_dir=output_dir or data.parent)
    for path in write(dataset, formats, settings.output_dir, settings):
        click.echo(f"wrote {path}", err=True)
