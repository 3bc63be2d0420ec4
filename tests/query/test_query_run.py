"""kg.query.run: the merged graph as default graph, inputs, result kinds, errors."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib

from kg.query import (
    DataError,
    QuerySyntaxError,
    base_iri,
    merged_graph,
    open_store,
    run,
)

LABELS = "SELECT ?label WHERE { ?p a kg:Person ; rdfs:label ?label }"
MERGED_PEOPLE = {"Li Shangfu", "Sergei Shoigu"}
ALL_PEOPLE = MERGED_PEOPLE | {"Li", "Shoigu"}  # the article graphs name them as they read


def labels(result) -> set[str]:
    return {row[0].value for row in result.rows}


def test_the_default_graph_is_the_merged_graph(mini):
    assert labels(run(LABELS, mini)) == MERGED_PEOPLE


def test_union_makes_the_default_graph_the_union_of_all(mini):
    assert labels(run(LABELS, mini, union=True)) == ALL_PEOPLE


def test_article_graphs_are_reachable_with_graph(mini):
    query = """SELECT ?label WHERE {
        GRAPH <https://kg.example.org/graph/article/b-wire> { ?p a kg:Person ; rdfs:label ?label }
    }"""
    assert labels(run(query, mini)) == {"Li", "Shoigu"}


def test_explicit_default_graph_overrides_the_merged_graph(mini):
    result = run(LABELS, mini, default_graph=["https://kg.example.org/graph/article/a-moscow"])
    assert labels(result) == MERGED_PEOPLE  # a-moscow happens to use the full names


def test_merged_graph_is_found_under_another_base(mini_other_base):
    store = open_store(mini_other_base)
    assert merged_graph(store) == ox.NamedNode("https://news.example.net/kg/graph/merged")
    assert base_iri(store) == "https://news.example.net/kg/"
    assert labels(run(LABELS, mini_other_base)) == MERGED_PEOPLE


def test_merged_graph_is_found_by_name_without_its_void_description(tmp_path, mini):
    text = mini.read_text(encoding="utf-8").replace(
        "<graph/merged> a void:Dataset ;", "<graph/merged>"
    )
    path = tmp_path / "graph.trig"
    path.write_text(text, encoding="utf-8")
    assert merged_graph(open_store(path)).value == "https://kg.example.org/graph/merged"
    assert labels(run(LABELS, path)) == MERGED_PEOPLE


def test_a_turtle_file_is_queried_as_it_is(tmp_path, mini):
    merged = open_store(mini).quads_for_pattern(
        None, None, None, ox.NamedNode("https://kg.example.org/graph/merged")
    )
    path = tmp_path / "graph.ttl"
    ox.serialize([q.triple for q in merged], str(path), ox.RdfFormat.TURTLE)
    assert merged_graph(open_store(path)) is None
    assert labels(run(LABELS, path)) == MERGED_PEOPLE


def test_an_rdflib_dataset_and_a_store_are_accepted(mini):
    dataset = rdflib.Dataset()
    dataset.parse(mini, format="trig")
    assert labels(run(LABELS, dataset)) == MERGED_PEOPLE
    store = open_store(mini)
    assert open_store(store) is store
    assert labels(run(LABELS, store)) == MERGED_PEOPLE


def test_a_query_prefix_overrides_the_predeclared_one(mini):
    query = "PREFIX kg: <http://example.org/other#> " + LABELS
    assert run(query, mini).rows == ()


def test_ask(mini):
    assert run("ASK { ?p kg:met ?q }", mini).boolean is True
    assert run("ASK { ?p kg:visited ?q }", mini).boolean is False


def test_construct_gives_triples_and_turtle(mini):
    result = run("CONSTRUCT { ?p kg:met ?q } WHERE { ?p kg:met ?q }", mini)
    assert result.kind == "graph"
    assert len(result.triples) == 2
    graph = rdflib.Graph().parse(data=result.serialize("turtle"), format="turtle")
    assert len(graph) == 2
    assert b"@prefix kg:" in result.serialize("turtle")


def test_select_results_in_the_sparql_formats(mini):
    result = run("SELECT ?p ?label WHERE { ?p a kg:Person ; rdfs:label ?label }", mini)
    body = json.loads(result.serialize("json"))
    assert body["head"]["vars"] == ["p", "label"]
    assert {b["label"]["value"] for b in body["results"]["bindings"]} == MERGED_PEOPLE
    rows = list(csv.reader(io.StringIO(result.serialize("csv").decode())))
    assert rows[0] == ["p", "label"] and len(rows) == 3
    tsv = result.serialize("tsv").decode().splitlines()
    assert tsv[0] == "?p\t?label"
    assert '"Li Shangfu"' in result.serialize("tsv").decode()
    xml = ET.fromstring(result.serialize("xml"))
    assert xml.tag == "{http://www.w3.org/2005/sparql-results#}sparql"


def test_results_can_be_read_and_written_more_than_once(mini):
    result = run(LABELS, mini)
    assert result.serialize("json") == result.serialize("json")
    assert len(result.rows) == len(result.rows) == 2


def test_a_graph_result_refuses_a_table_format(mini):
    result = run("CONSTRUCT WHERE { ?p kg:met ?q }", mini)
    with pytest.raises(ValueError, match="graph format"):
        result.serialize("csv")


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("SELECT ?x WHERE { ?x ?y }", 1),
        ("SELECT ?x\nWHERE {\n  ?x ?y ?z \n  FILTER( }", 4),
        ("SELEKT ?x WHERE { ?x ?y ?z }", 1),
        ("SELECT ?x WHERE { ?x undeclared:p ?z }", 1),
    ],
)
def test_a_malformed_query_says_where(mini, query, line):
    with pytest.raises(QuerySyntaxError) as caught:
        run(query, mini)
    error = caught.value
    assert error.line == line
    assert 1 <= error.column <= len(query.splitlines()[line - 1]) + 1
    message = str(error)
    assert message.startswith(f"SPARQL syntax error at line {line}, column {error.column}: ")
    assert "\n" not in message


def test_a_missing_file_is_a_data_error(tmp_path):
    with pytest.raises(DataError, match="no such file"):
        run("ASK {}", tmp_path / "graph.trig")


def test_a_malformed_file_is_a_data_error_with_its_position(tmp_path):
    path = tmp_path / "graph.trig"
    path.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(DataError, match="line 1"):
        run("ASK {}", path)


def test_an_unknown_extension_is_a_data_error(tmp_path: Path):
    path = tmp_path / "graph.xyz"
    path.write_text("", encoding="utf-8")
    with pytest.raises(DataError, match="unknown RDF format"):
        run("ASK {}", path)
