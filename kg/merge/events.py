"""Event coreference across articles: one node per real-world event.

Two reports are one event when they have the same class and polarity
(a denied meeting is not the meeting), share participants (two when both
name two or more, else the one they name), their dates agree (an ISO prefix
of each other, or at most ``DATE_SLACK_DAYS`` apart, so that a misread
"Sunday" still joins and shows up as a date conflict) and their places do
not name two different countries.  An undated report joins the dated event
it matches and so inherits its date.

Reports are taken dated first, most precise first, so that the clusters form
around stated dates; candidates come from an index on (class, participant),
never from all pairs.

The id is ``event/{class}/{date}/{two principal participants}``: the
participants most reports name, so adding an article that names one more
person does not change it.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from kg.ids import short_hash
from kg.merge.names import node_id
from kg.merge.shared import OneCopy
from kg.model import (
    COUNTRY,
    CanonicalEvent,
    LocalRef,
    MergedCorpus,
    MergeLink,
    TimeValue,
)
from kg.settings import Settings

DATE_SLACK_DAYS = 2
PRINCIPALS = 2


@dataclass(slots=True)
class _Report:
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


@dataclass(slots=True)
class _Cluster:
    index: int
    kind: str
    negated: bool
    hedged: bool
    reports: list[_Report] = field(default_factory=list)
    people: Counter[str] = field(default_factory=Counter)
    dates: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)

    def add(self, report: _Report) -> None:
        self.reports.append(report)
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


def resolve_events(corpus: MergedCorpus, settings: Settings) -> None:
    """Fill ``corpus.events`` and map every article-level event to its canonical id."""
    clusters = _clusters(corpus)
    ids = _ids(clusters)
    names = {e.id: e.name for e in corpus.entities}
    events = []
    # each cluster is let go once its event and links are made: the two are not held at once
    clusters.reverse()
    ids.reverse()
    while clusters:
        cluster = clusters.pop()
        event = _canonical(cluster, names)
        event.id = ids.pop()
        corpus.resolution.add(event.id, _links(cluster))
        events.append(event)
    corpus.events = sorted(events, key=lambda e: e.id)


def _clusters(corpus: MergedCorpus) -> list[_Cluster]:
    """The corpus' reports, each in the cluster it fits best or in a new one."""
    kinds = {e.id: e.kind for e in corpus.entities}
    clusters: list[_Cluster] = []
    index = _ClusterIndex(clusters)
    for report in sorted(_reports(corpus), key=_precision_order):
        polarity = report.polarity
        cluster = _best(report, clusters, index.candidates(report, polarity), kinds)
        if cluster is None:
            cluster = _Cluster(len(clusters), *polarity)
            clusters.append(cluster)
        index.add(cluster, report, polarity)
    return clusters


def actor(corpus: MergedCorpus, article_id: str, key: str | None) -> str | None:
    """The canonical id of an entity acting in a report: a government for a place that acts."""
    if not key:
        return None
    ref = LocalRef(article_id, key)
    return corpus.actors.get(ref) or corpus.resolution.get(ref)


def _reports(corpus: MergedCorpus) -> list[_Report]:
    reports = []
    one = OneCopy(corpus.article_ids)
    for extraction in corpus.extractions:
        article_id = one(extraction.article.id)
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
            ref, time = LocalRef(article_id, one(event.key)), one(event.time)
            # the resolution reads each id afresh: one copy of each, not one per report
            people_ids = one(tuple(map(one, people)))
            report = _Report(ref, one(polarity), time, bool(event.agent), people_ids, one(place))
            reports.append(report)
    return reports


