"""`kg load` and kg.load against a real Oxigraph server."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
import rdflib

from kg.load import Auth, LoadError, graph_payloads, graph_store_url, graph_url, load
from kg.query import open_store

SECRET = "tok-9c1e-never-shown"


def remote_counts(store) -> dict[str, int]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    request = urllib.request.Request(
        f"{store.query_url}?{urlencode({'query': query})}",
        headers={"Accept": "application/sparql-results+json"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        rows = json.load(response)["results"]["bindings"]
    return {r["g"]["value"]: int(r["n"]["value"]) for r in rows}


def local_counts(path: Path) -> dict[str, int]:
    store = open_store(path)
    return {
        g.value: len(list(store.quads_for_pattern(None, None, None, g)))
        for g in store.named_graphs()
    }


def kg_load(*args: str, **env: str):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KG_LOAD_")}
    return subprocess.run(
        [sys.executable, "-m", "kg", "load", *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.parametrize(
    ("store", "iri", "url"),
    [
        (
            "http://h/store",
            "https://kg.example.org/graph/merged",
            "http://h/store?graph=https%3A%2F%2Fkg.example.org%2Fgraph%2Fmerged",
        ),
        (
            "http://h/crud?x=1",
            "https://a.b/g#1",
            "http://h/crud?x=1&graph=https%3A%2F%2Fa.b%2Fg%231",
        ),
        ("http://h/store", None, "http://h/store?default"),
    ],
)
def test_graph_url(store, iri, url):
    assert graph_url(store, iri) == url


@pytest.mark.parametrize(
    ("endpoint", "path", "url"),
    [
        ("http://h:7878", "/store", "http://h:7878/store"),
        ("http://h:7878/", "store", "http://h:7878/store"),
        ("http://h:7878/store", None, "http://h:7878/store"),
    ],
)
def test_graph_store_url(endpoint, path, url):
    assert graph_store_url(endpoint, path) == url


def test_payloads_put_the_merged_graph_first_and_keep_every_triple(mini):
    payloads = list(graph_payloads(mini))
    assert [p.iri for p in payloads] == [
        "https://kg.example.org/graph/merged",
        "https://kg.example.org/graph/article/a-moscow",
        "https://kg.example.org/graph/article/b-wire",
    ]
    whole = rdflib.Dataset()
    whole.parse(mini, format="trig")
    for payload in payloads:
        sent = rdflib.Graph().parse(data=payload.body, format="nt")
        assert len(sent) == payload.triples == len(whole.graph(rdflib.URIRef(payload.iri)))


def test_turtle_payloads_parse_back(mini):
    for payload in graph_payloads(mini, "turtle"):
        assert payload.content_type == "text/turtle"
        assert len(rdflib.Graph().parse(data=payload.body, format="turtle")) == payload.triples


def test_load_puts_every_graph_and_twice_is_the_same(oxigraph, mini):
    expected = local_counts(mini)
    first = load(mini, oxigraph.graph_store_url)
    assert first.ok and first.triples == sum(expected.values())
    assert remote_counts(oxigraph) == expected
    assert load(mini, oxigraph.graph_store_url, fmt="turtle").ok
    assert remote_counts(oxigraph) == expected


def test_cli_with_a_graph_store_path(oxigraph, mini):
    root = oxigraph.graph_store_url.removesuffix("/store")
    done = kg_load("--endpoint", root, "--graph-store-path", "/store", "--data", str(mini))
    assert done.returncode == 0, done.stderr
    assert "loaded 3 of 3 graphs (182 triples)" in done.stdout
    assert remote_counts(oxigraph) == local_counts(mini)


def test_a_turtle_file_goes_to_the_default_graph(oxigraph, mini, tmp_path):
    merged = open_store(mini).quads_for_pattern(
        None, None, None, ox.NamedNode("https://kg.example.org/graph/merged")
    )
    ttl = tmp_path / "graph.ttl"
    ox.serialize([q.triple for q in merged], str(ttl), ox.RdfFormat.TURTLE)
    report = load(ttl, oxigraph.graph_store_url)
    assert report.ok and [g.iri for g in report.graphs] == [None]
    assert remote_counts(oxigraph) == {}  # nothing in named graphs


def test_an_unreachable_store_fails_clearly_and_stops(mini, tmp_path):
    done = kg_load("--endpoint", "http://127.0.0.1:9/store", "--data", str(mini))
    assert done.returncode == 1
    first, *rest = done.stderr.splitlines()
    assert first.startswith("kg load: <https://kg.example.org/graph/merged>: no answer from")
    assert "2 more graphs not sent" in done.stderr


def test_a_missing_data_file_is_a_clear_error(tmp_path):
    done = kg_load("--endpoint", "http://127.0.0.1:9/store", "--data", str(tmp_path / "x.trig"))
    assert done.returncode == 1 and "no such file" in done.stderr


def test_verbose_logging_never_shows_the_token(oxigraph, mini):
    # Oxigraph ignores credentials, so this load succeeds with the token sent on every PUT.
    done = kg_load(
        "--endpoint",
        oxigraph.graph_store_url,
        "--data",
        str(mini),
        "--auth",
        "bearer",
        "-v",
        KG_LOAD_TOKEN=SECRET,
    )
    assert done.returncode == 0, done.stderr
    assert "PUT " in done.stderr
    assert SECRET not in done.stdout + done.stderr


@pytest.mark.parametrize(
    ("scheme", "user", "env", "message"),
    [
        ("basic", None, {"KG_LOAD_PASSWORD": SECRET}, "needs --user"),
        ("digest", "dba", {}, "in the environment: KG_LOAD_PASSWORD"),
        ("bearer", None, {}, "in the environment: KG_LOAD_TOKEN"),
        ("kerberos", None, {}, "unknown auth scheme"),
    ],
)
def test_auth_needs_its_secret_from_the_environment(monkeypatch, scheme, user, env, message):
    for name in ("KG_LOAD_PASSWORD", "KG_LOAD_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(LoadError, match=message) as caught:
        Auth.from_env(scheme, user)
    assert SECRET not in str(caught.value)


def test_auth_never_shows_its_secret(monkeypatch):
    monkeypatch.setenv("KG_LOAD_PASSWORD", SECRET)
    auth = Auth.from_env("digest", "dba")
    assert auth.secret == SECRET
    assert SECRET not in repr(auth) and SECRET not in str(auth)
    assert auth.scrub(f"server said {SECRET}") == "server said ***"
