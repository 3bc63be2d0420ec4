"""Check a kg graph against its SHACL shapes (``ontology/shapes.ttl``).

    >>> result = validate(dataset)
    >>> result.conforms, result.violations
    (True, 0)

A :class:`rdflib.Dataset` is validated as the union of all its named graphs:
mentions live in the article graphs but point at articles described in the
merged graph, so neither graph is valid alone.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pyshacl
from rdflib import Dataset, Graph
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

_ONTOLOGY_PACKAGE = "kg.ontology"


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: a yes/no, the readable report, the count."""

    conforms: bool
    report: str
    violations: int
    report_graph: Graph | None = None


def ontology_file(name: str) -> Path:
    """The path of ``name`` (``kg.ttl``, ``shapes.ttl``) in the installed or checked-out tree."""
    try:
        packaged = resources.files(_ONTOLOGY_PACKAGE) / name
        if packaged.is_file():
            return Path(str(packaged))
    except ModuleNotFoundError:  # a source checkout: ontology/ is not a package yet
        pass
    return Path(__file__).resolve().parents[2] / "ontology" / name


@functools.cache
def shapes_graph() -> Graph:
    """The parsed SHACL shapes (cached; do not modify)."""
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


@functools.cache
def ontology_graph() -> Graph:
    """The parsed kg vocabulary (cached; do not modify)."""
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


def validate(data: Graph | Dataset) -> ValidationResult:
    """Validate ``data`` (a graph, or the union of a dataset's graphs) against the shapes.

    The shapes target every concrete class explicitly, so no inference and no
    ontology are needed: validation reads the data as it is.
    """
    conforms, report_graph, report_text = pyshacl.validate(
        _union(data),
        shacl_graph=shapes_graph(),
        inference="none",
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shape this way
        raise ValueError(f"the SHACL shapes could not be applied: {report_graph}")
    violations = len(set(report_graph.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationResult(bool(conforms), str(report_text), violations, report_graph)


class _QueryCachingGraph(Graph):
    """A graph that parses each distinct SPARQL text once.

    pyshacl runs a SHACL-SPARQL constraint once per focus node with the same
    text and ``$this`` pre-bound; parsing dominates the cost, so cache it.
    """

    def query(self, query_object, *args, **kwargs):  # type: ignore[no-untyped-def]
        if isinstance(query_object, str):
            query_object = _prepared(query_object)
        return super().query(query_object, *args, **kwargs)


@functools.lru_cache(maxsize=256)
def _prepared(text: str) -> Query:
    return prepareQuery(text)


def _union(data: Graph | Dataset) -> Graph:
    """One graph holding every triple of ``data`` (every named graph of a dataset)."""
    union = _QueryCachingGraph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace)
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in data:
            union.add(triple)
    return union
