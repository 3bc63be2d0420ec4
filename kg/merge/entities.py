"""Entity resolution across articles: one canonical node per real-world entity.

The recipe (:func:`resolve_entities`):

1. records: every article-level entity, with its name key (``names.py``).
2. kinds: records that share a name vote on its kind; a kind seen only on weak
   evidence (the model's label, no rule behind it) gives way to the majority,
   so "Pixar" read once as a person joins the company.  Two kinds that both
   have rule evidence (a gazetteer, a title) stay apart: "Jordan" the
   country and "Jordan" the player are not one.
3. units: records with the same kind family and name key form a unit
   (exact name), except bare one-word person names, which are resolved one by
   one from their context, and namesakes whose roles clearly differ.
4. links, strongest first, each checked against the constraints
   (``unionfind.py``): overrides (must-link), known entities, aliases the
   articles themselves gave, acronyms, spelling variants; then, with the
   clusters found so far as context, partial names.
5. canonical entities: a name, a kind, aliases, external IRIs and a
   :class:`MergeLink` per article-level entity with the reason and score of
   the link that brought it in.
6. metonymy: a place that acts ("Beijing said") also gets a government node
   (``Government of China``), which the facts about its actions point to.

Candidate pairs come only from shared keys (name, alias, acronym, word,
consonant skeleton), never from all pairs, so time grows near-linearly.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.ids import short_hash
from kg.merge.known import KnownTable, family, load_known
from kg.merge.names import (
    acronym_of,
    data_rows,
    is_acronym,
    lexicon,
    name_key,
    node_id,
    plain_key,
    skeleton,
    tokens,
)
from kg.merge.overrides import Overrides, Selector, load_overrides
from kg.merge.records import Profile, Record, RecordTable
from kg.merge.shared import OneCopy
from kg.merge.unionfind import Constrained
from kg.model import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    CanonicalEntity,
    Entity,
    MergedCorpus,
    MergeLink,
)
from kg.settings import Settings

# The model's labels, and the kind family each names.
NER_FAMILIES = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "NORP": ORGANIZATION,
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
}
# Label suffixes that record a rule decision (``ORG+suffix``); ``repeat`` only
# says the name was seen again, so it is no evidence of kind.
WEAK_RULES = frozenset({"repeat"})
RULE_WEIGHT = 3.0
SPELLING_MIN_RATIO = 80.0  # per word, within a block of equal consonant skeletons
PARTIAL_IN_ARTICLE = 0.9
MAX_PARTIAL_CANDIDATES = 50
GOVERNMENT = "government"


@dataclass(slots=True)
class Unit:
    index: int
    records: array  # record numbers, array("i"): in a build there are many
    family: str
    key: str
    words: tuple[str, ...]
    known: int | None = None  # index into the known table, for the known entity's own unit
    bare: bool = False


@dataclass
class _State:
    records: RecordTable
    units: list[Unit]
    unit_of: array  # record -> unit
    sets: Constrained
    known: KnownTable
    known_units: dict[int, int] = field(default_factory=dict)  # known entry -> unit

    def article_units(self, article: int) -> list[int]:
        """The units of an article's records, in unit order (a unit once per record)."""
        return sorted(self.unit_of[i] for i in self.records.in_article(article))

    def articles_of(self, unit: Unit) -> list[int]:
        """The articles a unit's records come from, in the order of their ids."""
        ids = self.records.article_ids
        return sorted({self.records.article(i) for i in unit.records}, key=ids.__getitem__)


def resolve_entities(corpus: MergedCorpus, settings: Settings) -> None:
    """Fill ``corpus.entities``, and ``corpus.resolution`` for every article-level entity."""
    known = load_known(settings.known_entities)
    overrides = load_overrides(settings.overrides)
    # 1. records, 2. kinds
    records = _records(corpus)
    _vote_kinds(records.profiles)
    # 3. units
    state = _units(records, known, overrides)
    # 4. links, strongest first
    _must_link(state, overrides)
    _known_links(state)
    aliases, givers = _alias_tables(state)
    _alias_links(state, aliases, givers)
    _acronym_links(state)
    _spelling_links(state)
    _partial_links(state, aliases)
    _bare_fallback(state)
    # 5. canonical entities, 6. governments of places that act
    drafts = _canonical(corpus, state)
    _governments(corpus, state, drafts)
    adjacency = _adjacency(state)
    for draft in drafts:
        corpus.resolution.add(draft.entity.id, _links(state, draft, adjacency))


