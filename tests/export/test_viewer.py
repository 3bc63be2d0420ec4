"""The viewer page as text: self-contained, escaped, complete and deterministic."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import RDF, RDFS, Dataset, Literal, URIRef
from viewer_graphs import (
    BASE,
    PAYLOAD_HREF,
    PAYLOAD_LINK,
    PAYLOAD_NAME,
    PAYLOAD_SCRIPT,
    GraphBuilder,
    news_graph,
)

from kg.export.layout import compute_layout
from kg.export.viewer import collect, date_bounds, render_html, safe_url, write_html
from kg.graph.namespace import KG

HERE = Path(__file__).resolve().parent


class _Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self._in_script: dict[str, str | None] | None = None

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._in_script = dict(attrs)
            self.scripts.append((self._in_script, ""))

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = None

    def handle_data(self, data):
        if self._in_script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)


def parse(page: str) -> _Tags:
    tags = _Tags()
    tags.feed(page)
    return tags


def embedded_data(page: str) -> dict:
    for attrs, text in parse(page).scripts:
        if attrs.get("id") == "kg-data":
            return json.loads(text)
    raise AssertionError("no kg-data block")


@pytest.fixture(scope="module")
def news_page() -> str:
    return render_html(news_graph().dataset, title="news")


def test_page_loads_nothing_from_outside(news_page):
    for tag, attrs in parse(news_page).tags:
        if tag in {
            "script",
            "link",
            "img",
            "iframe",
            "embed",
            "object",
            "source",
            "audio",
            "video",
        }:
            assert attrs.get("src") is None, (tag, attrs)
            assert attrs.get("href") is None, (tag, attrs)
    assert "<link" not in news_page
    assert "@import" not in news_page


def test_content_security_policy_allows_exactly_the_inline_scripts(news_page):
    tags = parse(news_page)
    policy = next(
        a["content"]
        for t, a in tags.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert "default-src 'none'" in policy
    executable = [text for attrs, text in tags.scripts if attrs.get("type") is None]
    assert len(executable) == 2  # vis-network and the viewer
    for text in executable:
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in policy
    assert "unsafe-inline" not in policy.split("script-src", 1)[1].split(";", 1)[0]


def test_one_node_per_canonical_entity_and_event(news_page):
    builder = news_graph()
    data = embedded_data(news_page)
    ids = {n["id"] for n in data["nodes"]}
    assert ids == {str(n) for n in builder.entities + builder.events}
    assert len(data["nodes"]) == builder.node_count


def test_roles_articles_claims_and_quotes_are_not_nodes(news_page):
    ids = {n["id"] for n in embedded_data(news_page)["nodes"]}
    for kind in ("role/", "article/", "claim/", "quote/", "evidence/"):
        assert not any(i.startswith(BASE + kind) for i in ids), kind


def strings(value) -> list[str]:
    """Every string inside a JSON value."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in strings(k) + strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


@pytest.mark.parametrize("payload", [PAYLOAD_NAME, PAYLOAD_SCRIPT, PAYLOAD_HREF])
def test_article_text_is_never_markup(news_page, payload):
    assert payload not in news_page
    assert "<img" not in news_page
    assert "<svg" not in news_page
    # The text survives intact as data, for the page to show as text.
    assert any(payload in text for text in strings(embedded_data(news_page)))


def test_script_blocks_are_closed_only_by_the_page(news_page):
    # Had the data closed its script element, the parser would see more scripts.
    scripts = parse(news_page).scripts
    assert [attrs.get("id") for attrs, _ in scripts] == ["kg-data", None, None]
    assert scripts[2][1].lstrip().startswith("/* kg viewer")


def test_only_http_links_survive(news_page):
    articles = embedded_data(news_page)["articles"]
    urls = {a["headline"]: a["url"] for a in articles.values()}
    assert urls["Defence ministers meet in Moscow"] == "https://news.example.com/a"
    assert urls["Talks " + PAYLOAD_SCRIPT] == ""
    assert PAYLOAD_LINK not in news_page


def test_title_is_escaped():
    page = render_html(news_graph().dataset, title="<b>kg</b> & co")
    assert "<title>&lt;b&gt;kg&lt;/b&gt; &amp; co</title>" in page


def test_the_same_dataset_gives_the_same_bytes(news_page):
    assert render_html(news_graph().dataset, title="news") == news_page


