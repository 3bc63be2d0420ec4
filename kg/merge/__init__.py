"""Merge: reconcile the articles' extractions into one corpus.

    merge(extractions, settings) -> MergedCorpus

1. duplicates: paragraphs shared between articles (``duplicates.py``)
2. entities: article-level entities -> canonical entities (``entities.py``)
3. events: article-level events -> canonical events (``events.py``)
4. facts: claims, roles, event slots -> facts with support and conflicts (``facts.py``)
5. quotes: the same quote in several articles -> one quote (``quotes.py``)

``slim(extraction)`` is what the merge reads of an extraction (``slim.py``):
a build that cannot hold every article in memory merges slim copies.

The result is a pure function of the extractions (their order does not
matter) and of the settings' data files (known entities, overrides).
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from kg.merge.duplicates import find_duplications
from kg.merge.entities import resolve_entities
from kg.merge.events import resolve_events
from kg.merge.facts import collect_facts
from kg.merge.quotes import merge_quotes
from kg.merge.slim import slim
from kg.model import ArticleExtraction, MergedCorpus, SlimExtraction
from kg.settings import Settings

__all__ = ["merge", "slim"]


def merge(
    extractions: Iterable[ArticleExtraction], settings: Settings | None = None
) -> MergedCorpus:
    """Reconcile ``extractions`` (in any order) into one deterministic corpus."""
    settings = settings or Settings()
    ordered = sorted(extractions, key=lambda x: x.article.id)
    corpus = MergedCorpus(extractions=ordered)
    with _no_cycle_collection():
        corpus.duplications = find_duplications(ordered)
        _let_go(corpus, text=True)
        resolve_entities(corpus, settings)
        _let_go(corpus, "entities")
        resolve_events(corpus, settings)
        collect_facts(corpus, settings)
        _let_go(corpus, "events", "roles", "claims")
        merge_quotes(corpus, settings)
        _let_go(corpus, "quotes")
    return corpus


def _let_go(corpus: MergedCorpus, *lists: str, text: bool = False) -> None:
    """Swap each slim copy for one without what the remaining steps do not read.

    ``lists`` are emptied, and with ``text`` the article's paragraphs go.  The
    copies the caller passed are not changed; unless the caller still holds
    them (``kg build`` does not), they are freed.  Whole extractions are left
    as they are: the graph stage draws each article's text and mentions from
    them.  A merged corpus of slim copies keeps their articles' metadata alone
    (a canonical entity keeps its mention count), so a large build holds,
    from the merge on, what it merged rather than what it read.
    """
    for i, extraction in enumerate(corpus.extractions):
        if isinstance(extraction, SlimExtraction):
            changes: dict[str, object] = {name: [] for name in lists}
            if text:
                changes["article"] = dataclasses.replace(extraction.article, text="")
            corpus.extractions[i] = dataclasses.replace(extraction, **changes)


@contextmanager
def _no_cycle_collection() -> Iterator[None]:
    """Pause Python's cycle collector while merging.

    Merging allocates many small objects, and each full collection walks
    every extraction of the corpus again (about a quarter of merge time at
    1 000 articles).  Merge makes no reference cycles, so there is nothing
    for the collector to find; reference counting still frees everything.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
