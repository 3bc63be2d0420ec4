"""Reading a built graph back: every format kg writes, and clear errors for the rest."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import DataError
from kg.graph import merged_graph_iri
from kg.graph.io import base_iri_of, read_dataset


@pytest.mark.parametrize("fmt", ["trig", "nq", "jsonld", "ttl", "nt"])
def test_every_written_format_reads_back_with_its_merged_graph(seed_build, fmt):
    dataset = read_dataset(seed_build.output / f"graph.{fmt}")
    base = base_iri_of(dataset)
    assert base == seed_build.settings.base_iri
    merged = dataset.graph(merged_graph_iri(base))
    expected = seed_build.dataset.graph(merged_graph_iri(base))
    assert len(merged) == len(expected)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("missing.trig", None, "no such file"),
        ("graph.rdf", "<x/>", "cannot read '.rdf' files"),
        ("broken.trig", "<a> <b> .", "not a readable trig file"),
    ],
)
def test_unreadable_graphs_are_clear_errors(tmp_path, name, content, message):
    path = tmp_path / name
    if content is not None:
        path.write_text(content)
    with pytest.raises(DataError, match=message):
        read_dataset(path)
    result = CliRunner().invoke(main, ["stats", "--data", str(path)])
    assert result.exit_code == 1
    assert message in result.output and "Traceback" not in result.output


def test_stats_and_export_on_the_seed_build(seed_build, tmp_path):
    runner = CliRunner()
    stats = runner.invoke(main, ["stats", "--data", str(seed_build.output / "graph.trig")])
    assert stats.exit_code == 0, stats.output
    assert "Vladimir Putin" in stats.output and "communities" in stats.output
    out = tmp_path / "exported"
    result = runner.invoke(
        main,
        [
            "export",
            "--data",
            str(seed_build.output / "graph.trig"),
            "-f",
            "graphml",
            "-o",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    import networkx as nx

    network = nx.read_graphml(out / "graph.graphml")
    assert any(d.get("label") == "Li Shangfu" for _, d in network.nodes(data=True))
    assert network.number_of_edges() > 0
