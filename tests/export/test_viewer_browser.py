"""The viewer in a real headless Chromium, offline: draws, filters, stays inert on hostile text."""

from __future__ import annotations

import base64
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from rdflib import RDF, URIRef
from viewer_graphs import BASE, PAYLOAD_NAME, PAYLOAD_SCRIPT, news_graph, synthetic_graph

from kg.export.focus import Drawn, Listed, Reading, focus
from kg.export.rdf import merged_name
from kg.export.viewer import (
    collect,
    drawn_classes,
    hidden_predicates,
    link_caps,
    listed_caps,
    shown_predicates,
    write_html,
)
from kg.graph.convert import dataset_quads
from kg.graph.namespace import KG
from kg.graph.ontology import inverse_properties
from kg.graph.quadfile import QuadFile, graph_batches

# The entity and event classes of docs/DESIGN.md: what the viewer draws as nodes.
CANONICAL_CLASSES = [
    KG.Person, KG.Organization, KG.Place, KG.Country, KG.City, KG.Facility,
    KG.Event, KG.Meeting, KG.Visit, KG.Attendance, KG.Statement, KG.Accusation, KG.Denial,
    KG.Warning, KG.Sanction, KG.Agreement, KG.Exercise, KG.Disaster, KG.Appointment, KG.Transaction,
]  # fmt: skip
EVIL = BASE + "person/evil"
LI = BASE + "person/li-shangfu"


@dataclass
class Trouble:
    """What must not happen on an offline page: requests, errors, dialogs."""

    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_none(self) -> None:
        assert self.requests == []
        assert self.errors == []
        assert self.dialogs == []


def open_viewer(browser, path: Path, trouble: Trouble, *, timeout_ms: int = 60_000):
    context = browser.new_context(offline=True, viewport={"width": 1400, "height": 850})

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            trouble.requests.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on("requestfailed", lambda request: trouble.requests.append(request.url))
    page.on("console", lambda m: trouble.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: trouble.errors.append(str(error)))

    def dialog(d):
        trouble.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(path.as_uri())
    page.wait_for_function("window.kgViewer && window.kgViewer.ready === true", timeout=timeout_ms)
    return page


def drawn_nodes(page) -> int:
    return page.evaluate("kgViewer.network.body.data.nodes.length")


def node_on_screen(page, node_id: str) -> tuple[float, float]:
    """Where ``node_id`` is drawn, in page coordinates."""
    return tuple(
        page.evaluate(
            """id => {
                const net = kgViewer.network;
                const dom = net.canvasToDOM(net.getPosition(id));
                const box = document.getElementById('kg-graph').getBoundingClientRect();
                return [box.left + dom.x, box.top + dom.y];
            }""",
            node_id,
        )
    )


def non_background_pixels(browser, png: bytes) -> int:
    """Pixels of a screenshot that differ from its top-left pixel, counted by Chromium itself."""
    page = browser.new_page()
    try:
        return page.evaluate(
            """async src => {
                const img = new Image();
                img.src = src;
                await img.decode();
                const canvas = document.createElement('canvas');
                canvas.width = img.width; canvas.height = img.height;
                const ctx = canvas.getContext('2d');
                ctx.drawImage(img, 0, 0);
                const d = ctx.getImageData(0, 0, img.width, img.height).data;
                let count = 0;
                for (let i = 0; i < d.length; i += 4) {
                    if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) count++;
                }
                return count;
            }""",
            "data:image/png;base64," + base64.b64encode(png).decode(),
        )
    finally:
        page.close()


@pytest.fixture(scope="module")
def news_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("viewer") / "graph.html"
    write_html(news_graph().dataset, path, title="news")
    return path


@pytest.fixture
def viewer(browser, news_file):
    trouble = Trouble()
    page = open_viewer(browser, news_file, trouble)
    yield page, trouble
    page.context.close()


def test_opens_offline_and_draws_every_node(viewer, browser):
    page, trouble = viewer
    assert drawn_nodes(page) == news_graph().node_count
    assert page.evaluate("kgViewer.edges.length") > 0
    graph = page.locator("#kg-graph").screenshot()
    assert non_background_pixels(browser, graph) > 500
    trouble.assert_none()


def test_hovering_and_clicking_a_hostile_node_runs_nothing(viewer):
    page, trouble = viewer
    page.evaluate("id => kgViewer.network.focus(id, {scale: 1.5, animation: false})", EVIL)
    x, y = node_on_screen(page, EVIL)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=5)
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    assert PAYLOAD_NAME in tooltip.inner_text()
    assert tooltip.locator("img, svg, a, script").count() == 0
    page.mouse.click(x, y)
    panel = page.locator("#kg-panel")
    assert page.evaluate("kgViewer.network.getSelectedNodes()") == [EVIL]
    panel_text = panel.inner_text()
    assert PAYLOAD_NAME in panel_text
    assert PAYLOAD_SCRIPT in panel_text  # the quote, shown as text
    assert panel.locator("img, svg, script, iframe").count() == 0
    # The hostile article's javascript: URL is not a link.
    assert page.evaluate("[...document.querySelectorAll('a')].map(a => a.href)") == []
    page.wait_for_timeout(200)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    trouble.assert_none()


