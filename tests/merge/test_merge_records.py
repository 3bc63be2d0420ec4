"""The entity records resolution reads: in columns, one profile for equal records."""

from __future__ import annotations

import pytest
from merge_helpers import ArticleBuilder

from kg.merge import merge
from kg.merge.entities import _records
from kg.merge.records import Profile, RecordTable
from kg.merge.resolution import Resolution
from kg.model import LocalRef, MergedCorpus
from kg.settings import Settings


def _profile(name: str, kind: str = "Person", aliases: tuple[str, ...] = ()) -> Profile:
    words = tuple(name.lower().split())
    return Profile(name, aliases, ((kind, 1.0),), frozenset(), None, kind, " ".join(words), words)


def test_equal_records_share_one_profile_and_keep_their_own_place() -> None:
    table = RecordTable()
    table.start_article("a1")
    table.add("e1", 3, _profile("Li Shangfu"))
    table.add("e2", 1, _profile("Moscow", "City"))
    table.start_article("a2")  # an article without entities
    table.start_article("a3")
    table.add("e7", 2, _profile("Li Shangfu"))
    table.seal()

    assert len(table) == 3
    assert len(table.profiles) == 2
    first, last = table[0], table[2]
    assert first.profile is last.profile and first.profile.count == 2
    assert (first.ref, first.mentions) == (LocalRef("a1", "e1"), 3)
    assert (last.ref, last.mentions, last.index) == (LocalRef("a3", "e7"), 2, 2)
    assert [table.in_article(n) for n in range(3)] == [range(0, 2), range(2, 2), range(2, 3)]
    assert [table.article(i) for i in range(3)] == [0, 0, 2]
    assert [r.name for r in table] == ["Li Shangfu", "Moscow", "Li Shangfu"]


def test_records_differing_in_aliases_keep_their_own_profiles() -> None:
    table = RecordTable()
    table.start_article("a1")
    table.add("e1", 1, _profile("Singapore Airlines", "Organization"))
    table.add("e2", 1, _profile("Singapore Airlines", "Organization", ("SIA",)))
    table.seal()
    assert table[0].profile is not table[1].profile
    assert table[1].aliases == ("SIA",)


def test_a_sealed_table_takes_no_more_records() -> None:
    table = RecordTable()
    table.start_article("a1")
    table.seal()
    with pytest.raises(AssertionError, match="sealed"):
        table.add("e1", 1, _profile("Li Shangfu"))


def test_records_of_a_corpus_share_profiles_across_articles() -> None:
    extractions = []
    for i in range(5):
        b = ArticleBuilder(f"a{i}")
        b.entity("Vladimir Putin", "Person")
        b.entity("Kremlin", "Organization", aliases=("the Kremlin",) if i == 4 else ())
        extractions.append(b.build())
    corpus = MergedCorpus(
        extractions=extractions,
        resolution=Resolution(),
        article_ids=[x.article.id for x in extractions],
    )
    records = _records(corpus)
    assert len(records) == 10
    assert sorted(p.count for p in records.profiles) == [1, 4, 5]


def test_kind_votes_count_every_record_of_a_profile() -> None:
    # three articles read "Jordan Reed" as a company alike (one profile), two as a
    # person in two different ways (two profiles): records outvote profiles
    extractions = []
    for i in range(3):
        b = ArticleBuilder(f"a{i}")
        b.entity("Jordan Reed", "Organization")
        extractions.append(b.build())
    for i, alias in enumerate(("Reed", "J. Reed"), start=3):
        b = ArticleBuilder(f"a{i}")
        b.entity("Jordan Reed", "Person", aliases=(alias,))
        extractions.append(b.build())
    corpus = merge(extractions, Settings())
    assert [(e.name, e.kind) for e in corpus.entities] == [("Jordan Reed", "Organization")]
