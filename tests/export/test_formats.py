"""RDF outputs: read by strict parsers other than rdflib, round trips through
both write engines, byte-identical output, and which graphs each file holds.

Independent parsers: serdi (serd) and rapper (Raptor) for Turtle, TriG,
N-Triples and N-Quads; PyLD for JSON-LD.  They are real programs the test
setup installs (scripts/test); a missing one fails the test.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pytest
from pyld import jsonld
from rdflib import XSD, BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import RDF, RDFS, SKOS, VOID

from kg.export import rdf
from kg.graph.convert import dataset_quads
from kg.graph.io import read_dataset
from kg.graph.namespace import KG, NIF, PREFIXES
from kg.settings import Settings

HERE = Path(__file__).resolve().parent
ENGINES = ("rdflib", "oxigraph")


@dataclass(frozen=True)
class Format:
    suffix: str
    write: object  # the kg.export.rdf writer
    rdflib_name: str
    ox_format: ox.RdfFormat
    syntax: str  # serdi's and rapper's name for it ("" for JSON-LD)
    merged_only: bool  # holds only the merged graph

    def __str__(self) -> str:
        return self.suffix


FORMATS = [
    Format("ttl", rdf.write_turtle, "turtle", ox.RdfFormat.TURTLE, "turtle", True),
    Format("trig", rdf.write_trig, "trig", ox.RdfFormat.TRIG, "trig", False),
    Format("nt", rdf.write_ntriples, "nt", ox.RdfFormat.N_TRIPLES, "ntriples", True),
    Format("nq", rdf.write_nquads, "nquads", ox.RdfFormat.N_QUADS, "nquads", False),
    Format("jsonld", rdf.write_jsonld, "json-ld", ox.RdfFormat.JSON_LD, "", False),
]
LINE_SYNTAXES = [f for f in FORMATS if f.syntax]


def formats(*suffixes: str) -> list[Format]:
    return [f for f in FORMATS if f.suffix in suffixes]


# -- a small dataset with everything that is hard to write ----------------------

BASE = "https://news.example.net/kg/"  # not at the root: relative IRIs must still resolve
MERGED = URIRef(BASE + "graph/merged")
ARTICLE_GRAPH = URIRef(BASE + "graph/article/caf%C3%A9-news")

AWKWARD_IRIS = [
    BASE + "person/jos%C3%A9-m%C3%BCller",
    BASE + "organization/at%26t",
    BASE + "organization/100%25-news",
    BASE + "article/caf%C3%A9-news#char=0,5",
    BASE + "role/li-shangfu/defense-minister--china",
    BASE + "event/meeting/2023-04/a.",
    "https://www.wikidata.org/entity/Q148",
    "https://en.wikipedia.org/wiki/Foo_(bar)",
    "https://zh.wikipedia.org/wiki/北京",
    "http://rdfs.org/ns/void#odd.local",  # a prefixed name whose local part ends in "."
    "https://schema.org/a/b",  # ... or has a slash
    "https://w3id.org/kg-news/ns#x%41y",  # ... or a percent escape
]

ARTICLE_TEXT = 'Li said: """enough""".\r\nNext\tline \\ end "\n\n' * 40

AWKWARD_LITERALS = [
    Literal('He said "no" and left'),
    Literal("it's"),
    Literal("C:\\temp\\new"),
    Literal("line one\nline two"),
    Literal("crlf\r\nend"),
    Literal("tab\there"),
    Literal('triple """ quotes'),
    Literal('ends with a quote"'),
    Literal("ends with a backslash\\"),
    Literal(""),
    Literal("  spaces around  "),
    Literal("Zürich — 北京 — Москва 🙂"),
    Literal("e\u0301 combining, \u2028 line separator, \u00a0 no-break"),
    Literal("form\x0cfeed and \x7f delete"),
    Literal("007"),
    Literal(ARTICLE_TEXT),
    Literal("Москва", lang="ru"),
    Literal("colour", lang="en-GB"),
    Literal("北京", lang="zh-Hans"),
    Literal("2023-04-16", datatype=XSD.date),
    Literal("2023-04", datatype=XSD.gYearMonth),
    Literal("2023", datatype=XSD.gYear),
    Literal("P3D", datatype=XSD.duration),
    Literal(1002, datatype=XSD.nonNegativeInteger),
    Literal(0, datatype=XSD.nonNegativeInteger),
    Literal(7),
    Literal(-3),
    Literal("0.640", datatype=XSD.decimal),
    Literal("1.000", datatype=XSD.decimal),
    Literal(True),
    Literal(False),
    Literal('https://example.org/a b?c=1&d="x"', datatype=XSD.anyURI),
]


