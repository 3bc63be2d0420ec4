"""The state shared by the extractors while they read one article."""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from kg.extract.docindex import doc_index
from kg.model import COUNTRY, PERSON, Article, ArticleExtraction, Entity, Evidence, Mention

_LONGEST_MENTION = 300  # characters; bounds the backward scan in entity_at


@dataclass
class ArticleContext:
    """One article's parsed chunks and everything extracted from them so far.

    Extractors run in order over the same context: the entity extractors fill
    ``mentions`` and ``extraction.entities``; later ones look entities up by
    offsets with :meth:`entity_at` and append events, roles, claims, quotes.
    All offsets handed out are offsets into ``article.text``.
    """

    article: Article
    docs: list[tuple[Doc, int]]  # parsed chunks and their base offsets
    extraction: ArticleExtraction = field(init=False)
    mentions: list[Mention] = field(default_factory=list)  # before coreference
    _starts: list[int] = field(default_factory=list, repr=False)
    _spans: list[tuple[int, int, str]] = field(default_factory=list, repr=False)
    _counters: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.extraction = ArticleExtraction(article=self.article)

    # --- text -----------------------------------------------------------

    def sentences(self) -> Iterator[tuple[Span, int]]:
        """Every sentence with its chunk's base offset, skipping blank ones."""
        for doc, base in self.docs:
            index = doc_index(doc)
            for sent in index.sents:
                if index.text_of(sent).strip():
                    yield sent, base

    def evidence(self, sent: Span, base: int, extractor: str, confidence: float = 1.0) -> Evidence:
        text = doc_index(sent.doc).text_of(sent).rstrip()
        start = base + sent.start_char
        return Evidence(
            article_id=self.article.id,
            start=start,
            end=start + len(text),
            sentence=text,
            extractor=extractor,
            confidence=round(confidence, 3),
        )

    # --- entities -------------------------------------------------------

    def new_key(self, prefix: str) -> str:
        self._counters[prefix] = self._counters.get(prefix, 0) + 1
        return f"{prefix}{self._counters[prefix]}"

    def index_entities(self) -> None:
        """Build the offset index used by :meth:`entity_at` (after coreference)."""
        spans = sorted(
            (m.start, m.end, e.key) for e in self.extraction.entities for m in e.mentions
        )
        self._spans = spans
        self._starts = [s for s, _, _ in spans]

    def entity_at(self, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps ``[start, end)`` most, if any.

        Ties go to the shorter mention: "Apple" inside the extent "Apple CEO
        Steve Jobs" is the company, not the person the extent names.
        """
        best, best_rank = None, (0, 0)
        i = bisect.bisect_left(self._starts, end) - 1  # the mentions starting before ``end``
        while i >= 0:
            s, e, key = self._spans[i]
            if s < start - _LONGEST_MENTION:
                break
            rank = (min(e, end) - max(s, start), s - e)
            if rank[0] > 0 and rank > best_rank:
                best, best_rank = key, rank
            i -= 1
        return self.extraction.entity(best) if best else None

    def entity_of_token(self, token: Token, base: int) -> Entity | None:
        start = base + token.idx
        return self.entity_at(start, start + len(token.text))

    def head_entity(self, token: Token, base: int) -> Entity | None:
        """The entity a noun phrase's head names, as the subject of a verb.

        An organisation with a person in apposition, past a possessive and a
        noun, is the parser's reading of "The University of Dundee's principal,
        Professor X, said", the title hung inside the name: the person is who
        acts.  Lists are left alone ("Shell, BP and Chevron boss Mike Wirth").
        """
        entity = self.entity_of_token(token, base)
        if entity is None or entity.kind == PERSON or any(c.dep_ == "conj" for c in token.children):
            return entity
        for child in token.children:
            if child.dep_ != "appos" or child.conjuncts:
                continue
            between = token.doc[token.i + 1 : child.left_edge.i]
            owned = any(t.tag_ == "POS" for t in between) and any(t.pos_ == "NOUN" for t in between)
            person = self.entity_of_token(child, base)
            if owned and person is not None and person.kind == PERSON:
                return person
        return entity

    def country(self, name: str) -> Entity | None:
        """The article's entity for the country ``name`` (a gazetteer's name), if any."""
        named = (e for e in self.extraction.entities if e.kind == COUNTRY)
        return next((e for e in named if e.name == name), None)

    def entity_of_span(self, span: Span, base: int) -> Entity | None:
        return self.entity_at(base + span.start_char, base + span.end_char)
