"""Event coreference across articles: one node per real-world event.

Two reports are one event when they have the same class and polarity
(a denied meeting is not the meeting), share participants (two when both
name two or more, else the one they name; reports that name no one, such as
a disaster's, are one event at one place, and then both must be dated), their
dates agree (an ISO prefix
of each other, or at most ``DATE_SLACK_DAYS`` apart, so that a misread
"Sunday" still joins and shows up as a date conflict) and their places do
not name two different countries.  An undated report joins the dated event
it matches and so inherits its date.

Reports are taken dated first, most precise first, so that the clusters form
around stated dates; candidates come from an index on (class, participant),
never from all pairs.

The id is ``event/{class}/{date}/{two principal participants}``: the
participants most reports name, so adding an article that names one more
person does not change it (the place, for an event that names no one).
"""

from __future__ import annotations

import datetime as dt
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from kg.ids import short_hash
from kg.merge.names import node_id
from kg.merge.reporttable import Report, ReportTable
from kg.merge.scratchdb import IN_MEMORY
from kg.model import (
    COUNTRY,
    CanonicalEvent,
    LocalRef,
    MergedCorpus,
    MergeLink,
    TimeValue,
)

DATE_SLACK_DAYS = 2
PRINCIPALS = 2


@dataclass(slots=True)
class _Cluster:
    index: int
    kind: str
    negated: bool
    hedged: bool
    size: int = 0  # reports
    first: tuple[str, str] | None = None  # the first report's position
    people: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)

    def add(self, report: Report) -> None:
        self.size += 1
        if self.first is None or report.position < self.first:
            self.first = report.position
        self.people.update(set(report.people))
        if report.date:
            self.dates[report.date] += 1
        if report.place:
            self.places[report.place] += 1

    @property
    def date(self) -> str | None:
        """The date most reports give; ties to the most precise, then the earliest."""
        if not self.dates:
            return None
        return sorted(self.dates, key=lambda d: (-self.dates[d], -len(d), d))[0]


def canonical_events(corpus: MergedCorpus, folder: Path | None = None) -> Iterator[CanonicalEvent]:
    """The corpus' canonical events by id; each links its reports in ``corpus.resolution``.

    An event's links are added as it is yielded, so the resolution of events
    is complete once the last one is.  The reports wait in a table in
    ``folder`` (in memory without one) while the events are made.
    """
    names = {e.id: e.name for e in corpus.entities}
    table = ReportTable(folder / "reports.sqlite" if folder else IN_MEMORY)
    try:
        table.add(_reports(corpus))
        clusters, placed = _clusters(table, {e.id: e.kind for e in corpus.entities})
        ids = _ids(clusters)
        by_id = sorted(range(len(clusters)), key=ids.__getitem__)
        rank = array("i", [0]) * len(clusters)
        for position, number in enumerate(by_id):
            rank[number] = position
        table.place(array("i", (rank[number] for number in placed)))
        del placed, rank
        for position, reports in table.by_cluster():
            number = by_id[position]
            cluster, clusters[number] = clusters[number], None  # let go once its event is made
            # a widely reported event has thousands of reports: they pass once, not held
            gathered = _Gathered(cluster.date)
            corpus.resolution.add(ids[number], _links(cluster, gathered.reading(reports)))
            event = _canonical(cluster, gathered, names)
            event.id = ids[number]
            yield event
    finally:
        table.close()


def _clusters(table: ReportTable, kinds: dict[str, str]) -> tuple[list[_Cluster], array]:
    """The clusters the table's reports form, and the cluster of each report by number.

    Each report, in precision order, joins the cluster it fits best or starts one.
    """
    clusters: list[_Cluster] = []
    index = _ClusterIndex(clusters)
    placed = array("i", [0]) * len(table)
    for number, report in table.in_order():
        polarity = report.polarity
        cluster = _best(report, clusters, index.candidates(report, polarity), kinds)
        if cluster is None:
            cluster = _Cluster(len(clusters), *polarity)
            clusters.append(cluster)
        index.add(cluster, report, polarity)
        placed[number] = cluster.index
    return clusters, placed


