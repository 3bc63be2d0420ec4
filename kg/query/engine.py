"""Running SPARQL 1.1 over a kg graph, with the merged graph as the default graph."""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.graph.namespace import PREFIXES
from kg.query.results import QueryResult
from kg.query.store import Data, base_iri, merged_graph, open_store

_POSITION = re.compile(r"^error at (\d+):(\d+):\s*")
# The parser lists every token it would have accepted; past this, the list only hides the point.
MAX_MESSAGE = 240


class QuerySyntaxError(ValueError):
    """A malformed query; ``line`` and ``column`` point at the problem (1-based)."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None):
        self.line, self.column = line, column
        where = f"line {line}, column {column}: " if line is not None else ""
        super().__init__(f"SPARQL syntax error at {where}{message}")


def prefixes_for(store: ox.Store) -> dict[str, str]:
    """kg's prefixes plus ``:`` for the graph's base IRI, for display."""
    prefixes = dict(PREFIXES)
    prefixes["rdf"] = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
    base = base_iri(store)
    if base:
        prefixes[""] = base
    return prefixes


def run(
    query: str,
    data: Data,
    *,
    union: bool = False,
    default_graph: list[str] | None = None,
    named_graphs: list[str] | None = None,
) -> QueryResult:
    """Answer a SPARQL 1.1 query over ``data`` (a file, rdflib Dataset or pyoxigraph Store).

    kg's prefixes (``kg:``, ``schema:``, ``prov:`` ..., and ``:`` for the base)
    are predeclared. The default graph is the merged graph (every article graph stays reachable
    with ``GRAPH``); ``union=True`` makes it the union of all graphs;
    ``default_graph``/``named_graphs`` (IRIs) choose the dataset explicitly, as
    the protocol's ``default-graph-uri``/``named-graph-uri`` do.
    Raises ``QuerySyntaxError`` for a malformed query.
    """
    store = open_store(data)
    prefixes = prefixes_for(store)
    options = dataset_options(store, union=union, default_graph=default_graph)
    if named_graphs:
        options["named_graphs"] = [ox.NamedNode(iri) for iri in named_graphs]
    try:
        # The prefixes are defaults: a query's own PREFIX lines win.
        answer = store.query(query, prefixes=prefixes, **options)
    except SyntaxError as err:
        raise parse_error(str(err)) from None
    return QueryResult.from_oxigraph(answer, prefixes)


def dataset_options(
    store: ox.Store, *, union: bool = False, default_graph: list[str] | None = None
) -> dict:
    """Keyword arguments for ``Store.query`` choosing the query's default graph."""
    if default_graph:
        return {"default_graph": [ox.NamedNode(iri) for iri in default_graph]}
    if union:
        return {"use_default_graph_as_union": True}
    merged = merged_graph(store)
    if merged is None:
        return {}
    # The store's own default graph joins in: it is empty for a built TriG, and
    # it is where a SPARQL update without GRAPH (kg serve --allow-update) writes.
    return {"default_graph": [merged, ox.DefaultGraph()]}


def parse_error(message: str) -> QuerySyntaxError:
    """The parser's message on one line, with its line and column pulled out."""
    message = " ".join(message.split())
    line = column = None
    match = _POSITION.match(message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[match.end() :]
    if len(message) > MAX_MESSAGE:
        message = message[: MAX_MESSAGE - 1] + "…"
    return QuerySyntaxError(message, line, column)
