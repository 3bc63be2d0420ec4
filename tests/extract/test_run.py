"""Running the extractors over articles: what is left behind afterwards."""

from __future__ import annotations

import gc

from spacy.tokens import Doc

from kg.extract import extract_articles
from kg.model import Article, Span

TEXTS = [
    "Apple CEO Tim Cook met President Joe Biden in Washington on Tuesday. "
    "“We talked about jobs,” Cook said.",
    "Airbus said on Monday it would build a plant in Mobile, Alabama.",
]


def _article(i: int, text: str) -> Article:
    return Article(id=f"a{i}.txt", source=f"a{i}.txt", text=text, content=[Span(0, len(text))])


def test_parsed_chunks_are_freed_without_the_cycle_collector():
    # The extractors cache lookups on each Doc; left there, they would tie the Doc
    # in a reference cycle that only a full collection frees.
    articles = [_article(i, text) for i, text in enumerate(TEXTS * 2)]
    gc.collect()
    gc.disable()
    try:
        extractions = list(extract_articles(articles))
        alive = sum(1 for o in gc.get_objects() if isinstance(o, Doc))
    finally:
        gc.enable()
    assert len(extractions) == len(articles)
    assert all(ex.entities for ex in extractions)
    assert alive == 0
