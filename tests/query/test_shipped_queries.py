"""The ready-made queries in queries/: well-formed, portable, and right on mini.trig."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.query import run
from kg.query.table import show_term

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SHIPPED = {
    "who-met-whom",
    "roles",
    "quotes-by-person",
    "fact-sources",
    "conflicts",
    "entities-by-articles",
    "timeline",
}
PREFIXES = {"kg": "https://w3id.org/kg-news/ns#", "": "https://kg.example.org/"}


def answer(name: str, data: Path, text: str | None = None) -> list[dict[str, str]]:
    """Rows of a shipped query as {variable: shown value}, empty cells left out."""
    text = text or (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8")
    result = run(text, data)
    return [
        {
            var: show_term(term, PREFIXES)
            for var, term in zip(result.variables, row, strict=True)
            if term
        }
        for row in result.rows
    ]


def test_every_promised_query_is_shipped():
    assert {q.stem for q in QUERIES} >= SHIPPED


@pytest.mark.parametrize("path", QUERIES, ids=[q.stem for q in QUERIES])
def test_a_query_file_explains_itself_and_declares_its_prefixes(path):
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# "), "each query starts with a comment saying what it answers"
    assert not re.search(r"^\s*FROM\b", text, re.I | re.M), (
        "no FROM: the dataset is chosen by the caller"
    )
    body = "\n".join(line.split("#")[0] for line in text.splitlines() if not line.startswith("#"))
    used = set(re.findall(r"\b([a-z]+):[A-Za-z]", body)) - {"http", "https"}
    declared = set(re.findall(r"PREFIX\s+([a-z]*):", text))
    assert used <= declared, "portable to other stores: every prefix used is declared"


def test_who_met_whom(mini):
    assert answer("who-met-whom", mini) == [
        {
            "personName": "Li Shangfu",
            "otherName": "Sergei Shoigu",
            "date": "2023-04-16",
            "placeName": "Moscow",
            "person": ":person/li-shangfu",
            "other": ":person/sergei-shoigu",
            "place": ":city/moscow",
            "meeting": ":event/meeting/li-shangfu-sergei-shoigu-2023-04-16",
        }
    ]


def test_roles(mini):
    rows = answer("roles", mini)
    assert [(r["name"], r["roleLabel"], r["roleOfName"], r.get("qualifier")) for r in rows] == [
        ("Li Shangfu", "defense minister", "China", "newly appointed"),
        ("Sergei Shoigu", "defense minister", "Russia", None),
    ]


def test_quotes_by_person_lists_every_speaker(mini):
    rows = answer("quotes-by-person", mini)
    assert [(r["name"], r.get("intermediaryName")) for r in rows] == [
        ("Li Shangfu", None),
        ("Sergei Shoigu", "TASS"),
    ]


@pytest.mark.parametrize(
    ("who", "speakers"),
    [("shoigu", ["Sergei Shoigu"]), ("LI SHANGFU", ["Li Shangfu"]), ("nobody", [])],
)
def test_quotes_by_person_filter_is_one_uncommented_line(mini, who, speakers):
    text = (ROOT / "queries" / "quotes-by-person.rq").read_text(encoding="utf-8")
    edited = re.sub(r'# BIND \("[^"]*" AS \?who\)', f'BIND ("{who}" AS ?who)', text)
    assert edited != text
    assert [r["name"] for r in answer("quotes-by-person", mini, edited)] == speakers


def test_fact_sources_pairs_each_article_with_its_sentence(mini):
    rows = [r for r in answer("fact-sources", mini) if r["predicate"] == "kg:met"]
    assert [(r["article"], r["sentence"][:24]) for r in rows] == [
        (":article/a-moscow", "Chinese Defense Minister"),
        (":article/b-wire", "Li held talks with Shoig"),
    ]


def test_conflicts(mini):
    rows = answer("conflicts", mini)
    assert [(r["property"], r["value"], r["article"]) for r in rows] == [
        ("kg:date", "2023-04-16", ":article/a-moscow"),
        ("kg:date", "2023-04-17", ":article/b-wire"),
    ]


def test_entities_by_articles_ranks_by_article_count(mini):
    rows = answer("entities-by-articles", mini)
    counts = [int(r["articles"]) for r in rows]
    assert counts == sorted(counts, reverse=True)
    assert {r["name"]: (r["kind"], r["articles"]) for r in rows} == {
        "Li Shangfu": ("Person", "2"),
        "Sergei Shoigu": ("Person", "2"),
        "Moscow": ("City", "2"),
        "Russia": ("Country", "2"),
        "China": ("Country", "1"),
        "TASS": ("Organization", "1"),
    }


def test_timeline_orders_months_before_days(mini):
    rows = answer("timeline", mini)
    assert [(r["date"], r["kind"]) for r in rows] == [
        ("2023-04", "Visit"),
        ("2023-04-16", "Meeting"),
    ]
    assert rows[0]["start"] == "2023-04-16" and rows[0]["end"] == "2023-04-19"


def test_who_met_whom_without_a_meeting_and_stated_one_way(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text(
        """@prefix kg: <https://w3id.org/kg-news/ns#> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        @prefix void: <http://rdfs.org/ns/void#> .
        <https://kg.example.org/graph/merged> {
          <https://kg.example.org/graph/merged> a void:Dataset .
          <https://kg.example.org/person/zed> rdfs:label "Zed" ;
            kg:met <https://kg.example.org/person/adam> .
          <https://kg.example.org/person/adam> rdfs:label "Adam" .
          <https://kg.example.org/event/meeting/other> a kg:Meeting ;
            kg:participant <https://kg.example.org/person/zed> ;
            kg:participant <https://kg.example.org/person/eve> .
          <https://kg.example.org/person/eve> rdfs:label "Eve" .
        }""",
        encoding="utf-8",
    )
    rows = answer("who-met-whom", path)
    assert [(r["personName"], r["otherName"], r.get("meeting")) for r in rows] == [
        ("Adam", "Zed", None),
        ("Eve", "Zed", ":event/meeting/other"),
    ]