# --- 1. records, 2. kinds ---------------------------------------------------------


def _records(corpus: MergedCorpus) -> RecordTable:
    records = RecordTable()
    one = OneCopy(corpus.article_ids)  # names, keys and tuples repeat across articles
    for extraction in corpus.extractions:  # once, in a stream: a record keeps what it needs
        names = {e.key: e.name for e in extraction.entities}
        roles: dict[str, set[tuple[str, str | None]]] = defaultdict(set)
        for role in extraction.roles:
            org = names.get(role.organization) if role.organization else None
            roles[role.holder].add((role.label, name_key(org, org=True) if org else None))
        records.start_article(one(extraction.article.id))
        for entity in extraction.entities:
            org = entity.kind == ORGANIZATION
            words = one(tokens(entity.name, org=org))
            votes, strong = kind_votes(entity)
            profile = Profile(
                name=one(entity.name),
                aliases=one(tuple(entity.aliases)),
                votes=one(tuple(sorted(votes.items()))),
                strong=one(frozenset(strong)),
                metonymy=entity.metonymy,
                kind=one(entity.kind),
                key=one(" ".join(words)),
                words=words,
                roles=one(tuple(sorted(roles[entity.key], key=str))),
            )
            records.add(one(entity.key), len(entity.mentions), profile)
    records.seal()
    return records


def kind_votes(entity: Entity) -> tuple[Counter[str], set[str]]:
    """The kind families an entity's mentions vote for, and those backed by a rule."""
    votes: Counter[str] = Counter()
    strong: set[str] = set()
    own = family(entity.kind)
    one_word_person = entity.kind == PERSON and len(tokens(entity.name)) == 1
    for mention in entity.mentions:
        base, *rules = (mention.source_label or "").split("+")
        if base == "gazetteer" or any(r not in WEAK_RULES for r in rules):
            votes[own] += RULE_WEIGHT
            strong.add(own)
            continue
        voted = NER_FAMILIES.get(base, own)
        # a lone word the model calls a person is as often a company or product
        votes[voted] += 0.5 if (voted == PERSON and one_word_person) else 1.0
    return votes, strong


def _vote_kinds(profiles: list[Profile]) -> None:
    """Records sharing a name key take the majority kind unless their own is rule-backed.

    Records of one profile vote alike, so the votes are counted per profile.
    """
    by_key: dict[str, list[Profile]] = defaultdict(list)
    for profile in profiles:
        by_key[name_key(profile.name, org=True)].append(profile)
    for group in by_key.values():
        if len({p.family for p in group}) < 2:
            continue
        votes: Counter[str] = Counter()
        strong: set[str] = set()
        for profile in group:
            for kind_family, weight in profile.votes:
                votes[kind_family] += weight * profile.count
            strong |= {f for f in profile.strong if f == profile.family}
        ranked = votes.most_common()
        if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
            continue  # a tie decides nothing
        winner = ranked[0][0]
        kinds: Counter[str] = Counter()
        for profile in group:
            if profile.family == winner:
                kinds[profile.kind] += profile.count
        if not kinds:
            continue
        kind = sorted(kinds, key=lambda k: (-kinds[k], k))[0]
        for profile in group:
            weak = profile.family != winner and profile.family not in strong
            if weak and votes[profile.family] < votes[winner]:
                profile.kind = kind
                org = kind == ORGANIZATION
                profile.words = tokens(profile.name, org=org)
                profile.key = " ".join(profile.words)


# --- 3. units -------------------------------------------------------------------------


def _units(records: RecordTable, known: KnownTable, overrides: Overrides) -> _State:
    groups: dict[tuple[str, str], array] = defaultdict(lambda: array("i"))
    units: list[Unit] = []
    for i in range(len(records)):
        profile = records.profile(i)
        if profile.bare:
            fam, key, words = profile.family, profile.key, profile.words
            units.append(Unit(len(units), array("i", [i]), fam, key, words, bare=True))
        else:
            groups[(profile.family, profile.key)].append(i)
    for (fam, key), group in sorted(groups.items()):
        words = records.profile(group[0]).words
        if fam != PERSON:
            units.append(Unit(len(units), group, fam, key, words))
            continue
        for part in _namesakes([records[i] for i in group]):
            units.append(Unit(len(units), array("i", [r.index for r in part]), fam, key, words))
    unit_of = array("i", bytes(4 * len(records)))
    for unit in units:
        for i in unit.records:
            unit_of[i] = unit.index
    sets = Constrained(compatible_names)
    for unit in units:
        full_name = unit.family == PERSON and len(unit.words) > 1
        sets.add(unit.family, [unit.words] if full_name else ())
    state = _State(records, units, unit_of, sets, known)
    _tag_cannot_links(state, overrides)
    return state