def actor(corpus: MergedCorpus, article_id: str, key: str | None) -> str | None:
    """The canonical id of an entity acting in a report: a government for a place that acts."""
    if not key:
        return None
    ref = LocalRef(article_id, key)
    return corpus.actors.get(ref) or corpus.resolution.get(ref)


def _reports(corpus: MergedCorpus) -> Iterator[Report]:
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for event in extraction.events:
            people: list[str] = []
            for key in [event.agent, *event.participants]:
                who = actor(corpus, article_id, key)
                if who and who not in people:
                    people.append(who)
            place = (
                corpus.resolution.get(LocalRef(article_id, event.place)) if event.place else None
            )
            polarity = (event.kind, event.negated, event.hedged)
            ref = LocalRef(article_id, event.key)
            yield Report(ref, polarity, event.time, bool(event.agent), tuple(people), place)


class _ClusterIndex:
    """The clusters a report may join, without visiting every cluster of its people.

    A report naming two or more people joins a cluster sharing two of them, or
    a cluster of one of them alone.  A cluster sharing two holds one of the
    report's people other than the one in most clusters, so that person's list,
    often a country's thousands of events, need not be read: only the clusters
    where that person is alone.
    """

    def __init__(self, clusters: list[_Cluster]) -> None:
        self.clusters = clusters
        self.with_person: dict[tuple, set[int]] = defaultdict(set)
        self.alone: dict[tuple, set[int]] = defaultdict(set)  # clusters of that person only
        self.at_place: dict[tuple, set[int]] = defaultdict(set)  # clusters that name no one

    def add(self, cluster: _Cluster, report: Report, polarity: tuple) -> None:
        before = len(cluster.people)
        if before == 1 and any(p not in cluster.people for p in report.people):
            (alone,) = cluster.people  # and no longer
            self.alone[(*polarity, alone)].discard(cluster.index)
        cluster.add(report)
        if not report.people and report.place:
            self.at_place[(*polarity, report.place)].add(cluster.index)
        for person in report.people:
            self.with_person[(*polarity, person)].add(cluster.index)
        if before == 0 and len(cluster.people) == 1:
            self.alone[(*polarity, *cluster.people)].add(cluster.index)

    def candidates(self, report: Report, polarity: tuple) -> dict[int, int]:
        """Cluster -> people shared, for the clusters that share enough of them."""
        people = report.people
        if not people:  # "an earthquake struck Morocco": found by its place, among its like
            return dict.fromkeys(self.at_place.get((*polarity, report.place), ()), 1)
        if len(people) == 1:
            return dict.fromkeys(self.with_person.get((*polarity, people[0]), ()), 1)
        ranked = sorted(people, key=lambda p: len(self.with_person.get((*polarity, p), ())))
        found: dict[int, int] = {}
        for person in ranked[:-1]:
            for c in self.with_person.get((*polarity, person), ()):
                if c not in found:
                    held = self.clusters[c].people
                    found[c] = sum(1 for p in people if p in held)
        for c in self.alone.get((*polarity, ranked[-1]), ()):
            found.setdefault(c, 1)
        return {c: n for c, n in found.items() if n >= min(2, len(self.clusters[c].people))}


def _best(report, clusters, candidates: dict[int, int], kinds) -> _Cluster | None:
    best, best_score = None, 0.0
    for c in sorted(candidates):
        cluster = clusters[c]
        score = _match(report, cluster, kinds, candidates[c])
        if score > best_score:
            best, best_score = cluster, score
    return best


def _match(report: Report, cluster: _Cluster, kinds: dict[str, str], shared: int) -> float:
    """How well a report fits a candidate cluster (see ``_ClusterIndex``) it shares
    ``shared`` people with; 0 when dates or countries say it is another event."""
    value = report.date
    if value and cluster.date and not dates_agree(value, cluster.date):
        return 0.0
    if not report.people and not (value and cluster.date):
        return 0.0  # a place alone, without a date, is not enough to tell it is one event
    place = report.place
    elsewhere = bool(place and cluster.places and place not in cluster.places)
    if elsewhere and all(kinds.get(p) == COUNTRY for p in [place, *cluster.places]):
        return 0.0  # two different countries
    return (
        shared + (1.0 if value and cluster.date else 0.0) + (0.5 if place in cluster.places else 0)
    )


