"""RDF files: Turtle and N-Triples hold the merged graph; TriG, N-Quads and
JSON-LD hold the merged graph and every article graph.

Output is byte-identical from run to run, whatever the hash seed:
named graphs are written in IRI order, N-Triples and N-Quads are sorted
lines, Turtle and TriG subjects and predicates are sorted, and JSON-LD nodes
are ordered by content.

Two engines write the files.  rdflib writes readable Turtle (subjects grouped,
lists of types one per line) and compact JSON-LD with the kg prefixes, but it
is slow on large graphs.  pyoxigraph writes in Rust: it writes N-Triples and
N-Quads at every size (canonical N-Triples escaping), and Turtle, TriG and
JSON-LD for graphs larger than ``OXIGRAPH_ABOVE`` triples (Turtle and TriG
keep the prefixes; JSON-LD is then in expanded form, full IRIs, no context).
Either engine can be asked for by name with ``engine=``.

Both engines refuse blank nodes and malformed IRIs before writing anything
(see docs/formats.md).
"""

from __future__ import annotations

import io
import json
from collections import deque
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.export.atomic import atomic_open, atomic_write
from kg.graph import PREFIXES, merged_graph_iri
from kg.settings import Settings

Engine = Choice["rdflib", "oxigraph"]

# Above this many triples, Turtle, TriG and JSON-LD are written by pyoxigraph:
# rdflib needs minutes and gigabytes there (see docs/formats.md for figures).
OXIGRAPH_ABOVE = 50_000
# N-Triples and N-Quads: pyoxigraph is faster at every size and its output is
# canonical N-Triples, so it writes them unless asked otherwise.
LINE_FORMATS_OXIGRAPH_ABOVE = 0

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


def merged_graph(dataset: Dataset, settings: Settings) -> Graph:
    graph = dataset.graph(merged_graph_iri(settings.base_iri))
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=True)
    return graph


def choose_engine(triples: int, above: int, engine: Engine | None = None) -> Engine:
    """``engine`` if given, else pyoxigraph for more than ``above`` triples."""
    if engine is not None:
        if engine not in ("rdflib", "oxigraph"):
            raise ValueError(f"unknown engine {engine!r}; use 'rdflib' or 'oxigraph'")
        return engine
    return "oxigraph" if triples > above else "rdflib"


def dataset_size(dataset: Dataset) -> int:
    """Triples in all graphs together."""
    return sum(len(graph) for graph in dataset.graphs())


# -- writers, one per format ---------------------------------------------------


