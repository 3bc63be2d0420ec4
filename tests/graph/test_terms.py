"""The graph stage writes N-Triples text itself: it must be what pyoxigraph writes."""

from __future__ import annotations

import re
from urllib.parse import quote

import pyoxigraph as ox
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg import ids
from kg.graph.build import _iri, _quoted, _typed
from kg.graph.iri import iri_text
from kg.graph.quadfile import TripleLines
from kg.ids import slugify

XSD = "http://www.w3.org/2001/XMLSchema#"


@given(st.text() | st.text(st.characters(max_codepoint=0x80)))
def test_literals_are_quoted_as_pyoxigraph_quotes_them(text):
    assert _quoted(text) == str(ox.Literal(text))


@pytest.mark.parametrize(
    "text",
    ['say "hi"', "back\\slash", "tab\tnew\nline\r", "\b\f\x00\x1f\x7f", "é 🙂 \u2028 \x85"],
)
def test_awkward_literals(text):
    assert _quoted(text) == str(ox.Literal(text))


@pytest.mark.parametrize(
    ("value", "xsd_name"),
    [("2024-05-01", "date"), ("0.500", "decimal"), ("plain", "string"), ('a "b"', "anyURI")],
)
def test_typed_literals_as_pyoxigraph_writes_them(value, xsd_name):
    expected = ox.Literal(value, datatype=ox.NamedNode(XSD + xsd_name))
    assert _typed(value, xsd_name) == str(expected)


def test_malformed_iris_are_refused_as_before():
    assert _iri("https://example.org/a") == "<https://example.org/a>"
    with pytest.raises(ValueError):
        _iri("https://example.org/a b")


@pytest.mark.parametrize(
    "path",
    ["person/li-shangfu", "article/x.txt#char=1,2", "a b", "caf%C3%A9", "é/ü", "a?b&c", ""],
)
def test_iri_text_quotes_as_urllib_does(path):
    assert iri_text("https://kg.example.org/", path) == (
        "https://kg.example.org/" + quote(path, safe="/-.~%=,")
    )


def test_triple_lines_read_as_pyoxigraph_triples():
    lines = TripleLines(
        [
            '<https://e.org/s> <https://e.org/p> "x\\ty"',
            "<https://e.org/s> <https://e.org/p> <https://e.org/o>",
        ]
    )
    assert len(lines) == 2
    assert list(lines)[0] == ox.Triple(
        ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.Literal("x\ty")
    )
    assert lines[1].object == ox.NamedNode("https://e.org/o")


@given(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True) | st.text("ab-_ .%2AÉé\t'"))
def test_slugify_fast_path_changes_nothing(text):
    """A text that is already a slug skips the work; the full path must agree."""
    fast = slugify(text)
    never = re.compile(r"(?!)")
    original, ids._PLAIN_SLUG = ids._PLAIN_SLUG, never
    try:
        assert slugify(text) == fast
    finally:
        ids._PLAIN_SLUG = original
