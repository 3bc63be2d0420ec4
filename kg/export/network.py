"""The graph as a network (networkx): entities and events as nodes, facts as edges.

Used by ``kg stats`` and by the GraphML and GEXF writers for Gephi and other
network tools.  Literal-valued facts become node attributes, not nodes.
"""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import RDF, RDFS, SKOS, Dataset
from rdflib.namespace import PROV

from kg.export.atomic import atomic_open
from kg.export.rdf import GraphData, as_dataset, warn_if_large
from kg.graph import KG, merged_graph_iri
from kg.settings import Settings

NODE_CLASSES = (
    "Person", "Organization", "Place", "Country", "City", "Facility", "Event", "Meeting",
    "Visit", "Attendance", "Statement", "Accusation", "Denial", "Warning", "Sanction",
    "Agreement", "Exercise", "Disaster", "Appointment", "Transaction",
)  # fmt: skip
# Structural or provenance properties that are not relations between things.
NOT_RELATIONS = {KG.agent, KG.variant, KG.evidence, KG.alternative, KG.mergedInto, KG.mergedNode}


def to_networkx(dataset: Dataset, base_iri: str) -> nx.MultiDiGraph:
    """Canonical entities and events with their kind, label and number of sources."""
    merged = dataset.graph(merged_graph_iri(base_iri))
    network = nx.MultiDiGraph()
    for name in NODE_CLASSES:
        for node in sorted(merged.subjects(RDF.type, KG[name])):
            label = merged.value(node, SKOS.prefLabel) or merged.value(node, RDFS.label)
            sources = len(set(merged.objects(node, PROV.wasDerivedFrom)))
            network.add_node(str(node), kind=name, label=str(label or node), sources=sources)
    for s, p, o in sorted(merged):
        is_relation = str(p).startswith(str(KG)) and p not in NOT_RELATIONS
        if is_relation and str(s) in network and str(o) in network:
            network.add_edge(str(s), str(o), key=str(p), label=p.split("#")[-1])
    return network


def write_graphml(graph: GraphData, path: Path, settings: Settings) -> None:
    warn_if_large(graph, path, settings)
    network = to_networkx(as_dataset(graph, settings, merged_only=True), settings.base_iri)
    with atomic_open(path, "wb") as fh:
        nx.write_graphml(network, fh)


def write_gexf(graph: GraphData, path: Path, settings: Settings) -> None:
    warn_if_large(graph, path, settings)
    network = to_networkx(as_dataset(graph, settings, merged_only=True), settings.base_iri)
    with atomic_open(path, "wb") as fh:
        nx.write_gexf(network, fh)