def test_a_hostile_source_in_the_source_filter_runs_nothing(viewer):
    page, trouble = viewer
    options = page.locator("#kg-source option").all_inner_texts()
    assert any(PAYLOAD_SCRIPT in text for text in options)
    page.select_option("#kg-source", BASE + "article/b-hostile")
    assert page.evaluate("kgViewer.view.getIds().sort()") == sorted(
        [LI, EVIL, BASE + "event/statement/an-undated-statement"]
    )
    assert page.evaluate("typeof window.__pwned") == "undefined"
    trouble.assert_none()


def test_type_filter_hides_and_shows_nodes(viewer):
    page, trouble = viewer
    total = drawn_nodes(page)
    people = page.evaluate(
        "Object.values(kgViewer.view.get()).filter(n => n.type === 'Person').length"
    )
    assert people == 3
    page.locator("#kg-legend input[data-type='Person']").uncheck()
    assert drawn_nodes(page) == total - people
    assert LI not in page.evaluate("kgViewer.view.getIds()")
    page.locator("#kg-legend input[data-type='Person']").check()
    assert drawn_nodes(page) == total
    trouble.assert_none()


def test_date_range_keeps_events_that_overlap_it(viewer):
    page, trouble = viewer
    page.fill("#kg-date-from", "2023-04-16")
    page.fill("#kg-date-to", "2023-04-16")
    page.dispatch_event("#kg-date-to", "change")
    events = page.evaluate(
        "kgViewer.view.get().filter(n => n.shape === 'diamond').map(n => n.label).sort()"
    )
    # The April visit overlaps the day; the undated statement cannot be placed in it.
    assert events == ["Li Shangfu meets Sergei Shoigu", "Li Shangfu visits Russia"]
    page.fill("#kg-date-from", "2023-04-17")
    page.dispatch_event("#kg-date-from", "change")
    page.fill("#kg-date-to", "")
    page.dispatch_event("#kg-date-to", "change")
    events = page.evaluate(
        "kgViewer.view.get().filter(n => n.shape === 'diamond').map(n => n.label)"
    )
    assert events == ["Li Shangfu visits Russia"]
    trouble.assert_none()


def test_search_finds_names_and_aliases(viewer):
    page, trouble = viewer
    page.fill("#kg-search", "shoigu")
    results = page.locator("#kg-results li").all_inner_texts()
    assert results == ["Li Shangfu meets Sergei Shoigu", "Sergei Shoigu"]
    page.fill("#kg-search", "LI")  # an alias, any case
    assert "Li Shangfu" in page.locator("#kg-results li").all_inner_texts()
    page.press("#kg-search", "Enter")
    assert page.locator("#kg-panel h3").inner_text() != ""
    trouble.assert_none()


def test_timeline_click_selects_the_event_and_links_facts_to_evidence(viewer):
    page, trouble = viewer
    items = page.locator("#kg-timeline button")
    assert items.all_inner_texts() == [
        "2023-04-01Li Shangfu visits Russia",
        "2023-04-16Li Shangfu meets Sergei Shoigu",
    ]
    items.nth(1).click()
    meeting = BASE + "event/meeting/li-shangfu-meets-sergei-shoigu"
    assert page.evaluate("kgViewer.network.getSelectedNodes()") == [meeting]
    assert page.locator("#kg-panel h3").inner_text() == "Li Shangfu meets Sergei Shoigu"
    # From the event to a participant, whose "met" fact shows its evidence sentence.
    page.locator("#kg-panel .kg-fact button", has_text="Li Shangfu").first.click()
    fact = page.locator("#kg-panel .kg-fact", has_text="met Sergei Shoigu")
    assert "Li Shangfu met Sergei Shoigu in Moscow on Sunday." in fact.inner_text()
    assert "Defence ministers meet in Moscow" in fact.inner_text()
    trouble.assert_none()


def test_clusters_collapse_by_type_and_expand(viewer):
    page, trouble = viewer
    page.click("#kg-cluster")
    assert "cluster:Person" in page.evaluate("kgViewer.clusters")
    assert page.evaluate("kgViewer.network.isCluster('cluster:Person')")
    # Three people and two countries become one node each.
    shown = "kgViewer.network.body.nodeIndices.length"
    assert page.evaluate(shown) == news_graph().node_count - 3
    page.click("#kg-cluster")
    assert page.evaluate("kgViewer.clusters") == []
    assert page.evaluate(shown) == news_graph().node_count
    trouble.assert_none()


