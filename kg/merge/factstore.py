"""The facts, gathered on disk: every report of every article, then one fact per key, in order.

    store = FactStore(folder / "facts.sqlite")       # or FactStore() in memory
    store.report(key, article_id, evidence, hedge)   # each claim, role and event slot read
    store.keep(make(key, reports) for key, reports in store.grouped())
    for fact in store: ...                           # the facts, in key order, as often as needed

Every article reports a few dozen facts, each with its evidence sentence, and
most facts are reported once, so gathered in a dict the facts were the
largest part of what a build held (4 KiB per article).  Here the reports are
rows of a SQLite table, sorted by SQLite when the last article is read, and
the facts made from them are written back as they are made: memory holds one
fact's reports at a time and SQLite's page cache.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from kg.merge.scratchdb import IN_MEMORY, PickledList, connect, write
from kg.model import Evidence, Fact

# subject, predicate, object, value, datatype, negated, hedged
FactKey = tuple[str, str, "str | None", "str | None", "str | None", bool, bool]
KEY_COLUMNS = 7

_SCHEMA = """
CREATE TABLE report (
    subject TEXT, predicate TEXT, object TEXT, value TEXT, datatype TEXT,
    negated INTEGER, hedged INTEGER,
    article TEXT,
    evidence_article TEXT, evidence_start INTEGER, evidence_end INTEGER,
    evidence_sentence TEXT, evidence_extractor TEXT, evidence_confidence REAL,
    hedge TEXT
);
"""
# the order of the fact keys: None sorts as "", False before True
_KEY_ORDER = (
    "subject, predicate, coalesce(object, ''), coalesce(value, ''), coalesce(datatype, ''),"
    " negated, hedged, object IS NULL, value IS NULL, datatype IS NULL"
)
_BUFFER_ROWS = 10_000


@dataclass(slots=True)
class Reports:
    """What the articles said of one fact: who said it, on what evidence, with what hedges."""

    sources: set[str] = field(default_factory=set)
    evidence: list[Evidence] = field(default_factory=list)
    hedges: set[str] = field(default_factory=set)


class FactStore:
    """Reports of facts, then the facts made of them, in a SQLite database."""

    def __init__(self, path: Path | str = IN_MEMORY) -> None:
        self._db = connect(path, _SCHEMA)
        self._buffer: list[tuple] = []
        self._facts: Sequence[Fact] = ()

    def report(
        self, key: FactKey, article_id: str, evidence: Evidence | None, hedge: str | None = None
    ) -> None:
        """Note that ``article_id`` reported the fact ``key``."""
        if evidence is None:
            said = (None, None, None, None, None, None)
        else:
            e = evidence
            said = (e.article_id, e.start, e.end, e.sentence, e.extractor, e.confidence)
        self._buffer.append((*key, article_id, *said, hedge))
        if len(self._buffer) >= _BUFFER_ROWS:
            self._flush()

    def grouped(self) -> Iterator[tuple[FactKey, Reports]]:
        """Each fact key reported, in key order, with its reports."""
        self._flush()
        rows = self._db.execute(f"SELECT * FROM report ORDER BY {_KEY_ORDER}")
        for key, group in groupby(rows, key=lambda row: row[:KEY_COLUMNS]):
            reports = Reports()
            for row in group:
                source, ev_article, start, end, sentence, extractor, confidence, hedge = row[
                    KEY_COLUMNS:
                ]
                reports.sources.add(source)
                if ev_article is not None:
                    reports.evidence.append(
                        Evidence(ev_article, start, end, sentence, extractor, confidence)
                    )
                if hedge:
                    reports.hedges.add(hedge)
            *names, negated, hedged = key
            yield (*names, bool(negated), bool(hedged)), reports

    def keep(self, facts: Iterable[Fact]) -> None:
        """Store ``facts`` (made from :meth:`grouped`, in its order) in place of the reports."""
        self._facts = PickledList(facts, self._db)
        self._db.execute("DELETE FROM report")

    def __iter__(self) -> Iterator[Fact]:
        return iter(self._facts)

    def __len__(self) -> int:
        return len(self._facts)

    def close(self) -> None:
        self._db.close()

    def _flush(self) -> None:
        write(self._db, f"INSERT INTO report VALUES ({', '.join('?' * 15)})", self._buffer)
        self._buffer = []
