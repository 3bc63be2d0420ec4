"""Per-chunk lookups that spaCy recomputes on every call, built once per parsed chunk.

    doc_index(doc) -> DocIndex

``Span.text`` (and ``Doc.text``) joins the tokens again on every call, and
every ``doc[i]`` makes a new Python object: asked once per mention or per
token, they made extraction grow with the square of a sentence's or a
chunk's length.  :func:`doc_index` answers these questions from plain lists
built in one pass, kept on the Doc (``doc.user_data``) so that every
extractor of the article shares them.  Extractors never retokenise, so the
lists stay true for the Doc's life.
"""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING

from spacy.attrs import IDX, LEMMA, LOWER, ORTH, POS, SPACY

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

__all__ = ["DocIndex", "doc_index"]

_KEY = "kg.doc_index"


class DocIndex:
    """A parsed chunk's text, token texts and offsets, and sentences by token index."""

    def __init__(self, doc: Doc) -> None:
        # one array read instead of a Token object per token; flat columns, no row lists
        orths, starts, spaces, pos = _columns(doc)
        self.doc = doc
        self.words = _strings(doc, orths)
        self.token_starts = starts
        self.pos = pos  # each token's coarse part of speech, as a spacy.symbols id
        spaced = zip(self.words, spaces, strict=True)
        self.text = "".join([word + " " if space else word for word, space in spaced])  # doc.text
        self.sents = list(doc.sents)
        self.sent_starts = [s.start for s in self.sents]
        self._extents: list[tuple[int, int]] | None = None
        self._lemmas_lower: list[str] | None = None
        self._lowers: list[str] | None = None
        # answers other modules derive from this chunk and ask for again, by their own keys
        self.memo: dict[tuple, object] = {}

    @property
    def lemmas_lower(self) -> list[str]:
        """Each token's lemma in lower case (what ``doc[i].lemma_.lower()`` is)."""
        if self._lemmas_lower is None:
            self._lemmas_lower = [w.lower() for w in _strings(self.doc, _column(self.doc, LEMMA))]
        return self._lemmas_lower

    @property
    def lowers(self) -> list[str]:
        """Each token's text in lower case (what ``doc[i].lower_`` is)."""
        if self._lowers is None:
            self._lowers = _strings(self.doc, _column(self.doc, LOWER))
        return self._lowers

    def sentence_index(self, i: int) -> int:
        """The position in :attr:`sents` of the sentence holding token ``i``."""
        return bisect.bisect_right(self.sent_starts, i) - 1

    def sentence_of(self, i: int) -> Span:
        """The sentence holding token ``i`` (what ``doc[i].sent`` is)."""
        return self.sents[self.sentence_index(i)]

    def sentence_extent(self, i: int) -> tuple[int, int]:
        """Char offsets of the sentence holding token ``i``, without trailing whitespace."""
        if self._extents is None:
            self._extents = [_trimmed(self.text, s.start_char, s.end_char) for s in self.sents]
        return self._extents[self.sentence_index(i)]

    def text_of(self, span: Span) -> str:
        """``span.text``, sliced from the chunk's text instead of joined again."""
        return self.text[span.start_char : span.end_char]

    def tokens_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``, without making the Span."""
        if end <= start:
            return ""
        return self.text[
            self.token_starts[start] : self.token_starts[end - 1] + len(self.words[end - 1])
        ]

    def token_at(self, offset: int) -> int:
        """The index of the token at (or last starting before) char ``offset``."""
        return bisect.bisect_right(self.token_starts, offset) - 1


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    return start, start + len(text[start:end].rstrip())


def _columns(doc: Doc) -> tuple[list[int], ...]:
    """Each token's ORTH, IDX, SPACY and POS, as four lists."""
    if not len(doc):
        return [], [], [], []
    table = doc.to_array([ORTH, IDX, SPACY, POS])
    return tuple(table[:, k].tolist() for k in range(4))


def _column(doc: Doc, attr: int) -> list[int]:
    return doc.to_array(attr).tolist() if len(doc) else []


# hash -> string for every string seen: the StringStore decodes a new str on each
# look-up, and the same words come back in every chunk.  Hashes are of the strings
# themselves, so the table holds for any vocabulary; cleared when it grows too big.
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 2_000_000


def _strings(doc: Doc, hashes: list[int]) -> list[str]:
    """The strings of ``hashes``, from the table or else from the doc's StringStore."""
    table = _STRINGS
    missing = {h for h in hashes if h not in table}
    if missing:
        if len(table) + len(missing) > _STRINGS_MAX:
            table.clear()
            missing = set(hashes)
        strings = doc.vocab.strings
        for h in missing:
            table[h] = strings[h]
    return [table[h] for h in hashes]


def doc_index(doc: Doc) -> DocIndex:
    """The :class:`DocIndex` of ``doc``, built on first use."""
    index = doc.user_data.get(_KEY)
    if index is None or index.doc is not doc:
        index = DocIndex(doc)
        doc.user_data[_KEY] = index
    return index
