"""Shared paragraphs: which lines are read, and which articles copy which."""

from __future__ import annotations

import datetime as dt
import random
import tracemalloc

import pytest

from kg.merge import duplicates
from kg.merge.duplicates import (
    Independence,
    duplications,
    find_duplications,
    normalise,
    paragraphs,
)
from kg.model import Article, ArticleExtraction, Evidence, Span

LONG = "Officials from both countries met on Sunday to discuss the new trade agreement"
OTHER = "The central bank left its interest rate unchanged for the third month in a row"
THIRD = "Heavy rain flooded several roads in the capital and closed two railway lines"
TEXT = f"Cookie banner and other page furniture here\n{LONG}.\r\n{OTHER}!\x85{THIRD}\u2028tail"


def _extraction(article_id: str, text: str, spans=(), published: str | None = None):
    article = Article(
        id=article_id,
        source=article_id,
        text=text,
        content=[Span(s, e) for s, e in spans],
        published=dt.date.fromisoformat(published) if published else None,
    )
    return ArticleExtraction(article=article)


def _spans_of(*parts: str) -> tuple[int, int]:
    start = TEXT.index(parts[0])
    return start, TEXT.index(parts[-1]) + len(parts[-1])


@pytest.mark.parametrize(
    "spans",
    [
        (),  # no content spans: the whole text
        (_spans_of(LONG),),
        (_spans_of(LONG, THIRD),),
        (_spans_of(LONG), _spans_of(THIRD)),
        (_spans_of(THIRD), _spans_of(LONG), _spans_of(LONG)),  # unordered, repeated
        (_spans_of(LONG, OTHER), _spans_of(OTHER, THIRD)),  # overlapping
        ((TEXT.index(LONG) + 10, TEXT.index(OTHER) + 20),),  # cut inside lines
        ((0, len(TEXT)),),
        ((5, 5), _spans_of(OTHER)),  # an empty span
        ((TEXT.index(OTHER), len(TEXT) + 50),),  # past the end: the model's slicing decides
    ],
)
def test_paragraphs_are_the_long_lines_of_the_content(spans) -> None:
    extraction = _extraction("a", TEXT, spans)
    body = extraction.article.content_text() if spans else TEXT
    expected = [t for t in map(normalise, body.splitlines()) if len(t.split()) >= 8]
    assert [p.text for p in paragraphs(extraction)] == expected
    assert [p.index for p in paragraphs(extraction)] == list(range(len(expected)))


def test_paragraph_text_is_normalised() -> None:
    (paragraph,) = paragraphs(_extraction("a", f"Short line\n{LONG}."))
    assert paragraph.text == normalise(LONG) == LONG.lower()


def test_copies_point_to_the_earliest_article() -> None:
    first = _extraction("m", f"{LONG}\n{OTHER}\n", published="2024-01-01")
    edited = LONG.replace("Sunday", "Monday")  # a copy with a small edit is still a copy
    second = _extraction("a", f"{edited}\n{THIRD}\n", published="2024-01-02")
    third = _extraction("z", f"{OTHER}\n{LONG}\n{THIRD}\n", published="2024-01-03")
    found = {(d.article_id, d.duplicate_of): d for d in find_duplications([third, second, first])}
    assert sorted(found) == [("a", "m"), ("z", "a"), ("z", "m")]  # z's THIRD is a's
    assert found[("z", "m")].shared_paragraphs == 2
    assert found[("z", "a")].shared_paragraphs == 1
    assert found[("z", "m")].similarity == 1.0
    assert found[("a", "m")].shared_paragraphs == 1
    assert 0.4 < found[("a", "m")].similarity < 0.6


def test_a_line_repeated_within_one_article_is_no_copy() -> None:
    single = _extraction("a", f"{LONG}\n{LONG}\n{OTHER}\n")
    assert find_duplications([single, _extraction("b", f"{THIRD}\n")]) == []


def test_independence_keeps_only_recent_sentences_normalised(monkeypatch) -> None:
    monkeypatch.setattr(duplicates, "RECENT_SENTENCES", 3)
    independence = Independence([])
    for i in range(10):
        sentence = f"The minister said on Sunday that talks number {i} had gone well."
        evidence = [Evidence(a, 0, 10, sentence, "rule", 0.9) for a in ("a", "b")]
        evidence.append(Evidence("c", 0, 10, f"Another sentence entirely, {i}.", "rule", 0.9))
        assert independence.groups(["a", "b", "c"], evidence) == [["a", "b"], ["c"]]
    assert len(independence._normalised) == 3  # it grew with every fact before


def test_pairs_of_copies_stream_out_without_being_gathered_in_memory(tmp_path) -> None:
    # article k first printed text k, and each later article copies the 100 before it:
    # 14,950 pairs of copies, which a dict of pairs and a list of results held at once
    words = random.Random(5).choices(f"{LONG} {OTHER} {THIRD}".split(), k=4_000)
    texts = [" ".join(words[i : i + 20]) for i in range(0, 4_000, 20)]

    def articles():
        for k in range(200):
            yield _extraction(f"a{k:03d}", "\n".join(texts[max(0, k - 100) : k + 1]))

    tracemalloc.start()
    try:
        pairs = 0
        for found in duplications(articles(), tmp_path):
            pairs += 1
            assert found.article_id > found.duplicate_of
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert pairs == sum(min(k, 100) for k in range(200)) == 14_950
    assert peak < 2 * 2**20, f"{peak / 2**20:.1f} MiB"
