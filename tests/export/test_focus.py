"""A viewer capped at --viewer-nodes: the most reported nodes, shown as in the whole graph."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import main
from kg.export.focus import viewer_dataset
from kg.export.viewer import collect
from kg.graph.convert import dataset_quads
from kg.graph.quadfile import QuadFile, graph_batches

LIMIT = 6
SOURCES = Path(__file__).resolve().parents[2] / "sources"


@pytest.fixture(scope="module")
def whole(seed_build):
    return collect(seed_build.dataset, base_iri=seed_build.settings.base_iri)


@pytest.fixture(scope="module")
def quads(seed_build, tmp_path_factory):
    """The seed build's graph as ``kg build`` hands it to the writers: sorted quads on disk."""
    folder = tmp_path_factory.mktemp("quads")
    with QuadFile.write(graph_batches(dataset_quads(seed_build.dataset)), folder) as quad_file:
        yield quad_file


@pytest.fixture(scope="module")
def capped(seed_build, quads):
    settings = seed_build.settings.replace(viewer_nodes=LIMIT)
    dataset, title = viewer_dataset(quads, settings)
    return collect(dataset, base_iri=settings.base_iri), title


def most_reported(data, limit):
    def rank(iri):
        node = data.nodes[iri]
        return (-len(node["sources"]), -node.get("mentions", 0), iri)

    return sorted(sorted(data.nodes, key=rank)[:limit])


def test_the_seed_graph_has_more_nodes_than_the_limit(whole):
    assert len(whole.nodes) > 3 * LIMIT


def test_the_most_reported_nodes_are_drawn(whole, capped):
    data, title = capped
    assert sorted(data.nodes) == most_reported(whole, LIMIT)
    assert title == f"kg: the {LIMIT} most reported of {len(whole.nodes)} nodes"


def test_a_drawn_node_shows_what_it_shows_in_the_whole_graph(whole, capped):
    data, _ = capped
    for iri, node in data.nodes.items():
        full = whole.nodes[iri]
        for key in ("label", "type", "aliases", "roles", "sources", "sameAs", "mentions"):
            assert node.get(key) == full.get(key), (iri, key)
        assert all(quote in full["quotes"] for quote in node["quotes"])
        assert all(claim in full["claims"] for claim in node["claims"])


def test_edges_between_drawn_nodes_keep_their_evidence(whole, capped):
    data, _ = capped
    kept = set(data.nodes)
    expected = [e for e in whole.edges if e["from"] in kept and e["to"] in kept]
    assert data.edges == expected
    assert any(e["evidence"] for e in data.edges)


def test_every_article_is_still_listed(whole, capped):
    data, _ = capped
    assert data.articles == whole.articles


@pytest.mark.parametrize("limit", [0, 10_000])
def test_no_limit_or_a_high_one_draws_the_whole_graph(seed_build, quads, whole, limit):
    settings = seed_build.settings.replace(viewer_nodes=limit)
    dataset, title = viewer_dataset(quads, settings)
    assert title == "kg"
    assert collect(dataset, base_iri=settings.base_iri) == whole


def test_an_in_memory_dataset_is_capped_the_same_way(seed_build, capped):
    settings = seed_build.settings.replace(viewer_nodes=LIMIT)
    dataset, title = viewer_dataset(seed_build.dataset, settings)
    assert (collect(dataset, base_iri=settings.base_iri), title) == capped


def test_kg_build_takes_the_limit_from_the_command_line(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(SOURCES), "-o", str(out), "-f", "html", "--viewer-nodes", "3", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    page = (out / "graph.html").read_text("utf-8")
    assert re.search(r"<title>kg: the 3 most reported of \d+ nodes</title>", page)
    data = json.loads(re.search(r'id="kg-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 3


def test_a_merged_graph_name_is_read_from_the_settings(seed_build, quads):
    """Only the merged graph is surveyed: article graphs never add nodes."""
    settings = seed_build.settings.replace(viewer_nodes=LIMIT)
    dataset, _ = viewer_dataset(quads, settings)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {str(URIRef(settings.base_iri + "graph/merged"))}
