"""Syndicated and copied text: paragraphs shared between articles, and independent reports.

Paragraphs are compared as normalised word strings (case, punctuation,
quote marks and British/American spelling do not matter).  Candidate pairs
come from a few minimum shingle hashes per paragraph (a bottom-k sketch), so
the work grows with the number of paragraphs, not its square; each candidate
is confirmed by a fuzzy ratio.

Support: two articles count as one report of a fact when they are near
copies of each other, or when the sentences they give as evidence for it
are the same sentence (one copied the other's paragraph).
"""

from __future__ import annotations

import re
import zlib
from array import array
from collections import OrderedDict, defaultdict
from collections.abc import Iterable, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from rapidfuzz import fuzz

from kg.merge.names import text_tokens
from kg.merge.paragraphtable import ParagraphTable
from kg.merge.scratchdb import IN_MEMORY
from kg.merge.unionfind import DisjointSets
from kg.model import Article, ArticleExtraction, Duplication, Evidence

MIN_WORDS = 8  # shorter paragraphs (datelines, captions) are too common to tell copying
SHINGLE = 4  # words per shingle
SKETCH = 4  # smallest shingle hashes kept per paragraph
SAME_PARAGRAPH = 90.0  # fuzzy ratio at which two paragraphs are one text
SAME_SENTENCE = 90.0
MAX_TEXTS_PER_BUCKET = 64  # different texts sharing a sketch hash before it is too common
FUZZY_LIMIT = 50  # evidence sentences per fact compared pairwise
NEAR_COPY = 0.8  # share of the shorter article's text that makes a near copy
RECENT_SENTENCES = 4096  # normalised evidence sentences kept for reuse


@dataclass(frozen=True)
class Paragraph:
    article_id: str
    index: int
    text: str  # normalised


def normalise(text: str) -> str:
    return " ".join(text_tokens(text))


def paragraphs(extraction: ArticleExtraction) -> list[Paragraph]:
    """The body paragraphs (lines) of an article that are long enough to tell copying."""
    article_id = extraction.article.id
    return [Paragraph(article_id, i, text) for i, text in enumerate(_paragraph_texts(extraction))]


def _paragraph_texts(extraction: ArticleExtraction) -> list[str]:
    found = []
    for line in _body(extraction.article).splitlines():
        text = normalise(line)
        if _long_enough(text):
            found.append(text)
    return found


def body_paragraphs(article: Article) -> list[str]:
    """The lines of the article's body long enough to tell copying, as written."""
    return [line for line in _body(article).splitlines() if _long_enough(normalise(line))]


def _long_enough(normalised: str) -> bool:
    return len(normalised.split()) >= MIN_WORDS


def _body(article: Article) -> str:
    """``article.content_text()`` (or the whole text), blanking runs of characters at once."""
    if not article.content:
        return article.text
    text = article.text
    spans = sorted((s.start, s.end) for s in article.content)
    if spans[0][0] < 0 or any(end < start or end > len(text) for start, end in spans):
        return article.content_text()  # odd offsets: let the model's slicing decide
    parts, done = [], 0
    for start, end in spans:
        if start > done:
            parts.append(_OUTSIDE.sub(_blank, text[done:start]))
        if end > done:
            parts.append(text[max(start, done) : end])
            done = end
    parts.append(_OUTSIDE.sub(_blank, text[done:]))
    return "".join(parts)


_OUTSIDE = re.compile(r"[^\n\r]+")  # content_text keeps line breaks outside the content


def _blank(match: re.Match) -> str:
    return " " * (match.end() - match.start())


def _sketch(text: str) -> list[int]:
    words = text.split()
    if len(words) <= SHINGLE:
        shingles = {" ".join(words)}
    else:  # SHINGLE consecutive words, joined; the shifted lists end together
        shifted = (words[i:] for i in range(SHINGLE))
        shingles = set(map(" ".join, zip(*shifted, strict=False)))
    return sorted(map(zlib.crc32, map(str.encode, shingles)))[:SKETCH]


def find_duplications(
    extractions: Iterable[ArticleExtraction], folder: Path | None = None
) -> list[Duplication]:
    """Pairs of articles sharing paragraphs, the later one marked a duplicate of the earlier.

    Sorted by article id, then by the id of the article copied.
    """
    found = duplications(extractions, folder)
    return sorted(found, key=lambda d: (d.article_id, d.duplicate_of))


def duplications(
    extractions: Iterable[ArticleExtraction], folder: Path | None = None
) -> Iterator[Duplication]:
    """:func:`find_duplications` as a stream, in the order the articles came.

    The paragraphs, the clusters of copies and the pairs of articles wait in
    a SQLite table in ``folder`` (in memory without one) while they are
    compared: memory holds a few numbers per paragraph and per article.
    """
    path = folder / "paragraphs.sqlite" if folder else IN_MEMORY
    with closing(ParagraphTable(_sketch, path)) as table:
        ids, ages, sizes = [], [], array("q")
        for extraction in extractions:  # once, in a stream
            found = _paragraph_texts(extraction)
            table.add(len(ids), found)
            ids.append(extraction.article.id)
            ages.append(_age(extraction))
            sizes.append(sum(map(len, found)))
        shares = _shares(table, _clusters(table), ages)
        for late, early, paragraphs, chars in table.tally(shares):
            smaller = min(sizes[late], sizes[early]) or 1
            similarity = min(1.0, chars / smaller)
            yield Duplication(ids[late], ids[early], paragraphs, round(similarity, 3))


