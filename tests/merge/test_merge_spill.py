"""Merging from a spill: each step reads the articles back from disk, and keeps none.

``kg build`` hands the merge an :class:`~kg.spill.ExtractionSpill`; these tests
hold it to the promise in ``kg/merge/__init__.py`` on the real seeds (spaCy
runs once per session), with a syndicated copy and boilerplate added so that
the duplicate finder has paragraphs to compare.
"""

from __future__ import annotations

import dataclasses
import gc
import sqlite3

import pytest

from kg.graph import graph_batches
from kg.merge import merge
from kg.merge.scratchdb import PickledList
from kg.merge.shared import OneCopy
from kg.model import (
    Article,
    ArticleExtraction,
    CanonicalEntity,
    CanonicalEvent,
    CanonicalQuote,
    CanonicalRole,
    Claim,
    Duplication,
    Entity,
    Event,
    Fact,
    Mention,
    MergeLink,
    Quote,
    Role,
    Span,
)
from kg.pipeline import build_info
from kg.settings import Settings
from kg.spill import ExtractionSpill

BOILERPLATE = "Subscribe to our newsletter for the latest headlines and exclusive offers today\n"
ARTICLE_PARTS = (Article, ArticleExtraction, Entity, Event, Mention, Claim, Role, Quote)
PER_ARTICLE_NODE = (MergeLink,)  # one per entity and event of every article: kept on disk


def _with_boilerplate(extraction):
    """The extraction with a line outside its body: the content spans leave it out."""
    article = extraction.article
    text = BOILERPLATE + article.text
    shifted = len(BOILERPLATE)
    article = dataclasses.replace(
        article, text=text, content=[Span(shifted, len(text))], id=article.id + "-web"
    )
    return dataclasses.replace(extraction, article=article)


def _copy(extraction, new_id: str):
    """A syndicated copy: the same text under another id."""
    article = dataclasses.replace(extraction.article, id=new_id, source=new_id)
    return dataclasses.replace(extraction, article=article)


@pytest.fixture(scope="module")
def corpus_extractions(seed_extractions):
    seeds = [seed_extractions[key] for key in sorted(seed_extractions)]
    return [*seeds, _copy(seeds[0], "zz-syndicated.txt"), _with_boilerplate(seeds[1])]


@pytest.fixture
def spill(tmp_path, corpus_extractions):
    with ExtractionSpill.create(tmp_path) as spill:
        for extraction in reversed(corpus_extractions):  # any order: the spill sorts
            spill.add(extraction)
        yield spill


def _sorted_quads(corpus, settings) -> list[str]:
    batches = graph_batches(corpus, settings, build_info(settings))
    return sorted(f"{triple} <{name}>" for name, triples in batches for triple in triples)


def test_a_spill_merges_into_the_same_graph_as_a_list(corpus_extractions, spill):
    settings = Settings()
    listed = merge(corpus_extractions, settings)
    spilled = merge(spill, settings)
    assert listed.duplications  # the copy was found: the paragraphs were compared
    assert spilled.extractions is spill
    assert (spill.folder / "resolution.sqlite").stat().st_size > 0  # the links wait on disk
    assert spilled.article_ids == listed.article_ids == sorted(listed.article_ids)
    spilled_quads = _sorted_quads(spilled, settings)
    assert len(spilled_quads) > 1000
    assert spilled_quads == _sorted_quads(listed, settings)


def _reachable(root, skip: tuple[type, ...]) -> list[object]:
    """Every object ``root`` holds, however deep, without entering ``skip`` types."""
    seen, stack, found = {id(root)}, [root], []
    while stack:
        item = stack.pop()
        found.append(item)
        if isinstance(item, skip):
            continue
        for child in gc.get_referents(item):
            if id(child) not in seen and not isinstance(child, type):
                seen.add(id(child))
                stack.append(child)
    return found


def test_a_corpus_merged_from_a_spill_holds_no_part_of_an_article(spill):
    corpus = merge(spill, Settings())
    # a SQLite connection's statement cache leads to the interpreter's globals
    held = _reachable(corpus, skip=(ExtractionSpill, sqlite3.Connection))
    assert len(held) > 100
    assert not [type(x).__name__ for x in held if isinstance(x, ARTICLE_PARTS + PER_ARTICLE_NODE)]
    # what only the graph stage reads again waits on disk as well
    for name in ("entities", "events", "roles", "quotes", "duplications"):
        on_disk = getattr(corpus, name)
        assert isinstance(on_disk, PickledList) and len(on_disk) > 0, name
        assert (spill.folder / f"{name}.sqlite").stat().st_size > 0
        assert list(on_disk) == [on_disk[i] for i in range(len(on_disk))]
    made = (CanonicalEntity, CanonicalEvent, CanonicalRole, CanonicalQuote, Duplication)
    assert not [type(x).__name__ for x in held if isinstance(x, made)]
    # of the facts, it holds those its conflicts compare; the rest wait on disk
    facts = [x for x in held if isinstance(x, Fact)]
    assert len(facts) == sum(len(c.facts) for c in corpus.conflicts)
    assert len(corpus.facts) > 100
    assert (spill.folder / "facts.sqlite").stat().st_size > 0


def test_the_steps_keep_one_copy_of_each_article_id(corpus_extractions):
    corpus = merge(corpus_extractions, Settings())  # a list: what the steps made stays in memory
    ids = {id(a) for a in corpus.article_ids}
    kept = [
        *(ref.article_id for ref in corpus.actors),
        *(v.article_id for q in corpus.quotes for v in q.variants),
        *(a for r in corpus.roles for a in r.sources),
    ]
    assert len(kept) > 50
    assert {id(a) for a in kept} <= ids


def test_graph_from_articles_out_of_step_with_the_merge_is_refused(corpus_extractions):
    settings = Settings()
    corpus = merge(corpus_extractions, settings)
    corpus.article_ids = corpus.article_ids[::-1]
    with pytest.raises(ValueError, match="out of step"):
        _sorted_quads(corpus, settings)
    corpus.article_ids = sorted(corpus.article_ids)[:-1]
    with pytest.raises(ValueError):
        _sorted_quads(corpus, settings)


def test_an_entitys_mention_count_is_its_members_mentions(corpus_extractions):
    corpus = merge(corpus_extractions, Settings())
    by_ref = {
        (x.article.id, e.key): len(e.mentions) for x in corpus_extractions for e in x.entities
    }
    counted = [
        (e.mention_count, sum(by_ref[(m.member.article_id, m.member.key)] for m in members))
        for e in corpus.entities
        for members in [corpus.resolution.members(e.id)]
    ]
    assert all(mine == theirs for mine, theirs in counted)
    assert sum(mine for mine, _ in counted) > len(corpus.entities)  # names said more than once


def test_a_list_is_merged_in_article_order_and_left_as_it_was(corpus_extractions):
    before = [dataclasses.asdict(x) for x in corpus_extractions]
    corpus = merge(corpus_extractions, Settings())
    assert [dataclasses.asdict(x) for x in corpus_extractions] == before
    assert [id(x) for x in corpus.extractions] == [
        id(x) for x in sorted(corpus_extractions, key=lambda x: x.article.id)
    ]


def _new(text: str) -> str:
    """An equal string that is another object (a literal would be the same one)."""
    return "".join(list(text))


def test_one_copy_keeps_the_first_of_equal_values():
    one = OneCopy(["a.txt"])
    article_id = _new("a.txt")
    assert one(article_id) is not article_id and one(article_id) == "a.txt"
