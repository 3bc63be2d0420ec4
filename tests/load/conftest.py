"""A real Oxigraph server for the load tests (see tests/stores/servers.py)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "stores"))

from servers import RunningStore, StoreFailedToStart, start_oxigraph  # noqa: E402

MINI = Path(__file__).resolve().parents[1] / "query" / "data" / "mini.trig"


@pytest.fixture(scope="session")
def mini() -> Path:
    return MINI


@pytest.fixture
def oxigraph(tmp_path) -> Iterator[RunningStore]:
    """A fresh, empty Oxigraph server for each test (it starts in well under a second)."""
    try:
        store = start_oxigraph(tmp_path)
    except StoreFailedToStart as err:
        pytest.fail(str(err), pytrace=False)
    yield store
    store.stop()
