"""The terminal table: IRIs shortened, cells clipped, ASK and CONSTRUCT readable."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.query import render_table, run
from kg.query.table import shorten, show_term

PREFIXES = {"kg": "https://w3id.org/kg-news/ns#", "": "https://kg.example.org/"}


@pytest.mark.parametrize(
    ("iri", "shown"),
    [
        ("https://w3id.org/kg-news/ns#met", "kg:met"),
        ("https://kg.example.org/person/li-shangfu", ":person/li-shangfu"),
        ("http://example.com/x", "<http://example.com/x>"),
        ("https://kg.example.org/", "<https://kg.example.org/>"),  # nothing left to show
    ],
)
def test_shorten(iri, shown):
    assert shorten(iri, PREFIXES) == shown


def test_the_longest_namespace_wins():
    prefixes = {"a": "http://x.org/", "b": "http://x.org/deep/"}
    assert shorten("http://x.org/deep/thing", prefixes) == "b:thing"


@pytest.mark.parametrize(
    ("term", "shown"),
    [
        (None, ""),
        (ox.Literal("Moscow"), "Moscow"),
        (ox.Literal("Moskva", language="ru"), "Moskva@ru"),
        (
            ox.Literal(
                "2023-04-16", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#date")
            ),
            "2023-04-16",
        ),
        (ox.BlankNode("b0"), "_:b0"),
    ],
)
def test_show_term(term, shown):
    assert show_term(term, PREFIXES) == shown


def test_select_table_is_aligned_and_counted(mini):
    query = "SELECT ?person ?name WHERE { ?person a kg:Person ; rdfs:label ?name } ORDER BY ?name"
    lines = render_table(run(query, mini)).splitlines()
    assert lines[0].split(" | ") == ["person               ", "name"]
    assert lines[2] == ":person/li-shangfu    | Li Shangfu"
    assert lines[3] == ":person/sergei-shoigu | Sergei Shoigu"
    assert lines[-1] == "(2 rows)"
    assert len({line.index("|") for line in lines[:4] if "|" in line}) == 1


def test_long_cells_are_clipped_to_one_line(mini):
    query = "SELECT ?s WHERE { ?e kg:sentence ?s }"
    table = render_table(run(query, mini), max_width=20)
    cells = [line for line in table.splitlines()[2:-1]]
    assert cells and all(len(c) <= 20 and c.endswith("…") for c in cells)
    assert len(render_table(run(query, mini), max_width=0).splitlines()[2]) > 20


def test_ask_and_construct_tables(mini):
    assert render_table(run("ASK { ?p kg:met ?q }", mini)) == "true"
    turtle = render_table(run("CONSTRUCT WHERE { ?p kg:met ?q }", mini))
    assert "kg:met" in turtle and "@prefix kg:" in turtle