def awkward_triples() -> list[tuple[URIRef, URIRef, URIRef | Literal, URIRef]]:
    """(s, p, o, graph) quads in the DESIGN.md shape with awkward terms."""
    quads = [
        (MERGED, RDF.type, VOID.Dataset, MERGED),
        (MERGED, KG.setting, Literal(f"base_iri={BASE}"), MERGED),
    ]
    for i, literal in enumerate(AWKWARD_LITERALS):
        node = URIRef(f"{BASE}claim/{i:04d}")
        quads += [
            (node, RDF.type, KG.Claim, MERGED),
            (node, RDF.type, RDF.Statement, MERGED),
            (node, RDF.object, literal, MERGED),
            (node, RDFS.label, Literal(f"claim {i}"), MERGED),
        ]
    person = URIRef(AWKWARD_IRIS[0])
    for i, iri in enumerate(AWKWARD_IRIS):
        quads += [
            (URIRef(iri), RDFS.label, Literal(f"node {i}"), MERGED),
            (person, SKOS.related, URIRef(iri), MERGED),  # many objects on one subject
            (URIRef(iri), KG.mentionCount, Literal(i), ARTICLE_GRAPH),
        ]
    article = URIRef(BASE + "article/caf%C3%A9-news")
    quads += [
        (article, NIF.isString, Literal(ARTICLE_TEXT), ARTICLE_GRAPH),
        (article, RDF.type, KG.Article, ARTICLE_GRAPH),
        (article, RDF.type, KG.Article, MERGED),
    ]
    return quads


def awkward_dataset(order: int | None = None) -> Dataset:
    """The awkward quads in a Dataset, added in a shuffled order if ``order`` is a seed."""
    quads = awkward_triples()
    if order is not None:
        random.Random(order).shuffle(quads)
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    dataset.bind("", BASE)
    for s, p, o, g in quads:
        dataset.graph(g).add((s, p, o))
    return dataset


SETTINGS = Settings(base_iri=BASE)


# -- helpers ------------------------------------------------------------------


def ox_quads(data: bytes, fmt: ox.RdfFormat) -> set[str]:
    """The quads of ``data`` parsed by pyoxigraph, in canonical N-Quads form."""
    return {str(quad) for quad in ox.parse(data, fmt)}


def expected_quads(dataset: Dataset, merged_only: bool) -> set[str]:
    """What a file of ``dataset`` must hold, in the same form as ``ox_quads``."""
    if merged_only:
        return {str(ox.Quad(*q.triple)) for q in dataset_quads(dataset.graph(MERGED))}
    return {str(q) for q in dataset_quads(dataset)}


def named_quads(dataset: Dataset) -> set[tuple]:
    return {q for q in dataset.quads() if q[3] != DATASET_DEFAULT_GRAPH_ID}


def program(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is not installed; scripts/test installs it (apt-get)"
    return path


def run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, check=False)


def serdi_quads(path: Path, syntax: str) -> set[str]:
    """serdi reads ``path`` strictly and writes N-Quads; returns them canonicalised."""
    done = run(program("serdi"), "-i", syntax, "-o", "nquads", str(path))
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr == b"", done.stderr.decode()
    return ox_quads(done.stdout, ox.RdfFormat.N_QUADS)


