"""Event coreference across articles: one node per real-world event."""

from __future__ import annotations

from kg.ids import id_path
from kg.model import CanonicalEvent, Event, LocalRef, MergedCorpus, MergeLink, TimeValue
from kg.settings import Settings


def resolve_events(corpus: MergedCorpus, settings: Settings) -> None:
    """Merge article-level events of the same class that share participants.

    Two reports are the same event when their classes agree, at least two
    canonical participants (agent included) are shared, and their dates,
    where both are known, agree.
    """
    clusters: list[tuple[CanonicalEvent, set[str]]] = []
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for event in extraction.events:
            people = _participants(corpus, article_id, event)
            place = _resolve(corpus, article_id, event.place)
            host = _find(clusters, event, people)
            if host is None:
                host = CanonicalEvent(id="", kind=event.kind, label="", time=event.time)
                clusters.append((host, set()))
            canonical, members = next(c for c in clusters if c[0] is host)
            members |= people
            canonical.place = canonical.place or place
            canonical.time = _better_time(canonical.time, event.time)
            canonical.negated = canonical.negated or event.negated
            canonical.hedged = canonical.hedged or event.hedged
            if event.agent and not canonical.agent:
                canonical.agent = _resolve(corpus, article_id, event.agent)
            canonical.members.append(
                MergeLink(member=LocalRef(article_id, event.key), reason="event", score=1.0)
            )
    _name(corpus, clusters)


def _resolve(corpus: MergedCorpus, article_id: str, key: str | None) -> str | None:
    return corpus.resolution.get(LocalRef(article_id, key)) if key else None


def _participants(corpus: MergedCorpus, article_id: str, event: Event) -> set[str]:
    keys = [event.agent, *event.participants]
    return {c for c in (_resolve(corpus, article_id, k) for k in keys) if c}


def _find(clusters, event: Event, people: set[str]) -> CanonicalEvent | None:
    for canonical, members in clusters:
        if canonical.kind != event.kind or len(members & people) < min(2, len(people)):
            continue
        if not people:
            continue
        if _dates_clash(canonical.time, event.time):
            continue
        return canonical
    return None


def _dates_clash(a: TimeValue | None, b: TimeValue | None) -> bool:
    if not a or not b or not a.value or not b.value:
        return False
    short = min(len(a.value), len(b.value))
    return a.value[:short] != b.value[:short]


def _better_time(current: TimeValue | None, new: TimeValue | None) -> TimeValue | None:
    """Keep the most precise known date."""
    if new is None or not new.value:
        return current if current and current.value else (current or new)
    if current is None or not current.value or len(new.value) > len(current.value):
        return new
    return current


def _name(corpus: MergedCorpus, clusters) -> None:
    names = {e.id: e.name for e in corpus.entities}
    taken: set[str] = set()
    for canonical, members in clusters:
        canonical.participants = sorted(members)
        who = sorted(names.get(m, m) for m in members)
        date = canonical.time.value if canonical.time and canonical.time.value else None
        canonical.label = f"{canonical.kind}: {', '.join(who) or 'unknown'}" + (
            f" ({date})" if date else ""
        )
        ident = id_path("event", canonical.kind, " ".join(filter(None, [date, *who])))
        suffix = 2
        while ident in taken:
            ident = id_path("event", canonical.kind, f"{date or ''} {' '.join(who)} {suffix}")
            suffix += 1
        taken.add(ident)
        canonical.id = ident
        for link in canonical.members:
            corpus.resolution[link.member] = ident
        corpus.events.append(canonical)
    corpus.events.sort(key=lambda e: e.id)
