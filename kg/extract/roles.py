"""Roles: the positions people hold, read from titles and appositions.

    "Russian Defense Minister Sergei Shoigu"         title before the name
    "Li Shangfu, China's newly appointed minister"   apposition after it
    "Steve Jobs, the chief executive of Apple Inc."  apposition with "of"
    "Jane Doe was elected mayor of Braga"            predicate (data/role_verbs.csv)
    "China's Defense Minister, Gen. Li Shangfu"      title, comma, name
    "Veltrix said ... Chief Executive Claudia Brenner"  an owner implied by the story
    "Jacques Peeters, who heads the Port of Antwerp"    a relative clause (data/role_actions.csv)

A company's title with no owner named ("Chief Executive Claudia Brenner
said") belongs to the organisation the text is about at that point: the
subject of that sentence or of those before it (:mod:`kg.extract.salience`).
Only titles that ``data/title_owners.csv`` says an organisation owns, and
only where no word before the title describes another owner ("union
chairman", "police spokesperson").  A government's title with no owner
named ("Transport Minister Nurul Aziz Hamdan", ``data/national_titles.txt``)
belongs to the country the story is filed from.

Each becomes a :class:`kg.model.Role` in ``ctx.extraction.roles``: the
holder's entity key, the label normalised by the gazetteer ("defence
minister" -> "defense minister"), the country or organisation it belongs to
(a demonym names its country; the country becomes an entity if the article
never names it otherwise) and a qualifier ("former", "since 2018").
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.coref import resolve_pronoun
from kg.extract.docindex import doc_index
from kg.extract.entities import EXTENT_LABELS, title_start
from kg.extract.events import speech_verbs
from kg.extract.registry import extractor
from kg.extract.salience import Salience
from kg.model import COUNTRY, ORGANIZATION, PERSON, Entity, Mention, Role, Span

_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "his", "her", "their"})
_OWNER_LINKS = frozenset({"of", "for", "at", "with"})
_IMPERSONAL_POSSESSIVES = frozenset({"its", "their"})
_PERSONAL_POSSESSIVES = frozenset({"his", "her"})  # a client's: "his lawyer, Jane Doe"
_CONFIDENCE = {
    "title": 0.9,
    "apposition": 0.85,
    "fronted": 0.8,
    "predicate": 0.8,
    "implied": 0.7,
}
_DESCRIBING_POS = frozenset({"NOUN", "PROPN", "ADJ"})  # "union chairman", "Kenyan coach"
_OWNER_REACH = 8  # words after a title searched for "of"/"at" and its owner
_PHRASE_ENDS = frozenset({"VERB", "AUX", "PRON", "SCONJ"})  # "..., a lawyer who represents"
_DESCRIBING_WORDS = 2  # between a possessive owner and its title: "Iran's judiciary spokesman"
_PREDICATE_DEPS = frozenset({"oprd", "attr", "xcomp"})  # "elected [mayor]", "became [head]"


@dataclass(frozen=True)
class _Found:
    label: str
    organization: str | None
    qualifier: str | None
    how: str
    unnamed_owner: bool = False  # a company's title whose owner the text leaves implied


@extractor(version=33)
def extract_roles(ctx: ArticleContext) -> None:
    """Append the roles of every person named in the article to ``ctx.extraction.roles``."""
    gaz = gazetteer.load()
    names = _Names(ctx)
    seen: dict[tuple[str, str, str | None], Role] = {}
    for sent, base in ctx.sentences():
        for holder, span in names.people_in(sent, base):
            for found in _roles_of(ctx, names, span, base, gaz):
                if found.unnamed_owner:
                    found = _implied_owner(found, names.salience, span)
                key = (holder.key, found.label, found.organization)
                if key in seen:
                    if seen[key].qualifier is None:
                        seen[key].qualifier = found.qualifier
                    continue
                evidence = ctx.evidence(sent, base, EXTRACTOR, _CONFIDENCE[found.how])
                role = Role(holder.key, found.label, found.organization, found.qualifier, evidence)
                seen[key] = role
                ctx.extraction.roles.append(role)
    _home_governments(ctx.extraction.roles, names.salience, gaz)


class _Names:
    """Named (untitled) mentions of the article by offsets, and new countries."""

    def __init__(self, ctx: ArticleContext) -> None:
        self.ctx = ctx
        self.by_start: dict[int, tuple[int, Entity]] = {}
        for entity in ctx.extraction.entities:
            for m in entity.mentions:
                if m.source_label not in EXTENT_LABELS:
                    self.by_start[m.start] = (m.end, entity)

    def people_in(self, sent: DocSpan, base: int):
        for start in sorted(self.by_start):
            end, entity = self.by_start[start]
            if entity.kind == PERSON and base + sent.start_char <= start < base + sent.end_char:
                span = sent.doc.char_span(start - base, end - base, alignment_mode="expand")
                if span is not None:
                    yield entity, span

    def entity_starting(self, doc: Doc, i: int, base: int) -> tuple[Entity, int] | None:
        """The entity named from token ``i`` on, and the token index after the name."""
        if i >= len(doc):
            return None
        found = self.by_start.get(base + doc[i].idx)
        if found is None:
            return None
        end, entity = found
        j = i
        while j < len(doc) and base + doc[j].idx < end:
            j += 1
        return entity, j

    def entity_ending(self, doc: Doc, i: int, base: int) -> tuple[Entity, int] | None:
        """The entity whose name ends with token ``i - 1``, and where it starts."""
        if i <= 0:
            return None
        end = base + doc[i - 1].idx + len(doc[i - 1].text)
        for start, (m_end, entity) in self.by_start.items():
            if m_end == end and start <= base + doc[i - 1].idx:
                j = i - 1
                while j > 0 and base + doc[j].idx > start:
                    j -= 1
                return entity, j
        return None

    @functools.cached_property
    def salience(self) -> Salience:
        """What the text is about, for owners it only implies or describes; made
        when first needed (most articles need none)."""
        return Salience(self.ctx)

    def country(self, name: str, doc: Doc, token_i: int, base: int) -> str:
        """The key of the country ``name``; a demonym becomes its mention if none exists."""
        named = self.ctx.country(name)
        if named is not None:
            return named.key
        token = doc[token_i]
        start = base + token.idx
        sent_start, sent_end = doc_index(doc).sentence_extent(token_i)
        mention = Mention(
            start=start,
            end=start + len(token.text),
            text=token.text,
            kind=COUNTRY,
            source_label="NORP+demonym",
            sentence=Span(base + sent_start, base + sent_end),
        )
        entity = Entity(key=self.ctx.new_key("e"), name=name, kind=COUNTRY, mentions=[mention])
        self.ctx.extraction.entities.append(entity)
        self.ctx.index_entities()
        self.by_start[start] = (mention.end, entity)
        return entity.key


def _roles_of(
    ctx: ArticleContext, names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    found = _title_before(names, name.doc, name.start, base, gaz, "title", name.end)
    found += _apposition_after(names, name, base, gaz)
    found += _fronted_title(names, name, base, gaz)
    found += _predicate_title(names, name, base, gaz)
    found += _appointed_as(names, name, base, gaz)
    found += _relative_clause(names, name, base, gaz)
    return found


def _relative_clause(
    names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "[Jacques Peeters], who heads the Port of Antwerp", "..., who founded Lumora",
    "..., who serves as the AU's special envoy"."""
    if serving := _serving_as(names, name, base, gaz):
        return serving
    doc, i = name.doc, _past_age(name.doc, name.end)
    if i + 3 >= len(doc) or doc[i].text != "," or doc[i + 1].lower_ != "who":
        return []
    verb = doc[i + 2]
    action = gaz.role_actions.get(verb.lemma_.lower())
    if action is None or verb.tag_ not in ("VBZ", "VBD"):
        return []
    owner = _owner_after(names, doc, i + 3, base, gaz)
    if owner is None:
        return []
    label, past = action
    qualifier = (past or None) if verb.tag_ == "VBD" else None  # "who ran": former head
    return [_Found(label, owner, qualifier, "apposition")]


