"""The resolution table: every article-level node's canonical id and link, kept in SQLite."""

from __future__ import annotations

import pytest

from kg.merge.resolution import Resolution
from kg.model import LocalRef, MergeLink
from kg.spill import ExtractionSpill


def _links(*refs: tuple[str, str], reason: str = "exact-name", score: float = 1.0):
    return [MergeLink(LocalRef(a, k), reason, score) for a, k in refs]


@pytest.fixture
def table(tmp_path):
    table = Resolution(tmp_path / "resolution.sqlite")
    table.add("person/li-shangfu", _links(("b", "e1"), ("a", "e2"), ("a", "e1")))
    table.add("city/moscow", _links(("a", "e3")))
    table.add("person/vladimir-putin", _links(("b", "e2"), reason="acronym", score=0.875))
    yield table
    table.close()


def test_each_node_finds_its_canonical_id_and_link(table):
    assert table.get(LocalRef("a", "e2")) == "person/li-shangfu"
    assert table[LocalRef("b", "e2")] == "person/vladimir-putin"
    assert table.link(LocalRef("b", "e2")) == MergeLink(LocalRef("b", "e2"), "acronym", 0.875)
    # back to an article asked for before: the links at hand are the right ones
    assert table.get(LocalRef("a", "e3")) == "city/moscow"
    assert table.get(LocalRef("a", "e9")) is None
    assert table.link(LocalRef("c", "e1")) is None
    assert LocalRef("a", "e1") in table and LocalRef("c", "e1") not in table
    with pytest.raises(KeyError):
        table[LocalRef("c", "e1")]


def test_members_and_articles_come_sorted(table):
    members = table.members("person/li-shangfu")
    assert [(m.member.article_id, m.member.key) for m in members] == [
        ("a", "e1"),
        ("a", "e2"),
        ("b", "e1"),
    ]
    assert table.articles("person/li-shangfu") == ["a", "b"]
    assert table.members("person/nobody") == [] and table.articles("person/nobody") == []
    assert list(table) == sorted(list(table), key=lambda r: (r.article_id, r.key))
    assert len(table) == 5


def test_a_node_merged_twice_is_refused(table):
    with pytest.raises(ValueError, match="merged twice"):
        table.add("person/someone-else", _links(("a", "e1")))
    assert table.get(LocalRef("a", "e1")) == "person/li-shangfu"  # the first link stands


def test_links_added_after_a_lookup_are_found(table):
    assert table.get(LocalRef("c", "e1")) is None
    table.add("person/li-shangfu", _links(("c", "e1")))
    assert table.get(LocalRef("c", "e1")) == "person/li-shangfu"


def test_a_spills_resolution_goes_with_the_spill(tmp_path):
    spill = ExtractionSpill.create(tmp_path)
    table = spill.keep(Resolution(spill.folder / "resolution.sqlite"))
    table.add("city/moscow", _links(("a", "e3")))
    assert (spill.folder / "resolution.sqlite").exists()
    spill.close()
    assert not spill.folder.exists()
    with pytest.raises(Exception, match="closed"):
        table.get(LocalRef("z", "e1"))
