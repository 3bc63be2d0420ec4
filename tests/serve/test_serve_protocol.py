"""`kg serve` speaks the SPARQL 1.1 Protocol: checked with SPARQLWrapper and plain urllib."""

from __future__ import annotations

import csv
import io
import json
import urllib.error
import urllib.request
from urllib.parse import urlencode

import pytest
import rdflib
from SPARQLWrapper import CSV, JSON, POST, TURTLE, XML, SPARQLWrapper

PEOPLE = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"
NAMES = ["Li Shangfu", "Sergei Shoigu"]
MERGED = "https://kg.example.org/graph/merged"
WIRE = "https://kg.example.org/graph/article/b-wire"


def http(url: str, data: bytes | None = None, headers: dict | None = None, method=None):
    """(status, content type, body) of one request, errors included."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


def get(served, path: str, accept: str | None = None, **params):
    headers = {"Accept": accept} if accept else {}
    return http(f"{served.url}{path}?{urlencode(params, doseq=True)}", headers=headers)


def wrapper(served, query: str, fmt) -> SPARQLWrapper:
    sparql = SPARQLWrapper(served.url + "sparql")
    sparql.setQuery(query)
    sparql.setReturnFormat(fmt)
    return sparql


def test_select_json_with_sparqlwrapper(served):
    body = wrapper(served, PEOPLE, JSON).query().convert()
    assert [b["name"]["value"] for b in body["results"]["bindings"]] == NAMES


def test_select_xml_with_sparqlwrapper(served):
    document = wrapper(served, PEOPLE, XML).query().convert()
    values = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert values == NAMES


def test_select_csv_with_sparqlwrapper_over_post(served):
    sparql = wrapper(served, PEOPLE, CSV)
    sparql.setMethod(POST)
    rows = list(csv.reader(io.StringIO(sparql.query().convert().decode("utf-8"))))
    assert rows == [["name"], *([n] for n in NAMES)]


def test_ask_with_sparqlwrapper(served):
    assert wrapper(served, "ASK { ?a kg:met ?b }", JSON).query().convert()["boolean"] is True


def test_construct_with_sparqlwrapper_is_turtle(served):
    graph = wrapper(served, "CONSTRUCT WHERE { ?a kg:met ?b }", TURTLE).query().convert()
    parsed = rdflib.Graph().parse(data=graph, format="turtle")
    assert len(parsed) == 2


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml"),
        ("*/*", "application/sparql-results+json"),
        (None, "application/sparql-results+json"),
    ],
)
def test_select_format_follows_accept(served, accept, media):
    status, content_type, body = get(served, "query", accept, query=PEOPLE)
    assert status == 200
    assert content_type.split(";")[0] == media
    assert b"Sergei Shoigu" in body


@pytest.mark.parametrize(
    ("accept", "media", "rdflib_format"),
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        (None, "text/turtle", "turtle"),
    ],
)
def test_construct_format_follows_accept(served, accept, media, rdflib_format):
    status, content_type, body = get(
        served, "sparql", accept, query="CONSTRUCT WHERE {?a kg:met ?b}"
    )
    assert status == 200 and content_type.split(";")[0] == media
    assert len(rdflib.Graph().parse(data=body, format=rdflib_format)) == 2


def test_post_form_and_post_sparql_query_give_the_same_answer(served):
    form = http(
        served.url + "sparql",
        urlencode({"query": PEOPLE}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"},
    )
    direct = http(
        served.url + "sparql",
        PEOPLE.encode(),
        {"Content-Type": "application/sparql-query", "Accept": "text/csv"},
    )
    assert form[0] == direct[0] == 200
    assert form[2] == direct[2]


def test_default_graph_uri_and_named_graph_uri_are_honoured(served):
    _, _, body = get(
        served,
        "sparql",
        "application/sparql-results+json",
        **{"query": PEOPLE, "default-graph-uri": WIRE},
    )
    names = [b["name"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert names == ["Li", "Shoigu"]
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    _, _, body = get(served, "sparql", None, **{"query": graphs, "named-graph-uri": [MERGED, WIRE]})
    found = {b["g"]["value"] for b in json.loads(body)["results"]["bindings"]}
    assert found == {MERGED, WIRE}


def test_a_malformed_query_is_400_with_the_parser_message(served):
    status, content_type, body = get(served, "sparql", query="SELECT ?x WHERE { ?x ")
    assert status == 400
    assert content_type.startswith("text/plain")
    assert body.decode().startswith("SPARQL syntax error at line 1, column ")


def test_no_query_is_400(served):
    assert get(served, "sparql")[0] == 400


def test_updates_are_refused_when_read_only(served):
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    status, _, body = http(
        served.url + "update",
        urlencode({"update": update}).encode(),
        {"Content-Type": "application/x-www-form-urlencoded"},
    )
    assert status == 403 and b"--allow-update" in body
    status, _, _ = http(
        served.url + "sparql", update.encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 403
    _, _, body = get(served, "sparql", query="ASK { <http://example.org/a> ?p ?o }")
    assert json.loads(body)["boolean"] is False


def test_updates_apply_with_allow_update(served_rw):
    update = 'INSERT DATA { <http://example.org/new> rdfs:label "inserted" }'
    status, _, _ = http(
        served_rw.url + "update", update.encode(), {"Content-Type": "application/sparql-update"}
    )
    assert status == 204
    # An update without GRAPH lands in the store's default graph, which queries see
    # together with the merged graph.
    _, _, body = get(served_rw, "sparql", query="ASK { <http://example.org/new> rdfs:label ?l }")
    assert json.loads(body)["boolean"] is True


def test_the_viewer_is_served_at_the_root(served):
    status, content_type, body = http(served.url)
    assert status == 200 and content_type.startswith("text/html")
    assert body == (served.site / "graph.html").read_bytes()


@pytest.mark.parametrize("path", ["nope.html", "../graph.trig", ".hidden", "graph.exe"])
def test_only_the_viewer_files_are_served(served, path):
    assert http(served.url + path)[0] == 404


def test_unsupported_post_body_is_415(served):
    status, _, _ = http(served.url + "sparql", b"{}", {"Content-Type": "application/json"})
    assert status == 415
