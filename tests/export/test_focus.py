"""A viewer capped at --viewer-nodes: the most reported nodes, shown as in the whole graph

but for long lists of sources and evidence, cut to a cap that says how many it left out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import URIRef

from kg.cli import main
from kg.export.focus import (
    Drawn,
    Listed,
    Reading,
    _MostReported,
    _Pick,
    focus,
    viewer_dataset,
)
from kg.export.rdf import merged_name
from kg.export.viewer import (
    collect,
    drawn_classes,
    hidden_predicates,
    hidden_types,
    link_caps,
    listed_caps,
    shown_predicates,
)
from kg.graph.convert import dataset_quads
from kg.graph.namespace import KG, PREFIXES
from kg.graph.ontology import inverse_properties
from kg.graph.quadfile import QuadFile, graph_batches

NIF = PREFIXES["nif"]
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"

LIMIT = 6
# What a node's panel says it left out of its claims, quotes and roles: tested on their own.
LEFT_OUT = ("moreClaims", "moreQuotes", "moreRoles")
SOURCES = Path(__file__).resolve().parents[2] / "sources"


@pytest.fixture(scope="module")
def whole(seed_build):
    return collect(seed_build.dataset, base_iri=seed_build.settings.base_iri)


@pytest.fixture(scope="module")
def quads(seed_build, tmp_path_factory):
    """The seed build's graph as ``kg build`` hands it to the writers: sorted quads on disk."""
    folder = tmp_path_factory.mktemp("quads")
    with QuadFile.write(graph_batches(dataset_quads(seed_build.dataset)), folder) as quad_file:
        yield quad_file


@pytest.fixture(scope="module", params=[LIMIT, "all but one"])
def capped(request, seed_build, quads, whole):
    """Six nodes, and every node but one (events, flagged claims and quotes among them)."""
    limit = LIMIT if request.param == LIMIT else len(whole.nodes) - 1
    settings = seed_build.settings.replace(viewer_nodes=limit)
    drawn = viewer_dataset(quads, settings)
    data = collect(
        drawn.dataset, base_iri=settings.base_iri, totals=drawn.totals, left_out=drawn.left_out
    )
    return data, drawn.title


def most_reported(data, limit):
    def rank(iri):
        node = data.nodes[iri]
        return (-len(node["sources"]), -node.get("mentions", 0), iri)

    return sorted(sorted(data.nodes, key=rank)[:limit])


def test_the_seed_graph_has_more_nodes_than_the_limit(whole):
    assert len(whole.nodes) > 3 * LIMIT


def test_the_most_reported_nodes_are_drawn(whole, capped):
    data, title = capped
    limit = len(data.nodes)
    assert limit in (LIMIT, len(whole.nodes) - 1)
    assert sorted(data.nodes) == most_reported(whole, limit)
    assert title == f"kg: the {limit} most reported of {len(whole.nodes)} nodes"


def shown_within(part, full):
    """``part`` is ``full`` but for lists cut to their cap, each with the count left out.

    ``sources`` and ``evidence`` may be cut, and then ``moreSources`` and
    ``moreEvidence`` say by how many; every other key is as in ``full``.
    """
    for key, more in (("sources", "moreSources"), ("evidence", "moreEvidence")):
        if key not in full:
            continue
        shown, left_out = part[key], part.get(more, 0)
        if not all(item in full[key] for item in shown):
            return False
        # Evidence is counted per claim, and two claims of one edge may share a sentence.
        if len(shown) + left_out < len(full[key]) or (not left_out and shown != full[key]):
            return False
    same = {"sources", "evidence", "moreSources", "moreEvidence", *LEFT_OUT}
    return all(part.get(k) == full.get(k) for k in (set(part) | set(full)) - same)