def rapper_count(path: Path, syntax: str) -> int:
    """The number of triples rapper counts in ``path``; any error or warning fails."""
    done = run(program("rapper"), "-i", syntax, "-c", str(path))
    message = done.stderr.decode()
    assert done.returncode == 0, message
    assert "rapper: Error" not in message and "rapper: Warning" not in message, message
    found = re.search(r"Parsing returned (\d+) triples", message)
    assert found, message
    return int(found.group(1))


def pyld_quads(path: Path) -> set[str]:
    """PyLD turns the JSON-LD into N-Quads; returned canonicalised."""
    document = json.loads(path.read_text(encoding="utf-8"))
    nquads = jsonld.to_rdf(document, {"format": "application/n-quads"})
    return ox_quads(nquads.encode("utf-8"), ox.RdfFormat.N_QUADS)


def write(fmt: Format, dataset: Dataset, folder: Path, engine: str | None) -> Path:
    path = folder / f"{engine or 'auto'}.{fmt.suffix}"
    fmt.write(dataset, path, SETTINGS, engine=engine)
    return path


# -- the seed build, through independent parsers --------------------------------


@pytest.fixture(scope="module")
def seed_files(seed_build, tmp_path_factory) -> dict[str, Path]:
    """Folder per source: the build's own files, and the seed rewritten by each engine."""
    folders = {"build": seed_build.output}
    settings = seed_build.settings
    for engine in ENGINES:
        folder = tmp_path_factory.mktemp(f"seed-{engine}")
        for fmt in FORMATS:
            fmt.write(seed_build.dataset, folder / f"graph.{fmt.suffix}", settings, engine=engine)
        folders[engine] = folder
    return folders


def seed_expected(seed_build, fmt: Format) -> set[str]:
    if fmt.merged_only:
        merged = rdf.merged_graph(seed_build.dataset, seed_build.settings)
        return {str(ox.Quad(*q.triple)) for q in dataset_quads(merged)}
    return {str(q) for q in dataset_quads(seed_build.dataset)}


@pytest.mark.parametrize("source", ["build", *ENGINES])
@pytest.mark.parametrize("fmt", LINE_SYNTAXES, ids=str)
def test_seed_output_parses_with_serdi(seed_build, seed_files, source, fmt):
    path = seed_files[source] / f"graph.{fmt.suffix}"
    assert serdi_quads(path, fmt.syntax) == seed_expected(seed_build, fmt)


@pytest.mark.parametrize("source", ["build", *ENGINES])
@pytest.mark.parametrize("fmt", LINE_SYNTAXES, ids=str)
def test_seed_output_parses_with_rapper(seed_build, seed_files, source, fmt):
    path = seed_files[source] / f"graph.{fmt.suffix}"
    assert rapper_count(path, fmt.syntax) == len(seed_expected(seed_build, fmt))


@pytest.mark.parametrize("source", ["build", *ENGINES])
def test_seed_jsonld_through_pyld_equals_the_nquads(seed_files, source):
    folder = seed_files[source]
    from_jsonld = pyld_quads(folder / "graph.jsonld")
    from_nquads = ox_quads((folder / "graph.nq").read_bytes(), ox.RdfFormat.N_QUADS)
    assert len(from_nquads) > 1000
    assert from_jsonld == from_nquads


@pytest.mark.parametrize("source", ["build", *ENGINES])
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_seed_files_hold_the_right_graphs(seed_build, seed_files, source, fmt):
    quads = list(ox.parse(path=seed_files[source] / f"graph.{fmt.suffix}", format=fmt.ox_format))
    names = {q.graph_name for q in quads}
    base = seed_build.settings.base_iri
    if fmt.merged_only:
        assert names == {ox.DefaultGraph()}
    else:
        articles = {n for n in names if n.value.startswith(f"{base}graph/article/")}
        assert names == {ox.NamedNode(f"{base}graph/merged"), *articles}
        assert len(articles) == seed_build.report.articles
    assert not [q for q in quads if any(isinstance(t, ox.BlankNode) for t in q)]


