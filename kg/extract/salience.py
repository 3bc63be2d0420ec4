"""Who the text is about: what pronouns and descriptions refer to.

    Salience(ctx)                                one per article, shared by the extractors
    Salience.pronoun(token) -> Entity        "he said", "it would cut"
    Salience.description(token) -> Entity    "the company", "the club", "the coast guard"
    Salience.group(token) -> list[Entity]    "the two leaders", "both companies"
    Salience.about(token, kinds) -> Entity   whom the text is about at that point
    Salience.topic_organization(token)       the organisation it is about there
    Salience.organisation_called(token)      "the union": the union named before
    Salience.organisation_repeated(token)    "the coast guard": the Philippine Coast Guard
    Salience.named_before(token)             "accused the airline": the airline named before
    Salience.home_country                    the country the story is filed from

News keeps talking about the subject of its previous sentences, so a
pronoun or a description ("the company") refers first to the subject of a
main clause: in its own sentence before it, then in the sentences before,
most recent first.  A pronoun subject there refers to what that sentence's
pronoun refers to ("Barros conceded. "...," he said. He denied ..."), so
a name met on the way ("in a post on X") does not steal the reference.
Words between quotation marks are not the narrator's and are skipped.
With no salient subject, the first name of a compatible kind in the
previous sentences counts, and then the nearest name before.

:mod:`kg.extract.events` and :mod:`kg.extract.quotes` both resolve their
agents and speakers here, so a pronoun means the same in both.
"""

from __future__ import annotations

import bisect
import functools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.docindex import doc_index
from kg.model import CITY, COUNTRY, FACILITY, ORGANIZATION, PERSON, PLACE, Entity
from kg.model import Span as ModelSpan

__all__ = ["GROUP_SIZES", "PRONOUN_KINDS", "Salience"]

WINDOW = 6  # sentences searched back for the salient subject
NEAREST_WINDOW = 3  # sentences searched back for any compatible name when no subject is

# The kinds of entity each pronoun can refer to.
PRONOUN_KINDS: dict[str, frozenset[str]] = {
    **dict.fromkeys(
        ("he", "him", "his", "himself", "she", "her", "hers", "herself"), frozenset({PERSON})
    ),
    **dict.fromkeys(
        ("it", "its", "itself"), frozenset({ORGANIZATION, COUNTRY, CITY, PLACE, FACILITY})
    ),
    **dict.fromkeys(
        ("they", "them", "their", "theirs", "themselves"), frozenset({ORGANIZATION, COUNTRY})
    ),
}
# Words counting the members of a group: "the two leaders", "both companies".
GROUP_SIZES: dict[str, int] = {"two": 2, "both": 2, "three": 3, "2": 2, "3": 3}
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "pobj", "iobj"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "``", "''"})
_OPENING_QUOTES = frozenset({"“", "«", "``"})
_CLOSING_QUOTES = frozenset({"”", "»", "''"})
_DEFINITE = frozenset({"the", "this", "that"})


@dataclass
class _Sentences:
    """The sentences of one parsed chunk, found by token index (``token.sent``
    walks the whole doc on each call), and its tokens by character offset."""

    base: int
    spans: list[Span]
    starts: list[int]
    token_starts: list[int]

    def index(self, token: Token) -> int:
        return bisect.bisect_right(self.starts, token.i) - 1

    def token_at(self, offset: int) -> int:
        """The index of the token at ``offset`` (an offset into the article)."""
        return bisect.bisect_right(self.token_starts, offset - self.base) - 1


