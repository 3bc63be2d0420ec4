"""The named graphs of a built graph, serialised for upload."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox

# Sibling stage, read-only use: the same reader ``kg query`` uses for files.
from kg.query.store import Data, merged_graph, open_store

# Graph Store Protocol content types, by the name given on the command line.
CONTENT_TYPES = {
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
}


@dataclass(frozen=True)
class GraphPayload:
    """One graph ready to PUT: its IRI (None: the default graph) and body."""

    iri: str | None
    triples: int
    body: bytes
    content_type: str


def graph_payloads(data: Data, fmt: str = "ntriples") -> Iterator[GraphPayload]:
    """Every graph of ``data``, the merged graph first, then the others by IRI.

    A file with no named graphs (``graph.ttl``) yields its default graph, with
    ``iri`` None.
    """
    content_type, rdf_format = CONTENT_TYPES[fmt]
    store = open_store(data)
    for graph in _ordered_graphs(store):
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if not triples and isinstance(graph, ox.DefaultGraph):
            continue
        iri = graph.value if isinstance(graph, ox.NamedNode) else None
        body = ox.serialize(triples, format=rdf_format)
        yield GraphPayload(iri, len(triples), body, content_type)


def _ordered_graphs(store: ox.Store) -> list[ox.NamedNode | ox.DefaultGraph]:
    merged = merged_graph(store)
    named = sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode) and g != merged),
        key=lambda g: g.value,
    )
    head = [merged] if merged is not None else []
    return [*head, *named, ox.DefaultGraph()]