def _clusters(table: ParagraphTable) -> Iterator[list[int]]:
    """The paragraphs that are one text, in groups of two or more."""
    parent = array("q", range(len(table)))
    for bucket in table.buckets():
        _cluster_bucket(bucket, table, parent)
    return table.clusters(partial(_root, parent))


def _shares(
    table: ParagraphTable, clusters: Iterable[list[int]], ages: list[tuple]
) -> Iterator[tuple[int, int, int]]:
    """``(copy, origin, chars)`` for every copied paragraph, by article number.

    Every copy is a duplicate of the earliest article that has the text.  A
    paragraph is in one cluster, so a pair of articles meets each paragraph
    it shares once.
    """
    for members in clusters:
        owners = [table.owner(p) for p in members]
        origin, _, origin_text = min(owners, key=lambda o: (ages[o[0]], o[1]))
        origin_length = table.length(origin_text)
        for article, _, text in owners:
            if article != origin:
                yield article, origin, min(table.length(text), origin_length)


def _root(parent: array, x: int) -> int:
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def _cluster_bucket(bucket: list[int], table: ParagraphTable, parent: array) -> None:
    """Join the paragraphs of one sketch bucket that are the same text.

    Each paragraph is compared with one representative of every text already
    seen in the bucket, not with every paragraph: a paragraph copied a
    thousand times costs a thousand comparisons, not half a million.  A
    bucket holding more than MAX_TEXTS_PER_BUCKET different texts stands for
    a phrase too common to show copying; its remaining paragraphs are left to
    the other buckets of their sketch.
    """
    representatives: list[tuple[int, int, int]] = []  # paragraph, article, text number
    texts: dict[int, str] = {}  # read from the table only when compared

    def body(number: int) -> str:
        if number not in texts:
            texts[number] = table.text(number)
        return texts[number]

    for paragraph in bucket:
        article, _, text = table.owner(paragraph)
        for rep, rep_article, rep_text in representatives:
            if rep_article != article and (
                rep_text == text or _same_text(body(rep_text), body(text))
            ):
                a, b = _root(parent, rep), _root(parent, paragraph)
                if a != b:
                    parent[max(a, b)] = min(a, b)
                break
        else:
            if len(representatives) >= MAX_TEXTS_PER_BUCKET:
                return
            representatives.append((paragraph, article, text))


def _same_text(a: str, b: str) -> bool:
    return a == b or fuzz.ratio(a, b) >= SAME_PARAGRAPH


def _age(extraction: ArticleExtraction) -> tuple:
    """Sort key: earlier publication first, undated after dated, then by id."""
    published = extraction.article.published
    return (published is None, published.isoformat() if published else "", extraction.article.id)


@dataclass
class Independence:
    """Counts independent reports among the articles that support a fact."""

    duplications: list[Duplication]
    _copies: dict[str, str] = field(default_factory=dict)
    # evidence sentences repeat within a few neighbouring facts (those of one subject): the
    # last few thousand catch nearly every repeat, where all of them would grow with the corpus
    _normalised: OrderedDict[str, str] = field(default_factory=OrderedDict)

    def __post_init__(self) -> None:
        copies = DisjointSets()
        for dup in self.duplications:
            if dup.similarity >= NEAR_COPY:
                copies.union(dup.article_id, dup.duplicate_of)
        self._copies = {x: copies.find(x) for x in list(copies)}

    def groups(self, sources: Iterable[str], evidence: Iterable[Evidence]) -> list[list[str]]:
        """The sources, grouped into independent reports."""
        sources = sorted(set(sources))
        if len(sources) == 1:  # most facts: one article, one report
            return [sources]
        reports = DisjointSets()
        find, join = reports.find, reports.union
        for source in sources:
            find(source)
            if source in self._copies:
                join(source, self._copies[source])
        sentences = sorted({(e.article_id, self._normalise(e.sentence)) for e in evidence})
        by_text: dict[str, str] = {}
        for article, text in sentences:
            if len(text) > 20:
                join(article, by_text.setdefault(text, article))
        if len(sentences) <= FUZZY_LIMIT:  # beyond that, identical sentences only
            for i, (a, sa) in enumerate(sentences):
                for b, sb in sentences[i + 1 :]:
                    # already one report: no need to compare
                    if a == b or len(sa) <= 20 or find(a) == find(b):
                        continue
                    if fuzz.ratio(sa, sb) >= SAME_SENTENCE:
                        join(a, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for source in sources:
            groups[find(source)].append(source)
        return sorted(groups.values())

    def _normalise(self, sentence: str) -> str:
        recent = self._normalised
        text = recent.get(sentence)
        if text is None:
            text = recent[sentence] = normalise(sentence)
            if len(recent) > RECENT_SENTENCES:
                recent.popitem(last=False)
        else:
            recent.move_to_end(sentence)
        return text

    def support(self, sources: Iterable[str], evidence: Iterable[Evidence]) -> int:
        return len(self.groups(sources, evidence))
