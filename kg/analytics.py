"""``kg stats``: counts by type, the most connected and most reported entities, communities."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import networkx as nx
from rdflib import Dataset

from kg.export.network import to_networkx


@dataclass
class Ranked:
    iri: str
    label: str
    kind: str
    value: float


@dataclass
class GraphStats:
    counts: dict[str, int] = field(default_factory=dict)
    most_connected: list[Ranked] = field(default_factory=list)  # by degree
    most_central: list[Ranked] = field(default_factory=list)  # by betweenness
    most_reported: list[Ranked] = field(default_factory=list)  # by number of articles
    communities: list[list[str]] = field(default_factory=list)  # labels, largest first


def graph_stats(dataset: Dataset, base_iri: str, *, top: int = 10) -> GraphStats:
    network = to_networkx(dataset, base_iri)
    simple = nx.Graph(network)  # centrality over who-is-linked-to-whom, not edge multiplicity
    stats = GraphStats(
        counts=dict(sorted(Counter(k for _, k in network.nodes(data="kind")).items()))
    )
    stats.most_connected = _rank(network, dict(simple.degree()), top)
    # Exact betweenness is cubic; sample pivots on big graphs (seeded: deterministic).
    k = None if len(simple) <= 2000 else 500
    stats.most_central = _rank(network, nx.betweenness_centrality(simple, k=k, seed=7), top)
    stats.most_reported = _rank(network, dict(network.nodes(data="sources")), top)
    if len(simple):
        groups = nx.community.louvain_communities(simple, seed=7)
        stats.communities = [
            sorted(network.nodes[n]["label"] for n in group)
            for group in sorted(groups, key=lambda g: (-len(g), min(g)))
            if len(group) > 1
        ]
    return stats


def _rank(network: nx.MultiDiGraph, values: dict, top: int) -> list[Ranked]:
    order = sorted(values, key=lambda n: (-values[n], n))[:top]
    return [
        Ranked(n, network.nodes[n]["label"], network.nodes[n]["kind"], round(values[n], 4))
        for n in order
        if values[n]
    ]
