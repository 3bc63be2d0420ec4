"""Coreference inside one article: mentions grouped into entities by name."""

from __future__ import annotations

from collections import Counter, defaultdict

from kg.extract.context import ArticleContext
from kg.extract.registry import extractor
from kg.model import PERSON, PLACE_KINDS, Entity, Mention


def name_tokens(name: str) -> tuple[str, ...]:
    return tuple(t.strip(".").lower() for t in name.replace("-", " ").split() if t.strip("."))


def kind_family(kind: str) -> str:
    return "Place" if kind in PLACE_KINDS else kind


@extractor(version=1)
def resolve_coreference(ctx: ArticleContext) -> None:
    """Group ``ctx.mentions`` into entities and index them for later extractors.

    1. Type voting: every mention of the same name takes the kind most of
       them were given.
    2. Longer names first: a shorter name joins the entity whose full name
       contains all its tokens ("Putin" -> "Vladimir Putin").
    """
    mentions = _vote_kinds(ctx.mentions)
    by_name: dict[tuple[str, tuple[str, ...]], list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[(kind_family(m.kind), name_tokens(m.text))].append(m)
    entities: list[tuple[tuple[str, ...], Entity]] = []
    order = sorted(by_name, key=lambda k: (-len(k[1]), min(m.start for m in by_name[k])))
    for family, tokens in order:
        group = by_name[(family, tokens)]
        target = _find_host(entities, family, tokens)
        if target is None:
            target = Entity(key="", name=group[0].text, kind=group[0].kind)
            entities.append((tokens, target))
        target.mentions.extend(group)
    _finish(ctx, [e for _, e in entities])


def _vote_kinds(mentions: list[Mention]) -> list[Mention]:
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for m in mentions:
        votes[name_tokens(m.text)][m.kind] += 1
    out = []
    for m in mentions:
        kind = votes[name_tokens(m.text)].most_common(1)[0][0]
        out.append(m if kind == m.kind else Mention(**{**m.__dict__, "kind": kind}))
    return out


def _find_host(entities, family: str, tokens: tuple[str, ...]) -> Entity | None:
    for host_tokens, entity in entities:
        if kind_family(entity.kind) != family or len(host_tokens) <= len(tokens):
            continue
        if family == PERSON and set(tokens) <= set(host_tokens):
            return entity
    return None


def _finish(ctx: ArticleContext, entities: list[Entity]) -> None:
    entities.sort(key=lambda e: min(m.start for m in e.mentions))
    for entity in entities:
        entity.key = ctx.new_key("e")
        entity.mentions.sort(key=lambda m: (m.start, m.end))
        entity.aliases = sorted({m.text for m in entity.mentions} - {entity.name})
    ctx.extraction.entities = entities
    ctx.index_entities()
