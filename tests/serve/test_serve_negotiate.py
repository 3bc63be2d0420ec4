"""Reading Accept headers."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.serve.negotiate import GRAPH_MEDIA, RESULTS_MEDIA, choose, parse_accept


@pytest.mark.parametrize(
    ("header", "ranked"),
    [
        (None, []),
        ("text/csv", ["text/csv"]),
        ("text/csv;q=0.2, application/json", ["application/json", "text/csv"]),
        ("a/b;q=0, c/d", ["c/d"]),
        ("a/b;q=x, c/d;q=0.5", ["c/d"]),
        ("TEXT/CSV ; charset=utf-8", ["text/csv"]),
    ],
)
def test_parse_accept(header, ranked):
    assert parse_accept(header) == ranked


@pytest.mark.parametrize(
    ("header", "override", "table", "expected"),
    [
        ("text/csv", None, RESULTS_MEDIA, ox.QueryResultsFormat.CSV),
        ("text/*", None, RESULTS_MEDIA, ox.QueryResultsFormat.CSV),
        ("image/png", None, RESULTS_MEDIA, ox.QueryResultsFormat.JSON),
        ("text/csv", "xml", RESULTS_MEDIA, ox.QueryResultsFormat.XML),
        ("application/sparql-results+json", None, GRAPH_MEDIA, ox.RdfFormat.TURTLE),
        ("application/n-triples", None, GRAPH_MEDIA, ox.RdfFormat.N_TRIPLES),
    ],
)
def test_choose(header, override, table, expected):
    assert choose(header, table, override)[1] == expected