def _namesakes(group: list[Record]) -> list[list[Record]]:
    """Split people of one name whose roles clearly differ.

    Two records are clearly different people when both name the organisation
    they work for, the organisations differ and no role label is shared
    ("John Smith, a farmer in Iowa" / "John Smith, chief executive of Acme").
    Records without such roles join the part seen in most articles.
    """
    employed = [r for r in group if _signature(r)[1]]
    if len(employed) < 2:
        return [group]
    parts: list[list[Record]] = []
    # A record joins the first part with a member sharing a role word, found through
    # the first part holding each word rather than by comparing it with every
    # member: a name in thousands of articles would cost their square.
    first_with: dict[tuple[str, str], int] = {}
    for record in sorted(employed, key=lambda r: (r.ref.article_id, r.ref.key)):
        words = _role_words(record)
        home = min((first_with[w] for w in words if w in first_with), default=len(parts))
        if home == len(parts):
            parts.append([])
        parts[home].append(record)
        for word in words:  # no part before ``home`` holds any of them
            first_with[word] = home
    parts.sort(key=lambda p: (-len({r.ref.article_id for r in p}), p[0].ref.article_id))
    parts[0].extend(r for r in group if not _signature(r)[1])
    return parts


def _signature(record: Record) -> tuple[frozenset[str], frozenset[str]]:
    labels = frozenset(label for label, _ in record.roles)
    return labels, frozenset(org for _, org in record.roles if org)


def _role_words(record: Record) -> set[tuple[str, str]]:
    """The words of a record's role labels and of its employers, each tagged with its side.

    Two records whose role words meet may be one person's: a word shared by
    two labels or by two employers.
    """
    labels, orgs = _signature(record)
    return {("label", w) for t in labels for w in t.split()} | {
        ("org", w) for t in orgs for w in t.split()
    }