def test_the_build_writes_line_formats_as_the_oxigraph_engine_does(seed_files):
    for suffix in ("nt", "nq"):
        build = (seed_files["build"] / f"graph.{suffix}").read_bytes()
        assert build == (seed_files["oxigraph"] / f"graph.{suffix}").read_bytes()


# -- awkward terms: round trips and strict parsers, both engines ------------------


@pytest.fixture(scope="module")
def awkward_files(tmp_path_factory) -> dict[tuple[str, str], Path]:
    folder = tmp_path_factory.mktemp("awkward")
    dataset = awkward_dataset()
    return {
        (fmt.suffix, engine): write(fmt, dataset, folder, engine)
        for fmt in FORMATS
        for engine in ENGINES
    }


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_round_trip_through_rdflib(awkward_files, fmt, engine):
    path = awkward_files[fmt.suffix, engine]
    original = awkward_dataset()
    if fmt.merged_only:
        parsed = Graph().parse(path, format=fmt.rdflib_name)
        assert set(parsed) == set(original.graph(MERGED))
    else:
        parsed = Dataset()
        parsed.parse(path, format=fmt.rdflib_name)
        assert named_quads(parsed) == named_quads(original)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_round_trip_through_pyoxigraph(awkward_files, fmt, engine):
    data = awkward_files[fmt.suffix, engine].read_bytes()
    assert ox_quads(data, fmt.ox_format) == expected_quads(awkward_dataset(), fmt.merged_only)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_read_dataset_gets_the_graphs_back(awkward_files, fmt, engine):
    # kg export reads its input with kg.graph.io.read_dataset.
    parsed = read_dataset(awkward_files[fmt.suffix, engine])
    original = awkward_dataset()
    if fmt.merged_only:
        assert set(parsed.graph(MERGED)) == set(original.graph(MERGED))
    else:
        assert named_quads(parsed) == named_quads(original)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", LINE_SYNTAXES, ids=str)
def test_awkward_terms_parse_with_serdi(awkward_files, fmt, engine):
    quads = serdi_quads(awkward_files[fmt.suffix, engine], fmt.syntax)
    assert quads == expected_quads(awkward_dataset(), fmt.merged_only)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", LINE_SYNTAXES, ids=str)
def test_awkward_terms_parse_with_rapper(awkward_files, fmt, engine):
    count = rapper_count(awkward_files[fmt.suffix, engine], fmt.syntax)
    assert count == len(expected_quads(awkward_dataset(), fmt.merged_only))


@pytest.mark.parametrize("engine", ENGINES)
def test_awkward_jsonld_through_pyld(awkward_files, engine):
    assert pyld_quads(awkward_files["jsonld", engine]) == expected_quads(awkward_dataset(), False)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_awkward_literals_survive_character_for_character(awkward_files, fmt, engine):
    parsed = ox.parse(path=awkward_files[fmt.suffix, engine], format=fmt.ox_format)
    values = {q.object.value for q in parsed if q.predicate.value == str(RDF.object)}
    assert values == {str(literal) for literal in AWKWARD_LITERALS}


# -- determinism ----------------------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_insertion_order_does_not_change_the_bytes(tmp_path, fmt, engine):
    outputs = set()
    for order in (None, 1, 2):  # as built, then two shuffles
        folder = tmp_path / str(order)
        folder.mkdir()
        outputs.add(write(fmt, awkward_dataset(order), folder, engine).read_bytes())
    assert len(outputs) == 1


_WRITE_IN_CHILD = """
import hashlib, sys
from pathlib import Path
import test_formats as t
out = Path(sys.argv[1])
out.mkdir()
for fmt in t.FORMATS:
    for engine in t.ENGINES:
        path = t.write(fmt, t.awkward_dataset(), out, engine)
        print(path.name, hashlib.sha256(path.read_bytes()).hexdigest())
"""


def test_the_hash_seed_does_not_change_the_bytes(tmp_path):
    digests = []
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(HERE)}
        child = subprocess.run(
            [sys.executable, "-c", _WRITE_IN_CHILD, str(tmp_path / seed)],
            env=env,
            capture_output=True,
            text=True,
        )
        assert child.returncode == 0, child.stderr
        digests.append(child.stdout)
    assert len(digests[0].splitlines()) == len(FORMATS) * len(ENGINES)
    assert digests[0] == digests[1] == digests[2]


