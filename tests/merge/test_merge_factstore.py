"""The fact store: reports gathered on disk, grouped by fact key, facts read back in order."""

from __future__ import annotations

import pytest

from kg.merge import factstore
from kg.merge.factstore import FactStore
from kg.model import Evidence, Fact


def _evidence(article: str, start: int = 0) -> Evidence:
    return Evidence(article, start, start + 10, f"A sentence of {article}.", "rule", 0.9)


def _fact(key, reports) -> Fact:
    subject, predicate, obj, value, datatype, negated, hedged = key
    return Fact(
        subject,
        predicate,
        obj,
        value,
        datatype,
        sources=sorted(reports.sources),
        evidence=sorted(reports.evidence, key=lambda e: (e.article_id, e.start)),
        negated=negated,
        hedged=hedged,
        hedges=sorted(reports.hedges),
    )


MET = ("person/li", "met", "person/putin", None, None, False, False)
MET_HEDGED = ("person/li", "met", "person/putin", None, None, False, True)
DATE = ("event/meeting", "date", None, "2023-04-16", "date", False, False)
NOT_MET = ("person/li", "met", "person/putin", None, None, True, False)


def test_reports_are_grouped_by_key_in_key_order():
    store = FactStore()
    store.report(MET_HEDGED, "b", _evidence("b"), "reportedly")
    store.report(MET, "b", _evidence("b", 5))
    store.report(DATE, "a", None)
    store.report(MET, "a", _evidence("a"))
    store.report(NOT_MET, "c", _evidence("c"))
    store.report(MET, "a", _evidence("a", 20))
    store.report(MET_HEDGED, "c", _evidence("c"), "allegedly")
    grouped = list(store.grouped())
    # sorted as tuples of strings, None as "" and False before True
    assert [key for key, _ in grouped] == [DATE, MET, MET_HEDGED, NOT_MET]
    reports = dict(grouped)
    assert reports[MET].sources == {"a", "b"}
    assert sorted(e.start for e in reports[MET].evidence) == [0, 5, 20]
    assert reports[MET_HEDGED].hedges == {"reportedly", "allegedly"}
    assert reports[DATE].evidence == [] and reports[DATE].sources == {"a"}
    assert all(isinstance(key[5], bool) and isinstance(key[6], bool) for key, _ in grouped)


def test_facts_kept_read_back_in_order_as_often_as_asked(tmp_path):
    store = FactStore(tmp_path / "facts.sqlite")
    for article in "cab":
        store.report(MET, article, _evidence(article))
        store.report(DATE, article, _evidence(article, 40))
    store.keep(_fact(key, reports) for key, reports in store.grouped())
    assert len(store) == 2
    first, second = list(store), list(store)
    assert first == second
    assert [f.predicate for f in first] == ["date", "met"]
    assert first[1].sources == ["a", "b", "c"]
    assert [e.article_id for e in first[1].evidence] == ["a", "b", "c"]
    assert list(store.grouped()) == []  # the reports gave way to the facts
    store.close()


def test_reports_beyond_one_buffer_are_all_counted(monkeypatch):
    monkeypatch.setattr(factstore, "_BUFFER_ROWS", 7)
    store = FactStore()
    for i in range(100):
        store.report(MET if i % 2 else DATE, f"a{i:03}", _evidence(f"a{i:03}"))
    store.keep(_fact(key, reports) for key, reports in store.grouped())
    assert [len(f.sources) for f in store] == [50, 50]


@pytest.mark.parametrize("text", ["Zoë", "東京", "emoji 🚀", "tab\tnew\nline"])
def test_any_text_comes_back_as_it_went_in(text):
    store = FactStore()
    key = ("person/x", "said", None, text, None, False, False)
    store.report(key, text, Evidence(text, 0, 1, text, text, 0.5), text)
    ((back, reports),) = store.grouped()
    assert back == key
    assert reports.sources == {text} and reports.hedges == {text}
    assert reports.evidence == [Evidence(text, 0, 1, text, text, 0.5)]