def dates_agree(a: str, b: str) -> bool:
    """ISO values that may name the same day: one a prefix of the other, or days close by."""
    if a.startswith(b) or b.startswith(a):
        return True
    if len(a) == len(b) == 10:
        try:
            days = abs((dt.date.fromisoformat(a) - dt.date.fromisoformat(b)).days)
        except ValueError:
            return False
        return days <= DATE_SLACK_DAYS
    return False


class _Gathered:
    """What an event takes from its reports as they pass by, in position order."""

    def __init__(self, date: str | None) -> None:
        self.date = date
        self.agents: Counter[str] = Counter()
        self.time: TimeValue | None = None  # the first to give the date, or any time if none

    def reading(self, reports: Iterable[Report]) -> Iterator[Report]:
        for report in reports:
            if report.has_agent and report.people:
                self.agents[report.people[0]] += 1
            time = report.time
            if time and (self.time is None or self.time.value != self.date == time.value):
                self.time = time
            yield report


def _canonical(cluster: _Cluster, gathered: _Gathered, names: dict[str, str]) -> CanonicalEvent:
    agents = gathered.agents
    agent = sorted(agents, key=lambda a: (-agents[a], a))[0] if agents else None
    date = cluster.date
    time = gathered.time
    place = (
        sorted(cluster.places, key=lambda p: (-cluster.places[p], p))[0] if cluster.places else None
    )
    ranked = _principals(cluster)
    who = ", ".join(names.get(p, p) for p in ranked[:4]) or names.get(place or "", "unknown")
    return CanonicalEvent(
        id="",
        kind=cluster.kind,
        label=f"{cluster.kind}: {who}" + (f" ({date})" if date else ""),
        agent=agent,
        participants=sorted(cluster.people),
        place=place,
        time=time,
        negated=cluster.negated,
        hedged=cluster.hedged,
    )


def _links(cluster: _Cluster, reports: Iterable[Report]) -> Iterator[MergeLink]:
    """Why each report joined the event."""
    date = cluster.date
    for r in reports:
        yield MergeLink(member=r.ref, reason=_reason(r, cluster, date), score=_score(r, cluster))


def _principals(cluster: _Cluster) -> list[str]:
    return sorted(cluster.people, key=lambda p: (-cluster.people[p], p))


def _reason(report: Report, cluster: _Cluster, date: str | None) -> str:
    if cluster.size == 1:
        return "single"
    value = report.date
    if value is None and date:
        return "same-participants, date inherited"
    return "same-participants-and-date" if value else "same-participants"


def _score(report: Report, cluster: _Cluster) -> float:
    """The share of the report's participants the event has from other reports too."""
    if cluster.size == 1 or not report.people:
        return 1.0
    # cluster.people counts the reports naming each participant, this one included
    others = sum(1 for p in report.people if cluster.people[p] > 1)
    return round(others / len(report.people), 3)


def _ids(clusters: list[_Cluster]) -> list[str]:
    """Each cluster's event id, a clash of ids told apart by the first report's position."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for number, cluster in enumerate(clusters):
        principals = [p.split("/", 1)[-1] for p in _principals(cluster)[:PRINCIPALS]]
        if not principals and cluster.places:  # a disaster names no one: its place
            place = sorted(cluster.places, key=lambda p: (-cluster.places[p], p))[0]
            principals = [place.split("/", 1)[-1]]
        date = cluster.date or "undated"
        polarity = ["not"] if cluster.negated else (["reported"] if cluster.hedged else [])
        # with no one to name it by, a report stands alone: its own position names it
        named_by = sorted(principals) or [short_hash(*cluster.first)[:8]]
        ident = node_id("event", cluster.kind, date, *polarity, *named_by)
        by_id[ident].append(number)
    ids = [""] * len(clusters)
    for ident, numbers in by_id.items():
        numbers.sort(key=lambda n: (-clusters[n].size, clusters[n].first))
        ids[numbers[0]] = ident
        for number in numbers[1:]:
            ids[number] = f"{ident}-{short_hash(*clusters[number].first)[:6]}"
    return ids
