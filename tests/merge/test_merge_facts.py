"""Facts: support from independent reports, duplicated text, confidence, conflicts."""

from __future__ import annotations

import pytest
from merge_helpers import ArticleBuilder

from kg.merge import merge
from kg.merge.duplicates import find_duplications
from kg.merge.facts import confidence
from kg.model import Evidence

PER, CITY, COUNTRY = "Person", "City", "Country"

WIRE = (
    "Russian President Vladimir Putin met Chinese Defence Minister Li Shangfu in Moscow on Sunday, "
    "and both men hailed the military cooperation between their two countries."
)
OTHER = "Putin has met China's defence minister, according to a statement released by the Kremlin."


def met_report(article_id: str, paragraph: str, extra: str = "") -> ArticleBuilder:
    text = f"Headline of {article_id}\n{extra}\n{paragraph}\nA closing line.\n"
    b = ArticleBuilder(article_id, text=text)
    b.entity("Vladimir Putin", PER)
    b.entity("Li Shangfu", PER)
    b.claim("Vladimir Putin", "met", "Li Shangfu", sentence=paragraph)
    return b


def fact(corpus, predicate: str, **where):
    return next(
        f
        for f in corpus.facts
        if f.predicate == predicate and all(getattr(f, k) == v for k, v in where.items())
    )


def test_copies_of_one_wire_story_count_once() -> None:
    corpus = merge([met_report(f"wire{i}", WIRE).build() for i in range(5)])
    met = fact(corpus, "met")
    assert met.sources == [f"wire{i}" for i in range(5)]
    assert met.support == 1
    assert len(corpus.duplications) == 4
    assert all(d.duplicate_of == "wire0" and d.shared_paragraphs == 1 for d in corpus.duplications)


def test_independent_reports_each_count() -> None:
    corpus = merge([met_report("a", WIRE).build(), met_report("b", OTHER).build()])
    met = fact(corpus, "met")
    assert met.support == 2
    assert corpus.duplications == []


def test_shared_paragraph_is_found_through_spelling_and_quote_marks() -> None:
    british = (
        "“This is my first overseas visit since taking over as China’s defence minister. "
        "I chose Russia to emphasise our ties,” Li said."
    )
    american = (
        "\"This is my first overseas visit since taking over as China's defense minister. "
        'I chose Russia to emphasize our ties," Li said.'
    )
    a = met_report(
        "a", british, extra="Something only a says about the meeting in Moscow today."
    ).build()
    b = met_report(
        "b", american, extra="A wholly different opening paragraph written by b's reporter."
    ).build()
    (dup,) = find_duplications([a, b])
    assert (dup.article_id, dup.duplicate_of, dup.shared_paragraphs) == ("b", "a", 1)
    assert 0 < dup.similarity < 1


def test_later_article_is_the_duplicate() -> None:
    a = met_report("z-first", WIRE).build()
    a.article.published = __import__("datetime").date(2023, 4, 16)
    b = met_report("a-second", WIRE).build()
    b.article.published = __import__("datetime").date(2023, 4, 17)
    (dup,) = find_duplications([b, a])
    assert (dup.article_id, dup.duplicate_of) == ("a-second", "z-first")


def test_negated_and_hedged_claims_stay_distinct() -> None:
    b = ArticleBuilder("a")
    b.entity("China", COUNTRY)
    b.entity("Russia", COUNTRY)
    b.claim("China", "supported", "Russia")
    c = ArticleBuilder("b")
    c.entity("China", COUNTRY)
    c.entity("Russia", COUNTRY)
    c.claim("China", "supported", "Russia", negated=True)
    d = ArticleBuilder("c")
    d.entity("China", COUNTRY)
    d.entity("Russia", COUNTRY)
    d.claim("China", "supported", "Russia", hedged=True)
    corpus = merge([b.build(), c.build(), d.build()])
    flags = sorted(
        (f.negated, f.hedged, tuple(f.sources)) for f in corpus.facts if f.predicate == "supported"
    )
    assert flags == [(False, False, ("a",)), (False, True, ("c",)), (True, False, ("b",))]


