"""Fixed node positions for the HTML viewer, computed once at build time.

A browser running a force simulation on thousands of nodes never settles, and
networkx's force layouts are too slow past a few hundred nodes.  So the graph
is cut into pieces small enough for ``spring_layout``: connected components,
and the communities (Louvain) of components that are still too large.  Pieces
are laid out on their own and then placed side by side, communities where the
spring layout of the community graph puts them.  Isolated nodes, common in
news graphs (a name mentioned once, with no relation), share one compact
sunflower block.

Everything is seeded and sorted, so the same graph always gets the same
positions.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Sequence

import networkx as nx

Position = tuple[float, float]

# Pieces up to this size get a spring layout of their own; larger ones are split.
SPRING_LIMIT = 300
# Distance in screen pixels between two neighbouring nodes.
SPACING = 110.0
_GOLDEN_ANGLE = math.pi * (3.0 - math.sqrt(5.0))


def compute_layout(
    nodes: Sequence[Hashable],
    edges: Iterable[tuple[Hashable, Hashable]],
    *,
    seed: int = 0,
) -> dict[Hashable, Position]:
    """Positions in screen pixels for ``nodes``, given undirected ``edges``."""
    graph = nx.Graph()
    graph.add_nodes_from(sorted(nodes, key=str))
    graph.add_edges_from(sorted(((a, b) for a, b in edges if a != b), key=str))
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(map(str, c))))
    # Isolated nodes keep the caller's order: a caller sorting by type gets bands by type.
    isolated = [node for node in nodes if graph.degree(node) == 0]
    pieces = [_layout_piece(_subgraph(graph, c), seed) for c in components if len(c) > 1]
    if isolated:
        pieces.append(sunflower(isolated))
    return {node: (round(x, 1), round(y, 1)) for node, (x, y) in _pack(pieces).items()}


def sunflower(nodes: Sequence[Hashable]) -> dict[Hashable, Position]:
    """Nodes on a Fermat spiral: even density, first nodes in the middle."""
    positions = {}
    for i, node in enumerate(nodes):
        radius = SPACING * 0.6 * math.sqrt(i)
        angle = i * _GOLDEN_ANGLE
        positions[node] = (radius * math.cos(angle), radius * math.sin(angle))
    return positions


def _layout_piece(graph: nx.Graph, seed: int) -> dict[Hashable, Position]:
    if graph.number_of_nodes() <= SPRING_LIMIT:
        return _spring(graph, seed)
    communities = nx.community.louvain_communities(graph, seed=seed)
    communities = sorted((sorted(c, key=str) for c in communities), key=lambda c: str(c[0]))
    if len(communities) == 1:
        # No structure to split on: hubs in the middle, the rest around them.
        by_degree = sorted(graph.nodes, key=lambda n: (-graph.degree(n), str(n)))
        return sunflower(by_degree)
    parts = [_layout_piece(_subgraph(graph, c), seed) for c in communities]
    return _place_communities(graph, communities, parts, seed)


def _subgraph(graph: nx.Graph, nodes: Iterable[Hashable]) -> nx.Graph:
    """A copy of ``graph`` on ``nodes`` in sorted order.

    ``graph.subgraph(set)`` iterates the set, whose order changes with the
    hash seed, and spring_layout's result depends on node order.
    """
    keep = sorted(nodes, key=str)
    kept = set(keep)
    piece = nx.Graph()
    piece.add_nodes_from(keep)
    piece.add_edges_from(sorted(((a, b) for a, b in graph.edges(keep) if b in kept), key=str))
    return piece


def _spring(graph: nx.Graph, seed: int) -> dict[Hashable, Position]:
    n = graph.number_of_nodes()
    if n <= 3:
        # The commonest pieces in news graphs; a spring layout would cost ~10 ms each.
        return _polygon(list(graph.nodes))
    raw = nx.spring_layout(graph, seed=seed, iterations=60)
    # spring_layout fills [-1, 1]; n nodes need about sqrt(n) spacings across.
    scale = SPACING * max(1.5, math.sqrt(n))
    return {node: (float(x) * scale, float(y) * scale) for node, (x, y) in raw.items()}


def _polygon(nodes: list[Hashable]) -> dict[Hashable, Position]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    radius = SPACING / (2 * math.sin(math.pi / len(nodes)))
    step = 2 * math.pi / len(nodes)
    return {
        node: (radius * math.cos(i * step), radius * math.sin(i * step))
        for i, node in enumerate(nodes)
    }


def _place_communities(
    graph: nx.Graph,
    communities: list[list[Hashable]],
    parts: list[dict[Hashable, Position]],
    seed: int,
) -> dict[Hashable, Position]:
    """Communities placed by a spring layout of the community graph, then pushed apart."""
    index = {node: i for i, community in enumerate(communities) for node in community}
    quotient = nx.Graph()
    quotient.add_nodes_from(range(len(communities)))
    for a, b in graph.edges:
        i, j = index[a], index[b]
        if i != j:
            weight = quotient.get_edge_data(i, j, {"weight": 0})["weight"]
            quotient.add_edge(i, j, weight=weight + 1)
    centred = [_centre(part) for part in parts]
    radii = [_radius(part) + SPACING for part in centred]
    spread = sum(radii) / math.sqrt(len(radii))
    raw = nx.spring_layout(quotient, seed=seed, iterations=80, weight="weight")
    centres = [[float(raw[i][0]) * spread, float(raw[i][1]) * spread] for i in range(len(parts))]
    _push_apart(centres, radii)
    placed: dict[Hashable, Position] = {}
    for part, (cx, cy) in zip(centred, centres, strict=True):
        placed.update({node: (x + cx, y + cy) for node, (x, y) in part.items()})
    return placed


def _push_apart(centres: list[list[float]], radii: list[float], rounds: int = 60) -> None:
    """Move overlapping discs apart along the line joining them (in place)."""
    for _ in range(rounds):
        moved = False
        for i in range(len(centres)):
            for j in range(i + 1, len(centres)):
                dx = centres[j][0] - centres[i][0]
                dy = centres[j][1] - centres[i][1]
                distance = math.hypot(dx, dy) or 1e-6
                overlap = radii[i] + radii[j] - distance
                if overlap > 0:
                    shift = overlap / 2 / distance
                    centres[i][0] -= dx * shift
                    centres[i][1] -= dy * shift
                    centres[j][0] += dx * shift
                    centres[j][1] += dy * shift
                    moved = True
        if not moved:
            return


def _pack(pieces: list[dict[Hashable, Position]]) -> dict[Hashable, Position]:
    """Pieces (largest first) in rows of a shelf about as wide as it is tall."""
    centred = [_centre(piece) for piece in pieces]
    sizes = [2 * _radius(piece) + SPACING for piece in centred]
    row_width = math.sqrt(sum(s * s for s in sizes)) * 1.2
    placed: dict[Hashable, Position] = {}
    x = y = row_height = 0.0
    for piece, size in zip(centred, sizes, strict=True):
        if x > 0 and x + size > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        cx, cy = x + size / 2, y + size / 2
        placed.update({node: (px + cx, py + cy) for node, (px, py) in piece.items()})
        x += size
        row_height = max(row_height, size)
    return placed


def _centre(piece: dict[Hashable, Position]) -> dict[Hashable, Position]:
    if not piece:
        return {}
    mx = sum(x for x, _ in piece.values()) / len(piece)
    my = sum(y for _, y in piece.values()) / len(piece)
    return {node: (x - mx, y - my) for node, (x, y) in piece.items()}


def _radius(piece: dict[Hashable, Position]) -> float:
    return max((math.hypot(x, y) for x, y in piece.values()), default=0.0)
