"""Session fixtures: real Oxigraph and Virtuoso servers, and graphs loaded into them."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from servers import (  # noqa: E402 - after the path set-up above
    RunningStore,
    StoreFailedToStart,
    start_oxigraph,
    start_virtuoso,
)

from kg.query import merged_graph, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "query" / "data" / "mini.trig"
DEFAULT_BASE = "https://kg.example.org/"
# The small graph goes in under another base, so it and the seed build can
# share a store, and a non-default base is exercised end to end.
MINI_BASE = "https://mini.example.net/news-kg/"


def _started(start, folder: Path) -> Iterator[RunningStore]:
    try:
        store = start(folder)
    except StoreFailedToStart as err:
        pytest.fail(str(err), pytrace=False)
    yield store
    store.stop()


@pytest.fixture(scope="session")
def oxigraph_store(tmp_path_factory) -> Iterator[RunningStore]:
    yield from _started(start_oxigraph, tmp_path_factory.mktemp("oxigraph"))


@pytest.fixture(scope="session")
def virtuoso_store(tmp_path_factory) -> Iterator[RunningStore]:
    yield from _started(start_virtuoso, tmp_path_factory.mktemp("virtuoso"))


@pytest.fixture(scope="session", params=["oxigraph", "virtuoso"])
def store(request) -> RunningStore:
    return request.getfixturevalue(f"{request.param}_store")


@dataclass(frozen=True)
class GraphFile:
    """A built graph on disk and what the stores must end up holding."""

    name: str
    path: Path
    merged: str
    counts: dict[str, int]  # graph IRI -> triples


def graph_file(name: str, path: Path) -> GraphFile:
    local = open_store(path)
    counts = {
        g.value: len(list(local.quads_for_pattern(None, None, None, g)))
        for g in local.named_graphs()
    }
    return GraphFile(name, path, merged_graph(local).value, counts)


@pytest.fixture(scope="session")
def mini_graph(tmp_path_factory) -> GraphFile:
    path = tmp_path_factory.mktemp("mini") / "graph.trig"
    path.write_text(MINI.read_text(encoding="utf-8").replace(DEFAULT_BASE, MINI_BASE), "utf-8")
    return graph_file("mini", path)


@pytest.fixture(scope="session")
def seeds_graph(seed_build) -> GraphFile:
    return graph_file("seeds", seed_build.output / "graph.trig")


@pytest.fixture(scope="session", params=["mini", "seeds"])
def graph(request) -> GraphFile:
    return request.getfixturevalue(f"{request.param}_graph")