def test_a_drawn_node_shows_what_it_shows_in_the_whole_graph(whole, capped):
    data, _ = capped
    lists = ("facts", "claims", "quotes", "roles")  # facts: edge numbers, tested with the edges
    for iri, node in data.nodes.items():
        full = whole.nodes[iri]
        own = {k: v for k, v in node.items() if k not in lists}
        assert shown_within(own, {k: v for k, v in full.items() if k not in lists}), iri
        for key in lists[1:]:
            assert all(any(shown_within(p, f) for f in full[key]) for p in node[key]), (iri, key)
        # A claim is left out only when it is about a node that is not drawn.
        drawn = [c for c in full["claims"] if not {c["subject"], c["object"]} - set(data.nodes)]
        about = [c for c in full["claims"] if {c["subject"], c["object"]} <= set(whole.nodes)]
        expected = [c for c in full["claims"] if c in drawn or c not in about]
        assert len(node["claims"]) == len(expected), iri
        assert len(node["roles"]) == len(full["roles"]), iri


def assert_edges_as_in(whole, data):
    """The edges between drawn nodes are those of the whole graph, with their evidence."""
    kept = set(data.nodes)
    expected = [e for e in whole.edges if e["from"] in kept and e["to"] in kept]
    assert len(data.edges) == len(expected)
    assert all(shown_within(e, f) for e, f in zip(data.edges, expected, strict=True))
    assert any(e["evidence"] for e in data.edges)


def test_edges_between_drawn_nodes_keep_their_evidence(whole, capped):
    assert_edges_as_in(whole, capped[0])


def test_edges_keep_their_evidence_when_the_lists_are_cut(whole, one_each):
    """A statement between drawn nodes is the evidence of an edge, not one of a list."""
    assert_edges_as_in(whole, one_each[1])


def cited(data):
    """Every article the page's nodes, edges, claims, roles and quotes point to."""
    found = set()
    for node in data.nodes.values():
        found.update(node["sources"])
        for part in node["claims"] + node["quotes"] + node["roles"]:
            found.update(part.get("sources", ()))
            found.update(e["article"] for e in part.get("evidence", ()))
    for edge in data.edges:
        found.update(e["article"] for e in edge["evidence"])
    return found


def test_the_articles_listed_are_those_cited(whole, capped):
    data, _ = capped
    assert set(data.articles) == cited(data)
    assert all(data.articles[a] == whole.articles[a] for a in data.articles)


def reading(**options):
    """What the page reads, with ``options`` of :class:`Reading`: no caps unless given."""
    return Reading(drawn_classes, shown_predicates(), **options)


def seed_cut(seed_build, quads, **options):
    """The seed graph capped at LIMIT nodes, with ``options`` for focus, and its page."""
    name = merged_name(seed_build.settings)
    base = seed_build.settings.base_iri
    hides = {"skipped_types": hidden_types(), "hidden_predicates": hidden_predicates()}
    cut = focus(lambda: quads.triples(name), reading(**hides, **options), limit=LIMIT)
    page = Drawn.of(cut, name, base)
    return cut, collect(page.dataset, base_iri=base, totals=page.totals, left_out=page.left_out)


@pytest.fixture(scope="module")
def tight(seed_build, quads):
    """The capped page with one link per subject by each capped property."""
    return seed_cut(seed_build, quads, caps={p: 1 for p in link_caps()})


def test_capped_links_keep_the_first_and_count_the_rest(whole, tight):
    cut, data = tight
    assert cut.totals, "the seeds have subjects with more than one source and sentence"
    for iri, node in data.nodes.items():
        assert len(node["sources"]) == 1
        assert node["sources"] == whole.nodes[iri]["sources"][:1]
        assert node.get("moreSources", 0) == len(whole.nodes[iri]["sources"]) - 1
    assert_edges_as_in(whole, data)
    assert any(e.get("moreEvidence") for e in data.edges)
    assert set(data.articles) == cited(data)


