"""Check a kg graph against its SHACL shapes (``ontology/shapes.ttl``).

    >>> result = validate(dataset)
    >>> result.conforms, result.violations
    (True, 0)

A :class:`rdflib.Dataset` is validated as the union of all its named graphs:
mentions live in the article graphs but point at articles described in the
merged graph, so neither graph is valid alone.  The class hierarchy of
``ontology/kg.ttl`` (read by :mod:`kg.graph.ontology`) is added to that union,
since the shapes target general classes (``kg:Event`` covers ``kg:Meeting`` ...).

The SHACL-Core constraints are checked by pyshacl.  The SHACL-SPARQL ones are
run here, each once over the whole graph with ``$this`` left free, instead of
once per focus node: the same results, a hundred times faster.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.sparql import Query

from kg.graph.namespace import KG_NS
from kg.graph.ontology import ontology_file, ontology_graph


@dataclass(frozen=True)
class ValidationResult:
    """The outcome of one validation: a yes/no, the readable report, the count."""

    conforms: bool
    report: str
    violations: int
    report_graph: Graph | None = None


@functools.cache
def shapes_graph() -> Graph:
    """The parsed SHACL shapes (cached; do not modify)."""
    return Graph().parse(ontology_file("shapes.ttl"), format="turtle")


def validate(data: Graph | Dataset) -> ValidationResult:
    """Validate ``data`` (a graph, or the union of a dataset's graphs) against the shapes."""
    graph = _union(data)
    conforms, report_graph, report_text = pyshacl.validate(
        graph,
        shacl_graph=_core_shapes(),
        inference="none",
        allow_warnings=True,
    )
    if not isinstance(report_graph, Graph):  # pyshacl reports a broken shape this way
        raise ValueError(f"the SHACL shapes could not be applied: {report_graph}")
    extra = [_add_result(report_graph, v) for v in _sparql_violations(graph)]
    if extra:
        report_graph.set((_report_node(report_graph), SH.conforms, Literal(False)))
        report_text = report_text.replace("Conforms: True", "Conforms: False") + "".join(extra)
    violations = len(set(report_graph.subjects(SH.resultSeverity, SH.Violation)))
    return ValidationResult(
        violations == 0 and bool(conforms), str(report_text), violations, report_graph
    )


# --- the data graph ----------------------------------------------------------


def _union(data: Graph | Dataset) -> Graph:
    """Every triple of ``data`` (every named graph of a dataset), plus the kg class hierarchy."""
    union = Graph()
    for prefix, namespace in data.namespaces():
        union.bind(prefix, namespace)
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _ in data.quads((None, None, None, None)):
            union.add((s, p, o))
    else:
        for triple in data:
            union.add(triple)
    for triple in _class_hierarchy():
        union.add(triple)
    return union


@functools.cache
def _class_hierarchy() -> tuple[tuple[URIRef, URIRef, URIRef], ...]:
    """``kg:X rdfs:subClassOf kg:Y`` for every kg class of the ontology."""
    ontology = ontology_graph()
    return tuple(
        (s, RDFS.subClassOf, o)
        for s, o in ontology.subject_objects(RDFS.subClassOf)
        if str(s).startswith(KG_NS) and str(o).startswith(KG_NS)
    )


# --- SHACL-SPARQL, run once per constraint -----------------------------------


@dataclass(frozen=True)
class _SparqlCheck:
    shape: URIRef | BNode  # the shape holding the constraint
    constraint: URIRef | BNode
    path: URIRef | None  # set when the shape is a property shape
    message: str
    query: Query


@dataclass(frozen=True)
class _Violation:
    check: _SparqlCheck
    focus: URIRef | BNode
    path: URIRef | None
    value: object
    message: str


@functools.cache
def _core_shapes() -> Graph:
    """The shapes without their sh:sparql constraints (those run in :func:`_sparql_checks`)."""
    core = Graph()
    for prefix, namespace in shapes_graph().namespaces():
        core.bind(prefix, namespace)
    for triple in shapes_graph():
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


@functools.cache
def _sparql_checks() -> tuple[_SparqlCheck, ...]:
    shapes = shapes_graph()
    checks = []
    for shape, constraint in sorted(shapes.subject_objects(SH.sparql)):
        path = shapes.value(shape, SH.path)
        node_shape = shapes.value(None, SH.property, shape) if path is not None else shape
        text = _bulk_query(
            str(shapes.value(constraint, SH.select)),
            path,
            sorted(shapes.objects(node_shape, SH.targetClass)),
            _prefix_lines(shapes, shapes.value(constraint, SH.prefixes)),
        )
        message = str(shapes.value(constraint, SH.message) or shapes.value(shape, SH.message))
        checks.append(_SparqlCheck(shape, constraint, path, message, prepareQuery(text)))
    return tuple(checks)


def _prefix_lines(shapes: Graph, declarer: URIRef | None) -> str:
    lines = []
    for declaration in shapes.objects(declarer, SH.declare):
        prefix = shapes.value(declaration, SH.prefix)
        namespace = shapes.value(declaration, SH.namespace)
        lines.append(f"PREFIX {prefix}: <{namespace}>\n")
    return "".join(sorted(lines))


def _bulk_query(select: str, path: URIRef | None, targets: list[URIRef], prefixes: str) -> str:
    """The constraint's query with ``$this`` free and restricted to the shape's targets.

    Valid for constraints that use ``$this`` in their top-level group only, as
    ours do (pre-binding then amounts to a join).
    """
    text = select.replace("$this", "?this")
    if path is not None:
        text = text.replace("$PATH", f"<{path}>")
    if targets:
        # A typed triple and a filter, not VALUES or a property path: rdflib
        # joins VALUES blocks by nested loops and walks paths slowly.
        classes = sorted(_subclasses(targets))
        if len(classes) == 1:
            is_target = f"?this a <{classes[0]}> . "
        else:
            listed = ", ".join(f"<{c}>" for c in classes)
            is_target = f"?this a ?kgshType . FILTER (?kgshType IN ({listed})) "
        text = re.sub(r"WHERE\s*\{", lambda m: f"{m.group(0)} {is_target}", text, count=1)
    text = re.sub(r"SELECT\s+(DISTINCT\s+)?", "SELECT DISTINCT ", text, count=1)
    return prefixes + text


def _subclasses(classes: list[URIRef]) -> set[URIRef]:
    """``classes`` and all their kg subclasses."""
    found, todo = set(classes), list(classes)
    while todo:
        parent = todo.pop()
        for child, _, _ in (t for t in _class_hierarchy() if t[2] == parent):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _sparql_violations(graph: Graph) -> Iterator[_Violation]:
    for check in _sparql_checks():
        for row in graph.query(check.query):
            bound = row.asdict()
            path = bound.get("path", check.path)
            message = _fill_in(check.message, bound)
            yield _Violation(check, bound["this"], path, bound.get("value"), message)


def _fill_in(message: str, bound: dict) -> str:
    """``{?value}`` and ``{$this}`` in a sh:message replaced by what the query bound."""
    return re.sub(r"\{[?$](\w+)\}", lambda m: str(bound.get(m.group(1), m.group(0))), message)


def _report_node(report_graph: Graph) -> URIRef | BNode:
    return report_graph.value(None, RDF.type, SH.ValidationReport)


def _add_result(report_graph: Graph, violation: _Violation) -> str:
    """Add ``violation`` to the report graph; return its lines for the text report."""
    result = BNode()
    report_graph.add((_report_node(report_graph), SH.result, result))
    report_graph.add((result, RDF.type, SH.ValidationResult))
    report_graph.add((result, SH.resultSeverity, SH.Violation))
    report_graph.add((result, SH.focusNode, violation.focus))
    report_graph.add((result, SH.sourceShape, violation.check.shape))
    report_graph.add((result, SH.sourceConstraint, violation.check.constraint))
    report_graph.add((result, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
    report_graph.add((result, SH.resultMessage, Literal(violation.message)))
    if violation.path is not None:
        report_graph.add((result, SH.resultPath, violation.path))
    if violation.value is not None:
        report_graph.add((result, SH.value, violation.value))
    return (
        "Constraint Violation in SPARQLConstraintComponent "
        "(http://www.w3.org/ns/shacl#SPARQLConstraintComponent):\n"
        f"\tSeverity: sh:Violation\n\tFocus Node: <{violation.focus}>\n"
        f"\tValue Node: {violation.value!r}\n\tResult Path: <{violation.path}>\n"
        f"\tMessage: {violation.message}\n"
    )