def _precision_order(report: _Report) -> tuple:
    value = report.date
    return (value is None, -len(value or ""), value or "", report.ref.article_id, report.ref.key)


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

    def add(self, cluster: _Cluster, report: _Report, polarity: tuple) -> None:
        before = len(cluster.people)
        if before == 1 and any(p not in cluster.people for p in report.people):
            (alone,) = cluster.people  # and no longer
            self.alone[(*polarity, alone)].discard(cluster.index)
        cluster.add(report)
        for person in report.people:
            self.with_person[(*polarity, person)].add(cluster.index)
        if before == 0 and len(cluster.people) == 1:
            self.alone[(*polarity, *cluster.people)].add(cluster.index)

    def candidates(self, report: _Report, polarity: tuple) -> dict[int, int]:
        """Cluster -> people shared, for the clusters that share enough of them."""
        people = report.people
        if not people:
            return {}
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


def _match(report: _Report, cluster: _Cluster, kinds: dict[str, str], shared: int) -> float:
    """How well a report fits a candidate cluster (see ``_ClusterIndex``) it shares
    ``shared`` people with; 0 when dates or countries say it is another event."""
    value = report.date
    if value and cluster.date and not dates_agree(value, cluster.date):
        return 0.0
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


def _canonical(cluster: _Cluster, names: dict[str, str]) -> CanonicalEvent:
    agents = Counter(r.people[0] for r in cluster.reports if r.has_agent and r.people)
    agent = sorted(agents, key=lambda a: (-agents[a], a))[0] if agents else None
    date = cluster.date
    time = _time(cluster, date)
    place = (
        sorted(cluster.places, key=lambda p: (-cluster.places[p], p))[0] if cluster.places else None
    )
    ranked = _principals(cluster)
    who = ", ".join(names.get(p, p) for p in ranked[:4]) or "unknown"
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


def _links(cluster: _Cluster) -> list[MergeLink]:
    """Why each report joined the event."""
    date = cluster.date
    return [
        MergeLink(member=r.ref, reason=_reason(r, cluster, date), score=_score(r, cluster))
        for r in sorted(cluster.reports, key=_position)
    ]


def _time(cluster: _Cluster, date: str | None) -> TimeValue | None:
    if date is None:
        texts = [r.time for r in cluster.reports if r.time]
        return texts[0] if texts else None
    return next(r.time for r in cluster.reports if r.time and r.time.value == date)


def _principals(cluster: _Cluster) -> list[str]:
    return sorted(cluster.people, key=lambda p: (-cluster.people[p], p))


def _reason(report: _Report, cluster: _Cluster, date: str | None) -> str:
    if len(cluster.reports) == 1:
        return "single"
    value = report.date
    if value is None and date:
        return "same-participants, date inherited"
    return "same-participants-and-date" if value else "same-participants"


def _score(report: _Report, cluster: _Cluster) -> float:
    """The share of the report's participants the event has from other reports too."""
    if len(cluster.reports) == 1 or not report.people:
        return 1.0
    # cluster.people counts the reports naming each participant, this one included
    others = sum(1 for p in report.people if cluster.people[p] > 1)
    return round(others / len(report.people), 3)


def _ids(clusters: list[_Cluster]) -> list[str]:
    """Each cluster's event id, a clash of ids told apart by the first report's position."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for number, cluster in enumerate(clusters):
        principals = [p.split("/", 1)[-1] for p in _principals(cluster)[:PRINCIPALS]]
        date = cluster.date or "undated"
        polarity = ["not"] if cluster.negated else (["reported"] if cluster.hedged else [])
        # with no one to name it by, a report stands alone: its own position names it
        named_by = sorted(principals) or [short_hash(*_first(cluster))[:8]]
        ident = node_id("event", cluster.kind, date, *polarity, *named_by)
        by_id[ident].append(number)
    ids = [""] * len(clusters)
    for ident, numbers in by_id.items():
        numbers.sort(key=lambda n: (-len(clusters[n].reports), _first(clusters[n])))
        ids[numbers[0]] = ident
        for number in numbers[1:]:
            ids[number] = f"{ident}-{short_hash(*_first(clusters[number]))[:6]}"
    return ids


def _position(report: _Report) -> tuple[str, str]:
    return report.ref.article_id, report.ref.key


def _first(cluster: _Cluster) -> tuple[str, str]:
    return min(map(_position, cluster.reports))
