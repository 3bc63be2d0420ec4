"""The streamed Turtle and TriG writer writes what pyoxigraph's writers write.

kg writes large graphs' Turtle and TriG from the sorted N-Quads lines itself
(pyoxigraph would need every quad as Python objects); pyoxigraph stays the
reference for the bytes, term by term and file by file.
"""

from __future__ import annotations

import io
import tracemalloc

import pyoxigraph as ox
import pytest
from test_formats import AWKWARD_IRIS, awkward_dataset

from kg.export import rdf, write
from kg.export.rdf import TurtleWriter
from kg.graph import QuadFile
from kg.graph.convert import dataset_quads
from kg.graph.quadfile import graph_batches
from kg.settings import Settings

XSD = "http://www.w3.org/2001/XMLSchema#"
KG = "https://w3id.org/kg-news/ns#"
PREFIXES = rdf._prefixes()

# IRIs whose prefixed name is hard to get right: each is written as subject,
# predicate, object, datatype and graph name.
IRIS = [
    *AWKWARD_IRIS,
    KG,  # empty local name
    KG + "Mention",
    KG + "a.b",
    KG + "a..b",
    KG + "ends.",
    KG + ".starts",
    KG + "-starts",
    KG + "_starts",
    KG + "0starts",
    KG + ":colon:",
    KG + "mid-dash-",
    KG + "x~y!z$a&b'c(d)e*f+g,h;i=j/k?l@n%41o",
    KG + "x%2Fy",
    KG + "space%20d",
    KG + "ünïcödé·\u0301\u203f",
    KG + "\u00b7starts",
    KG + "\u0300starts",
    KG + "emoji🙂",
    KG + "quote'x",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "http://www.w3.org/2000/01/rdf-schema#label",  # rdfs: shares rdf:'s start
    "https://schema.org/",
    "https://schema.org",
    "urn:isbn:123",
    "https://kg.example.org/article/1#char=0,5",
]

LITERALS = [
    ox.Literal("plain"),
    ox.Literal('quote " backslash \\ newline \n tab \t cr \r'),
    ox.Literal("colour", language="en-GB"),
    *(
        ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))
        for datatype, values in {
            "boolean": ["true", "false", "1", "TRUE"],
            "integer": ["7", "-3", "+3", "007", "1.0", "", "1e3", "٣"],
            "decimal": ["0.640", ".5", "-1.", "+.5", "1", "1.5e3", "-0.0"],
            "double": ["1e3", "1.5E-3", ".5e+2", "1.e3", "1.5", "e3", "INF", "NaN", "-1E0"],
            "nonNegativeInteger": ["1002"],
            "date": ["2023-04-16"],
            "anyURI": ['https://example.org/a b?c=1&d="x"'],
        }.items()
        for value in values
    ),
    ox.Literal("typed by an awkward IRI", datatype=ox.NamedNode(KG + "ends.")),
]


def oxigraph_bytes(quads: list[ox.Quad], fmt: ox.RdfFormat) -> bytes:
    return ox.serialize(quads, format=fmt, prefixes=PREFIXES)


def sorted_quad_file(quads: list[ox.Quad], tmp_path) -> QuadFile:
    return QuadFile.write(graph_batches(quads), tmp_path)


def streamed_trig(quads: QuadFile) -> bytes:
    out = io.BytesIO()
    TurtleWriter(PREFIXES).write_trig(quads, out)
    return out.getvalue()


def awkward_quads() -> list[ox.Quad]:
    """Every IRI in every position, every literal as object, in several graphs."""
    s, p, g = ox.NamedNode(KG + "s"), ox.NamedNode(KG + "p"), ox.NamedNode(KG + "g")
    quads = []
    for i, value in enumerate(IRIS):
        iri = ox.NamedNode(value)
        quads += [
            ox.Quad(iri, p, iri, g),
            ox.Quad(s, iri, ox.Literal(str(i)), g),
            ox.Quad(s, p, ox.Literal("x", datatype=iri), iri),
            ox.Quad(iri, iri, iri),  # the default graph
        ]
    quads += [ox.Quad(s, p, literal, g) for literal in LITERALS]
    return quads


def in_file_order(quads: QuadFile) -> list[ox.Quad]:
    return list(quads.quads())


@pytest.mark.parametrize("iri", IRIS)
def test_every_iri_is_written_as_oxigraph_writes_it(tmp_path, iri):
    node, p = ox.NamedNode(iri), ox.NamedNode(KG + "p")
    quads = [ox.Quad(node, node, node), ox.Quad(node, p, ox.Literal("x", datatype=node), node)]
    with sorted_quad_file(quads, tmp_path) as sorted_quads:
        assert streamed_trig(sorted_quads) == oxigraph_bytes(
            in_file_order(sorted_quads), ox.RdfFormat.TRIG
        )


