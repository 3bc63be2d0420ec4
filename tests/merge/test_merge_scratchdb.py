"""A PickledList reads back what it was given, in order, from disk or memory."""

from __future__ import annotations

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


def test_an_empty_list_stays_empty() -> None:
    stored = PickledList([])
    assert len(stored) == 0 and list(stored) == [] and stored[:] == []