def write_turtle(
    dataset: Dataset, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    graph = merged_graph(dataset, settings)
    if choose_engine(len(graph), OXIGRAPH_ABOVE, engine) == "rdflib":
        _check_terms([graph])
        buffer = io.BytesIO()
        CachedTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
        atomic_write(path, buffer.getvalue())
        return
    triples = (quad.triple for quad in _sorted_graph_quads([graph]))
    with atomic_open(path) as fh:
        ox.serialize(triples, fh, ox.RdfFormat.TURTLE, prefixes=_prefixes())


def write_trig(
    dataset: Dataset, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    if choose_engine(dataset_size(dataset), OXIGRAPH_ABOVE, engine) == "rdflib":
        _check_terms(_graphs_in_order(dataset))
        buffer = io.BytesIO()
        SortedTrigSerializer(dataset).serialize(buffer, encoding="utf-8")
        atomic_write(path, buffer.getvalue())
        return
    with atomic_open(path) as fh:
        ox.serialize(
            _sorted_graph_quads(_graphs_in_order(dataset)),
            fh,
            ox.RdfFormat.TRIG,
            prefixes=_prefixes(),
        )


def write_ntriples(
    dataset: Dataset, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    graph = merged_graph(dataset, settings)
    if choose_engine(len(graph), LINE_FORMATS_OXIGRAPH_ABOVE, engine) == "rdflib":
        _check_terms([graph])
        text = graph.serialize(format="nt", encoding="utf-8")
    else:
        text = ox.serialize(_OxTerms().triples(graph), format=ox.RdfFormat.N_TRIPLES)
    atomic_write(path, _sorted_lines(text))


def write_nquads(
    dataset: Dataset, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    if choose_engine(dataset_size(dataset), LINE_FORMATS_OXIGRAPH_ABOVE, engine) == "rdflib":
        _check_terms(_graphs_in_order(dataset))
        text = dataset.serialize(format="nquads", encoding="utf-8")
    else:
        quads = _OxTerms().quads(_graphs_in_order(dataset))
        text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    atomic_write(path, _sorted_lines(text))


def write_jsonld(
    dataset: Dataset, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    if choose_engine(dataset_size(dataset), OXIGRAPH_ABOVE, engine) == "oxigraph":
        # Expanded JSON-LD (no context): pyoxigraph does not compact.
        with atomic_open(path) as fh:
            ox.serialize(_sorted_graph_quads(_graphs_in_order(dataset)), fh, ox.RdfFormat.JSON_LD)
        return
    _check_terms(_graphs_in_order(dataset))
    context = {prefix: ns for prefix, ns in sorted(PREFIXES.items())}
    context["@base"] = settings.base_iri
    data = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    atomic_write(path, json.dumps(_ordered(data), ensure_ascii=False, indent=2, sort_keys=True))


# -- rdflib helpers ------------------------------------------------------------


class _CachedPnames:
    """Remember each IRI's prefixed name for the length of one serialisation.

    rdflib recomputes it for every occurrence of an IRI, scanning the bound
    namespaces each time; on large graphs that dominated writing Turtle.  The
    first call still records the prefix as used, so the output is unchanged.
    """

    def reset(self) -> None:
        super().reset()
        self._pnames: dict = {}

    def get_pname(self, uri, gen_prefix: bool = True):
        key = (uri, gen_prefix)
        if key not in self._pnames:
            self._pnames[key] = super().get_pname(uri, gen_prefix)
        return self._pnames[key]


class CachedTurtleSerializer(_CachedPnames, TurtleSerializer):
    """rdflib's Turtle writer with prefixed names cached."""


class SortedTrigSerializer(_CachedPnames, TrigSerializer):
    """rdflib's TriG writer with the named graphs in IRI order.

    rdflib writes graphs in its store's order, which changes with the hash
    seed; sorting them makes the file byte-identical from run to run.
    """

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        # Sorted before preprocess(): reference counts, and so the order of
        # subjects inside each graph, accumulate across graphs in this order.
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def _check_terms(graphs: Iterable[Graph]) -> None:
    """Refuse blank nodes and malformed IRIs, as the pyoxigraph engine does.

    rdflib would write ``<a b>`` as it is, and strict parsers then reject the
    whole file; better to fail here, naming the IRI.
    """
    deque(_OxTerms().quads(graphs), maxlen=0)


def _sorted_lines(text: bytes) -> bytes:
    """The non-blank lines of N-Triples or N-Quads, sorted and without repeats.

    Byte order of UTF-8 is code point order, so the result does not depend on
    which engine wrote the lines.
    """
    lines = sorted({line for line in text.splitlines() if line.strip()})
    return b"\n".join(lines) + b"\n" if lines else b""


def _ordered(node):
    """Sort every JSON-LD array of node objects by ``@id`` (and values by content)."""
    if isinstance(node, dict):
        return {k: _ordered(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_ordered(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


# -- pyoxigraph helpers --------------------------------------------------------


def _prefixes() -> dict[str, str]:
    """kg's prefixes and rdf:, for pyoxigraph (which writes each one, used or not)."""
    return {"rdf": RDF_NS, **PREFIXES}


def _graphs_in_order(dataset: Dataset) -> list[Graph]:
    """The non-empty graphs of ``dataset``, the default graph first, then by IRI."""
    graphs = [graph for graph in dataset.graphs() if len(graph)]
    return sorted(
        graphs,
        key=lambda g: (g.identifier != DATASET_DEFAULT_GRAPH_ID, str(g.identifier)),
    )


def _sorted_graph_quads(graphs: Iterable[Graph]) -> Iterator[ox.Quad]:
    """Each graph's triples as quads, graph by graph, sorted within each graph.

    Sorted as canonical N-Triples lines (subject, then predicate, then object),
    so pyoxigraph's Turtle and TriG writers group subjects and predicates as
    rdflib's do, and the order is the same on every run.  Parsing the sorted
    lines back happens in Rust, which is faster than sorting term objects.
    """
    terms = _OxTerms()
    for graph in graphs:
        lines = _sorted_lines(ox.serialize(terms.triples(graph), format=ox.RdfFormat.N_TRIPLES))
        name = terms.graph_name(graph.identifier)
        for quad in ox.parse(lines, ox.RdfFormat.N_TRIPLES):
            yield ox.Quad(quad.subject, quad.predicate, quad.object, name)


class _OxTerms:
    """rdflib terms as pyoxigraph terms.

    IRIs are cached by their text: a graph names the same predicates, classes
    and nodes many times over.  (The keys are plain ``str``: looking up a
    ``URIRef`` among ``URIRef`` keys would call rdflib's ``__eq__``, in Python.)
    Blank nodes are refused: kg output never has them, and a writer that met
    one would silently break byte-identical output.
    """

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def triples(self, graph: Graph) -> Iterator[ox.Triple]:
        term, triple = self.term, ox.Triple
        for s, p, o in graph:
            yield triple(term(s), term(p), term(o))

    def quads(self, graphs: Iterable[Graph]) -> Iterator[ox.Quad]:
        term, quad = self.term, ox.Quad
        for graph in graphs:
            name = self.graph_name(graph.identifier)
            for s, p, o in graph:
                yield quad(term(s), term(p), term(o), name)

    def graph_name(self, identifier) -> ox.NamedNode | ox.DefaultGraph:
        if identifier == DATASET_DEFAULT_GRAPH_ID:
            return ox.DefaultGraph()
        return self.term(identifier)

    def term(self, term) -> ox.NamedNode | ox.Literal:
        if isinstance(term, URIRef):
            return self.iri(str(term))
        if isinstance(term, Literal):
            if term.language:
                return ox.Literal(str(term), language=term.language)
            if term.datatype:
                return ox.Literal(str(term), datatype=self.iri(str(term.datatype)))
            return ox.Literal(str(term))
        kind = "a blank node" if isinstance(term, BNode) else type(term).__name__
        raise ValueError(f"cannot write {term!r}: kg graphs have no blank nodes, this is {kind}")

    def iri(self, value: str) -> ox.NamedNode:
        node = self._iris.get(value)
        if node is None:
            try:
                node = ox.NamedNode(value)
            except ValueError as exc:
                raise ValueError(f"cannot write <{value}>: not a valid IRI ({exc})") from exc
            self._iris[value] = node
        return node