_RENDER_IN_CHILD = """
import hashlib, sys
from viewer_graphs import synthetic_graph
from kg.export.viewer import render_html
page = render_html(synthetic_graph(700).dataset)
sys.stdout.write(hashlib.sha256(page.encode()).hexdigest())
"""


def test_the_page_does_not_depend_on_the_hash_seed():
    # 700 nodes: large enough for the community split, where set order could leak in.
    digests = set()
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed, "PYTHONPATH": str(HERE)}
        child = subprocess.run(
            [sys.executable, "-c", _RENDER_IN_CHILD], env=env, capture_output=True, text=True
        )
        assert child.returncode == 0, child.stderr
        digests.add(child.stdout)
    assert len(digests) == 1


def test_triple_order_does_not_change_the_page():
    forward = news_graph()
    backward = Dataset()
    merged = backward.graph(URIRef(BASE + "graph/merged"))
    for triple in sorted(forward.graph, reverse=True):
        merged.add(triple)
    assert render_html(backward) == render_html(forward.dataset)


def test_no_random_ids_in_the_page(news_page):
    # pyvis's own template mints random ids; our data and script must have none.
    uuid = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
    scripts = parse(news_page).scripts
    for _, text in (scripts[0], scripts[2]):
        assert not uuid.search(text)


def test_edges_are_fact_triples_labelled_by_property():
    data = collect(news_graph().dataset)
    edges = {
        (e["from"].rsplit("/", 1)[-1], e["label"], e["to"].rsplit("/", 1)[-1], e["both"])
        for e in data.edges
    }
    assert ("li-shangfu", "met", "sergei-shoigu", True) in edges  # stated both ways: one edge
    assert ("li-shangfu", "visited", "russia", False) in edges
    assert ("li-shangfu-visits-russia", "participant", "li-shangfu", False) in edges
    assert ("li-shangfu-meets-sergei-shoigu", "place", "moscow", False) in edges
    assert not any(label in {"holds role", "was derived from", "type"} for _, label, _, _ in edges)
    # A negated claim is not a fact and draws no edge.
    assert not any(s == "sergei-shoigu" and label == "visited" for s, label, _, _ in edges)


def test_property_label_comes_from_the_dataset_when_present():
    builder = news_graph()
    ontology = builder.dataset.graph(URIRef("https://w3id.org/kg-news/ontology"))
    ontology.add((KG.visited, RDFS.label, Literal("travelled to")))
    labels = {e["label"] for e in collect(builder.dataset).edges}
    assert "travelled to" in labels
    assert "visited" not in labels


def test_side_panel_details():
    builder = news_graph()
    data = collect(builder.dataset)
    li = data.nodes[BASE + "person/li-shangfu"]
    assert li["aliases"] == ["Li"]
    assert [r["text"] for r in li["roles"]] == ["defense minister of China"]
    assert [e["sentence"] for e in li["roles"][0]["evidence"]] == [
        "Chinese Defense Minister Li Shangfu arrived."
    ]
    assert li["claims"] == []  # the role claim is shown with the role
    assert li["sources"] == [BASE + "article/a-moscow", BASE + "article/b-hostile"]
    assert [q["text"] for q in li["quotes"]] == [
        "Our cooperation is not directed against third countries."
    ]
    met = next(
        data.edges[i]
        for i in li["facts"]
        if data.edges[i]["label"] == "met" and data.edges[i]["both"]
    )
    assert [e["sentence"] for e in met["evidence"]] == [
        "Chinese Defense Minister Li Shangfu met Sergei Shoigu in Moscow on Sunday."
    ]
    assert met["evidence"][0]["article"] == BASE + "article/a-moscow"
    shoigu = data.nodes[BASE + "person/sergei-shoigu"]
    negated = [c for c in shoigu["claims"] if "negated" in c["flags"]]
    assert [c["text"] for c in negated] == ["Sergei Shoigu visited China"]
    assert negated[0]["evidence"][0]["sentence"] == "Shoigu did not visit China."


def test_quotes_show_on_the_event_they_are_about():
    data = collect(news_graph().dataset)
    meeting = data.nodes[BASE + "event/meeting/li-shangfu-meets-sergei-shoigu"]
    assert [q["speaker"] for q in meeting["quotes"]] == ["Li Shangfu"]