def _serving_as(names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer) -> list[_Found]:
    """ "[X], who serves as the AU's special envoy", "[X], a former minister who is
    now the party's treasurer": a relative clause on the name or on its apposition
    whose verb gives its subject the role after it (role_verbs.csv, "active").
    In the past tense ("who served as ...") the role is a former one."""
    root = name.root
    nouns = [root, *(c for c in root.children if c.dep_ == "appos")]
    for verb in (c for noun in nouns for c in noun.children if c.dep_ == "relcl"):
        who = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "who"]
        if not who or verb.tag_ not in ("VBZ", "VBD"):
            continue
        if _voice(verb, gaz) != "active":
            continue
        predicate = next((c for c in verb.children if c.dep_ in _PREDICATE_DEPS), None)
        role = _as_object(verb) or predicate  # "serves as [the AU's envoy]", "remains [head]"
        if role is None:
            continue
        found = _title_phrase(names, name.doc, role.left_edge.i, base, gaz)
        if verb.tag_ == "VBD":
            found = [replace(f, qualifier=f.qualifier or gaz.normalise("former")) for f in found]
        return found
    return []


def _appointed_as(
    names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "The board appointed [Ravi Shah] as interim chief executive", "named [X] as
    coach": the object of a verb that gives a role (role_verbs.csv, "passive") takes
    the title after "as"."""
    node = name.root
    if node.dep_ == "appos":  # "appointed its medical director, [Dr Ravi Shah], as ..."
        node = node.head
    verb = node.head
    if node.dep_ != "dobj" or _voice(verb, gaz) != "passive":
        return []
    role = _as_object(verb, after=node.i)
    if role is None:
        return []
    found = _title_phrase(names, name.doc, role.left_edge.i, base, gaz)
    appointer = _appointing_organisation(names, verb, base)
    return [replace(f, organization=f.organization or appointer) for f in found]


def _voice(verb: Token, gaz: gazetteer.Gazetteer) -> str | None:
    """Whose role a verb gives (role_verbs.csv): its own, or with its particle
    ("take over")."""
    lemma = verb.lemma_.lower()
    particle = next((c.lower_ for c in verb.children if c.dep_ == "prt"), None)
    return gaz.role_verbs.get(f"{lemma} {particle}") if particle else gaz.role_verbs.get(lemma)


def _as_object(verb: Token, after: int = -1) -> Token | None:
    """The object of an "as" hanging on ``verb`` (after token ``after``), if any."""
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as" and prep.i > after:
            objects = [p for p in prep.children if p.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def _appointing_organisation(names: _Names, verb: Token, base: int) -> str | None:
    """The organisation that appoints: "Acme appointed ...", "The board appointed ..."
    (the organisation the text is about)."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        entity = names.ctx.entity_of_token(subject, base)
        if entity is None and subject.pos_ == "NOUN":
            entity = names.salience.description(subject)
        if entity is not None and entity.kind == ORGANIZATION:
            return entity.key
    return None


def _predicate_title(
    names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "[Jane Doe] was elected mayor of Braga", "[Jane Doe] became president of the club"."""
    root, doc = name.root, name.doc
    voice = _voice(root.head, gaz)
    if (voice, root.dep_) not in (("passive", "nsubjpass"), ("active", "nsubj")):
        return []
    predicates = [c for c in root.head.children if c.dep_ in _PREDICATE_DEPS]
    if voice == "active" and (role := _as_object(root.head)):
        predicates.append(role)  # "takes over as finance minister"
    for noun in predicates:
        if noun.pos_ not in ("NOUN", "PROPN"):
            continue
        words = [t.text for t in doc[noun.left_edge.i : noun.i + 1] if t.lower_ not in _DETERMINERS]
        title = gaz.title_at(words, 0)
        if title is None or not title.labels or title.end != len(words):
            continue
        link = next(
            (t for t in noun.children if t.dep_ == "prep" and t.lower_ in _OWNER_LINKS), None
        )
        owner = _owner_after(names, doc, link.i + 1, base, gaz) if link is not None else None
        return [_Found(label, owner, title.qualifier, "predicate") for label in title.labels]
    return []


def _title_before(
    names: _Names,
    doc: Doc,
    name_start: int,
    base: int,
    gaz: gazetteer.Gazetteer,
    how: str,
    name_end: int | None = None,
) -> list[_Found]:
    """ "Russian Defense Minister [Sergei Shoigu]", "CIA Director [William Burns]",
    "Justice [Jane Doe] of the Supreme Court"."""
    start = title_start(doc, name_start, gaz)
    if start is None:
        return []
    words = [t.text for t in doc[start:name_start]]
    title = gaz.title_at(words, 0)
    if title is None or not title.labels:
        return []
    nationality = gaz.is_nationality_title(words[: title.end])
    owned_by = gaz.title_owner(words[: title.end])
    government = any(gaz.is_national_title(label) for label in title.labels)
    owner, qualifier, described = _owner_before(
        names,
        doc,
        start,
        base,
        gaz,
        nationality=nationality,
        client=owned_by == "client",
        government=government,
    )
    linked = (
        name_end is not None and name_end + 1 < len(doc) and doc[name_end].lower_ in _OWNER_LINKS
    )
    if owner is None and linked:  # "Justice Jane Doe of the Supreme Court"
        owner = _owner_after(names, doc, name_end + 1, base, gaz)
    qualifier = title.qualifier or qualifier
    unnamed = owner is None and (
        described  # "the club's president": the club the text is about
        or (
            not linked
            and (start == 0 or doc[start - 1].pos_ not in _DESCRIBING_POS)
            and owned_by == "organization"
        )
    )
    return [_Found(label, owner, qualifier, how, unnamed) for label in title.labels]


def _implied_owner(found: _Found, salience: Salience, name: DocSpan) -> _Found:
    """The role with the organisation the text is about as its owner, if there is one."""
    owner = salience.topic_organization(name[0])
    if owner is None:
        return found
    return replace(found, organization=owner.key, how="implied", unnamed_owner=False)


def _home_governments(roles: list[Role], salience: Salience, gaz: gazetteer.Gazetteer) -> None:
    """Give a government's title with no owner named the story's country.

    News names a foreign official's country ("China's foreign minister") and
    leaves the home one's implied; a story that names its home country's own
    officials as such ("Vietnamese President X" from Hanoi) is written from
    abroad, and implies nothing.
    """
    unowned = [r for r in roles if r.organization is None and gaz.is_national_title(r.label)]
    home = salience.home_country if unowned else None
    if home is None or any(r.organization == home.key for r in roles):
        return
    for role in unowned:
        role.organization = home.key
        if role.evidence is not None:
            role.evidence = replace(role.evidence, confidence=_CONFIDENCE["implied"])


def _owner_before(
    names: _Names,
    doc: Doc,
    i: int,
    base: int,
    gaz: gazetteer.Gazetteer,
    *,
    nationality: bool = False,
    client: bool = False,
    government: bool = False,
) -> tuple[str | None, str | None, bool]:
    """The owner right before a title (a demonym, a name, a possessive name, or
    "its"), the qualifier, and whether an organisation noun described the owner
    ("the club's"), which the text may not have named.

    With a title a demonym only qualifies ("Brazilian striker"), the demonym
    is no owner.  A person owns only a ``client`` title ("Whitlock's lawyer",
    "his spokesman"): "Putin's Defence Minister" is Russia's.  A ``government``
    title's noun names a portfolio, not an organisation named before: "Mines
    Minister" after "Luansobe Copper Mines".
    """
    owner, described = None, None
    j = _before_brackets(doc, i - 1)  # "Country Fire Authority (CFA) chief officer"
    owner_end = _past_describing_words(names, doc, j, base)  # "Iran's judiciary spokesman"
    by_noun = owner_end == j and not government
    if by_noun and (called := _organisation_noun(names, doc, j)) is not None:
        return called.key, _qualifier_before(doc, j, gaz), False  # "coast guard spokesman"
    j = owner_end
    if j >= 0 and doc[j].text in _POSSESSIVE:
        j -= 1
    if j >= 0 and not nationality and (country := gaz.demonym(doc[j].text)):
        owner, start = names.country(country, doc, j, base), j
    elif (found := names.entity_ending(doc, j + 1, base)) and (client or found[0].kind != PERSON):
        owner, start = found[0].key, found[1]
    elif j > 0 and j + 1 < i and (described := _described_owner(names, doc, j, gaz)):
        owner, start = described.owner, j - 1  # "the museum's curator"
    elif j >= 0 and doc[j].lower_ in _IMPERSONAL_POSSESSIVES:  # "its director, Jane Doe"
        described = _described_earlier(names, doc, j, base, gaz)
        if described is not None:  # "the bank's chief executive, X, and its CFO, Y"
            owner, start = described.owner, j
        else:  # what the text is about: "The company denied it. Its spokesperson, X"
            referent = names.salience.pronoun(doc[j]) or resolve_pronoun(names.ctx, doc[j], base)
            owner, start = (referent.key if referent is not None else None), j
    elif j >= 0 and client and doc[j].lower_ in _PERSONAL_POSSESSIVES:
        referent = resolve_pronoun(names.ctx, doc[j], base)  # "His lawyer, Yaw Boateng"
        owner, start = (referent.key if referent is not None else None), j
    else:
        start = i
    return owner, _qualifier_before(doc, start, gaz), described is not None


def _organisation_noun(names: _Names, doc: Doc, j: int) -> Entity | None:
    """The organisation named before that the common noun at ``j``, right before a
    title, heads: "coast guard spokesman" after "the Philippine Coast Guard"."""
    if j < 0 or doc[j].pos_ not in ("NOUN", "PROPN"):  # "coast guard": PROPN as often
        return None
    if not (doc[j].is_lower or (doc[j].is_sent_start and doc[j].is_title)):
        return None
    return names.salience.organisation_called(doc[j])


def _past_describing_words(names: _Names, doc: Doc, j: int, base: int) -> int:
    """The possessive or name before up to two lower-case words that say what part
    of the owner a title serves ("Iran's judiciary spokesman", "Tamil Nadu water
    resources minister"); else ``j``."""
    k = j
    while (
        k >= 0 and j - k < _DESCRIBING_WORDS and doc[k].is_lower and doc[k].pos_ in _DESCRIBING_POS
    ):
        k -= 1
    if k == j or k < 0:
        return j
    return k if doc[k].text in _POSSESSIVE or names.entity_ending(doc, k + 1, base) else j


def _before_brackets(doc: Doc, j: int) -> int:
    """The token before a short bracket ending at token ``j`` (an acronym), else ``j``."""
    if j < 0 or doc[j].text != ")":
        return j
    for k in range(j - 1, max(j - 4, -1), -1):
        if doc[k].text == "(":
            return k - 1
    return j


def _qualifier_before(doc: Doc, i: int, gaz: gazetteer.Gazetteer) -> str | None:
    """ "former" in "former Russian President ..."."""
    for n in (2, 1):
        words = tuple(t.lower_ for t in doc[max(0, i - n) : i])
        if len(words) == n and words in gaz.qualifiers:
            return gaz.normalise(" ".join(words))
    return None


def _apposition_after(
    names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "[Li Shangfu], China's newly appointed defense minister", "..., the CEO of Apple",
    "[Ana Ruiz], 54, a former finance minister"."""
    doc, i = name.doc, _past_age(name.doc, name.end)
    if i >= len(doc) or doc[i].text != ",":
        return []
    if _speaks_or_names_another(doc, i + 1):
        return []  # "Saint Lucia, the island's prime minister said, ...": no apposition
    return _title_phrase(names, doc, i + 1, base, gaz)


def _speaks_or_names_another(doc: Doc, start: int) -> bool:
    """The words after a name's comma are a source's ("the island's prime minister said")
    or describe a name after them ("Salt Lake, the city's mayor, Erin Mendenhall")."""
    end = next((k for k in range(start, len(doc)) if doc[k].text in ",;."), len(doc))
    phrase = doc[start:end]
    speaks = any(t.pos_ == "VERB" and t.lemma_.lower() in speech_verbs() for t in phrase)
    names_another = (
        end + 1 < len(doc) and doc[end].text == "," and doc[end + 1].ent_type_ == "PERSON"
    )
    return speaks or names_another


def _past_age(doc: Doc, i: int) -> int:
    """Past an age set off by commas after a name (", 61"): where the text goes on."""
    if i + 2 < len(doc) and doc[i].text == "," and doc[i + 1].like_num and doc[i + 2].text == ",":
        return i + 2
    return i


def _title_phrase(
    names: _Names, doc: Doc, i: int, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """The roles a noun phrase starting at ``i`` names: "China's newly appointed defense
    minister", "the CEO of Apple", "the union's general secretary"."""
    if i < len(doc) and doc[i].lower_ in _DETERMINERS:
        i += 1
    leading = _qualifier_at(doc, i, gaz)  # "a former French defence minister"
    if leading is not None and i + 1 < len(doc) and gaz.demonym(doc[i + 1].text):
        i += 1
    else:
        leading = None  # a qualifier before the title itself is the title's to read
    owner, described = None, False
    if i < len(doc) and (country := gaz.demonym(doc[i].text)):
        owner, i = names.country(country, doc, i, base), i + 1
    elif (found := names.entity_starting(doc, i, base)) and found[0].kind != PERSON:
        after = found[1]
        if after < len(doc) and doc[after].text in _POSSESSIVE:
            owner, i = found[0].key, after + 1
        elif found[0].kind == ORGANIZATION and gaz.title_at(
            [t.text for t in doc[after : after + 10]], 0
        ):  # "a CADE councillor"; "a London lawyer" is only where she works
            owner, i = found[0].key, after
    elif by_description := _described_owner(names, doc, i, gaz):
        owner, i = by_description.owner, i + 2  # "the union's general secretary"
        described = True
    elif i + 1 < len(doc) and doc[i].pos_ == "NOUN" and doc[i + 1].text in _POSSESSIVE:
        i += 2  # "the festival's artistic director": an owner with no name
    words = [t.text for t in doc[i : min(len(doc), i + 10)]]
    title = gaz.title_at(words, 0)
    if title is None and i + 1 < len(doc) and doc[i].pos_ == "ADJ":
        i, words = i + 1, words[1:]  # "a respiratory specialist": the kind of specialist
        title = gaz.title_at(words, 0)
    if title is None or not title.labels:
        return []
    j = i + title.end
    if owner is None:
        owner = _linked_owner(names, doc, j, base, gaz)
    qualifier = title.qualifier or leading or _since(doc, j)
    implied = owner is None and described
    return [_Found(label, owner, qualifier, "apposition", implied) for label in title.labels]


def _linked_owner(
    names: _Names, doc: Doc, j: int, base: int, gaz: gazetteer.Gazetteer
) -> str | None:
    """The owner after the title ending at ``j``: "... of Apple", and past what the
    title is for, "director general of minerals and coal at the Ministry of Energy"."""
    end = min(len(doc), j + _OWNER_REACH)
    for k in range(j, end - 1):
        if doc[k].is_punct or doc[k].pos_ in _PHRASE_ENDS:
            return None
        if doc[k].lower_ in _OWNER_LINKS and (owner := _owner_after(names, doc, k + 1, base, gaz)):
            return owner
    return None


def _qualifier_at(doc: Doc, i: int, gaz: gazetteer.Gazetteer) -> str | None:
    """The one-word qualifier at ``i`` ("former", "acting"), if it is one."""
    if i < len(doc) and (doc[i].lower_,) in gaz.qualifiers:
        return gaz.normalise(doc[i].lower_)
    return None


@dataclass(frozen=True)
class _Described:
    """An owner named by description ("the union's"): the organisation named
    before that the noun heads, or None if the text named none."""

    owner: str | None


def _described_earlier(
    names: _Names, doc: Doc, j: int, base: int, gaz: gazetteer.Gazetteer
) -> _Described | None:
    """An owner described earlier in the sentence of the pronoun at ``j``, with no
    organisation or place named between them: what "its" there refers to."""
    for k in range(j - 1, doc[j].sent.start, -1):
        if (found := names.ctx.entity_of_token(doc[k], base)) and found.kind != PERSON:
            return None
        if described := _described_owner(names, doc, k - 1, gaz):
            return described
    return None


def _described_owner(
    names: _Names, doc: Doc, i: int, gaz: gazetteer.Gazetteer
) -> _Described | None:
    """The owner tokens ``i``, ``i + 1`` describe ("[the] union's"), if they describe
    one: a noun that heads an organisation named before, or an organisation noun
    (data/org_nouns.txt). None for "the minister's"."""
    if not (i > 0 and i + 1 < len(doc) and doc[i - 1].lower_ == "the"):
        return None
    if doc[i].pos_ != "NOUN" or doc[i + 1].text not in _POSSESSIVE:
        return None
    named = names.salience.organisation_called(doc[i])
    if named is None and doc[i].lower_ not in gaz.org_nouns:
        return None
    return _Described(named.key if named else None)


def _owner_after(
    names: _Names, doc: Doc, i: int, base: int, gaz: gazetteer.Gazetteer
) -> str | None:
    """The owner after "of"/"for": the last name of "China's Foreign Ministry"."""
    found = names.entity_starting(doc, i, base)  # "the Hermitage" may include "the"
    if found is None and i < len(doc) and doc[i].lower_ == "the":
        i += 1
        found = names.entity_starting(doc, i, base)
    if found is None and i + 3 < len(doc) and doc[i + 1].text == "-" and doc[i].is_lower:
        i += 3  # "of state-owned Kenya Pipeline Company"
        found = names.entity_starting(doc, i, base)
    if (
        found is None
        and i + 2 < len(doc)
        and doc[i].pos_ == "NOUN"
        and doc[i + 1].text in _POSSESSIVE
    ):
        found = names.entity_starting(doc, i + 2, base)  # "the agency's Committee for ..."
    if found is None and i + 1 < len(doc) and doc[i].pos_ == "NOUN" and doc[i].is_lower:
        found = names.entity_starting(doc, i + 1, base)  # "of the utility Vistula Energia"
    if found is None and i < len(doc) and (country := gaz.demonym(doc[i].text)):
        return names.country(country, doc, i, base)
    if found is None:
        return None
    entity, after = found
    if after + 1 < len(doc) and doc[after].text in _POSSESSIVE:
        nested = names.entity_starting(doc, after + 1, base)
        if nested is not None and nested[0].kind != PERSON:
            return nested[0].key
    if (
        after + 2 < len(doc)
        and doc[after].text == "-"
        and doc[after + 1].lower_ in gaz.place_hyphen_words
    ):
        # "an economist at Casablanca-based Atlas Bourse Research": the place says where
        nested = names.entity_starting(doc, after + 2, base)
        if nested is not None and nested[0].kind != PERSON:
            return nested[0].key
    return entity.key if entity.kind != PERSON else None


def _since(doc: Doc, i: int) -> str | None:
    """ "since 2018" after a role, before the apposition ends."""
    for j in range(i, min(len(doc) - 1, i + 8)):
        if doc[j].text in (",", ";", ".") or doc[j].pos_ == "VERB":
            return None
        if doc[j].lower_ == "since" and doc[j + 1].like_num:
            return f"since {doc[j + 1].text}"
    return None


def _fronted_title(
    names: _Names, name: DocSpan, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "China's Defense Minister, Gen. [Li Shangfu]": the title before a comma."""
    doc = name.doc
    start = title_start(doc, name.start, gaz)
    comma = (start if start is not None else name.start) - 1
    if comma <= 0 or doc[comma].text != ",":
        return []
    return _title_before(names, doc, comma, base, gaz, "fronted") or _title_of_owner(
        names, doc, comma, base, gaz
    )


def _title_of_owner(
    names: _Names, doc: Doc, comma: int, base: int, gaz: gazetteer.Gazetteer
) -> list[_Found]:
    """ "the Mayor of London, [Sadiq Khan]": the title, "of" its owner, a comma."""
    owner = names.entity_ending(doc, comma, base)
    if owner is None or owner[0].kind == PERSON:
        return []
    link = owner[1] - 1
    if link > 0 and doc[link].lower_ == "the":
        link -= 1
    if link <= 0 or doc[link].lower_ not in _OWNER_LINKS:
        return []
    return [
        replace(found, organization=found.organization or owner[0].key, unnamed_owner=False)
        for found in _title_before(names, doc, link, base, gaz, "fronted")
    ]


EXTRACTOR = f"roles/{extract_roles.version}"  # type: ignore[attr-defined]

__all__ = ["EXTRACTOR", "extract_roles"]