def compatible_names(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Can two full person names name one person?  "Li Shangfu" / "Li Keqiang": no.

    Initials are ignored; one name may hold the other ("Vladimir Putin" /
    "Vladimir Vladimirovich Putin"), or the words may be spelling variants
    of each other ("Sergei Shoigu" / "Sergey Shoygu").
    """
    a = tuple(w for w in a if len(w) > 1)
    b = tuple(w for w in b if len(w) > 1)
    if set(a) <= set(b) or set(b) <= set(a):
        return True
    if len(a) != len(b):
        return False
    return all(x == y or fuzz.ratio(x, y) >= 80 for x, y in zip(a, b, strict=True))


def _tag_cannot_links(state: _State, overrides: Overrides) -> None:
    for group_index, group in enumerate(overrides.cannot_link):
        for member, selector in enumerate(group):
            for unit in _select(state, selector):
                state.sets.tag(unit.index, group_index, member)


def _select(state: _State, selector: Selector) -> list[Unit]:
    found = []
    for unit in state.units:
        for i in unit.records:
            profile = state.records.profile(i)
            if selector.matches(profile.kind, [profile.name, *profile.aliases]):
                found.append(unit)
                break
    return found


# --- 4. links ----------------------------------------------------------------------


def _must_link(state: _State, overrides: Overrides) -> None:
    for group in overrides.must_link:
        units = [u for selector in group for u in _select(state, selector)]
        for other in units[1:]:
            state.sets.union(units[0].index, other.index, "must-link override", 1.0, forced=True)


def _known_unit(state: _State, entry: int) -> int:
    """The unit that stands for a known entity (made on first use)."""
    if entry not in state.known_units:
        spec = state.known.entries[entry]
        unit = Unit(
            len(state.units),
            array("i"),
            family(spec.kind),
            name_key(spec.name),
            tokens(spec.name),
            known=entry,
        )
        state.units.append(unit)
        state.sets.add(unit.family, known=entry)
        state.known_units[entry] = unit.index
    return state.known_units[entry]


def _known_links(state: _State) -> None:
    for unit in list(state.units):
        if unit.known is not None or not unit.records:
            continue
        kind = state.records.profile(unit.records[0]).kind
        names = sorted({state.records.profile(i).name for i in unit.records})
        for name in names:
            found = state.known.lookup(name, kind)
            if found is not None:
                entry, where = found
                score = 1.0 if where == "name" else 0.95
                state.sets.union(_known_unit(state, entry), unit.index, "known-entity", score)
                break


def _alias_tables(state: _State) -> tuple[dict[tuple[str, str], set[int]], Counter]:
    """The aliases the articles gave, read once for the alias and the partial-name links.

    index: (family, alias key) -> units one of whose articles gave that alias.
    givers: (unit, (family, alias key)) -> how many of the unit's records gave it.
    """
    index: dict[tuple[str, str], set[int]] = defaultdict(set)
    givers: Counter[tuple[int, tuple[str, str]]] = Counter()
    for unit in state.units:
        for i in unit.records:
            profile = state.records.profile(i)
            org = profile.kind == ORGANIZATION
            keys = {name_key(a, org=org) for a in profile.aliases}
            for key in keys - {unit.key, ""}:
                index[(unit.family, key)].add(unit.index)
                givers[(unit.index, (unit.family, key))] += 1
    return index, givers


def _alias_links(
    state: _State,
    index: dict[tuple[str, str], set[int]],
    givers: Counter[tuple[int, tuple[str, str]]],
) -> None:
    """A name that other articles gave as an alias: "SIA" / "Singapore Airlines (SIA)".

    When articles use the alias for several entities, it goes to the one that
    at least two thirds of the alias-giving records name ("Apple" for Apple
    Computer, not for a conference one article also called "Apple").
    """
    for unit in state.units:
        if unit.bare or not unit.records:
            continue
        key = (unit.family, unit.key)
        holders = sorted(index.get(key, set()) - {unit.index})
        own = state.sets.find(unit.index)
        votes: Counter[int] = Counter()
        first: dict[int, int] = {}
        for holder in holders:
            root = state.sets.find(holder)
            if root != own:
                votes[root] += givers[(holder, key)]
                first.setdefault(root, holder)
        if not votes:
            continue
        (root, top), *rest = sorted(votes.items(), key=lambda kv: (-kv[1], kv[0]))
        if not rest or top * 3 >= 2 * sum(votes.values()) and top >= 2:
            share = top / sum(votes.values())
            state.sets.union(unit.index, first[root], "alias", round(0.95 * share, 3))


def _acronym_links(state: _State) -> None:
    """Acronyms: "CIA" / "Central Intelligence Agency", "SIA" / "Singapore Airlines".

    Initials match across the corpus when one name has them; looser
    acronyms (letters from inside words, "SIA") only within one article,
    where the article itself has introduced both.
    """
    initials: dict[tuple[str, str], set[int]] = defaultdict(set)
    for unit in state.units:
        if len(unit.words) > 1 and unit.family != PERSON:
            acronym = acronym_of(unit.words)
            if acronym:
                initials[(unit.family, acronym)].add(unit.index)
    for unit in state.units:
        if unit.family == PERSON or len(unit.words) != 1 or not unit.records:
            continue
        if not any(is_acronym(state.records.profile(i).name) for i in unit.records):
            continue
        own = state.sets.find(unit.index)
        targets = sorted(initials.get((unit.family, unit.key), set()))
        roots = {state.sets.find(t) for t in targets} - {own}
        if len(roots) == 1:
            state.sets.union(unit.index, targets[0], "acronym", 0.9)
            continue
        if roots:
            continue  # initials of two different names: ambiguous
        _local_acronym(state, unit)


def _local_acronym(state: _State, unit: Unit) -> None:
    for article in state.articles_of(unit):
        found = {
            state.sets.find(u): u
            for u in state.article_units(article)
            if state.units[u].family == unit.family
            and len(state.units[u].words) > 1
            and acronym_matches(unit.key, content_words(state.units[u].words))
        }
        found.pop(state.sets.find(unit.index), None)
        if len(found) == 1:
            (target,) = found.values()
            state.sets.union(unit.index, target, "acronym", 0.85)


def content_words(words: tuple[str, ...]) -> tuple[str, ...]:
    stop = lexicon().stopwords
    return tuple(w for w in words if w not in stop)


def acronym_matches(acronym: str, words: tuple[str, ...]) -> bool:
    """Each word gives its first letter and maybe more of its letters, in order: SIA, USAF."""
    if not words:
        return not acronym
    word = words[0]
    if not acronym or acronym[0] != word[0]:
        return False
    rest = word[1:]
    for take in range(1, len(acronym) + 1):
        extra = acronym[1:take]
        if _subsequence(extra, rest) and acronym_matches(acronym[take:], words[1:]):
            return True
    return False


def _subsequence(needle: str, haystack: str) -> bool:
    it = iter(haystack)
    return all(c in it for c in needle)


def _spelling_links(state: _State) -> None:
    """Names that differ by a letter or two: "Sergei Shoigu" / "Sergey Shoygu"."""
    blocks: dict[tuple, list[Unit]] = defaultdict(list)
    for unit in state.units:
        if unit.bare or sum(len(w) for w in unit.words) < 5:
            continue
        blocks[(unit.family, tuple(skeleton(w) for w in unit.words))].append(unit)
    for block in blocks.values():
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                ratios = [fuzz.ratio(x, y) for x, y in zip(a.words, b.words, strict=True)]
                if a.key != b.key and min(ratios) >= SPELLING_MIN_RATIO:
                    score = round(fuzz.ratio(a.key, b.key) / 100, 3)
                    state.sets.union(a.index, b.index, "spelling-variant", score)


# --- partial names, with context --------------------------------------------------------


class _Context:
    """A snapshot of the clusters after the strong links: who appears with whom.

    Each unit's root is noted once; an article's roots and a root's
    neighbours are read from the records when asked for.
    """

    def __init__(self, state: _State) -> None:
        self.state = state
        self.root_at = array("i", (state.sets.find(unit.index) for unit in state.units))
        self.units_at: dict[int, list[int]] = defaultdict(list)  # root -> its units
        for unit in state.units:
            self.units_at[self.root_at[unit.index]].append(unit.index)
        self._neighbours: dict[int, set[int]] = {}

    def article_roots(self, article: int) -> set[int]:
        return {self.root_at[u] for u in self.state.article_units(article)}

    def neighbours(self, root: int) -> set[int]:
        """The roots that share an article with this one (itself included)."""
        if root not in self._neighbours:
            units = self.state.units
            articles = {
                self.state.records.article(i) for u in self.units_at[root] for i in units[u].records
            }
            found: set[int] = set()
            for article in articles:
                found |= self.article_roots(article)
            self._neighbours[root] = found
        return self._neighbours[root]

    def overlap(self, roots_here: set[int], own: int, candidate: int) -> int:
        """Entities an article (its ``roots_here``) shares with the candidate's other articles."""
        return len((roots_here - {own, candidate}) & self.neighbours(candidate))


def _partial_links(state: _State, alias_index: dict[tuple[str, str], set[int]]) -> None:
    """ "Shangfu" / "Li Shangfu", "Lockheed" / "Lockheed Martin": one word of a longer name.

    A word first looks in its own article: if a longer name there contains it,
    that is who it is (and if two do, it is ambiguous and stays alone).  Else
    it looks across the corpus, and takes the one candidate whose articles
    share the most other entities with its own.
    """
    context = _Context(state)
    by_word: dict[tuple[str, str], set[int]] = defaultdict(set)
    for unit in state.units:
        if len(unit.words) > 1 and unit.family in (PERSON, ORGANIZATION):
            positions = unit.words if unit.family == PERSON else unit.words[:1]
            for word in positions:
                by_word[(unit.family, word)].add(unit.index)
    for unit in state.units:
        if len(unit.words) != 1 or unit.family not in (PERSON, ORGANIZATION) or not unit.records:
            continue
        key = (unit.family, unit.key)
        candidates = by_word.get(key, set()) | alias_index.get(key, set())
        candidates.discard(unit.index)
        if candidates:
            _link_partial(state, context, unit, candidates)


def _link_partial(state: _State, context: _Context, unit: Unit, candidates: set[int]) -> None:
    sets = state.sets
    own = sets.find(unit.index)
    articles = state.articles_of(unit)
    # 1. in its own article: a longer name there that holds the word
    local: dict[int, int] = {}
    for article in articles:
        for other in state.article_units(article):
            if other in candidates and sets.find(other) != own:
                local.setdefault(sets.find(other), other)
    if local:
        if len(local) == 1:
            (target,) = local.values()
            sets.union(unit.index, target, "partial-name", PARTIAL_IN_ARTICLE)
        return
    # 2. across the corpus: the candidate whose articles share the most entities
    roots: dict[int, int] = {}
    for c in sorted(candidates):
        roots.setdefault(sets.find(c), c)
        if len(roots) > MAX_PARTIAL_CANDIDATES:
            return  # a word that many names share ("John") tells nothing on its own
    roots.pop(own, None)
    if not roots:
        return
    roots_here = [context.article_roots(a) for a in articles]
    scored = sorted(
        ((sum(context.overlap(here, own, r) for here in roots_here), r) for r in roots),
        key=lambda x: (-x[0], x[1]),
    )
    best, root = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0
    if best >= 1 and best > runner_up:
        score = round(min(0.6 + 0.1 * best, 0.85), 3)
        sets.union(unit.index, roots[root], "partial-name", score)


def _bare_fallback(state: _State) -> None:
    """One-word person names that context did not resolve: same name, same node."""
    first: dict[str, int] = {}
    for unit in state.units:
        if unit.bare and state.sets.find(unit.index) == unit.index:
            if unit.key in first:
                state.sets.union(first[unit.key], unit.index, "exact-name", 1.0)
            else:
                first[unit.key] = unit.index


# --- 5. canonical entities -----------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A canonical entity and the units it was made of, with the unit that gave its name.

    Its members' links are made only as they are written (:func:`_links`):
    held for every entity until the ids are known, they cost a build as much
    as the records themselves.
    """

    entity: CanonicalEntity
    units: list[Unit]
    anchor: Unit

    def records(self, state: _State) -> Iterator[Record]:
        return (state.records[i] for unit in self.units for i in unit.records)


def _canonical(corpus: MergedCorpus, state: _State) -> list[_Draft]:
    clusters: dict[int, list[Unit]] = defaultdict(list)
    for unit in state.units:
        clusters[state.sets.find(unit.index)].append(unit)
    drafts = [_draft(state, units) for units in clusters.values() if any(u.records for u in units)]
    _assign_ids(state, drafts)
    corpus.entities = sorted((d.entity for d in drafts), key=lambda e: e.id)
    return drafts


def _draft(state: _State, units: list[Unit]) -> _Draft:
    records = [state.records[i] for u in units for i in u.records]
    known_unit = next((u for u in units if u.known is not None), None)
    spec = state.known.entries[known_unit.known] if known_unit else None
    kind = spec.kind if spec else _kind(records)
    name = spec.name if spec else _name(records)
    anchor = known_unit or _anchor_unit(state, units, name)
    aliases = sorted({n for r in records for n in (r.name, *r.aliases)} - {name})
    entity = CanonicalEntity(
        id="",
        name=name,
        kind=kind,
        aliases=aliases,
        same_as=[spec.iri] if spec and spec.iri else [],
        mention_count=sum(r.mentions for r in records),
    )
    return _Draft(entity, units, anchor)


def _kind(records: list[Record]) -> str:
    weights: Counter[str] = Counter()
    for r in records:
        weights[r.kind] += r.mentions or 1
    return sorted(weights, key=lambda k: (-weights[k], k))[0]


def _name(records: list[Record]) -> str:
    """The name most articles use; a full name beats a bare one, then the longer."""
    counts: Counter[str] = Counter()
    for r in records:
        counts[r.name] += 1
    return sorted(counts, key=lambda n: (-(len(tokens(n)) > 1), -counts[n], -len(n), n))[0]


def _anchor_unit(state: _State, units: list[Unit], name: str) -> Unit:
    for unit in units:
        if any(state.records.profile(i).name == name for i in unit.records):
            return unit
    return units[0]


def _adjacency(state: _State) -> dict[int, list[tuple[int, str, float]]]:
    """The links between units: unit -> (other unit, reason, score)."""
    adjacency: dict[int, list[tuple[int, str, float]]] = defaultdict(list)
    for edge in state.sets.edges:
        adjacency[edge.a].append((edge.b, edge.reason, edge.score))
        adjacency[edge.b].append((edge.a, edge.reason, edge.score))
    return adjacency


def _links(state: _State, draft: _Draft, adjacency) -> list[MergeLink]:
    """One MergeLink per record: the reason its unit joined, scores multiplied along the way."""
    units, anchor, name = draft.units, draft.anchor, draft.entity.name
    reached: dict[int, tuple[str, float]] = {anchor.index: ("exact-name", 1.0)}
    queue = [anchor.index]
    while queue:
        current = queue.pop(0)
        _, score = reached[current]
        for other, reason, edge_score in sorted(adjacency.get(current, ())):
            if other not in reached:
                reached[other] = (reason, round(score * edge_score, 3))
                queue.append(other)
    single = sum(len(u.records) for u in units) == 1
    anchor_plain = plain_key(name)
    links = []
    for unit in units:
        reason, score = reached.get(unit.index, ("exact-name", 1.0))
        for i in unit.records:
            record = state.records[i]
            r, s = reason, score
            if single:
                r, s = "single", 1.0
            elif unit is anchor and plain_key(record.name) != anchor_plain and unit.known is None:
                r, s = "spelling-variant", 0.95
            links.append(MergeLink(member=record.ref, reason=r, score=s))
    links.sort(key=lambda link: (link.member.article_id, link.member.key))
    return links


def _assign_ids(state: _State, drafts: list[_Draft]) -> None:
    """``kind/name``; namesakes after the first (by article count) get a stable hash suffix."""
    by_id: dict[str, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_id[node_id(draft.entity.kind, draft.entity.name)].append(draft)
    for ident, group in by_id.items():
        if len(group) == 1:  # most names: no need to rank
            group[0].entity.id = ident
            continue
        ranked = sorted((_rank(state, d), i) for i, d in enumerate(group))
        group[ranked[0][1]].entity.id = ident
        for (_, first), i in ranked[1:]:
            group[i].entity.id = f"{ident}-{short_hash(*first)[:6]}"


def _rank(state: _State, draft: _Draft) -> tuple[int, tuple[str, str]]:
    """Most articles first, then the first member (article, key)."""
    refs = [record.ref for record in draft.records(state)]
    first = min(refs, key=lambda ref: (ref.article_id, ref.key))
    return -len({ref.article_id for ref in refs}), (first.article_id, first.key)


# --- 6. metonymy --------------------------------------------------------------------------


def _governments(corpus: MergedCorpus, state: _State, drafts: list[_Draft]) -> None:
    """A place name that acts stands for a government: give that government its own node.

    "Washington accused Beijing": the places stay places; the accusation is
    between the American and the Chinese governments, found through the known
    country, a seat of government (``government_seats.csv``) or a capital.
    ``corpus.actors`` maps each acting article-level place to its government;
    a place whose country is unknown acts as itself.
    """
    seats = {
        name_key(r["seat"]): r["country"] for r in data_rows("government_seats.csv", "kg.extract")
    }
    demonyms: dict[str, str] = {}
    for row in data_rows("demonyms.csv", "kg.extract"):
        demonyms.setdefault(row["country"], row["demonym"])
    capitals = state.known.capitals()
    by_key = {(e.kind, name_key(e.name)): e for e in corpus.entities}
    made: dict[str, CanonicalEntity] = {}
    for draft in sorted(drafts, key=lambda d: d.entity.id):
        place = draft.entity
        acting = [r.ref for r in draft.records(state) if r.metonymy == GOVERNMENT]
        if not acting or family(place.kind) != "Place":
            continue
        country = _country_of(place, state.known, seats, capitals)
        if country is None:
            continue
        name = (
            f"{demonyms[country]} government" if country in demonyms else f"Government of {country}"
        )
        government = by_key.get((ORGANIZATION, name_key(name))) or made.get(name)
        if government is None:
            government = CanonicalEntity(
                id=node_id(ORGANIZATION, name), name=name, kind=ORGANIZATION
            )
            made[name] = government
        government.metonymy = GOVERNMENT
        if place.id not in government.metonymy_of:
            government.metonymy_of = sorted([*government.metonymy_of, place.id])
        for ref in acting:
            corpus.actors[ref] = government.id
    corpus.entities = sorted([*corpus.entities, *made.values()], key=lambda e: e.id)


def _country_of(place: CanonicalEntity, known: KnownTable, seats, capitals) -> str | None:
    if place.kind == COUNTRY:
        return place.name
    key = name_key(place.name)
    if key in seats:
        found = known.lookup(seats[key], COUNTRY)
        return known.entries[found[0]].name if found else seats[key]
    if key in capitals:
        return known.entries[capitals[key]].name
    return None