@dataclass
class Salience:
    """Reference resolution for one article (entities must be final)."""

    ctx: ArticleContext
    _docs: dict[int, _Sentences] = field(default_factory=dict, repr=False)
    _quoted: dict[tuple[int, int], frozenset[int]] = field(default_factory=dict, repr=False)
    _subjects: dict[tuple[int, int], list[Token]] = field(default_factory=dict, repr=False)
    _mentions: list[tuple[int, int, Entity]] = field(default_factory=list, repr=False)
    _mention_starts: list[int] = field(default_factory=list, repr=False)
    _pronouns: dict[tuple[int, int], Entity | None] = field(default_factory=dict, repr=False)

    # --- public ---------------------------------------------------------------

    def pronoun(self, token: Token) -> Entity | None:
        """The entity a personal pronoun refers to, if one can be found."""
        kinds = PRONOUN_KINDS.get(token.lower_)
        if kinds is None:
            return None
        key = (id(token.doc), token.i)
        if key not in self._pronouns:
            # "Scholz met Macron. He praised him": not the one who praises
            other = self._clause_subject(token) if token.dep_ in _OBJECT_DEPS else None
            self._pronouns[key] = self._salient(token, kinds, 0, exclude=other) or self._nearest(
                token, kinds, exclude=other
            )
        return self._pronouns[key]

    def about(self, token: Token, kinds: frozenset[str]) -> Entity | None:
        """The entity of ``kinds`` the text is about where ``token`` stands: the
        salient subject before it ("the secretary general said": whom the text is about)."""
        return self._salient(token, kinds, depth=0)

    def description(self, token: Token) -> Entity | None:
        """ "the company", "the club": the salient organisation.

        First the organisation named last whose name that noun heads ("the
        union" after "the General Dockers' Union ... Maersk said", "the museum"
        after "the Museum of World Culture"), for any noun; then, for the nouns
        of ``data/org_nouns.txt``, the organisation the text is about.

        Only a definite noun naming an organisation (``data/org_nouns.txt``) with
        no name of its own; an organisation named earlier in the same sentence
        counts too ("Vega's engineer said the company ...").
        """
        repeated = self.organisation_repeated(token)
        if repeated is not None:
            return repeated
        if not self._acts_unnamed(token):
            return None
        called = self.organisation_called(token)
        if called is not None:  # "the union": the General Dockers' Union named before
            return called
        if token.lemma_.lower() not in gazetteer.load().org_nouns:
            return None  # "the museum", "the railroad": only the one of that name
        # a subject of its sentence, the nearest organisation named in it, then only
        # subjects: an organisation named in passing ("backed by X") is no topic
        return self._salient(token, frozenset({ORGANIZATION}), 0, any_name=False, nearest=True)

    def named_before(self, token: Token) -> Entity | None:
        """ "The union accused the airline": a definite noun, in any place in its
        clause, that heads the name of an organisation named before (Nordlys Air).

        Unlike :meth:`description`, never the organisation the text is about:
        "Harlow Group sued the company" is not about Harlow Group.
        """
        if token.pos_ != "NOUN" or not _definite(token) or not _unnamed(token):
            return None
        return self.organisation_called(token)

    def topic_organization(self, token: Token) -> Entity | None:
        """The organisation the text is about where ``token`` stands: a subject of
        its sentence before it, or of the sentences before ("Veltrix said ...
        Chief Executive Claudia Brenner said": Brenner's company)."""
        return self._salient(token, frozenset({ORGANIZATION}), 0, any_name=False)

    def organisation_repeated(self, token: Token) -> Entity | None:
        """ "the coast guard" after "the Philippine Coast Guard": a definite noun with
        lower-case nouns before it that, together, repeat the last words of the name of
        an organisation named before (the one named last)."""
        if not self._acts(token) or not _definite(token):
            return None
        compounds = [c for c in token.children if c.dep_ == "compound"]
        first = min((c.i for c in compounds), default=token.i)
        words = token.doc[first : token.i + 1]
        if first == token.i or any(t.pos_ != "NOUN" or not t.is_lower for t in words):
            return None
        said = tuple(t.lower_ for t in words)
        offset = self._sentences_of(token).base + token.idx
        found = None
        for _start, _end, entity in self._mentions_between(0, offset):
            name = entity.name.lower().split()
            if (
                entity.kind == ORGANIZATION
                and len(name) > len(said)
                and name[-len(said) :] == list(said)
            ):
                found = entity
        return found

    def organisation_called(self, token: Token) -> Entity | None:
        """The organisation named last before ``token`` that the noun ``token`` heads
        ("the union" -> "the General Dockers' Union", "the ministry" -> "the
        Ministry of Climate")."""
        nouns = {token.lemma_.lower(), token.lower_}
        table = gazetteer.load().org_noun_words
        words = set().union(*(table.get(noun, ()) for noun in nouns))
        offset = self._sentences_of(token).base + token.idx
        found = None
        for _start, _end, entity in self._mentions_between(0, offset):
            if entity.kind != ORGANIZATION:
                continue
            if nouns.intersection(_head_words(entity.name)) or words.intersection(
                entity.name.lower().split()
            ):
                found = entity  # "the union": a Union; "the airline": Nordlys Air
        return found

    @functools.cached_property
    def home_country(self) -> Entity | None:
        """The country the story is filed from: the country of its dateline ("PORT
        KLANG, Malaysia", "TOKYO") or, with no dateline, the one it names most, by
        its name or its cities', and at least twice.  None when it names a state or
        province more than once, or when that country is not among its entities."""
        entities, gaz = self.ctx.extraction.entities, gazetteer.load()
        if any(gaz.is_division(e.name) and len(e.mentions) > 1 for e in entities):
            return None  # a state's or province's story: its own government may be meant
        dateline = self.ctx.extraction.article.dateline
        if dateline is not None:
            return _dateline_country(entities, dateline, gaz)
        return _most_named_country(entities, gaz)

    def _acts_unnamed(self, token: Token) -> bool:
        """A definite common noun with no name of its own that acts: a subject, or the
        "by" of a passive ("Apple sued the company" is not about Apple)."""
        return self._acts(token) and _definite(token) and _unnamed(token)

    @staticmethod
    def _acts(token: Token) -> bool:
        """A common noun that is a subject, or the "by" of a passive."""
        return token.pos_ == "NOUN" and (token.dep_ in _SUBJECT_DEPS or token.head.dep_ == "agent")

    def group(self, token: Token) -> list[Entity]:
        """ "the two leaders" -> the last two people named before, in this sentence or
        the one before; nothing unless exactly that many are found."""
        size = group_size(token)
        kinds = self._group_kinds(token)
        if size is None or kinds is None:
            return []
        sentences = self._sentences_of(token)
        here = sentences.index(token)
        found: list[Entity] = []
        for i in range(here, max(here - 2, -1), -1):
            named = self._named(sentences.spans[i], sentences, kinds, until=token.i)
            for entity in reversed(named):
                if all(entity.key != e.key for e in found):
                    found.append(entity)
            if len(found) >= size:
                break
        if len(found) < size:
            return []
        return self._in_text_order(found[:size])

    # --- the salient subject ------------------------------------------------------

    def _salient(
        self,
        token: Token,
        kinds: frozenset[str],
        depth: int,
        *,
        any_name: bool = True,
        nearest: bool = False,
        exclude: str | None = None,
    ) -> Entity | None:
        def fits(entity: Entity | None) -> bool:
            return entity is not None and entity.kind in kinds and entity.key != exclude

        sentences = self._sentences_of(token)
        here = sentences.index(token)
        for i in range(here, max(here - WINDOW, -1), -1):
            sent = sentences.spans[i]
            same = i == here
            subjects = [
                s
                for s in self._subject_tokens(sent)
                if not (same and (s.i >= token.i or _same_clause_object(token, s)))
            ]
            # 1. a named subject
            for subject in subjects:
                entity = self._subject_entity(subject, sentences.base)
                if fits(entity):
                    return entity
            # 2. a pronoun subject of the main clause continues the reference before it
            main = next((s for s in subjects if s.head.dep_ == "ROOT"), None)
            if main is not None and depth < WINDOW and PRONOUN_KINDS.get(main.lower_) == kinds:
                found = self._salient(main, kinds, depth + 1, any_name=any_name)
                if fits(found):
                    return found
            # ... and so does a description of one named before ("The company denied it."),
            # while one of something else ends the search ("The city is growing. Its mayor":
            # not the company the sentence before was about)
            if main is not None and not same and PERSON not in kinds:
                if fits(found := self.named_before(main)):
                    return found
                if _describes_a_place_or_body(main):
                    return None
            # 3. the nearest name before it, or the first name of an earlier sentence
            if nearest and same:
                named = [e for e in self._named(sent, sentences, kinds, until=token.i) if fits(e)]
                if named:
                    return named[-1]
            if any_name and not same:
                named = [e for e in self._named(sent, sentences, kinds, until=sent.end) if fits(e)]
                if named:
                    return named[0]
        return None

    def _subject_entity(self, subject: Token, base: int) -> Entity | None:
        entity = self.ctx.entity_of_token(subject, base)
        if entity is None:
            for child in subject.children:
                if child.dep_ == "appos":
                    return self.ctx.entity_of_token(child, base)
        return entity

    def _clause_subject(self, token: Token) -> str | None:
        """The key of the subject of the verb an object pronoun depends on."""
        verb = token.head.head if token.dep_ == "pobj" else token.head
        sentences = self._sentences_of(token)
        for subject in (c for c in verb.children if c.dep_ in _SUBJECT_DEPS):
            entity = self._subject_entity(subject, sentences.base)
            if entity is None and subject.i < token.i and subject.lower_ in PRONOUN_KINDS:
                entity = self.pronoun(subject)
            if entity is not None:
                return entity.key
        return None

    def _subject_tokens(self, sent: Span) -> list[Token]:
        """Subjects outside quotation marks, the main clause's first."""
        key = (id(sent.doc), sent.start)
        if key not in self._subjects:
            quoted = self._quoted_in(sent)
            subjects = [
                t
                for t in _after_last_paragraph(sent)
                if t.i not in quoted and (t.dep_ in _SUBJECT_DEPS or _is_noun_root(t))
            ]
            subjects.sort(key=lambda t: (t.head.dep_ != "ROOT", t.i))
            self._subjects[key] = subjects
        return self._subjects[key]

    def _nearest(
        self, token: Token, kinds: frozenset[str], *, exclude: str | None = None
    ) -> Entity | None:
        """No salient subject: the name of ``kinds`` mentioned last before the token,
        in its sentence or the few before."""
        sentences = self._sentences_of(token)
        here = sentences.index(token)
        first = sentences.spans[max(0, here - NEAREST_WINDOW)]
        start, end = sentences.base + first.start_char, sentences.base + token.idx
        found = [
            (m_end, e)
            for _, m_end, e in self._mentions_between(start, end)
            if e.kind in kinds and e.key != exclude
        ]
        return max(found, key=lambda f: f[0])[1] if found else None

    # --- names in a sentence ----------------------------------------------------

    def _named(
        self, sent: Span, sentences: _Sentences, kinds: frozenset[str], until: int
    ) -> list[Entity]:
        """Entities of ``kinds`` named in the sentence before token ``until``,
        outside quotation marks, in text order (one entry per mention)."""
        quoted = self._quoted_in(sent)
        stop = sent.doc[until].idx if until < sent.end else sent.end_char
        out = []
        for start, _end, entity in self._mentions_between(
            sentences.base + sent.start_char, sentences.base + stop
        ):
            if entity.kind in kinds and sentences.token_at(start) not in quoted:
                out.append(entity)
        return out

    def _mentions_between(self, start: int, end: int) -> Iterator[tuple[int, int, Entity]]:
        if not self._mention_starts:
            self._mentions = sorted(
                ((m.start, m.end, e) for e in self.ctx.extraction.entities for m in e.mentions),
                key=lambda x: (x[0], x[1]),
            )
            self._mention_starts = [m[0] for m in self._mentions]
        i = bisect.bisect_left(self._mention_starts, start)
        while i < len(self._mentions) and self._mentions[i][0] < end:
            if self._mentions[i][1] <= end:
                yield self._mentions[i]
            i += 1

    def _in_text_order(self, entities: list[Entity]) -> list[Entity]:
        return sorted(entities, key=lambda e: min(m.start for m in e.mentions))

    def _group_kinds(self, token: Token) -> frozenset[str] | None:
        gaz = gazetteer.load()
        lemma = token.lemma_.lower()
        if lemma in gaz.org_nouns:
            return frozenset({ORGANIZATION})
        if lemma in gaz.person_nouns:
            return frozenset({PERSON})
        return None

    # --- text structure ---------------------------------------------------------

    def _sentences_of(self, token: Token) -> _Sentences:
        doc = token.doc
        if id(doc) not in self._docs:
            base = next(b for d, b in self.ctx.docs if d is doc)
            index = doc_index(doc)
            self._docs[id(doc)] = _Sentences(
                base, index.sents, index.sent_starts, index.token_starts
            )
        return self._docs[id(doc)]

    def _quoted_in(self, sent: Span) -> frozenset[int]:
        """Indices of the sentence's tokens between quotation marks."""
        key = (id(sent.doc), sent.start)
        if key not in self._quoted:
            inside, opened = set(), False
            for t in sent:
                if t.text in _OPENING_QUOTES:
                    opened = True
                elif t.text in _CLOSING_QUOTES:
                    opened = False
                elif t.text in _QUOTE_MARKS:
                    opened = not opened  # straight quotes open and close alike
                elif opened:
                    inside.add(t.i)
            self._quoted[key] = frozenset(inside)
        return self._quoted[key]


