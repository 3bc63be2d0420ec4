"""Coreference inside one article: mentions grouped into entities.

    resolve_coreference(ctx)          the extractor: ctx.mentions -> entities
    resolve_pronoun(ctx, token, base) "he said" -> the person meant
    resolve_nominal(ctx, span, base)  "the defence minister" -> its holder

Named mentions become entities here.  Pronouns and role nominals ("the
Russian president") are not named mentions, so they are not added to any
entity (an evaluation of names would count them as noise); the extractors
that need them (quotes, events) ask :func:`resolve_pronoun` on demand, which
looks back through the entities, and through the roles found by
:mod:`kg.extract.roles`, for the nearest compatible antecedent.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from spacy.tokens import Span as DocSpan
from spacy.tokens import Token

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.entities import EXTENT_ANCHORS, EXTENT_LABELS
from kg.extract.registry import extractor
from kg.model import (
    CITY,
    COUNTRY,
    FACILITY,
    ORGANIZATION,
    PERSON,
    PLACE,
    PLACE_KINDS,
    Entity,
    Mention,
)

_SPECIFIC_PLACES = (COUNTRY, CITY, FACILITY, PLACE)  # most specific first
_RULE_WEIGHT = 3  # a kind a gazetteer or other rule gave outweighs three model votes
# Rules reading the words around a name ("the city of X", "X coach Jane Doe", "X, a
# 38-year-old lawyer"): what the article says X is decides, however often the model
# or a gazetteer says otherwise.
_CUE_RULES = frozenset({"context", "frame", "owner", "age", "plural-verb"})
# A surname that is also a place's name is the person only where it stands ("Lima said"
# after "Paul Lima"; "flew to Lima" is the city): it neither votes nor is outvoted.
_POSITIONAL_RULE = "surname"
_LONE_PERSON_WEIGHT = 0.5
_ACTOR_DEPS = frozenset({"nsubj"})
_PERSONAL = frozenset({"he", "him", "his", "himself", "she", "her", "hers", "herself"})
_IMPERSONAL = frozenset({"it", "its", "itself"})
_PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
_LOOKBACK_SENTENCES = 3
_DOUBLE_QUOTES = re.compile(r"[\"“”«»]")
# A single quote opening a word, and the one closing it: "the ‘Gang of Four’", not the
# apostrophes of "O’Brien" or "Dunkin' Donuts".
_SINGLE_QUOTED = re.compile(r"(?<![^\W\d_])['‘]([^'‘’]+)['’](?![^\W\d_])")
_TITLE_GAP = 2  # characters between a title and the name it is followed by


_LEADING_THE = re.compile(r"^(?i:the)\s+")
_TRAILING_POSSESSIVE = re.compile(r"['’]s?$")
_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=8192)  # asked again and again for the same few names
def name_tokens(name: str) -> tuple[str, ...]:
    """Lower-case tokens of a name, without "the", a possessive or dots."""
    name = _LEADING_THE.sub("", name.strip())
    name = _TRAILING_POSSESSIVE.sub("", name)
    return tuple(t.strip(".").lower() for t in name.replace("-", " ").split() if t.strip("."))


def kind_family(kind: str) -> str:
    return PLACE if kind in PLACE_KINDS else kind


@extractor(version=7)
def resolve_coreference(ctx: ArticleContext) -> None:
    """Group ``ctx.mentions`` into entities and index them for later extractors.

    1. Name parts: a single word that is part of a person's name in this
       article is that person ("Shangfu" tagged ORG, "Li").
    2. Type voting: all mentions of a name take the kind the words around
       them give ("the city of X", "X coach Jane Doe"), if any mention has
       such a cue; else the kind most of them were given, rules outweighing
       the model.  A surname standing for its person where a city has the
       same name ("Lima said") keeps its kind.
    3. Longer names first: a shorter name joins the one entity whose name
       contains it ("Putin" -> "Vladimir Putin", "Northrop" -> "Northrop
       Grumman"), an acronym the name it abbreviates, a country alias its
       country ("U.S." -> "the United States").
    4. Extents join the entity of the name they wrap: "Apple CEO Steve Jobs"
       and "Apple CEO" the person, "German airline Lufthansa" the airline.
    5. Place names used as actors get ``metonymy="government"``.
    """
    gaz = gazetteer.load()
    named = [m for m in ctx.mentions if m.source_label not in EXTENT_LABELS]
    titled = [m for m in ctx.mentions if m.source_label in EXTENT_LABELS]
    named = _vote_kinds(named, _parts_of_full_names(named))
    named = _vote_kinds(_person_parts(named), _parts_of_full_names(named))
    entities = _group(named, gaz)
    _attach_titled(entities, titled)
    _mark_metonymy(ctx, entities, gaz)
    _finish(ctx, entities, gaz)


# --- kinds ------------------------------------------------------------------------


def _is_rule(m: Mention) -> bool:
    return "+" in m.source_label or m.source_label == "gazetteer"


def _rules(m: Mention) -> set[str]:
    return set(m.source_label.split("+")[1:])


def _is_cue(m: Mention) -> bool:
    return bool(_rules(m) & _CUE_RULES)


def _is_model_label(m: Mention) -> bool:
    """The model's label, or a copy of it on another occurrence of the name."""
    return not _is_rule(m) or _rules(m) == {"repeat"}


def _person_parts(mentions: list[Mention]) -> list[Mention]:
    """A word of a person's full name, or its last words ("Owusu-Ansah" after "Kwabena
    Owusu-Ansah"), that the model alone called something else is that person."""
    parts = _parts_of_full_names(mentions)
    surnames = _surnames(mentions)
    out = []
    for m in mentions:
        tokens = name_tokens(m.text)
        part = (len(tokens) == 1 and tokens[0] in parts) or tokens in surnames
        if m.kind != PERSON and part and _is_model_label(m):
            m = _with_kind(m, PERSON)
        out.append(m)
    return out


def _surnames(mentions: list[Mention]) -> set[tuple[str, ...]]:
    """The last two or more words of people's names, short of the whole name."""
    return {
        tokens[i:]
        for m in mentions
        if m.kind == PERSON
        for tokens in [name_tokens(m.text)]
        for i in range(1, len(tokens) - 1)
    }


def _parts_of_full_names(mentions: list[Mention]) -> set[str]:
    return {
        token
        for m in mentions
        if m.kind == PERSON and len(name_tokens(m.text)) > 1
        for token in name_tokens(m.text)
    }


def _vote_weight(m: Mention, parts: set[str]) -> float:
    """A rule outweighs the model; a lone word the model calls a person, never written
    with a first name in the article, is as often a company ("Ryanair") and counts half."""
    if _is_rule(m):
        return _RULE_WEIGHT
    tokens = name_tokens(m.text)
    if m.kind == PERSON and len(tokens) == 1 and tokens[0] not in parts:
        return _LONE_PERSON_WEIGHT
    return 1


def _vote_kinds(mentions: list[Mention], parts: set[str]) -> list[Mention]:
    """Every mention of a name takes one kind: what the words around it say, if any
    mention has such a cue; else the weighed votes of the model and the gazetteers."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    cues: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    for m in mentions:
        if _POSITIONAL_RULE in _rules(m):
            continue
        votes[name_tokens(m.text)][m.kind] += _vote_weight(m, parts)
        if _is_cue(m):
            cues[name_tokens(m.text)][m.kind] += 1
    winners = {
        name: _cue_winner(cues[name], count) if cues[name] else _winner(count)
        for name, count in votes.items()
    }
    out = []
    for m in mentions:
        winner = winners.get(name_tokens(m.text), m.kind)
        if _POSITIONAL_RULE in _rules(m):
            winner = m.kind
        out.append(m if winner == m.kind else _with_kind(m, winner))
    return out


def _families(count: Counter) -> Counter:
    family: Counter = Counter()
    for kind, n in count.items():
        family[kind_family(kind)] += n
    return family


def _winner(count: Counter) -> str:
    family = _families(count)
    winner = max(family, key=lambda k: (family[k], k == PERSON))
    if winner == PLACE:
        winner = max(
            (k for k in count if k in PLACE_KINDS),
            key=lambda k: (count[k], -_SPECIFIC_PLACES.index(k)),
        )
        winner = next((k for k in _SPECIFIC_PLACES if count[k] and k != PLACE), winner)
    return winner


def _cue_winner(cues: Counter, votes: Counter) -> str:
    """The kind most cues give (ties: the family with more votes, the more specific place)."""
    family, all_votes = _families(cues), _families(votes)
    winner = max(family, key=lambda k: (family[k], all_votes[k], k == PERSON))
    if winner != PLACE:
        return winner
    return max(
        (k for k in cues if k in PLACE_KINDS),
        key=lambda k: (cues[k], -_SPECIFIC_PLACES.index(k)),
    )


def _with_kind(m: Mention, kind: str) -> Mention:
    return dataclasses.replace(m, kind=kind)


# --- grouping ---------------------------------------------------------------------


class _Group:
    def __init__(self, tokens: tuple[str, ...], kind: str) -> None:
        self.tokens = tokens
        self.kind = kind
        self.mentions: list[Mention] = []
        self.names: set[tuple[str, ...]] = {tokens}
        self.metonymy: str | None = None

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


def _key(m: Mention, gaz: gazetteer.Gazetteer) -> tuple[str, tuple[str, ...]]:
    country = gaz.country(m.text) if m.kind in PLACE_KINDS else None
    tokens = name_tokens(country) if country else name_tokens(m.text)
    return kind_family(m.kind), tokens


def _group(mentions: list[Mention], gaz: gazetteer.Gazetteer) -> list[_Group]:
    by_name: dict[tuple[str, tuple[str, ...]], list[Mention]] = defaultdict(list)
    for m in mentions:
        family, tokens = _key(m, gaz)
        if tokens:
            by_name[(family, tokens)].append(m)
    groups: list[_Group] = []
    order = sorted(by_name, key=lambda k: (-len(k[1]), min(m.start for m in by_name[k])))
    for family, tokens in order:
        members = by_name[(family, tokens)]
        host = _find_host(groups, family, tokens, members, gaz)
        if host is None:
            host = _Group(tokens, members[0].kind)
            groups.append(host)
        host.mentions.extend(members)
        host.names.add(tokens)
    return groups


def _find_host(
    groups: list[_Group],
    family: str,
    tokens: tuple[str, ...],
    members: list[Mention],
    gaz: gazetteer.Gazetteer,
) -> _Group | None:
    candidates = [
        g for g in groups if kind_family(g.kind) == family and len(g.tokens) > len(tokens)
    ]
    if family == PERSON:
        hosts = [g for g in candidates if set(tokens) <= set(g.tokens)]
        return _nearest(hosts, members)
    acronym = _as_acronym(members[0].text)
    found = [g for g in groups if g.kind != PERSON and _abbreviates(acronym, g)] if acronym else []
    if len(found) == 1:
        return found[0]
    if family == ORGANIZATION:
        hosts = [g for g in candidates if g.tokens[: len(tokens)] == tokens]
        return hosts[0] if len(hosts) == 1 else None
    return None


def _as_acronym(surface: str) -> str | None:
    """ "NATO", "the U.N.": the name in capitals without "the"; None for other names."""
    name = _LEADING_THE.sub("", surface)
    if not name.replace(".", "").isupper() or " " in name:
        return None
    return name


def _abbreviates(acronym: str, group: _Group) -> bool:
    from kg.extract.entities import _is_acronym_of

    return any(len(t) > 1 and _is_acronym_of(acronym, " ".join(t)) for t in group.names)


def _nearest(hosts: list[_Group], members: list[Mention]) -> _Group | None:
    """The host mentioned last before the short name (or first after it)."""
    if not hosts:
        return None
    if len(hosts) == 1:
        return hosts[0]
    first = min(m.start for m in members)

    def distance(g: _Group) -> tuple[int, int]:
        before = [first - m.end for m in g.mentions if m.end <= first]
        return (0, min(before)) if before else (1, g.first)

    return min(hosts, key=distance)


def _attach_titled(groups: list[_Group], extents: list[Mention]) -> None:
    """An extent joins the entity of the name it wraps, of the kind it was found for.

    A titled name ends with its person, "City, Region" starts with its place,
    "Jobs, aged 55" with its person, "German airline Lufthansa" ends with it.
    """
    for m in extents:
        anchor = EXTENT_ANCHORS[m.source_label]
        hosts = [
            g
            for g in groups
            if any(_wraps(m, n, anchor) for n in g.mentions if n.source_label not in EXTENT_LABELS)
        ]
        same = [g for g in hosts if kind_family(g.kind) == kind_family(m.kind)]
        if same or hosts:
            (same or hosts)[0].mentions.append(m)


def _wraps(extent: Mention, name: Mention, anchor: str) -> bool:
    if anchor == "before":  # a title right before the name, a space or ", " between
        return 0 <= name.start - extent.end <= _TITLE_GAP
    return getattr(extent, anchor) == getattr(name, anchor)


# --- metonymy ---------------------------------------------------------------------


def _mark_metonymy(ctx: ArticleContext, groups: list[_Group], gaz: gazetteer.Gazetteer) -> None:
    """A country, city or seat of government that acts stands for its government."""
    for g in groups:
        if g.kind not in (COUNTRY, CITY) and not (g.kind == FACILITY and _is_seat(g, gaz)):
            continue
        g.metonymy = next(
            ("government" for m in g.mentions if _acts(_doc_span(ctx, m.start, m.end))), None
        )


def _is_seat(g: _Group, gaz: gazetteer.Gazetteer) -> bool:
    return any(gaz.seat(m.text) for m in g.mentions)


def _acts(span: DocSpan | None) -> bool:
    """The name is the subject of a verb, or the agent of a passive one."""
    if span is None:
        return False
    root = span.root
    if root.dep_ in _ACTOR_DEPS and root.head.pos_ in ("VERB", "AUX") and root.head.lemma_ != "be":
        return True
    return root.dep_ == "pobj" and root.head.dep_ == "agent"


def _doc_span(ctx: ArticleContext, start: int, end: int) -> DocSpan | None:
    for doc, base in ctx.docs:
        if len(doc) and base <= start and end <= base + doc[-1].idx + len(doc[-1].text_with_ws):
            return doc.char_span(start - base, end - base, alignment_mode="expand")
    return None


# --- entities ---------------------------------------------------------------------


def _finish(ctx: ArticleContext, groups: list[_Group], gaz: gazetteer.Gazetteer) -> None:
    groups.sort(key=lambda g: g.first)
    entities = []
    for g in groups:
        mentions = sorted(set(g.mentions), key=lambda m: (m.start, m.end))
        named = [m for m in mentions if m.source_label not in EXTENT_LABELS]
        name = _fullest_name(g.kind, named, gaz)
        aliases = sorted({_bare(m.text) for m in named} - {name})
        entity = Entity(key=ctx.new_key("e"), name=name, kind=g.kind, mentions=mentions)
        entity.aliases = aliases
        entity.metonymy = g.metonymy
        entities.append(entity)
    ctx.extraction.entities = entities
    ctx.index_entities()


@functools.lru_cache(maxsize=8192)
def _bare(text: str) -> str:
    """A name as a label: no leading "the", no quote marks (the Pacific "Ring of Fire")."""
    text = _LEADING_THE.sub("", text)
    text = _SINGLE_QUOTED.sub(r"\1", _DOUBLE_QUOTES.sub("", text))
    return _SPACES.sub(" ", text).strip()


def _fullest_name(kind: str, mentions: list[Mention], gaz: gazetteer.Gazetteer) -> str:
    if kind == COUNTRY:
        country = next((c for m in mentions if (c := gaz.country(m.text))), None)
        if country:
            return country
    names = [_bare(m.text) for m in mentions]
    spelled_out = [n for n in names if not (n.replace(".", "").isupper() and " " not in n)]
    pool = spelled_out or names
    return max(pool, key=lambda n: (len(name_tokens(n)), len(n), -names.index(n)))


# --- references: pronouns and role nominals ------------------------------------------


def resolve_pronoun(ctx: ArticleContext, token: Token, base: int) -> Entity | None:
    """The entity a pronoun (or a role nominal's head) refers to, if one can be found.

    "he"/"she" -> the nearest person mentioned before, in the same or the
    previous few sentences; "it" -> the nearest organisation or place;
    "they" -> the nearest organisation.  A noun heading a role nominal ("the
    defence minister said") is resolved by :func:`resolve_nominal`.
    """
    word = token.lower_
    if word in _PERSONAL:
        kinds: Iterable[str] = (PERSON,)
    elif word in _IMPERSONAL:
        kinds = (ORGANIZATION, COUNTRY, CITY, PLACE, FACILITY)
    elif word in _PLURAL:
        kinds = (ORGANIZATION, COUNTRY)
    elif token.pos_ == "NOUN":
        span = token.doc[token.left_edge.i : token.i + 1]
        return resolve_nominal(ctx, span, base)
    else:
        return ctx.entity_of_token(token, base)
    return _nearest_before(ctx, token, base, frozenset(kinds))


def _nearest_before(
    ctx: ArticleContext, token: Token, base: int, kinds: frozenset[str]
) -> Entity | None:
    position = base + token.idx
    sentences = list(token.doc.sents)
    here = next(i for i, s in enumerate(sentences) if s.start <= token.i < s.end)
    window_start = base + sentences[max(0, here - _LOOKBACK_SENTENCES)].start_char
    best: tuple[int, Entity] | None = None
    for entity in ctx.extraction.entities:
        if entity.kind not in kinds:
            continue
        for m in entity.mentions:
            if window_start <= m.start and m.end <= position and (best is None or m.end > best[0]):
                best = (m.end, entity)
    return best[1] if best else None


def resolve_nominal(ctx: ArticleContext, span: DocSpan, base: int) -> Entity | None:
    """The holder of the role a nominal names: "China's defence minister" -> Li Shangfu.

    Uses the roles :mod:`kg.extract.roles` found in the article; when several
    people hold the label, the one mentioned last before the nominal wins.
    """
    gaz = gazetteer.load()
    words = [t.text for t in span]
    title = next((t for i in range(len(words)) if (t := gaz.title_at(words, i))), None)
    if title is None or not title.labels:
        return None
    owner = _owner_in(ctx, span, base, gaz)
    holders = [
        r.holder
        for r in ctx.extraction.roles
        if r.label in title.labels and (owner is None or r.organization in (owner, None))
    ]
    if not holders:
        return None
    position = base + span.start_char
    people = [ctx.extraction.entity(key) for key in dict.fromkeys(holders)]

    def last_before(e: Entity) -> int:
        return max((m.end for m in e.mentions if m.end <= position), default=-1)

    return max(people, key=last_before)


def _owner_in(
    ctx: ArticleContext, span: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> str | None:
    """The key of the country or organisation named inside a nominal, if any."""
    for token in span:
        country = gaz.demonym(token.text)
        named = ctx.country(country) if country else None
        if named is not None:
            return named.key
        found = ctx.entity_of_token(token, base)
        if found is not None and found.kind != PERSON:
            return found.key
    return None


__all__ = [
    "kind_family",
    "name_tokens",
    "resolve_coreference",
    "resolve_nominal",
    "resolve_pronoun",
]
