"""Facts: every claim, role and event slot, with its sources, support and conflicts.

A fact is one (subject, predicate, object or value, negated, hedged): a
negated or hedged report is a different fact from the asserted one, so the
two stay distinguishable.  Each fact keeps its sources (article ids), its
evidence sentences, its support (independent reports: copies of one text
count once, see ``duplicates.py``) and a confidence that grows with
independent evidence.

Conflicts: where the slot holds one value (``data/slots.json``: an event's
date, a duration, a count ...) and asserted facts give values that cannot
both be true, every value is kept and the slot is flagged as a
:class:`Conflict`.  A person's title is such a slot too: two different
titles of the same rank for one employer ("defense minister" / "foreign
minister" of China) conflict.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from itertools import groupby
from operator import attrgetter

from kg.merge.duplicates import Independence
from kg.merge.events import actor, dates_agree
from kg.merge.factstore import FactKey, FactStore, Reports
from kg.merge.names import duration_key, lexicon, node_id
from kg.merge.shared import OneCopy
from kg.model import (
    ArticleExtraction,
    CanonicalRole,
    Conflict,
    Evidence,
    Fact,
    LocalRef,
    MergedCorpus,
)
from kg.settings import Settings

# Relations that read the same both ways: stored once, subject < object.
SYMMETRIC = frozenset({"met", "signedAgreementWith"})
EVIDENCE_WEIGHT = 0.8  # how far one piece of evidence goes towards certainty
NO_EVIDENCE_CONFIDENCE = 0.5


def collect_facts(corpus: MergedCorpus, settings: Settings) -> None:
    """Fill ``corpus.roles``, ``corpus.facts`` (a :class:`FactStore`) and ``corpus.conflicts``."""
    store = corpus.facts
    one = OneCopy(corpus.article_ids)
    roles: dict[str, CanonicalRole] = {}
    role_sources: dict[str, set[str]] = defaultdict(set)  # one role, thousands of articles
    for extraction in corpus.extractions:
        _claims(corpus, store, extraction)
        for event in extraction.events:
            _event_slots(corpus, store, extraction.article.id, event)
        _roles(corpus, store, roles, role_sources, one, extraction)
    for ident, sources in role_sources.items():
        roles[ident].sources = sorted(sources)
    corpus.roles = sorted(roles.values(), key=lambda r: r.id)
    independence = Independence(corpus.duplications)
    store.keep(_fact(key, reports, independence) for key, reports in store.grouped())
    corpus.conflicts = find_conflicts(store, corpus.roles)


def _claims(corpus: MergedCorpus, store: FactStore, extraction: ArticleExtraction) -> None:
    article_id = extraction.article.id
    places = lexicon().location_predicates
    for claim in extraction.claims:
        subject = actor(corpus, article_id, claim.subject)
        if claim.object is None:
            obj = None
        elif claim.predicate in places:  # "visited Beijing": the city, not its government
            obj = corpus.resolution.get(LocalRef(article_id, claim.object))
        else:
            obj = actor(corpus, article_id, claim.object)
        if subject is None or (claim.object and obj is None):
            continue
        if claim.predicate in SYMMETRIC and obj and obj < subject:
            subject, obj = obj, subject
        key = (subject, claim.predicate, obj, claim.value, None, claim.negated, claim.hedged)
        store.report(key, article_id, claim.evidence, claim.hedge)


def _event_slots(corpus: MergedCorpus, store: FactStore, article_id: str, event) -> None:
    ident = corpus.resolution.get(LocalRef(article_id, event.key))
    if ident is None:
        return
    flags = (event.negated, event.hedged)
    evidence = event.evidence

    def add(predicate: str, obj: str | None, value: str | None = None, datatype=None) -> None:
        store.report((ident, predicate, obj, value, datatype, *flags), article_id, evidence)

    for key in [event.agent, *event.participants]:
        who = actor(corpus, article_id, key)
        if who:
            add("participant", who)
    if agent := actor(corpus, article_id, event.agent):
        add("agent", agent)
    if event.place and (place := corpus.resolution.get(LocalRef(article_id, event.place))):
        add("place", place)
    if event.time and event.time.value:
        add("date", None, event.time.value, event.time.datatype or "date")
    if event.story_date:
        add("storyDate", None, event.story_date, "date")
    if event.duration:
        add("duration", None, event.duration)


def _roles(
    corpus: MergedCorpus,
    store: FactStore,
    roles: dict[str, CanonicalRole],
    role_sources: dict[str, set[str]],
    one: OneCopy,
    extraction: ArticleExtraction,
) -> None:
    article_id = extraction.article.id
    for role in extraction.roles:
        holder = corpus.resolution.get(LocalRef(article_id, role.holder))
        if holder is None:
            continue
        org = (
            corpus.resolution.get(LocalRef(article_id, role.organization))
            if role.organization
            else None
        )
        org_slug = org.split("/", 1)[1] if org else None
        ident = node_id(
            "role", holder.split("/", 1)[1], role.label + (f" of {org_slug}" if org_slug else "")
        )
        canonical = roles.get(ident)
        if canonical is None:
            canonical = CanonicalRole(id=ident, holder=holder, label=role.label, organization=org)
            roles[ident] = canonical
        if role.qualifier and role.qualifier not in canonical.qualifiers:
            canonical.qualifiers = sorted([*canonical.qualifiers, role.qualifier])
        role_sources[ident].add(one(article_id))
        store.report(
            (holder, "holdsRole", ident, None, None, False, False), article_id, role.evidence
        )


def _fact(key: FactKey, reports: Reports, independence: Independence) -> Fact:
    subject, predicate, obj, value, datatype, negated, hedged = key
    evidence = sorted(set(reports.evidence), key=lambda e: (e.article_id, e.start, e.extractor))
    groups = independence.groups(reports.sources, evidence)
    return Fact(
        subject=subject,
        predicate=predicate,
        object=obj,
        value=value,
        datatype=datatype,
        sources=sorted(reports.sources),
        evidence=evidence,
        support=len(groups),
        confidence=confidence(evidence, groups),
        negated=negated,
        hedged=hedged,
        hedges=sorted(reports.hedges),
    )


def confidence(evidence: list[Evidence], groups: list[list[str]]) -> float:
    """1 - P(every independent report is wrong); a copied report adds nothing.

    Each report counts with its most confident evidence; a report's weight is
    ``EVIDENCE_WEIGHT`` times the extractor's confidence.
    """
    if not evidence:
        return NO_EVIDENCE_CONFIDENCE
    best: dict[str, float] = {}
    for ev in evidence:
        best[ev.article_id] = max(best.get(ev.article_id, 0.0), ev.confidence)
    miss = 1.0
    for group in groups:
        strongest = max((best.get(a, 0.0) for a in group), default=0.0)
        miss *= 1.0 - min(strongest, 0.99) * EVIDENCE_WEIGHT
    return round(1.0 - miss, 3)


# --- conflicts ------------------------------------------------------------------------


def find_conflicts(facts: Iterable[Fact], roles: list[CanonicalRole]) -> list[Conflict]:
    """Slots that should hold one value, given different ones by asserted facts.

    ``facts`` come sorted by subject (a :class:`FactStore` gives them so), and
    only one subject's facts are held at a time.
    """
    modes: dict[str, str] = lexicon().slots["single_valued"]
    by_id = {r.id: r for r in roles}
    conflicts: list[Conflict] = []
    for subject, about in groupby(facts, key=attrgetter("subject")):
        asserted = [f for f in about if not (f.negated or f.hedged)]
        slots: dict[str, list[Fact]] = defaultdict(list)
        for fact in asserted:
            if fact.predicate in modes:
                slots[fact.predicate].append(fact)
        conflicts += [
            Conflict(subject=subject, predicate=p, facts=group)
            for p, group in sorted(slots.items())
            if _disagree([f.value or f.object or "" for f in group], modes[p])
        ]
        conflicts += _title_conflicts(asserted, by_id)
    return sorted(conflicts, key=lambda c: (c.subject, c.predicate))


def _disagree(values: list[str], mode: str) -> bool:
    distinct = sorted(set(values))
    for i, a in enumerate(distinct):
        for b in distinct[i + 1 :]:
            if not _same_value(a, b, mode):
                return True
    return False


def _same_value(a: str, b: str, mode: str) -> bool:
    if mode == "date":
        return a.startswith(b) or b.startswith(a)
    if mode == "duration":
        (na, ua), (nb, ub) = duration_key(a), duration_key(b)
        if na is None or nb is None or ua is None or ub is None:
            return True  # "several days": says too little to disagree
        return (na, ua) == (nb, ub)
    return a.strip().lower() == b.strip().lower()


def _title_conflicts(facts: list[Fact], by_id: dict[str, CanonicalRole]) -> list[Conflict]:
    """One holder, one employer, two titles of one rank: "defense minister" / "foreign minister"."""
    slots: dict[tuple[str, str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        role = by_id.get(fact.object or "") if fact.predicate == "holdsRole" else None
        if role is None or role.organization is None:
            continue
        rank = role.label.split()[-1]
        slots[(fact.subject, role.organization, rank)].append(fact)
    return [
        Conflict(subject=holder, predicate="holdsRole", facts=group)
        for (holder, _, _), group in sorted(slots.items())
        if _titles_differ([by_id[f.object or ""].label for f in group])
    ]


def _titles_differ(labels: list[str]) -> bool:
    """Two titles neither of which says the other: "ceo" / "president and ceo" do not."""
    words = [set(label.split()) for label in sorted(set(labels))]
    return any(not (a <= b or b <= a) for i, a in enumerate(words) for b in words[i + 1 :])


__all__ = ["collect_facts", "confidence", "dates_agree", "find_conflicts"]