def _dateline_country(
    entities: list[Entity], dateline: ModelSpan, gaz: gazetteer.Gazetteer
) -> Entity | None:
    """The country the dateline names, or the country of the city it names."""
    named = [
        e
        for e in entities
        if any(dateline.start <= m.start and m.end <= dateline.end for m in e.mentions)
    ]
    home = next((e.name for e in named if e.kind == COUNTRY), None)
    home = home or next((gaz.city_country(e.name) for e in named if e.kind == CITY), None)
    return next((e for e in entities if e.kind == COUNTRY and e.name == home), None)


def _most_named_country(entities: list[Entity], gaz: gazetteer.Gazetteer) -> Entity | None:
    """The country named most, by its name and its cities' (twice at least, and
    more than any other): a story happens where it names places.  Demonyms say
    less ("the British Embassy in Buenos Aires")."""
    cities: Counter[str | None] = Counter()
    for e in entities:
        if e.kind == CITY:
            cities[gaz.city_country(e.name)] += len(e.mentions)
    counts = sorted(
        ((len(e.mentions) + cities[e.name], e.name, e) for e in entities if e.kind == COUNTRY),
        reverse=True,
    )
    if counts and counts[0][0] > 1 and (len(counts) == 1 or counts[1][0] < counts[0][0]):
        return counts[0][2]
    return None


