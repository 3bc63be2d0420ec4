"""Fixtures for the query tests: the hand-written graph, also under another base IRI."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
MINI = DATA / "mini.trig"
DEFAULT_BASE = "https://kg.example.org/"
OTHER_BASE = "https://news.example.net/kg/"


@pytest.fixture(scope="session")
def mini() -> Path:
    return MINI


@pytest.fixture(scope="session")
def mini_other_base(tmp_path_factory) -> Path:
    """mini.trig with every IRI minted under OTHER_BASE."""
    path = tmp_path_factory.mktemp("other-base") / "graph.trig"
    path.write_text(MINI.read_text(encoding="utf-8").replace(DEFAULT_BASE, OTHER_BASE), "utf-8")
    return path
