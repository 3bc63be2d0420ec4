"""The literal pre-test never rules out a pattern that would match."""

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ingest_helpers import MEANTIME, SAMPLES

from kg.ingest import patterns, prefilter
from kg.ingest.boilerplate import PATTERN_FILE as BOILERPLATE
from kg.ingest.lines import split_lines
from kg.ingest.metadata import PATTERN_FILE as METADATA

LITERALS = [
    (r"\bcookie (?:policy|notice)\b", ("cookie ",)),
    (r"\b(?:donate now|make a donation)\b", ("donate now", "make a donation")),
    (r"\bread (?:the )?full\b", ("read ",)),  # the optional part is not required
    (r"(?:photo|video)s?\s*by\b", ("photo", "video")),
    (r"\b(?:sign up|go)\b", ()),  # "go" is too short to be worth testing
    (r"^skip to (?:main )?content\b", ()),  # anchored: cheap already
    (r"(?-i:[A-Z]{2,})", ()),  # no literal at all
    (r"\bcaf\u00e9 society\b", (" society",)),  # only ASCII literals are taken
    (r"\b(?:one|two)+ three", (" three",)),
]


@pytest.mark.parametrize(("expression", "expected"), LITERALS)
def test_required_literals(expression, expected):
    pattern = patterns.compile_pattern(expression)
    assert prefilter.required_literals(pattern) == expected


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Sign Up For Our Newsletter", "sign up for our newsletter"),
        ("It\u2019s “quoted” text", "it\u2019s “quoted” text"),
        # re.IGNORECASE matches these with ASCII letters: no pre-test at all
        ("\u017fubscribe now", None),
        ("\u212aeep reading", None),
        ("\u0130stanbul", None),
    ],
)
def test_folded(text, folded):
    assert prefilter.folded(text) == folded


def test_lookalikes_are_asked_of_re():
    lookalikes = prefilter._ascii_lookalikes()
    assert "\u017f" in lookalikes  # long s matches "s"
    assert all(re.fullmatch("[a-z]", c, re.IGNORECASE) for c in lookalikes)


def _search_every_pattern(expressions: tuple[re.Pattern[str], ...], text: str):
    for pattern in expressions:
        match = pattern.search(text)
        if match:
            return match
    return None


def _sections():
    for name in (BOILERPLATE, METADATA):
        for section, expressions in patterns.load(name).items():
            if expressions:
                yield f"{name}:{section}", expressions


def _lines_of_real_articles() -> list[str]:
    texts = [p.read_text("utf-8") for p in sorted(SAMPLES.rglob("*.txt"))]
    texts += [p.read_text("utf-8") for p in sorted(MEANTIME.glob("*.txt"))[:20]]
    return [line.text for text in texts for line in split_lines(text) if line.text]


SECTIONS = dict(_sections())
LINES = _lines_of_real_articles() + [
    "Sign up for our free daily newsletter",
    "\u017fign up for our free daily newsletter",
    "We use cookies to improve your experience.",
    "Please consider supporting our journalism today",
    "Photo by Jane Doe / Reuters",
]


@pytest.mark.parametrize("section", sorted(SECTIONS))
def test_shipped_patterns_give_what_every_search_gives(section):
    expressions = SECTIONS[section]
    for line in LINES:
        expected = _search_every_pattern(expressions, line)
        found = patterns.search_any(expressions, line)
        assert (found and found.span(), found and found.re) == (
            expected and expected.span(),
            expected and expected.re,
        ), line


_WORDS = st.sampled_from(
    ["sign up", "newsletter", "cookie", "policy", "photo", "by", "s", "\u017f", "K", "\u212a"]
)
_TEXTS = st.lists(st.one_of(_WORDS, st.text(max_size=6)), max_size=12).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS)
def test_any_text_gives_what_every_search_gives(text):
    for expressions in SECTIONS.values():
        expected = _search_every_pattern(expressions, text)
        found = patterns.search_any(expressions, text)
        assert (found and found.span()) == (expected and expected.span())