def group_size(token: Token) -> int | None:
    """2 for "the two leaders" and "both companies"; None for a single noun."""
    if token.tag_ not in ("NNS", "NNPS"):
        return None
    for child in token.children:
        if child.dep_ in ("nummod", "det", "predet", "preconj") and child.lower_ in GROUP_SIZES:
            return GROUP_SIZES[child.lower_]
    return None


def _is_noun_root(token: Token) -> bool:
    """A noun the parser made the root ("Acme, a startup, announced ..." misread):
    the sentence is about it."""
    return token.dep_ == "ROOT" and token.pos_ in ("NOUN", "PROPN")


def _same_clause_object(pronoun: Token, subject: Token) -> bool:
    """ "Putin praised him": an object pronoun is not its own verb's subject."""
    return pronoun.dep_ in _OBJECT_DEPS and subject.head in (pronoun.head, pronoun.head.head)


def _after_last_paragraph(sent: Span) -> Span:
    """The sentence from its last blank line on: a headline parsed together with
    the first paragraph is not part of it."""
    text = doc_index(sent.doc).text_of(sent)
    cut = text.rstrip().rfind("\n\n")
    if cut < 0:
        return sent
    tail = sent.char_span(cut, len(text), alignment_mode="expand")
    return tail if tail is not None else sent


def _head_words(name: str) -> list[str]:
    """The words that can head an organisation's name: its last, and the one before
    its first "of" or "for" ("Ministry of Climate", "Severn Institute for Genomic
    Medicine", "Federal Court of Australia")."""
    words = name.lower().removeprefix("the ").split()
    linked = next((i for i, w in enumerate(words) if w in ("of", "for") and i > 0), None)
    return words[-1:] + ([words[linked - 1]] if linked is not None else [])


def _describes_a_place_or_body(token: Token) -> bool:
    """ "The city", "the union" with no name of their own: a place or an organisation
    the text has not named ("The decision was confirmed" describes neither)."""
    if token.pos_ != "NOUN" or not _definite(token) or not _unnamed(token):
        return False
    gaz, lemma = gazetteer.load(), token.lemma_.lower()
    return lemma in gaz.place_nouns or lemma in gaz.org_nouns


def _definite(token: Token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in _DEFINITE for c in token.children)


def _unnamed(token: Token) -> bool:
    """No name, owner or number of its own: "the company", not "the Acme company"."""
    return not any(
        c.dep_ in ("compound", "poss", "nummod") or c.pos_ == "PROPN" for c in token.children
    )