def test_government_acts_for_its_place() -> None:
    b = ArticleBuilder("a")
    b.entity("Washington", CITY, metonymy="government")
    b.entity("Beijing", CITY, metonymy="government")
    b.entity("Vladimir Putin", PER)
    b.claim("Washington", "accused", "Beijing")
    b.claim("Vladimir Putin", "visited", "Beijing")
    corpus = merge([b.build()])
    accused = fact(corpus, "accused")
    assert (accused.subject, accused.object) == (
        "organization/american-government",
        "organization/chinese-government",
    )
    assert fact(corpus, "visited").object == "city/beijing"


@pytest.mark.parametrize(
    ("durations", "conflict"),
    [
        (["three-day", "two days"], True),
        (["three-day", "3 days"], False),
        (["three-day", "several days"], False),
    ],
)
def test_duration_conflicts(durations: list[str], conflict: bool) -> None:
    reports = []
    for i, duration in enumerate(durations):
        b = ArticleBuilder(f"a{i}")
        b.entity("Xi Jinping", PER)
        b.entity("Vladimir Putin", PER)
        b.event(
            "Visit",
            agent="Xi Jinping",
            participants=("Vladimir Putin",),
            date="2023-03",
            duration=duration,
        )
        reports.append(b.build())
    corpus = merge(reports)
    assert len(corpus.events) == 1
    found = [c for c in corpus.conflicts if c.predicate == "duration"]
    assert bool(found) is conflict
    if conflict:
        assert sorted(f.value for f in found[0].facts) == sorted(durations)
        assert all(f.sources for f in found[0].facts)


def test_date_conflict_keeps_both_values_with_their_sources() -> None:
    reports = []
    for i, date in enumerate(["2023-04-16", "2023-04-16", "2023-04-17"]):
        b = ArticleBuilder(f"a{i}")
        b.entity("Vladimir Putin", PER)
        b.entity("Li Shangfu", PER)
        b.event(
            "Meeting",
            agent="Vladimir Putin",
            participants=("Li Shangfu",),
            date=date,
            sentence=f"They met ({i}).",
        )
        reports.append(b.build())
    corpus = merge(reports)
    (event,) = corpus.events
    assert event.time.value == "2023-04-16"  # most reports
    (conflict,) = corpus.conflicts
    assert (conflict.subject, conflict.predicate) == (event.id, "date")
    assert {f.value: f.sources for f in conflict.facts} == {
        "2023-04-16": ["a0", "a1"],
        "2023-04-17": ["a2"],
    }


@pytest.mark.parametrize(
    ("titles", "conflict"),
    [
        (["defense minister", "foreign minister"], True),
        (["ceo", "president and ceo"], False),
        (["defense minister", "general"], False),
    ],
)
def test_title_conflicts(titles: list[str], conflict: bool) -> None:
    reports = []
    for i, title in enumerate(titles):
        b = ArticleBuilder(f"a{i}")
        b.entity("Li Shangfu", PER)
        b.entity("China", COUNTRY)
        b.role("Li Shangfu", title, "China")
        reports.append(b.build())
    corpus = merge(reports)
    assert bool([c for c in corpus.conflicts if c.predicate == "holdsRole"]) is conflict


def test_confidence_grows_with_independent_evidence_only() -> None:
    one = [Evidence("a", 0, 1, "s", "x/1", 0.9)]
    two = [*one, Evidence("b", 0, 1, "t", "x/1", 0.9)]
    assert confidence(one, [["a"]]) == pytest.approx(0.72)
    assert confidence(two, [["a"], ["b"]]) > confidence(one, [["a"]])
    assert confidence(two, [["a", "b"]]) == confidence(one, [["a"]])
    assert confidence([], [["a"]]) == 0.5
