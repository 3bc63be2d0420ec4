"""The built graph in real triple stores: `kg load` into Oxigraph and Virtuoso,
then every shipped query answered by the store as by `kg query`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

import pytest
from compare import normalise

from kg.query import run

ROOT = Path(__file__).resolve().parents[2]
QUERIES = sorted((ROOT / "queries").glob("*.rq"))
SECRET = "s3cr3t-do-not-print-7f2a"


def kg_load(store, path: Path, *extra: str, password: str | None = None, token: str | None = None):
    """Run the real `kg load` command against ``store``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("KG_LOAD_")}
    if password is not None:
        env["KG_LOAD_PASSWORD"] = password
    if token is not None:
        env["KG_LOAD_TOKEN"] = token
    args = ["--endpoint", store.graph_store_url, "--data", str(path)]
    if store.auth != "none" and "--auth" not in extra:
        args += ["--auth", store.auth, "--user", store.user]
    return subprocess.run(
        [sys.executable, "-m", "kg", "load", *args, *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def remote_query(store, query: str, default_graph: str | None = None) -> bytes:
    fields = [("query", query)]
    if default_graph:
        fields.append(("default-graph-uri", default_graph))
    request = urllib.request.Request(
        store.query_url,
        data=urlencode(fields).encode(),
        headers={
            "Accept": "application/sparql-results+json",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.read()
    except urllib.error.HTTPError as err:  # show the store's own reason
        raise AssertionError(f"{store.name} answered {err.code}: {err.read()[:2000]!r}") from None


def remote_counts(store, graph) -> dict[str, int]:
    base = graph.merged.removesuffix("graph/merged")
    query = f"""
        SELECT ?g (COUNT(*) AS ?n)
        WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER (STRSTARTS(STR(?g), "{base}")) }}
        GROUP BY ?g"""
    rows = json.loads(remote_query(store, query))["results"]["bindings"]
    return {row["g"]["value"]: int(row["n"]["value"]) for row in rows}


@pytest.fixture(scope="session")
def loaded(store, graph):
    """``graph`` loaded into ``store`` once per session."""
    done = kg_load(store, graph.path, password=store.password)
    assert done.returncode == 0, done.stderr + "\nstore log:\n" + store.log_text()
    return store, graph


def test_load_puts_every_graph_with_every_triple(loaded):
    store, graph = loaded
    assert remote_counts(store, graph) == graph.counts


def test_loading_twice_replaces_rather_than_adds(loaded):
    store, graph = loaded
    again = kg_load(store, graph.path, password=store.password)
    assert again.returncode == 0, again.stderr
    assert remote_counts(store, graph) == graph.counts


@pytest.mark.parametrize("query_file", QUERIES, ids=[q.stem for q in QUERIES])
def test_shipped_query_gives_the_same_answer_in_the_store(loaded, query_file):
    store, graph = loaded
    query = query_file.read_text(encoding="utf-8")
    local = run(query, graph.path).serialize("json")
    remote = remote_query(store, query, default_graph=graph.merged)
    assert normalise(remote) == normalise(local)


def test_shipped_queries_find_something_in_the_mini_graph(oxigraph_store, mini_graph):
    """Guards the comparison above against agreeing on empty answers only."""
    for query_file in QUERIES:
        result = run(query_file.read_text(encoding="utf-8"), mini_graph.path)
        assert len(result) > 0, query_file.name


def test_virtuoso_refuses_anonymous_writes_and_kg_load_says_so(virtuoso_store, mini_graph):
    done = kg_load(virtuoso_store, mini_graph.path, "--auth", "none")
    assert done.returncode == 1
    assert "HTTP 401" in done.stderr or "HTTP 403" in done.stderr
    assert mini_graph.merged in done.stderr  # the error names the graph


@pytest.mark.parametrize(
    ("auth", "secret_env"),
    [("digest", "password"), ("basic", "password"), ("bearer", "token")],
)
def test_a_rejected_secret_is_never_printed_or_logged(virtuoso_store, mini_graph, auth, secret_env):
    args = ["--auth", auth, "-v"] + (["--user", "dba"] if auth != "bearer" else [])
    done = kg_load(virtuoso_store, mini_graph.path, *args, **{secret_env: SECRET})
    assert done.returncode == 1
    assert "HTTP 401" in done.stderr  # rejected, and the reason is shown
    assert "PUT " in done.stderr  # -v logging did run
    assert SECRET not in done.stdout + done.stderr