def test_a_capped_page_keeps_only_what_it_reads(seed_build, tight):
    """Offsets, extractors and the like stay in the graph files; edges keep any property."""
    cut, data = tight
    read = shown_predicates()
    kept = set(data.nodes)
    others = {
        t.predicate.value
        for t in cut.triples
        if t.predicate.value not in read
        and not (t.subject.value in kept and t.object.value in kept)
    }
    assert not others
    skipped = {t.predicate.value for t in seed_build_merged(seed_build)} - read
    assert {NIF + "beginIndex", str(KG.extractor)} <= skipped


def seed_build_merged(seed_build):
    name = URIRef(merged_name(seed_build.settings))
    return [q.triple for q in dataset_quads(seed_build.dataset.graph(name))]


def test_triples_must_come_grouped_by_subject(seed_build):
    triples = seed_build_merged(seed_build)
    shuffled = triples[1::2] + triples[::2]
    with pytest.raises(ValueError, match="grouped by subject"):
        focus(lambda: shuffled, reading(), limit=LIMIT)


@pytest.mark.parametrize("limit", [0, 10_000])
def test_no_limit_or_a_high_one_draws_the_whole_graph(seed_build, quads, whole, limit):
    settings = seed_build.settings.replace(viewer_nodes=limit)
    drawn = viewer_dataset(quads, settings)
    assert drawn.title == "kg"
    assert not drawn.totals
    assert collect(drawn.dataset, base_iri=settings.base_iri) == whole


def test_an_in_memory_dataset_is_capped_the_same_way(seed_build, capped):
    settings = seed_build.settings.replace(viewer_nodes=len(capped[0].nodes))
    drawn = viewer_dataset(seed_build.dataset, settings)
    data = collect(
        drawn.dataset, base_iri=settings.base_iri, totals=drawn.totals, left_out=drawn.left_out
    )
    assert (data, drawn.title) == capped