@pytest.mark.parametrize("literal", LITERALS, ids=str)
def test_every_literal_is_written_as_oxigraph_writes_it(literal):
    triple = ox.Triple(ox.NamedNode(KG + "s"), ox.NamedNode(KG + "p"), literal)
    line = ox.serialize([triple], format=ox.RdfFormat.N_TRIPLES)
    streamed = b"".join(TurtleWriter(PREFIXES).turtle([line]))
    assert streamed == oxigraph_bytes([triple], ox.RdfFormat.TURTLE)


def test_trig_of_many_graphs_equals_oxigraph(tmp_path):
    with sorted_quad_file(awkward_quads(), tmp_path) as quads:
        expected = oxigraph_bytes(in_file_order(quads), ox.RdfFormat.TRIG)
        assert streamed_trig(quads) == expected


def test_turtle_of_one_graph_equals_oxigraph(tmp_path):
    graph = KG + "g"
    with sorted_quad_file(awkward_quads(), tmp_path) as quads:
        triples = [q.triple for q in quads.quads([graph])]
        streamed = b"".join(TurtleWriter(PREFIXES).turtle(quads.ntriples_lines(graph)))
    assert streamed == oxigraph_bytes(triples, ox.RdfFormat.TURTLE)


def test_no_triples_write_nothing(tmp_path):
    assert b"".join(TurtleWriter(PREFIXES).turtle([])) == oxigraph_bytes([], ox.RdfFormat.TURTLE)
    with sorted_quad_file([], tmp_path) as quads:
        assert streamed_trig(quads) == oxigraph_bytes([], ox.RdfFormat.TRIG) == b""


@pytest.mark.parametrize("cached", [2, 10**6])
def test_a_full_term_cache_changes_nothing(tmp_path, monkeypatch, cached):
    monkeypatch.setattr(rdf, "_CACHED_TERMS", cached)
    monkeypatch.setattr(rdf, "_CHUNK_BYTES", 50)  # many chunks, each of whole lines
    with sorted_quad_file(awkward_quads(), tmp_path) as quads:
        expected = oxigraph_bytes(in_file_order(quads), ox.RdfFormat.TRIG)
        assert streamed_trig(quads) == expected


def test_the_term_cache_stays_small_however_many_terms_a_graph_has():
    # 150,000 distinct subjects and objects: each is converted once and may be
    # forgotten, so what the writer holds does not grow with the graph
    label = "<http://www.w3.org/2000/01/rdf-schema#label>"
    lines = (
        f'<https://kg.example.org/entity/{n:06d}> {label} "name number {n}" .\n'.encode()
        for n in range(150_000)
    )
    tracemalloc.start()
    try:
        written = sum(map(len, TurtleWriter(PREFIXES).turtle(lines)))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert written > 150_000 * 40
    assert peak < 12 * 2**20, f"{peak / 2**20:.1f} MiB"


# -- TriG and Turtle in one pass -----------------------------------------------


@pytest.fixture()
def awkward_sorted(tmp_path):
    with QuadFile.write(graph_batches(dataset_quads(awkward_dataset())), tmp_path) as quads:
        yield quads


@pytest.mark.parametrize("formats", [["trig", "ttl"], ["ttl", "nt", "trig"]])
def test_trig_and_turtle_together_equal_each_alone(awkward_sorted, tmp_path, monkeypatch, formats):
    settings = Settings(base_iri="https://news.example.net/kg/")
    monkeypatch.setattr(rdf, "OXIGRAPH_ABOVE", 10)  # stream the small dataset
    assert rdf.write_together(awkward_sorted, formats, tmp_path / "x", settings).keys() == {
        "trig",
        "ttl",
    }
    together = write(awkward_sorted, formats, tmp_path / "together", settings)
    assert [p.name for p in together] == [f"graph.{f}" for f in formats]
    for path in together:
        [alone] = write(awkward_sorted, [path.suffix[1:]], tmp_path / "alone", settings)
        assert path.read_bytes() == alone.read_bytes()


@pytest.mark.parametrize(
    ("formats", "above"),
    [
        (["trig"], 10),  # Turtle not asked for
        (["ttl"], 10),  # TriG not asked for
        (["trig", "ttl"], 10**6),  # rdflib writes both
    ],
)
def test_formats_are_written_together_only_when_both_stream(
    awkward_sorted, tmp_path, monkeypatch, formats, above
):
    settings = Settings(base_iri="https://news.example.net/kg/")
    monkeypatch.setattr(rdf, "OXIGRAPH_ABOVE", above)
    assert rdf.write_together(awkward_sorted, formats, tmp_path, settings) == {}
    assert not list(tmp_path.glob("graph.*"))
