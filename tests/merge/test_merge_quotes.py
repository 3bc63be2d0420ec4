"""Quotes across articles: one node per quote, each wording a variant."""

from __future__ import annotations

import pytest
from merge_helpers import ArticleBuilder

from kg.merge import merge
from kg.merge.quotes import quote_key, same_quote

PER = "Person"

FULL = (
    "We have very strong ties. They surpass the military-political alliances of the "
    "Cold War era … They are very stable"
)


def quoted(pairs: list[tuple[str, str]]):
    """One article per (speaker, quote)."""
    extractions = []
    for i, (speaker, text) in enumerate(pairs):
        b = ArticleBuilder(f"a{i}")
        b.entity(speaker, PER)
        b.quote(text, speaker, start=10 * i)
        extractions.append(b.build())
    return merge(extractions)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        pytest.param(FULL, FULL.replace("…", "..."), True, id="punctuation"),
        pytest.param(
            FULL,
            "They surpass the military-political alliances of the Cold War era",
            True,
            id="trimmed",
        ),
        pytest.param(
            "They surpass the military-political alliances of the Cold War era. "
            "They are very stable",
            "outperform the military-political unions of the Cold War era. They rest on the "
            "principles of nonalignment, and are very stable.",
            True,
            id="another-translation",
        ),
        pytest.param(
            "I specifically chose Russia in order to emphasise the special nature of our ties",
            "I specifically chose Russia in order to emphasize the special nature of our ties",
            True,
            id="spelling",
        ),
        pytest.param(FULL, "new era", False, id="short-fragment"),
        pytest.param(
            "We are working actively through our military departments",
            "The United States has no right to give orders to China",
            False,
            id="different",
        ),
    ],
)
def test_same_quote(a: str, b: str, same: bool) -> None:
    ka, kb = quote_key(a), quote_key(b)
    shared = len({w for w in ka.split() if len(w) >= 4} & {w for w in kb.split() if len(w) >= 4})
    assert same_quote(ka, kb, shared) is same


def test_one_quote_node_with_each_wording_as_a_variant() -> None:
    trimmed = "They surpass the military-political alliances of the Cold War era"
    corpus = quoted([("Li Shangfu", FULL), ("Li Shangfu", trimmed), ("Li Shangfu", FULL)])
    (quote,) = corpus.quotes
    assert quote.speaker == "person/li-shangfu"
    assert quote.text == FULL  # the wording most articles use
    assert [(v.article_id, v.text) for v in quote.variants] == [
        ("a0", FULL),
        ("a1", trimmed),
        ("a2", FULL),
    ]


def test_same_words_from_different_speakers_are_different_quotes() -> None:
    corpus = quoted([("Li Shangfu", FULL), ("Vladimir Putin", FULL)])
    assert len(corpus.quotes) == 2
    assert corpus.quotes[0].id != corpus.quotes[1].id


def test_quote_id_is_stable_when_a_variant_is_added() -> None:
    first = quoted([("Li Shangfu", FULL), ("Li Shangfu", FULL)])
    more = quoted([("Li Shangfu", FULL), ("Li Shangfu", FULL), ("Li Shangfu", FULL[:60])])
    assert first.quotes[0].id == more.quotes[0].id
