"""Facts: every claim, role and event slot, counted with its sources."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kg.ids import id_path
from kg.model import (
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
# Slots that should hold one value; differing values are conflicts.
SINGLE_VALUED = frozenset({"date", "duration"})


@dataclass
class _Pending:
    evidence: list[Evidence] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)
    hedges: set[str] = field(default_factory=set)


FactKey = tuple[str, str, "str | None", "str | None", "str | None", bool, bool]


def collect_facts(corpus: MergedCorpus, settings: Settings) -> None:
    pending: dict[FactKey, _Pending] = defaultdict(_Pending)
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for claim in extraction.claims:
            subject = corpus.resolution.get(LocalRef(article_id, claim.subject))
            obj = (
                corpus.resolution.get(LocalRef(article_id, claim.object)) if claim.object else None
            )
            if subject is None or (claim.object and obj is None):
                continue
            if claim.predicate in SYMMETRIC and obj and obj < subject:
                subject, obj = obj, subject
            key = (subject, claim.predicate, obj, claim.value, None, claim.negated, claim.hedged)
            _add(pending[key], article_id, claim.evidence, claim.hedge)
        for event in extraction.events:
            _event_slots(corpus, pending, article_id, event)
        _roles(corpus, pending, extraction)
    corpus.facts = [_fact(key, p) for key, p in sorted(pending.items(), key=_sort_key)]
    corpus.conflicts = _conflicts(corpus.facts)


def _sort_key(item) -> tuple:
    return tuple("" if v is None else str(v) for v in item[0])


def _add(p: _Pending, article_id: str, evidence: Evidence | None, hedge: str | None) -> None:
    p.sources.add(article_id)
    if evidence is not None:
        p.evidence.append(evidence)
    if hedge:
        p.hedges.add(hedge)


def _event_slots(corpus: MergedCorpus, pending, article_id: str, event) -> None:
    ident = corpus.resolution.get(LocalRef(article_id, event.key))
    if ident is None:
        return
    flags = (event.negated, event.hedged)
    for key in [event.agent, *event.participants]:
        who = corpus.resolution.get(LocalRef(article_id, key)) if key else None
        if who:
            _add(
                pending[(ident, "participant", who, None, None, *flags)],
                article_id,
                event.evidence,
                None,
            )
    if event.agent and (agent := corpus.resolution.get(LocalRef(article_id, event.agent))):
        _add(pending[(ident, "agent", agent, None, None, *flags)], article_id, event.evidence, None)
    if event.place and (place := corpus.resolution.get(LocalRef(article_id, event.place))):
        _add(pending[(ident, "place", place, None, None, *flags)], article_id, event.evidence, None)
    if event.time and event.time.value:
        datatype = event.time.datatype or "date"
        _add(
            pending[(ident, "date", None, event.time.value, datatype, *flags)],
            article_id,
            event.evidence,
            None,
        )
    if event.duration:
        _add(
            pending[(ident, "duration", None, event.duration, None, *flags)],
            article_id,
            event.evidence,
            None,
        )


def _roles(corpus: MergedCorpus, pending, extraction) -> None:
    article_id = extraction.article.id
    by_id = {r.id: r for r in corpus.roles}
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
        ident = id_path(
            "role", holder.split("/", 1)[1], role.label + (f" of {org_slug}" if org_slug else "")
        )
        canonical = by_id.get(ident)
        if canonical is None:
            canonical = CanonicalRole(id=ident, holder=holder, label=role.label, organization=org)
            by_id[ident] = canonical
            corpus.roles.append(canonical)
        if role.qualifier and role.qualifier not in canonical.qualifiers:
            canonical.qualifiers.append(role.qualifier)
            canonical.qualifiers.sort()
        if article_id not in canonical.sources:
            canonical.sources.append(article_id)
            canonical.sources.sort()
        _add(
            pending[(holder, "holdsRole", ident, None, None, False, False)],
            article_id,
            role.evidence,
            None,
        )
    corpus.roles.sort(key=lambda r: r.id)


def _fact(key: FactKey, p: _Pending) -> Fact:
    subject, predicate, obj, value, datatype, negated, hedged = key
    evidence = sorted(set(p.evidence), key=lambda e: (e.article_id, e.start, e.extractor))
    miss = 1.0
    for ev in evidence:
        miss *= 1.0 - min(ev.confidence, 0.99) * 0.8
    return Fact(
        subject=subject,
        predicate=predicate,
        object=obj,
        value=value,
        datatype=datatype,
        sources=sorted(p.sources),
        evidence=evidence,
        support=len(p.sources),
        confidence=round(1.0 - miss, 3) if evidence else 0.5,
        negated=negated,
        hedged=hedged,
    )


def _conflicts(facts: list[Fact]) -> list[Conflict]:
    slots: dict[tuple[str, str], list[Fact]] = defaultdict(list)
    for fact in facts:
        if fact.predicate in SINGLE_VALUED and not fact.negated:
            slots[(fact.subject, fact.predicate)].append(fact)
    return [
        Conflict(subject=s, predicate=p, facts=group)
        for (s, p), group in sorted(slots.items())
        if len({f.value for f in group}) > 1
    ]