def test_timeline_lists_dated_events_in_date_order():
    data = collect(news_graph().dataset)
    assert [data.nodes[i]["label"] for i in data.timeline] == [
        "Li Shangfu visits Russia",  # April 2023 starts on the 1st
        "Li Shangfu meets Sergei Shoigu",
    ]
    visit = data.nodes[data.timeline[0]]
    assert (visit["dateStart"], visit["dateEnd"]) == ("2023-04-01", "2023-04-30")


def test_a_story_date_shows_as_such_and_stays_off_the_timeline():
    g = news_graph()
    said = g.event(KG.Statement, "Li Shangfu speaks", story_date="2023-04-17")
    data = collect(g.dataset)
    assert data.nodes[str(said)]["date"] == "2023-04-17 (the story's day)"
    assert str(said) not in data.timeline


@pytest.mark.parametrize(
    ("value", "bounds"),
    [
        ("2023-04-16", ("2023-04-16", "2023-04-16")),
        ("2023-04", ("2023-04-01", "2023-04-30")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2023", ("2023-01-01", "2023-12-31")),
        ("2023-04-16Z", ("2023-04-16", "2023-04-16")),
        ("last Sunday", None),
    ],
)
def test_date_bounds(value, bounds):
    assert date_bounds(value) == bounds


@pytest.mark.parametrize(
    ("url", "kept"),
    [
        ("https://example.com/a?b=1", True),
        ("http://example.com", True),
        ("HTTPS://EXAMPLE.COM", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//example.com/x", False),
        ("https:/no-host", False),
        ("vbscript:msgbox", False),
    ],
)
def test_safe_url(url, kept):
    assert bool(safe_url(url)) is kept


def test_subclasses_declared_in_the_dataset_are_drawn():
    builder = GraphBuilder()
    summit = URIRef("https://example.org/ns#Summit")
    builder.dataset.graph(URIRef("https://example.org/ontology")).add(
        (summit, RDFS.subClassOf, KG.Meeting)
    )
    node = URIRef(BASE + "event/summit/g20")
    builder.add(node, RDF.type, summit)
    builder.add(node, RDFS.label, Literal("G20 summit"))
    data = collect(builder.dataset)
    assert data.nodes[str(node)]["type"] == "Summit"
    assert data.nodes[str(node)]["kind"] == "event"


def test_a_node_with_several_types_is_drawn_once_as_the_most_specific():
    builder = GraphBuilder()
    paris = builder.entity(KG.City, "Paris")
    builder.add(paris, RDF.type, KG.Place)
    builder.add(paris, RDF.type, KG.Entity)
    data = collect(builder.dataset)
    assert list(data.nodes) == [str(paris)]
    assert data.nodes[str(paris)]["type"] == "City"


def test_an_empty_dataset_gives_an_empty_page():
    data = embedded_data(render_html(Dataset()))
    assert data["nodes"] == [] and data["edges"] == []


def test_base_iri_selects_the_merged_graph():
    builder = GraphBuilder(base="https://other.example/kg/")
    builder.entity(KG.Person, "Ada")
    page = render_html(builder.dataset, base_iri="https://other.example/kg/")
    assert [n["label"] for n in embedded_data(page)["nodes"]] == ["Ada"]


def test_write_html_replaces_the_file_atomically(tmp_path):
    target = tmp_path / "out" / "graph.html"
    write_html(news_graph().dataset, target, title="news")
    first = target.read_text("utf-8")
    assert first.startswith("<!DOCTYPE html>")
    write_html(news_graph().dataset, target, title="news")
    assert target.read_text("utf-8") == first
    assert sorted(p.name for p in target.parent.iterdir()) == ["graph.html"]


def test_positions_are_fixed_and_physics_is_off(news_page):
    data = embedded_data(news_page)
    assert data["options"]["physics"]["enabled"] is False
    assert data["options"]["layout"]["improvedLayout"] is False
    positions = [(n["x"], n["y"]) for n in data["nodes"]]
    assert len(set(positions)) == len(positions)


@pytest.mark.parametrize("size", [1, 2, 40, 700])
def test_layout_places_every_node_apart(size):
    nodes = [f"n{i}" for i in range(size)]
    # A chain plus isolated nodes: both kinds of piece.
    edges = [(f"n{i}", f"n{i + 1}") for i in range(0, size - 1, 2)]
    positions = compute_layout(nodes, edges, seed=0)
    assert set(positions) == set(nodes)
    assert len(set(positions.values())) == size
    assert compute_layout(nodes, edges, seed=0) == positions