def test_kg_build_takes_the_limit_from_the_command_line(tmp_path):
    out = tmp_path / "out"
    args = ["build", str(SOURCES), "-o", str(out), "-f", "html", "--viewer-nodes", "3", "-q"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    page = (out / "graph.html").read_text("utf-8")
    assert re.search(r"<title>kg: the 3 most reported of \d+ nodes</title>", page)
    data = json.loads(re.search(r'id="kg-data"[^>]*>(.*?)</script>', page, re.S).group(1))
    assert len(data["nodes"]) == 3


def test_a_merged_graph_name_is_read_from_the_settings(seed_build, quads):
    """Only the merged graph is surveyed: article graphs never add nodes."""
    settings = seed_build.settings.replace(viewer_nodes=LIMIT)
    dataset = viewer_dataset(quads, settings).dataset
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert names == {str(URIRef(settings.base_iri + "graph/merged"))}


def test_only_the_articles_cited_are_kept():
    """Of three articles, the one that reports only a dropped node is left out."""
    kg, prov, schema = str(KG), PREFIXES["prov"], PREFIXES["schema"]
    text = f"""
        <x:one> a <{kg}Person> ; <{RDFS_LABEL}> "One" ;
            <{prov}wasDerivedFrom> <x:a1>, <x:a2> .
        <x:two> a <{kg}Person> ; <{RDFS_LABEL}> "Two" ; <{prov}wasDerivedFrom> <x:a3> .
        <x:a1> a <{kg}Article> ; <{schema}headline> "A1" ; <{schema}publisher> <x:outlet> .
        <x:a2> a <{kg}Article> ; <{schema}headline> "A2" .
        <x:a3> a <{kg}Article> ; <{schema}headline> "A3" .
        <x:outlet> <{RDFS_LABEL}> "The Outlet" .
    """
    triples = sorted(ox.parse(text, ox.RdfFormat.TURTLE), key=str)
    cut = focus(lambda: triples, reading(), limit=1)
    subjects = {t.subject.value for t in cut.triples}
    assert subjects == {"x:one", "x:a1", "x:a2", "x:outlet"}
    assert (cut.shown, cut.total) == (1, 2)


def page_of(cut):
    page = Drawn.of(cut, "x:graph/merged", "x:")
    return collect(page.dataset, base_iri="x:", totals=page.totals, left_out=page.left_out)


def test_a_node_of_a_subclass_of_a_drawn_class_is_drawn():
    text = f"""
        <x:one> a <x:Politician> ; <{RDFS_LABEL}> "One" ; <{PREFIXES["prov"]}wasDerivedFrom> <x:a> .
        <x:Politician> <http://www.w3.org/2000/01/rdf-schema#subClassOf> <{KG}Person> .
        <x:two> a <{KG}Person> ; <{RDFS_LABEL}> "Two" .
        <x:a> a <{KG}Article> .
    """
    triples = sorted(ox.parse(text, ox.RdfFormat.TURTLE), key=str)
    cut = focus(lambda: triples, reading(), limit=1)
    assert list(page_of(cut).nodes) == ["x:one"]


def test_a_quotes_variants_do_not_bring_their_articles():
    """The page reads a quote's sources, not its variants: those stay in the graph files."""
    prov = PREFIXES["prov"]
    text = f"""
        <x:one> a <{KG}Person> ; <{RDFS_LABEL}> "One" ; <{prov}wasDerivedFrom> <x:a1>, <x:a2> .
        <x:two> a <{KG}Person> ; <{RDFS_LABEL}> "Two" ; <{prov}wasDerivedFrom> <x:a3> .
        <x:q> a <{KG}Quote> ; <{KG}speaker> <x:one> ; <{KG}quoteText> "Hello" ;
            <{prov}wasDerivedFrom> <x:a1> ; <{KG}variant> <x:q-v> .
        <x:q-v> <{prov}wasDerivedFrom> <x:a3> .
        <x:a1> a <{KG}Article> . <x:a2> a <{KG}Article> . <x:a3> a <{KG}Article> .
    """
    triples = sorted(ox.parse(text, ox.RdfFormat.TURTLE), key=str)
    cut = focus(lambda: triples, reading(), limit=1)
    page = page_of(cut)
    assert [q["text"] for q in page.nodes["x:one"]["quotes"]] == ["Hello"]
    assert sorted(page.articles) == ["x:a1", "x:a2"]
    assert len(cut.triples) == len(set(cut.triples))


# --- the claims, quotes and roles of a node's panel -------------------------------------

DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@pytest.fixture(scope="module")
def one_each(seed_build, quads):
    """The capped page keeping one claim, one quote and one role per node."""
    return seed_cut(
        seed_build,
        quads,
        caps=link_caps(),
        listed={name: Listed(spec.links, 1) for name, spec in listed_caps().items()},
        inverses=inverse_properties(),
    )


class Linking:
    """The subjects of the whole merged graph that are not nodes or articles, and their links."""

    def __init__(self, triples, whole):
        by_subject = {}
        for t in triples:
            by_subject.setdefault(t.subject.value, []).append(t)
        self.by_subject = by_subject
        bookkeeping = hidden_types()

        def shown(triples):
            return not any(
                t.predicate.value == RDF + "type" and t.object.value in bookkeeping for t in triples
            )

        self.subjects = {
            s: ts
            for s, ts in by_subject.items()
            if s not in whole.nodes and s not in whole.articles and shown(ts)
        }
        self.nodes = set(whole.nodes)

    def links(self, subject, predicates):
        return {t.object.value for t in self.subjects[subject] if t.predicate.value in predicates}

    def listed_at(self, node, name):
        """The subjects of the list ``name`` at ``node``, but statements about a role."""
        predicates = listed_caps()[name].links
        return {
            s
            for s in self.subjects
            if node in self.links(s, predicates) and not self.about_a_role(s)
        }

    def about_a_role(self, subject):
        objects = self.links(subject, {RDF + "object"})
        return bool(objects) and not objects <= self.nodes

    def rank(self, subject):
        return (-len(self.links(subject, {DERIVED_FROM})), subject)


@pytest.fixture(scope="module")
def linking(seed_build, whole):
    return Linking(seed_build_merged(seed_build), whole)


def on_page(cut):
    return {t.subject.value for t in cut.triples}


def test_each_node_keeps_its_most_reported_claim_quote_and_role(one_each, linking):
    cut, data = one_each
    kept, page = set(data.nodes), on_page(cut)
    left_out = 0
    for node in kept:
        for name, spec in listed_caps().items():
            # Those the page may list: every end they are listed at is drawn.
            listable = [
                s
                for s in linking.listed_at(node, name)
                if linking.links(s, spec.links) & linking.nodes <= kept
            ]
            if listable:
                assert min(listable, key=linking.rank) in page, (node, name)
            left_out += len(set(listable) - page)
    assert left_out, "the seeds have nodes with more than one claim, quote or role"


def test_the_panel_counts_what_each_list_leaves_out(one_each, whole, linking):
    cut, data = one_each
    said = set()
    for iri, node in data.nodes.items():
        full = whole.nodes[iri]
        assert node.get("moreQuotes", 0) == len(full["quotes"]) - len(node["quotes"]), iri
        assert node.get("moreRoles", 0) == len(full["roles"]) - len(node["roles"]), iri
        claims = linking.listed_at(iri, "claims") - on_page(cut)
        assert node.get("moreClaims", 0) == len(claims), iri
        said.update(k for k in ("moreQuotes", "moreRoles", "moreClaims") if node.get(k))
    assert said == {"moreQuotes", "moreRoles", "moreClaims"}


def test_a_role_kept_keeps_its_evidence_and_a_role_left_out_goes_whole(whole, one_each):
    cut, data = one_each
    for iri, node in data.nodes.items():
        assert len(node["roles"]) <= 1
        for role in node["roles"]:
            assert any(shown_within(role, full) for full in whole.nodes[iri]["roles"]), iri
    held = [t.object.value for t in cut.triples if t.predicate.value == str(KG.holdsRole)]
    assert held and set(held) <= on_page(cut)


def synthetic_cut(text, limit, most):
    triples = sorted(ox.parse(text, ox.RdfFormat.TURTLE), key=str)
    listed = {n: Listed(spec.links, most) for n, spec in listed_caps().items()}
    options = {
        "listed": listed,
        "inverses": inverse_properties(),
        "skipped_types": hidden_types(),
        "hidden_predicates": hidden_predicates(),
    }
    return focus(lambda: triples, reading(**options), limit=limit)


TWO_PEOPLE = f"""
    <x:one> a <{KG}Person> ; <{RDFS_LABEL}> "One" ;
        <{PREFIXES["prov"]}wasDerivedFrom> <x:a1>, <x:a2> .
    <x:two> a <{KG}Person> ; <{RDFS_LABEL}> "Two" ; <{PREFIXES["prov"]}wasDerivedFrom> <x:a1> .
    <x:a1> a <{KG}Article> . <x:a2> a <{KG}Article> .
"""


def test_a_quote_linking_to_a_node_twice_is_left_out_once():
    quotes = "".join(
        f"""<x:q{i}> a <{KG}Quote> ; <{KG}quoteText> "Q{i}" ;
            <{KG}speaker> <x:one> ; <{KG}intermediary> <x:one> ."""
        for i in range(3)
    )
    cut = synthetic_cut(TWO_PEOPLE + quotes, limit=1, most=1)
    one = page_of(cut).nodes["x:one"]
    assert [q["text"] for q in one["quotes"]] == ["Q0"]
    assert one["moreQuotes"] == 2


def test_a_role_is_listed_with_an_organisation_not_drawn():
    """Only the holder must be drawn: the organisation is named ("CEO of Two")."""
    role = f"""
        <x:ceo> a <{KG}Role> ; <{RDFS_LABEL}> "CEO" ;
            <{KG}roleHolder> <x:one> ; <{KG}roleOf> <x:two> .
        <x:one> <{KG}holdsRole> <x:ceo> .
    """
    cut = synthetic_cut(TWO_PEOPLE + role, limit=1, most=1)
    assert [r["text"] for r in page_of(cut).nodes["x:one"]["roles"]] == ["CEO of Two"]


def test_with_no_room_in_a_list_the_panel_only_counts():
    role = f"""
        <x:ceo> a <{KG}Role> ; <{RDFS_LABEL}> "CEO" ; <{KG}roleHolder> <x:one> .
        <x:one> <{KG}holdsRole> <x:ceo> .
        <x:said> a <{RDF}Statement> ; <{RDF}subject> <x:one> ;
            <{RDF}predicate> <{KG}holdsRole> ; <{RDF}object> <x:ceo> .
    """
    cut = synthetic_cut(TWO_PEOPLE + role, limit=1, most=0)
    one = page_of(cut).nodes["x:one"]
    assert (one["roles"], one["moreRoles"]) == ([], 1)
    assert "moreClaims" not in one, "a statement about a role is counted with the role"
    assert on_page(cut) == {"x:one", "x:a1", "x:a2"}


def test_bookkeeping_is_neither_listed_nor_counted():
    resolution = f"""
        <x:r> a <{KG}Resolution> ; <{KG}speaker> <x:one> .
        <x:q> a <{KG}Quote> ; <{KG}quoteText> "Hello" ; <{KG}speaker> <x:one> .
    """
    cut = synthetic_cut(TWO_PEOPLE + resolution, limit=1, most=5)
    one = page_of(cut).nodes["x:one"]
    assert "x:r" not in on_page(cut)
    assert [q["text"] for q in one["quotes"]] == ["Hello"] and "moreQuotes" not in one


def test_a_list_never_holds_more_than_twice_its_length():
    """What bounds the memory of a list: cut whenever it reaches twice its ``most``."""
    best = _MostReported({"quotes": Listed(frozenset(), 3)})
    place = ("quotes", "x:one")
    for i in range(100):
        best.count([place])
        best.offer(_Pick((-(i % 7), f"x:q{i:03d}"), frozenset({place}), frozenset()))
        assert len(best.picks[place]) < 6
    chosen = sorted(best.chosen())
    assert chosen == ["x:q006", "x:q013", "x:q020"]
    assert best.left_out(best.chosen()) == {"x:one": {"quotes": 97}}


def test_an_events_interval_is_drawn_as_in_the_whole_graph():
    """Start and end dates (kg:startDate, kg:endDate), which the seeds' events do not have."""
    prov, xsd = PREFIXES["prov"], "http://www.w3.org/2001/XMLSchema#"
    text = f"""
        <x:talks> a <{KG}Meeting> ; <{RDFS_LABEL}> "talks" ;
            <{KG}startDate> "2023-04-16"^^<{xsd}date> ; <{KG}endDate> "2023-04-18"^^<{xsd}date> ;
            <{KG}timeExpression> "from Sunday to Tuesday" ; <{prov}wasDerivedFrom> <x:a1>, <x:a2> .
        <x:other> a <{KG}Meeting> ; <{RDFS_LABEL}> "other" ; <{prov}wasDerivedFrom> <x:a1> .
        <x:a1> a <{KG}Article> . <x:a2> a <{KG}Article> .
    """
    triples = sorted(ox.parse(text, ox.RdfFormat.TURTLE), key=str)
    cut = focus(lambda: triples, reading(), limit=1)
    talks = page_of(cut).nodes["x:talks"]
    assert talks["date"] == "2023-04-16 – 2023-04-18"
    assert (talks["dateStart"], talks["dateEnd"]) == ("2023-04-16", "2023-04-18")
    assert talks["timeExpression"] == "from Sunday to Tuesday"
