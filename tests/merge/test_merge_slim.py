"""Slim copies: the merge makes the same graph from them as from whole extractions.

``kg build`` merges slim copies and sets the whole extractions aside on disk;
these tests hold it to the promise in ``kg/merge/slim.py`` on the real seeds
(spaCy runs once per session), with a syndicated copy and boilerplate added
so that the duplicate finder has paragraphs to compare.
"""

from __future__ import annotations

import dataclasses

import pytest

from kg.graph import graph_batches
from kg.merge import merge, slim
from kg.merge.duplicates import find_duplications
from kg.merge.entities import kind_votes
from kg.model import Mention, SlimExtraction, Span
from kg.pipeline import build_info
from kg.settings import Settings

BOILERPLATE = "Subscribe to our newsletter for the latest headlines and exclusive offers today\n"


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


def _sorted_quads(corpus, settings, articles=None) -> list[str]:
    batches = graph_batches(corpus, settings, build_info(settings), articles=articles)
    return sorted(f"{triple} <{name}>" for name, triples in batches for triple in triples)


def test_slim_copies_merge_into_the_same_graph(corpus_extractions):
    settings = Settings()
    whole = merge(corpus_extractions, settings)
    strings: dict[str, str] = {}
    slimmed = merge([slim(x, strings) for x in corpus_extractions], settings)
    assert whole.duplications  # the copy was found: the paragraphs were compared
    articles = sorted(corpus_extractions, key=lambda x: x.article.id)
    whole_quads = _sorted_quads(whole, settings)
    slim_quads = _sorted_quads(slimmed, settings, articles)
    assert len(slim_quads) > 1000
    assert slim_quads == whole_quads


def test_slim_copies_find_the_same_duplications(corpus_extractions):
    whole = find_duplications(corpus_extractions)
    assert whole
    assert find_duplications([slim(x) for x in corpus_extractions]) == whole


def test_a_slim_copy_keeps_kind_votes_and_mention_counts(corpus_extractions):
    for extraction in corpus_extractions:
        for entity, thin in zip(extraction.entities, slim(extraction).entities, strict=True):
            assert kind_votes(thin) == kind_votes(entity)
            assert len(thin.mentions) == len(entity.mentions)


def test_a_slim_copy_drops_the_text_and_leaves_the_original_alone(corpus_extractions):
    extraction = corpus_extractions[-1]  # the one with content spans
    before = dataclasses.asdict(extraction)
    thin = slim(extraction)
    assert dataclasses.asdict(extraction) == before
    kept = thin.article.text.splitlines()
    assert kept
    assert set(kept) < set(extraction.article.text.splitlines())  # body lines, as written
    assert BOILERPLATE.strip() not in kept
    assert thin.article.content == []
    mentions = [m for e in thin.entities for m in e.mentions]
    assert mentions
    assert {m.text for m in mentions} == {""}
    assert (thin.claims, thin.roles, thin.quotes) == (
        extraction.claims,
        extraction.roles,
        extraction.quotes,
    )


def _strings(value, found: list[str]) -> list[str]:
    """Every string in a model object, mentions' aside, in field order."""
    if isinstance(value, str):
        found.append(value)
    elif isinstance(value, list):
        for item in value:
            _strings(item, found)
    elif dataclasses.is_dataclass(value) and not isinstance(value, Mention):
        for f in dataclasses.fields(value):
            _strings(getattr(value, f.name), found)
    return found


def test_slim_copies_hold_each_distinct_string_once(corpus_extractions):
    before = [dataclasses.asdict(x) for x in corpus_extractions]
    strings: dict[str, str] = {}
    thin = [slim(x, strings) for x in corpus_extractions]
    assert [dataclasses.asdict(x) for x in corpus_extractions] == before
    assert thin == [slim(x) for x in corpus_extractions]  # equal to unshared copies
    # an article's paragraphs are its own: kept out of the table, which would hold them
    assert all(x.article.text and x.article.text not in strings for x in thin)
    textless = [dataclasses.replace(x.article, text="") for x in thin]
    found = _strings([*textless, *(dataclasses.replace(x, article=None) for x in thin)], [])
    objects: dict[str, set[int]] = {}
    for text in found:
        objects.setdefault(text, set()).add(id(text))
    assert len(found) > 3 * len(objects) > 300  # the seeds repeat most of their strings
    assert {text: len(ids) for text, ids in objects.items() if len(ids) > 1} == {}
    # the whole extractions' strings are equal but not shared, or there was nothing to test
    whole = _strings(corpus_extractions, [])
    assert len({id(text) for text in whole}) > len(objects)


def test_whole_extractions_out_of_step_with_the_merge_are_refused(corpus_extractions):
    settings = Settings()
    slimmed = merge([slim(x) for x in corpus_extractions], settings)
    articles = sorted(corpus_extractions, key=lambda x: x.article.id)
    with pytest.raises(ValueError, match="out of step"):
        _sorted_quads(slimmed, settings, articles[::-1])
    with pytest.raises(ValueError):
        _sorted_quads(slimmed, settings, articles[:-1])


def test_a_graph_of_slim_copies_alone_is_refused(corpus_extractions):
    """Without the whole extractions the articles' text and mentions would be missing."""
    settings = Settings()
    slimmed = merge([slim(x) for x in corpus_extractions], settings)
    assert all(isinstance(x, SlimExtraction) for x in slimmed.extractions)
    with pytest.raises(ValueError, match="slim copies"):
        _sorted_quads(slimmed, settings)
    thin = sorted((slim(x) for x in corpus_extractions), key=lambda x: x.article.id)
    with pytest.raises(ValueError, match="slim copy"):
        _sorted_quads(slimmed, settings, thin)


def test_an_entitys_mention_count_is_its_members_mentions(corpus_extractions):
    corpus = merge(corpus_extractions, Settings())
    by_ref = {
        (x.article.id, e.key): len(e.mentions) for x in corpus_extractions for e in x.entities
    }
    counted = [
        (e.mention_count, sum(by_ref[(m.member.article_id, m.member.key)] for m in e.members))
        for e in corpus.entities
    ]
    assert all(mine == theirs for mine, theirs in counted)
    assert sum(mine for mine, _ in counted) > len(corpus.entities)  # names said more than once


def test_the_merge_lets_go_of_slim_copies_not_of_whole_extractions(corpus_extractions):
    settings = Settings()
    whole = merge(corpus_extractions, settings)
    assert [id(x) for x in whole.extractions] == [
        id(x) for x in sorted(corpus_extractions, key=lambda x: x.article.id)
    ]
    assert all(x.article.text and x.entities for x in whole.extractions)
    thin = [slim(x) for x in corpus_extractions]
    before = [dataclasses.asdict(x) for x in thin]
    slimmed = merge(thin, settings)
    assert [dataclasses.asdict(x) for x in thin] == before  # the caller's copies are intact
    kept = slimmed.extractions
    assert [x.article.id for x in kept] == [x.article.id for x in whole.extractions]
    assert {x.article.text for x in kept} == {""}
    assert not any(x.entities or x.events or x.roles or x.claims or x.quotes for x in kept)
    assert len({id(x.entities) for x in kept}) == len(kept)  # no list shared between copies
    assert [x.article.title for x in kept] == [x.article.title for x in whole.extractions]
