"""Moving graphs between pyoxigraph terms and rdflib.

kg makes its graph as pyoxigraph quads (fast, and streamed to disk by
:class:`kg.graph.quadfile.QuadFile`); rdflib is what the viewer, SHACL
validation, the readable Turtle writer and library users work with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID

from kg.graph.namespace import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_ADD_BATCH = 10_000


def quads_to_dataset(quads: Iterable[ox.Quad], base_iri: str) -> Dataset:
    """An rdflib Dataset of ``quads``, with kg's prefixes and ``base_iri`` as the empty prefix."""
    dataset = Dataset()
    for prefix, namespace in PREFIXES.items():
        dataset.bind(prefix, namespace)
    dataset.bind("", base_iri)
    terms, graphs, batch = _RdflibTerms(), {}, []
    for quad in quads:
        key = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
        graph = graphs.get(key)
        if graph is None:
            graph = graphs[key] = dataset.graph(terms.graph(quad.graph_name))
        batch.append(
            (terms.term(quad.subject), terms.term(quad.predicate), terms.term(quad.object), graph)
        )
        if len(batch) >= _ADD_BATCH:
            dataset.addN(batch)
            batch = []
    dataset.addN(batch)
    return dataset


def dataset_quads(data: Graph) -> Iterator[ox.Quad]:
    """The quads of an rdflib Dataset (or of a Graph, in the default graph) as pyoxigraph terms.

    Blank nodes and malformed IRIs are refused, naming the term: kg output
    has neither, and strict parsers would reject a whole file for one.
    """
    terms = OxTerms()
    graphs = data.graphs() if isinstance(data, Dataset) else [data]
    for graph in graphs:
        name = (
            terms.graph_name(graph.identifier) if isinstance(data, Dataset) else ox.DefaultGraph()
        )
        for s, p, o in graph:
            yield ox.Quad(terms.term(s), terms.term(p), terms.term(o), name)


class OxTerms:
    """rdflib terms as pyoxigraph terms, IRIs cached by their text.

    (The keys are plain ``str``: looking up a ``URIRef`` among ``URIRef`` keys
    would call rdflib's ``__eq__``, in Python.)
    """

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

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


class _RdflibTerms:
    def __init__(self) -> None:
        self._iris: dict[str, URIRef] = {}

    def iri(self, value: str) -> URIRef:
        node = self._iris.get(value)
        if node is None:
            node = self._iris[value] = URIRef(value)
        return node

    def graph(self, name) -> URIRef:
        if isinstance(name, ox.NamedNode):
            return self.iri(name.value)
        return DATASET_DEFAULT_GRAPH_ID

    def term(self, term) -> URIRef | Literal:
        if isinstance(term, ox.NamedNode):
            return self.iri(term.value)
        if isinstance(term, ox.Literal):
            if term.language:
                return Literal(term.value, lang=term.language)
            datatype = term.datatype.value
            if datatype == XSD_STRING:
                return Literal(term.value)
            return Literal(term.value, datatype=self.iri(datatype))
        raise ValueError(f"kg graphs have no blank nodes or triple terms: {term!r}")
