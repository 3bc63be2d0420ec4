"""The event reports the event resolver clusters, kept on disk while it runs.

    table = ReportTable(folder / "reports.sqlite")   # or ReportTable() in memory
    table.add(reports)                               # a stream, in any order
    for number, report in table.in_order(): ...      # dated first, most precise first
    table.place(clusters)                            # report number -> cluster number
    for cluster, reports in table.by_cluster(): ...  # in cluster order, each by position

Every article reports several events, and the resolver needs all of them
twice: once in date order to form the clusters, once cluster by cluster to
make the canonical events.  Held as objects between the two (with their
references and times) they were the largest part of the event step's peak,
about 1 KiB per article.  Here they are rows, read back one at a time;
memory holds the clusters' counts and one number per report.
"""

from __future__ import annotations

import pickle
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import groupby
from pathlib import Path

from kg.merge.scratchdb import IN_MEMORY, connect, discard, write
from kg.model import LocalRef, TimeValue

_SCHEMA = """
CREATE TABLE report (
    number INTEGER PRIMARY KEY,
    article TEXT NOT NULL,
    key TEXT NOT NULL,
    kind TEXT NOT NULL,
    negated INTEGER NOT NULL,
    hedged INTEGER NOT NULL,
    date TEXT,
    time BLOB,
    has_agent INTEGER NOT NULL,
    people TEXT NOT NULL,
    place TEXT,
    cluster INTEGER
);
"""
_COLUMNS = "number, article, key, kind, negated, hedged, time, has_agent, people, place"
_PEOPLE_SEPARATOR = "\x1f"  # canonical ids are slugs: they never hold a control character


@dataclass(slots=True)
class Report:
    """What event resolution needs of one article-level event (not its trigger or evidence)."""

    ref: LocalRef
    polarity: tuple[str, bool, bool]  # kind, negated, hedged
    time: TimeValue | None
    has_agent: bool
    people: tuple[str, ...]  # distinct canonical ids, agent first
    place: str | None

    @property
    def date(self) -> str | None:
        return self.time.value if self.time else None

    @property
    def position(self) -> tuple[str, str]:
        return self.ref.article_id, self.ref.key


class ReportTable:
    """Reports as rows of a SQLite table, numbered from 0 in the order they were added."""

    def __init__(self, path: Path | str = IN_MEMORY) -> None:
        self._db = connect(path, _SCHEMA)
        self._path = path
        self._count = 0

    def add(self, reports: Iterable[Report]) -> None:
        insert = "INSERT INTO report VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)"
        write(self._db, insert, self._rows(reports))

    def in_order(self) -> Iterator[tuple[int, Report]]:
        """Each report and its number: dated first, most precise first, then by date, position."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM report"
            " ORDER BY date IS NULL, -length(date), date, article, key"
        )
        for number, *columns in rows:
            yield number, _report(*columns)

    def place(self, clusters: array) -> None:
        """Put report ``n`` in cluster ``clusters[n]``."""
        write(self._db, "UPDATE report SET cluster = ? WHERE number = ?", _numbered(clusters))

    def by_cluster(self) -> Iterator[tuple[int, Iterator[Report]]]:
        """Each cluster's number and reports, by cluster number, each cluster's by position.

        A cluster's reports are read as they are asked for: read them before the next cluster.
        """
        rows = self._db.execute(
            f"SELECT cluster, {_COLUMNS} FROM report ORDER BY cluster, article, key"
        )
        for cluster, group in groupby(rows, key=lambda row: row[0]):
            yield cluster, (_report(*columns) for _, _, *columns in group)

    def __len__(self) -> int:
        return self._count

    def close(self) -> None:
        """Close the table and delete its file: it lives only while events are resolved."""
        discard(self._db, self._path)

    def _rows(self, reports: Iterable[Report]) -> Iterator[tuple]:
        for report in reports:
            kind, negated, hedged = report.polarity
            time = _pickled(report.time) if report.time else None
            people = _PEOPLE_SEPARATOR.join(report.people)
            yield (self._count, *report.position, kind, negated, hedged, report.date, time,
                   report.has_agent, people, report.place)  # fmt: skip
            self._count += 1


def _report(article, key, kind, negated, hedged, time, has_agent, people, place) -> Report:
    return Report(
        ref=LocalRef(article, key),
        polarity=(kind, bool(negated), bool(hedged)),
        time=pickle.loads(time) if time is not None else None,
        has_agent=bool(has_agent),
        people=tuple(people.split(_PEOPLE_SEPARATOR)) if people else (),
        place=place,
    )


def _pickled(time: TimeValue) -> bytes:
    return pickle.dumps(time, protocol=pickle.HIGHEST_PROTOCOL)


def _numbered(clusters: array) -> Iterator[tuple[int, int]]:
    for number, cluster in enumerate(clusters):
        yield cluster, number
