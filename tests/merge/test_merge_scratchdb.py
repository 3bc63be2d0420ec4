"""A PickledList reads back what it was given, in order, from disk or memory; the
scratch databases share one memory budget."""

from __future__ import annotations

import ctypes
import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from kg.merge import scratchdb
from kg.merge.scratchdb import PickledList
from kg.model import CanonicalQuote, QuoteVariant


def _quote(i: int) -> CanonicalQuote:
    text = f"We will meet again, number {i} \u00e9\u4e2d"
    return CanonicalQuote(f"quote/{i}", text, "person/a", variants=[QuoteVariant("a", text, 0, 9)])


def test_items_come_back_equal_and_in_order_across_write_batches(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(scratchdb, "_BATCH_ROWS", 3)
    quotes = [_quote(i) for i in range(10)]
    stored = PickledList(iter(quotes), tmp_path / "quotes.sqlite")  # a stream will do
    assert len(stored) == 10
    assert list(stored) == quotes
    assert list(stored) == quotes  # as often as asked
    assert stored[0] == quotes[0] and stored[-1] == quotes[-1] and stored[4] == quotes[4]
    assert stored[2:8:3] == quotes[2:8:3]
    with pytest.raises(IndexError):
        stored[10]
    with pytest.raises(IndexError):
        stored[-11]
    stored.close()
    assert (tmp_path / "quotes.sqlite").stat().st_size > 0


def test_large_items_are_written_a_megabyte_at_a_time(tmp_path, monkeypatch) -> None:
    batches: list[int] = []
    real_write = scratchdb.write

    def counting_write(db, statement, rows):
        batches.append(sum(len(blob) for _, blob in rows))
        real_write(db, statement, rows)

    monkeypatch.setattr(scratchdb, "write", counting_write)
    item = "evidence sentence " * 4000  # about 70 KiB pickled: 60 of them fill no row batch
    stored = PickledList([f"{i} {item}" for i in range(60)], tmp_path / "facts.sqlite")
    assert len([b for b in batches if b]) >= 4
    assert max(batches) < scratchdb._BATCH_BYTES + len(item) + 100
    assert [text.split()[0] for text in stored] == [str(i) for i in range(60)]
    stored.close()


def test_an_empty_list_stays_empty() -> None:
    stored = PickledList([])
    assert len(stored) == 0 and list(stored) == [] and stored[:] == []


def _sqlite_library() -> ctypes.CDLL:
    """The SQLite library Python's sqlite3 module runs on, to read its memory counter."""
    maps = Path("/proc/self/maps")
    paths = maps.read_text().split() if maps.exists() else []
    found = sorted({p for p in paths if "/libsqlite3" in p})
    # kg builds on Linux, where Python's sqlite3 loads SQLite as a shared library: without
    # one the budget cannot be measured, and that is a failure to see, not a test to skip
    assert found, "no shared SQLite library in this process to read SQLite's memory from"
    library = ctypes.CDLL(found[0])
    library.sqlite3_memory_used.restype = ctypes.c_int64
    return library


@pytest.fixture
def heap_limit() -> Iterator[sqlite3.Connection]:
    """A connection to read and set SQLite's process-wide soft heap limit, restored after."""
    db = sqlite3.connect(":memory:")
    (before,) = db.execute("PRAGMA soft_heap_limit").fetchone()
    db.execute("PRAGMA soft_heap_limit=0")
    yield db
    db.execute(f"PRAGMA soft_heap_limit={before}")
    db.close()


def test_open_databases_share_one_memory_budget(tmp_path, heap_limit) -> None:
    library = _sqlite_library()
    noise = random.Random(7)
    # four lists, each written past its own page cache cap: 4 x CACHE_KIB without a budget
    blobs = [noise.randbytes(4096) for _ in range(3 * scratchdb.CACHE_KIB // 4)]
    lists = [PickledList(blobs, tmp_path / f"list{i}.sqlite") for i in range(4)]
    used = library.sqlite3_memory_used()
    assert used <= scratchdb.HEAP_BUDGET * 1.25, f"SQLite holds {used / 2**20:.1f} MiB"
    assert lists[3][-1] == blobs[-1]
    for stored in lists:
        stored.close()


def test_a_tighter_limit_of_the_host_program_is_kept(heap_limit) -> None:
    heap_limit.execute("PRAGMA soft_heap_limit=1000000")
    PickledList([1, 2, 3]).close()
    assert heap_limit.execute("PRAGMA soft_heap_limit").fetchone() == (1000000,)
    heap_limit.execute("PRAGMA soft_heap_limit=0")
    PickledList([1, 2, 3]).close()
    assert heap_limit.execute("PRAGMA soft_heap_limit").fetchone() == (scratchdb.HEAP_BUDGET,)
