"""``kg stats``: what is in a built graph, and who is at its centre."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from kg.cli.options import data_option


@click.command("stats")
@data_option(help="A graph kg build wrote.")
@click.option("--top", type=click.IntRange(min=1), default=10, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Machine-readable output.")
def command(data, top, as_json):
    """Counts by type, most connected / central / reported entities, and communities."""
    from kg.analytics import graph_stats
    from kg.graph.io import base_iri_of, read_dataset

    dataset = read_dataset(data)
    stats = graph_stats(dataset, base_iri_of(dataset), top=top)
    if as_json:
        click.echo(json.dumps(asdict(stats), indent=2, ensure_ascii=False))
        return
    click.echo("nodes by type")
    for kind, n in stats.counts.items():
        click.echo(f"  {kind:<14}{n:>6}")
    for title, ranked in (
        ("most connected (degree)", stats.most_connected),
        ("most central (betweenness)", stats.most_central),
        ("most reported (articles)", stats.most_reported),
    ):
        click.echo(title)
        for r in ranked:
            click.echo(f"  {r.value:>8g}  {r.label} ({r.kind})")
    click.echo(f"communities ({len(stats.communities)})")
    for group in stats.communities[:top]:
        click.echo("  " + ", ".join(group[:8]) + (" ..." if len(group) > 8 else ""))
