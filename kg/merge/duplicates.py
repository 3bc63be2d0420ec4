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

import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.merge.names import tokens
from kg.merge.unionfind import DisjointSets
from kg.model import ArticleExtraction, Duplication, Evidence

MIN_WORDS = 8  # shorter paragraphs (datelines, captions) are too common to tell copying
SHINGLE = 4  # words per shingle
SKETCH = 4  # smallest shingle hashes kept per paragraph
SAME_PARAGRAPH = 90.0  # fuzzy ratio at which two paragraphs are one text
SAME_SENTENCE = 90.0
MAX_TEXTS_PER_BUCKET = 64  # different texts sharing a sketch hash before it is too common
FUZZY_LIMIT = 50  # evidence sentences per fact compared pairwise
NEAR_COPY = 0.8  # share of the shorter article's text that makes a near copy


@dataclass(frozen=True)
class Paragraph:
    article_id: str
    index: int
    text: str  # normalised


def normalise(text: str) -> str:
    return " ".join(tokens(text))


def paragraphs(extraction: ArticleExtraction) -> list[Paragraph]:
    """The body paragraphs (lines) of an article that are long enough to tell copying."""
    body = (
        extraction.article.content_text() if extraction.article.content else extraction.article.text
    )
    found = []
    for line in body.splitlines():
        text = normalise(line)
        if len(text.split()) >= MIN_WORDS:
            found.append(Paragraph(extraction.article.id, len(found), text))
    return found


def _sketch(text: str) -> list[int]:
    words = text.split()
    shingles = {" ".join(words[i : i + SHINGLE]) for i in range(max(1, len(words) - SHINGLE + 1))}
    return sorted(zlib.crc32(s.encode("utf-8")) for s in shingles)[:SKETCH]


def find_duplications(extractions: Iterable[ArticleExtraction]) -> list[Duplication]:
    """Pairs of articles sharing paragraphs, the later one marked a duplicate of the earlier."""
    extractions = list(extractions)
    order = {x.article.id: _age(x) for x in extractions}
    sizes: dict[str, int] = {}
    buckets: dict[int, list[Paragraph]] = defaultdict(list)
    for extraction in extractions:
        found = paragraphs(extraction)
        sizes[extraction.article.id] = sum(len(p.text) for p in found)
        for paragraph in found:
            for h in _sketch(paragraph.text):
                buckets[h].append(paragraph)
    # 1. paragraphs that are one text, clustered
    sets = DisjointSets()
    for bucket in buckets.values():
        _cluster_bucket(bucket, sets)
    clusters: dict[Paragraph, list[Paragraph]] = defaultdict(list)
    for paragraph in list(sets):
        clusters[sets.find(paragraph)].append(paragraph)
    # 2. every copy is a duplicate of the earliest article that has the text
    shared: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)  # pair -> para -> chars
    for members in clusters.values():
        origin = min(members, key=lambda p: (order[p.article_id], p.index))
        for copy in members:
            if copy.article_id != origin.article_id:
                pair = (copy.article_id, origin.article_id)
                shared[pair][copy.index] = min(len(copy.text), len(origin.text))
    duplications = []
    for (late, early), paras in sorted(shared.items()):
        smaller = min(sizes[late], sizes[early]) or 1
        similarity = min(1.0, sum(paras.values()) / smaller)
        duplications.append(Duplication(late, early, len(paras), round(similarity, 3)))
    return duplications


def _cluster_bucket(bucket: list[Paragraph], sets: DisjointSets) -> None:
    """Join the paragraphs of one sketch bucket that are the same text.

    Each paragraph is compared with one representative of every text already
    seen in the bucket, not with every paragraph: a paragraph copied a
    thousand times costs a thousand comparisons, not half a million.  A
    bucket holding more than MAX_TEXTS_PER_BUCKET different texts stands for
    a phrase too common to show copying; its remaining paragraphs are left to
    the other buckets of their sketch.
    """
    representatives: list[Paragraph] = []
    for paragraph in bucket:
        sets.find(paragraph)
        for rep in representatives:
            if rep.article_id != paragraph.article_id and _same_text(rep, paragraph):
                sets.union(rep, paragraph)
                break
        else:
            if len(representatives) >= MAX_TEXTS_PER_BUCKET:
                return
            representatives.append(paragraph)


def _same_text(a: Paragraph, b: Paragraph) -> bool:
    return a.text == b.text or fuzz.ratio(a.text, b.text) >= SAME_PARAGRAPH


def _age(extraction: ArticleExtraction) -> tuple:
    """Sort key: earlier publication first, undated after dated, then by id."""
    published = extraction.article.published
    return (published is None, published.isoformat() if published else "", extraction.article.id)


@dataclass
class Independence:
    """Counts independent reports among the articles that support a fact."""

    duplications: list[Duplication]
    _copies: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        copies = DisjointSets()
        for dup in self.duplications:
            if dup.similarity >= NEAR_COPY:
                copies.union(dup.article_id, dup.duplicate_of)
        self._copies = {x: copies.find(x) for x in list(copies)}

    def groups(self, sources: Iterable[str], evidence: Iterable[Evidence]) -> list[list[str]]:
        """The sources, grouped into independent reports."""
        reports = DisjointSets()
        find, join = reports.find, reports.union
        sources = sorted(set(sources))
        for source in sources:
            find(source)
            if source in self._copies:
                join(source, self._copies[source])
        sentences = sorted({(e.article_id, normalise(e.sentence)) for e in evidence})
        by_text: dict[str, str] = {}
        for article, text in sentences:
            if len(text) > 20:
                join(article, by_text.setdefault(text, article))
        if len(sentences) <= FUZZY_LIMIT:  # beyond that, identical sentences only
            for i, (a, sa) in enumerate(sentences):
                for b, sb in sentences[i + 1 :]:
                    if a != b and len(sa) > 20 and fuzz.ratio(sa, sb) >= SAME_SENTENCE:
                        join(a, b)
        groups: dict[str, list[str]] = defaultdict(list)
        for source in sources:
            groups[find(source)].append(source)
        return sorted(groups.values())

    def support(self, sources: Iterable[str], evidence: Iterable[Evidence]) -> int:
        return len(self.groups(sources, evidence))
