"""Query results: one small value type, serialised in the standard formats or as a table."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Literal

import pyoxigraph as ox

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
Kind = Literal["select", "ask", "graph"]

# Names accepted on the command line, for solutions/booleans and for graphs.
RESULTS_FORMATS = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "rdfxml": ox.RdfFormat.RDF_XML,
    "jsonld": ox.RdfFormat.JSON_LD,
}
# "table" and "json" also make sense for a graph: read them as Turtle and JSON-LD.
_GRAPH_ALIASES = {"table": "turtle", "json": "jsonld", "ttl": "turtle", "nt": "ntriples"}

ResultsFormat = str | ox.QueryResultsFormat | ox.RdfFormat


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query, kept in a re-readable form.

    pyoxigraph's results are one-pass iterators; kg keeps the SPARQL JSON
    results (SELECT, ASK) or N-Triples (CONSTRUCT, DESCRIBE) bytes instead,
    so a result can be printed, serialised and inspected any number of times.
    """

    kind: Kind
    payload: bytes
    prefixes: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_oxigraph(
        cls,
        answer: ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples,
        prefixes: dict[str, str] | None = None,
    ) -> QueryResult:
        prefixes = dict(prefixes or {})
        if isinstance(answer, ox.QueryTriples):
            return cls("graph", answer.serialize(format=ox.RdfFormat.N_TRIPLES), prefixes)
        kind: Kind = "ask" if isinstance(answer, ox.QueryBoolean) else "select"
        return cls(kind, answer.serialize(format=ox.QueryResultsFormat.JSON), prefixes)

    @cached_property
    def variables(self) -> tuple[str, ...]:
        if self.kind != "select":
            return ()
        return tuple(v.value for v in self._solutions().variables)

    @cached_property
    def rows(self) -> tuple[tuple[Term | None, ...], ...]:
        """SELECT solutions as tuples in the order of ``variables`` (None: unbound)."""
        if self.kind != "select":
            return ()
        names = self.variables
        return tuple(tuple(solution[name] for name in names) for solution in self._solutions())

    @property
    def boolean(self) -> bool | None:
        """The ASK answer (None for other queries)."""
        if self.kind != "ask":
            return None
        return bool(ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON))

    @cached_property
    def triples(self) -> tuple[ox.Triple, ...]:
        """CONSTRUCT/DESCRIBE triples (empty for other queries)."""
        if self.kind != "graph":
            return ()
        return tuple(q.triple for q in ox.parse(self.payload, ox.RdfFormat.N_TRIPLES))

    def __len__(self) -> int:
        return len(self.triples) if self.kind == "graph" else len(self.rows)

    def serialize(self, fmt: ResultsFormat = "json") -> bytes:
        """The result in a standard format: for SELECT/ASK ``json``, ``xml``, ``csv``,
        ``tsv`` (SPARQL 1.1 Query Results); for graphs ``turtle``, ``ntriples``,
        ``rdfxml``, ``jsonld``. pyoxigraph format objects are accepted too."""
        if self.kind == "graph":
            return self._serialize_graph(fmt)
        if isinstance(fmt, str):
            fmt = _lookup(fmt, RESULTS_FORMATS, "query results")
        if not isinstance(fmt, ox.QueryResultsFormat):
            raise ValueError(f"a {self.kind.upper()} result cannot be written as {fmt.name}")
        answer = ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON)
        return answer.serialize(format=fmt)

    def _serialize_graph(self, fmt: ResultsFormat) -> bytes:
        if isinstance(fmt, str):
            fmt = _lookup(_GRAPH_ALIASES.get(fmt, fmt), GRAPH_FORMATS, "graph")
        if not isinstance(fmt, ox.RdfFormat):
            raise ValueError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt.name}")
        if fmt != ox.RdfFormat.TURTLE:
            return ox.serialize(self.triples, format=fmt)
        return ox.serialize(self.triples, format=fmt, prefixes=self._used_prefixes())

    def _used_prefixes(self) -> dict[str, str]:
        # Declaring only the prefixes the triples use keeps the Turtle short. The
        # data's base is left out: its local names would need escaped slashes
        # (:person\/li-shangfu), which read worse than the full IRI.
        text = self.payload.decode("utf-8")
        return {name: ns for name, ns in self.prefixes.items() if name and f"<{ns}" in text}

    def _solutions(self) -> ox.QuerySolutions:
        return ox.parse_query_results(self.payload, ox.QueryResultsFormat.JSON)


def _lookup(name: str, table: dict, what: str):
    try:
        return table[name.lower()]
    except KeyError:
        known = ", ".join(table)
        raise ValueError(f"unknown {what} format {name!r} (known: {known})") from None