# -- which engine writes what -----------------------------------------------------


@pytest.mark.parametrize(
    ("triples", "above", "engine", "expected"),
    [
        (10, 200, None, "rdflib"),
        (200, 200, None, "rdflib"),
        (201, 200, None, "oxigraph"),
        (1, 0, None, "oxigraph"),
        (10**7, 200, "rdflib", "rdflib"),
        (1, 200, "oxigraph", "oxigraph"),
    ],
)
def test_choose_engine(triples, above, engine, expected):
    assert rdf.choose_engine(triples, above, engine) == expected


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown engine"):
        rdf.choose_engine(1, 0, "jena")


@pytest.mark.parametrize("fmt", formats("ttl", "trig", "jsonld"), ids=str)
def test_large_graphs_go_through_oxigraph(tmp_path, monkeypatch, fmt):
    dataset = awkward_dataset()
    rdflib_bytes = write(fmt, dataset, tmp_path, "rdflib").read_bytes()
    oxigraph_bytes = write(fmt, dataset, tmp_path, "oxigraph").read_bytes()
    assert rdflib_bytes != oxigraph_bytes
    assert write(fmt, dataset, tmp_path, None).read_bytes() == rdflib_bytes
    monkeypatch.setattr(rdf, "OXIGRAPH_ABOVE", 10)  # the dataset has more than 10 triples
    assert write(fmt, dataset, tmp_path, None).read_bytes() == oxigraph_bytes


@pytest.mark.parametrize("fmt", formats("nt", "nq"), ids=str)
def test_line_formats_go_through_oxigraph_by_default(tmp_path, fmt):
    dataset = awkward_dataset()
    oxigraph_bytes = write(fmt, dataset, tmp_path, "oxigraph").read_bytes()
    assert write(fmt, dataset, tmp_path, None).read_bytes() == oxigraph_bytes


@pytest.mark.parametrize("fmt", formats("ttl", "trig"), ids=str)
def test_oxigraph_turtle_keeps_the_prefixes(awkward_files, fmt):
    text = awkward_files[fmt.suffix, "oxigraph"].read_text(encoding="utf-8")
    assert "@prefix kg: <https://w3id.org/kg-news/ns#> ." in text
    assert "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> ." in text
    assert re.search(r"\ba rdf:Statement\s*,\s*kg:Claim\b", text)
    assert "<https://w3id.org/kg-news/ns#Claim>" not in text


@pytest.mark.parametrize("fmt", formats("nt", "nq"), ids=str)
def test_line_formats_are_sorted_lines(awkward_files, fmt):
    for engine in ENGINES:
        lines = awkward_files[fmt.suffix, engine].read_bytes().split(b"\n")
        assert lines[-1] == b""  # ends with a newline
        assert lines[:-1] == sorted(set(lines[:-1]))


# -- refusals and atomic writes ---------------------------------------------------


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_blank_nodes_are_refused_and_the_old_file_kept(tmp_path, fmt, engine):
    dataset = awkward_dataset()
    path = write(fmt, dataset, tmp_path, engine)
    before = path.read_bytes()
    dataset.graph(MERGED).add((BNode("b0"), RDFS.label, Literal("anonymous")))
    with pytest.raises(ValueError, match="blank node"):
        fmt.write(dataset, path, SETTINGS, engine=engine)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("fmt", FORMATS, ids=str)
def test_invalid_iris_are_refused_by_name(tmp_path, fmt, engine):
    dataset = awkward_dataset()
    dataset.graph(MERGED).add((URIRef(BASE + "person/a b"), RDFS.label, Literal("spaced")))
    with pytest.raises(ValueError, match=r"person/a b>: not a valid IRI"):
        write(fmt, dataset, tmp_path, engine)
    assert list(tmp_path.iterdir()) == []
