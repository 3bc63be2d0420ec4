"""Entity resolution across articles: one canonical node per real-world entity."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.ids import id_path
from kg.model import (
    PLACE_KINDS,
    CanonicalEntity,
    Entity,
    LocalRef,
    MergedCorpus,
    MergeLink,
)
from kg.settings import Settings


def name_key(name: str) -> str:
    """Case-, punctuation- and article-insensitive form of a name."""
    words = [w.strip(".,'’\"") for w in name.lower().replace("-", " ").split()]
    words = [w for w in words if w]
    if words and words[0] == "the":
        words = words[1:]
    return " ".join(words)


def kind_family(kind: str) -> str:
    return "Place" if kind in PLACE_KINDS else kind


def resolve_entities(corpus: MergedCorpus, settings: Settings) -> None:
    """Cluster article-level entities by kind and normalised name."""
    clusters: dict[tuple[str, str], list[tuple[str, Entity]]] = defaultdict(list)
    for extraction in corpus.extractions:
        for entity in extraction.entities:
            key = (kind_family(entity.kind), name_key(entity.name))
            clusters[key].append((extraction.article.id, entity))
    taken: set[str] = set()
    for (_, _), members in sorted(clusters.items()):
        canonical = _canonical(members, taken)
        corpus.entities.append(canonical)
        for link in canonical.members:
            corpus.resolution[link.member] = canonical.id
    corpus.entities.sort(key=lambda e: e.id)


def _canonical(members: list[tuple[str, Entity]], taken: set[str]) -> CanonicalEntity:
    names = Counter(e.name for _, e in members)
    # The most frequent full name wins; ties go to the longer, then alphabetical.
    name = sorted(names, key=lambda n: (-names[n], -len(n), n))[0]
    kinds = Counter(e.kind for _, e in members)
    kind = sorted(kinds, key=lambda k: (-kinds[k], k))[0]
    aliases = sorted({a for _, e in members for a in (e.name, *e.aliases)} - {name})
    ident = id_path(kind, name)
    suffix = 2
    while ident in taken:
        ident = id_path(kind, f"{name} {suffix}")
        suffix += 1
    taken.add(ident)
    links = [
        MergeLink(member=LocalRef(article_id, e.key), reason="same-name", score=1.0)
        for article_id, e in sorted(members, key=lambda m: (m[0], m[1].key))
    ]
    metonymy = next((e.metonymy for _, e in members if e.metonymy), None)
    return CanonicalEntity(
        id=ident, name=name, kind=kind, aliases=aliases, members=links, metonymy=metonymy
    )
