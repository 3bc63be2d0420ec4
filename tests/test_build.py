"""End to end: `kg build` of the shipped sources, checked through SPARQL."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph.namespace import PREFIXES

SOURCES = Path(__file__).resolve().parent.parent / "sources"
PREFIX_HEADER = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


def select(dataset: Dataset, query: str) -> list[tuple]:
    """Run ``query`` with the union of all graphs as the default graph."""
    return [tuple(row) for row in dataset.query(PREFIX_HEADER + query)]


def merged(seed_build) -> Graph:
    from kg.graph import merged_graph_iri

    return seed_build.dataset.graph(merged_graph_iri(seed_build.settings.base_iri))


def merged_select(seed_build, query: str) -> list[tuple]:
    return [tuple(row) for row in merged(seed_build).query(PREFIX_HEADER + query)]


def test_every_article_is_read(seed_build):
    assert seed_build.report.articles == 5
    assert seed_build.report.skipped == []
    rows = merged_select(seed_build, "SELECT ?src WHERE { ?a a kg:Article ; dcterms:source ?src }")
    assert sorted(str(r[0]) for r in rows) == [
        "000_41e260f258fe7aae.txt",
        "001_976baa7e37e5746f.txt",
        "002_9cb3a3a476cb5320.txt",
        "003_2347d90c159e7821.txt",
        "004_e869fc6e6f77816a.txt",
    ]


@pytest.mark.parametrize("name", ["Li Shangfu", "Vladimir Putin", "Sergei Shoigu"])
def test_one_node_per_person(seed_build, name):
    rows = merged_select(
        seed_build,
        f"""SELECT DISTINCT ?p WHERE {{
              ?p a kg:Person .
              {{ ?p skos:prefLabel "{name}" }} UNION {{ ?p skos:altLabel "{name}" }}
           }}""",
    )
    assert len(rows) == 1, rows


def test_li_shangfu_met_putin_with_sources(seed_build):
    rows = merged_select(
        seed_build,
        """SELECT ?claim (COUNT(DISTINCT ?src) AS ?n) WHERE {
             ?li skos:prefLabel "Li Shangfu" . ?putin skos:prefLabel "Vladimir Putin" .
             { ?li kg:met ?putin } UNION { ?putin kg:met ?li }
             ?claim rdf:subject ?s ; rdf:predicate kg:met ; rdf:object ?o ;
                    prov:wasDerivedFrom ?src ; kg:evidence ?ev .
             FILTER ((?s = ?li && ?o = ?putin) || (?s = ?putin && ?o = ?li))
           } GROUP BY ?claim""",
    )
    assert rows, "no claim node for Li Shangfu met Putin"
    assert max(int(n) for _, n in rows) >= 3


def test_the_meeting_has_participants_date_place_and_sources(seed_build):
    rows = merged_select(
        seed_build,
        """SELECT ?m (GROUP_CONCAT(DISTINCT ?name; separator="|") AS ?who)
                  (COUNT(DISTINCT ?src) AS ?sources) WHERE {
             ?m a kg:Meeting ; kg:participant ?p ; prov:wasDerivedFrom ?src .
             ?p skos:prefLabel ?name .
             ?m kg:participant/skos:prefLabel "Li Shangfu" .
             ?m kg:participant/skos:prefLabel "Vladimir Putin" .
           } GROUP BY ?m""",
    )
    # One meeting of Li and Putin, however many outlets report it.  (Li's talks
    # with Shoigu "between Sunday and Tuesday" are another event.)
    assert len(rows) == 1, f"expected one merged meeting, got {rows}"
    meeting, who, sources = rows[0]
    assert {"Li Shangfu", "Vladimir Putin", "Sergei Shoigu"} <= set(str(who).split("|"))
    assert int(sources) >= 4
    dates = merged_select(seed_build, f"SELECT ?d WHERE {{ <{meeting}> kg:date ?d }}")
    assert [str(d[0]) for d in dates] == ["2023-04-16"]
    places = merged_select(
        seed_build, f"SELECT ?n WHERE {{ <{meeting}> kg:place/skos:prefLabel ?n }}"
    )
    assert {str(p[0]) for p in places} & {"Moscow", "Kremlin", "the Kremlin"}


def test_quotes_are_attributed(seed_build):
    rows = merged_select(
        seed_build,
        """SELECT ?name ?text WHERE {
             ?q a kg:Quote ; kg:quoteText ?text ; kg:speaker/skos:prefLabel ?name }""",
    )
    by_speaker = {}
    for name, text in rows:
        by_speaker.setdefault(str(name), []).append(str(text))
    assert any("joint exercises" in t for t in by_speaker.get("Vladimir Putin", []))
    assert any("specifically chose Russia" in t for t in by_speaker.get("Li Shangfu", []))


def test_mentions_anchor_the_original_text(seed_build):
    rows = select(
        seed_build.dataset,
        """SELECT ?anchor ?b ?e ?text WHERE {
             GRAPH ?g { ?m a kg:Mention ; nif:anchorOf ?anchor ; nif:beginIndex ?b ;
                           nif:endIndex ?e ; nif:referenceContext ?ctx .
                        ?ctx nif:isString ?text } }""",
    )
    assert len(rows) > 100
    for anchor, begin, end, text in rows:
        assert str(text)[int(begin) : int(end)] == str(anchor)


def test_mentions_match_the_files_on_disk(seed_build):
    rows = select(
        seed_build.dataset,
        """SELECT ?src ?b ?e ?anchor WHERE {
             GRAPH ?g { ?m a kg:Mention ; nif:anchorOf ?anchor ; nif:beginIndex ?b ;
                           nif:endIndex ?e ; nif:referenceContext ?a }
             ?a dcterms:source ?src }""",
    )
    texts = {}
    for src, begin, end, anchor in rows:
        text = texts.setdefault(str(src), (SOURCES / str(src)).read_text(encoding="utf-8"))
        assert text[int(begin) : int(end)] == str(anchor)


@pytest.mark.parametrize(
    "fmt, rdflib_format, oxi_format",
    [
        ("ttl", "turtle", pyoxigraph.RdfFormat.TURTLE),
        ("nt", "nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("trig", "trig", pyoxigraph.RdfFormat.TRIG),
        ("nq", "nquads", pyoxigraph.RdfFormat.N_QUADS),
        ("jsonld", "json-ld", pyoxigraph.RdfFormat.JSON_LD),
    ],
)
def test_outputs_parse_and_round_trip(seed_build, fmt, rdflib_format, oxi_format):
    path = seed_build.output / f"graph.{fmt}"
    quads = list(pyoxigraph.parse(path=str(path), format=oxi_format))
    assert quads
    if fmt in ("ttl", "nt"):
        parsed = Graph().parse(path, format=rdflib_format)
        assert isomorphic(parsed, merged(seed_build))
    else:
        parsed = Dataset()
        parsed.parse(path, format=rdflib_format)
        assert named_quads(parsed) == named_quads(seed_build.dataset)


def named_quads(dataset: Dataset) -> set[tuple]:
    return {(s, p, o, g) for s, p, o, g in dataset.quads() if g != DATASET_DEFAULT_GRAPH_ID}


def test_trig_holds_merged_and_article_graphs(seed_build):
    base = seed_build.settings.base_iri
    names = {str(g.identifier) for g in seed_build.dataset.graphs()}
    assert f"{base}graph/merged" in names
    assert sum(1 for n in names if n.startswith(f"{base}graph/article/")) == 5


def test_dataset_metadata_has_versions_and_no_timestamp(seed_build):
    rows = merged_select(
        seed_build,
        "SELECT ?v ?m WHERE { ?d a void:Dataset ; kg:kgVersion ?v ; kg:modelVersion ?m }",
    )
    assert len(rows) == 1
    ttl = (seed_build.output / "graph.ttl").read_text()
    assert "dateTime" not in ttl


def test_the_build_conforms_to_the_shapes(seed_build):
    from kg.graph.validate import validate

    result = validate(seed_build.dataset)
    assert result.conforms, result.report[:3000]


def test_the_library_build_equals_the_files(seed_build):
    """``kg.build`` (an in-memory Dataset) and ``kg build`` (streamed to files) agree."""
    import kg

    dataset = kg.build([SOURCES], kg.Settings(use_cache=False))
    assert named_quads(dataset) == named_quads(seed_build.dataset)


def test_the_build_leaves_only_its_outputs(seed_build):
    """The scratch folder of sorted quads is gone once the files are written."""
    names = sorted(p.name for p in seed_build.output.iterdir())
    expected = sorted(f"graph.{fmt}" for fmt in seed_build.settings.formats)
    assert names == sorted([*expected, "report.json"])