def test_five_thousand_nodes_open_and_draw(browser, tmp_path):
    builder = synthetic_graph(5000)
    path = tmp_path / "big.html"
    write_html(builder.dataset, path, title="5000 nodes")
    trouble = Trouble()
    started = time.perf_counter()
    page = open_viewer(browser, path, trouble, timeout_ms=60_000)
    # Recorded, not asserted: speed belongs to the benchmarks.
    print(f"5000-node page ready in {time.perf_counter() - started:.1f} s")
    try:
        assert drawn_nodes(page) == builder.node_count == 5000
        assert non_background_pixels(browser, page.locator("#kg-graph").screenshot()) > 500
        trouble.assert_none()
    finally:
        page.context.close()


@pytest.mark.slow
def test_seed_build_page_draws(browser, seed_build, tmp_path):
    """The real build of sources/ opens offline and draws one node per entity and event."""
    path = tmp_path / "graph.html"
    write_html(seed_build.dataset, path, base_iri=seed_build.settings.base_iri)
    merged = seed_build.dataset.graph(URIRef(seed_build.settings.base_iri + "graph/merged"))
    expected = {s for c in CANONICAL_CLASSES for s in merged.subjects(RDF.type, c)}
    trouble = Trouble()
    page = open_viewer(browser, path, trouble)
    try:
        assert drawn_nodes(page) == len(expected) > 0
        assert set(page.evaluate("kgViewer.view.getIds()")) == {str(s) for s in expected}
        assert non_background_pixels(browser, page.screenshot()) > 5_000
        trouble.assert_none()
    finally:
        page.context.close()


def capped_page(seed_build, tmp_path, **caps):
    """The seed build's page capped at six nodes, with ``caps`` for its :class:`Reading`."""
    name = merged_name(seed_build.settings)
    base = seed_build.settings.base_iri
    with QuadFile.write(graph_batches(dataset_quads(seed_build.dataset)), tmp_path) as quads:
        reading = Reading(
            drawn_classes, shown_predicates(), hidden_predicates=hidden_predicates(), **caps
        )
        cut = focus(lambda: quads.triples(name), reading, limit=6)
    drawn = Drawn.of(cut, name, base)
    data = collect(drawn.dataset, base_iri=base, totals=drawn.totals, left_out=drawn.left_out)
    path = tmp_path / "capped.html"
    write_html(drawn.dataset, path, base_iri=base, totals=drawn.totals, left_out=drawn.left_out)
    return data, path


def panel_text(browser, path, node):
    trouble = Trouble()
    page = open_viewer(browser, path, trouble)
    try:
        page.evaluate("id => kgViewer.selectNode(id)", node)
        text = page.locator("#kg-panel").inner_text()
        trouble.assert_none()
        return text
    finally:
        page.context.close()


def test_a_capped_page_says_how_many_sources_and_sentences_it_left_out(
    browser, seed_build, tmp_path
):
    """With one source and one sentence kept per subject, the panel counts the rest."""
    data, path = capped_page(seed_build, tmp_path, caps={p: 1 for p in link_caps()})
    node = next(iri for iri, n in sorted(data.nodes.items()) if n.get("moreSources"))
    more = data.nodes[node]["moreSources"]
    text = panel_text(browser, path, node).lower()  # headings are in capitals
    assert f"sources ({more + 1})" in text
    assert f"… and {more} more sources in the full graph" in text
    assert "more sentences in the full graph" in text


@pytest.mark.parametrize(
    ("key", "says"),
    [
        ("moreRoles", "roles in the full graph"),
        ("moreQuotes", "quotes in the full graph"),
        ("moreClaims", "claims about {label} in the full graph"),
    ],
)
def test_a_capped_page_says_how_many_claims_quotes_and_roles_it_left_out(
    browser, seed_build, tmp_path, key, says
):
    """With no claim, quote or role listed per node, the panel still counts them."""
    listed = {name: Listed(spec.links, 0) for name, spec in listed_caps().items()}
    data, path = capped_page(seed_build, tmp_path, listed=listed, inverses=inverse_properties())
    node = next(iri for iri, n in sorted(data.nodes.items()) if n.get(key))
    details = data.nodes[node]
    text = panel_text(browser, path, node)
    more = details[key]
    assert f"… and {more} more {says.format(label=details['label'])}" in text
    if key != "moreClaims":  # the others are counted in their section's heading
        heading = {"moreRoles": "roles", "moreQuotes": "quotes"}[key]
        assert not details[heading]
        assert f"{heading} ({more})" in text.lower()
