"""RDF files: Turtle and N-Triples hold the merged graph; TriG, N-Quads and
JSON-LD hold the merged graph and every article graph.

Output is deterministic: rdflib's Turtle/TriG writers sort subjects and
predicates, line formats are sorted, and JSON-LD nodes are ordered by id.
"""

from __future__ import annotations

import io
import json

from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer

from kg.export.atomic import atomic_write
from kg.graph import PREFIXES, merged_graph_iri
from kg.settings import Settings


def merged_graph(dataset: Dataset, settings: Settings) -> Graph:
    graph = dataset.graph(merged_graph_iri(settings.base_iri))
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=True)
    return graph


def write_turtle(dataset: Dataset, path, settings: Settings) -> None:
    atomic_write(path, merged_graph(dataset, settings).serialize(format="turtle"))


class SortedTrigSerializer(TrigSerializer):
    """rdflib's TriG writer with the named graphs in IRI order.

    rdflib writes graphs in its store's order, which changes with the hash
    seed; sorting them makes the file byte-identical from run to run.
    """

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        # Sorted before preprocess(): reference counts, and so the order of
        # subjects inside each graph, accumulate across graphs in this order.
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def write_trig(dataset: Dataset, path, settings: Settings) -> None:
    buffer = io.BytesIO()
    SortedTrigSerializer(dataset).serialize(buffer, encoding="utf-8")
    atomic_write(path, buffer.getvalue())


def _sorted_lines(text: str) -> str:
    lines = sorted(line for line in text.splitlines() if line.strip())
    return "\n".join(lines) + "\n"


def write_ntriples(dataset: Dataset, path, settings: Settings) -> None:
    text = merged_graph(dataset, settings).serialize(format="nt")
    atomic_write(path, _sorted_lines(text))


def write_nquads(dataset: Dataset, path, settings: Settings) -> None:
    atomic_write(path, _sorted_lines(dataset.serialize(format="nquads")))


def write_jsonld(dataset: Dataset, path, settings: Settings) -> None:
    context = {prefix: ns for prefix, ns in sorted(PREFIXES.items())}
    context["@base"] = settings.base_iri
    data = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    atomic_write(path, json.dumps(_ordered(data), ensure_ascii=False, indent=2, sort_keys=True))


def _ordered(node):
    """Sort every JSON-LD array of node objects by ``@id`` (and values by content)."""
    if isinstance(node, dict):
        return {k: _ordered(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_ordered(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
