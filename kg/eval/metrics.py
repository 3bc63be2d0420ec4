"""Scores: mention matching, and the coreference metrics MUC, B-cubed, CEAF-e.

Everything here is a pure function of plain values.  A clustering is a list
of sets of hashable mention ids; the key is the gold clustering, the
response the system's.  The definitions follow Pradhan et al. (2014),
"Scoring coreference partitions of predicted mentions: a reference
implementation", the paper behind the CoNLL scorer.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Protocol

Clustering = Sequence[frozenset[Hashable]] | Sequence[set[Hashable]]


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, precision: float, recall: float) -> Score:
        return cls(precision, recall, f1(precision, recall))


def f1(precision: float, recall: float) -> float:
    """The harmonic mean, 0 when both are 0."""
    total = precision + recall
    return 2 * precision * recall / total if total else 0.0


def ratio(part: float, whole: float) -> float:
    """``part / whole``, 0 for an empty whole (nothing to find, nothing found)."""
    return part / whole if whole else 0.0


# -- mention matching ---------------------------------------------------------


class MatchMode(str, Enum):
    EXACT = "exact"  # identical document and offsets
    OVERLAP = "overlap"  # same document, at least one character in common


class Located(Protocol):
    @property
    def doc(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


def overlap(a: Located, b: Located) -> int:
    """Characters two mentions share (0 across documents)."""
    if a.doc != b.doc:
        return 0
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def match_mentions(
    gold: Sequence[Located], system: Sequence[Located], mode: MatchMode
) -> list[tuple[int, int]]:
    """One-to-one pairs ``(gold index, system index)``, sorted.

    Greedy and deterministic: candidate pairs are taken best first, where
    best is the highest overlap relative to the two spans together (so an
    exact span beats a longer one that also covers it, as with nested gold
    mentions "Airbus" / "Airbus parent EADS"), then the most shared
    characters, then the earliest position.  In exact mode the only
    candidates are identical spans.
    """
    candidates = []
    for doc, (gold_ids, system_ids) in _by_document(gold, system).items():
        del doc
        for g in gold_ids:
            for s in system_ids:
                shared = overlap(gold[g], system[s])
                if not shared or (mode is MatchMode.EXACT and not _same_span(gold[g], system[s])):
                    continue
                union = max(gold[g].end, system[s].end) - min(gold[g].start, system[s].start)
                position = (gold[g].start, gold[g].end, system[s].start, system[s].end, g, s)
                candidates.append((-shared / union, -shared, position))
    candidates.sort()
    used_gold: set[int] = set()
    used_system: set[int] = set()
    pairs = []
    for *_, position in candidates:
        g, s = position[-2:]
        if g not in used_gold and s not in used_system:
            used_gold.add(g)
            used_system.add(s)
            pairs.append((g, s))
    return sorted(pairs)


def _same_span(a: Located, b: Located) -> bool:
    return (a.doc, a.start, a.end) == (b.doc, b.start, b.end)


def _by_document(
    gold: Sequence[Located], system: Sequence[Located]
) -> dict[str, tuple[list[int], list[int]]]:
    groups: dict[str, tuple[list[int], list[int]]] = {}
    for i, mention in enumerate(gold):
        groups.setdefault(mention.doc, ([], []))[0].append(i)
    for i, mention in enumerate(system):
        groups.setdefault(mention.doc, ([], []))[1].append(i)
    return groups


def cluster_by(items: Iterable[tuple[Hashable, Hashable]]) -> list[frozenset[Hashable]]:
    """Group ``(mention id, cluster label)`` pairs into a clustering."""
    groups: dict[Hashable, set[Hashable]] = {}
    for mention, label in items:
        groups.setdefault(label, set()).add(mention)
    return [frozenset(members) for members in groups.values()]


# -- coreference metrics ------------------------------------------------------


def muc(key: Clustering, response: Clustering) -> Score:
    """Vilain et al. (1995): the links needed to rebuild each cluster.

    Recall = sum(|K| - p(K)) / sum(|K| - 1), where p(K) is the number of
    pieces the response cuts K into (a mention the response lacks is a
    piece of its own); precision swaps the two sides.  Singletons have no
    links, so they count for nothing.
    """
    return Score.of(_muc_recall(response, key), _muc_recall(key, response))


def _muc_recall(key: Clustering, response: Clustering) -> float:
    owner = _owners(response)
    found = needed = 0
    for cluster in key:
        pieces = {owner.get(m, ("missing", m)) for m in cluster}
        found += len(cluster) - len(pieces)
        needed += len(cluster) - 1
    return ratio(found, needed)


def b_cubed(key: Clustering, response: Clustering) -> Score:
    """Bagga and Baldwin (1998): per-mention overlap of its two clusters.

    Recall = sum over key K, response R of |K & R|^2 / |K|, over all key
    mentions; precision swaps the two sides.
    """
    return Score.of(_b_cubed_recall(response, key), _b_cubed_recall(key, response))


def _b_cubed_recall(key: Clustering, response: Clustering) -> float:
    owner = _owners(response)
    total = 0.0
    for cluster in key:
        shared: dict[int, int] = {}
        for mention in cluster:
            if mention in owner:
                shared[owner[mention]] = shared.get(owner[mention], 0) + 1
        total += sum(n * n for n in shared.values()) / len(cluster)
    return ratio(total, sum(len(cluster) for cluster in key))


def ceaf_e(key: Clustering, response: Clustering) -> Score:
    """Luo (2005), entity-based: the best one-to-one alignment of clusters.

    Similarity phi4(K, R) = 2|K & R| / (|K| + |R|); the alignment maximising
    the total similarity is found exactly.  Recall = total / #key clusters,
    precision = total / #response clusters.
    """
    key = [frozenset(c) for c in key if c]
    response = [frozenset(c) for c in response if c]
    similarity = [[phi4(k, r) for r in response] for k in key]
    total = sum(similarity[i][j] for i, j in best_assignment(similarity))
    return Score.of(ratio(total, len(response)), ratio(total, len(key)))


def phi4(key_cluster: frozenset[Hashable], response_cluster: frozenset[Hashable]) -> float:
    return 2 * len(key_cluster & response_cluster) / (len(key_cluster) + len(response_cluster))


def conll_f1(key: Clustering, response: Clustering) -> float:
    """The CoNLL-2012 score: the mean F1 of MUC, B-cubed and CEAF-e."""
    return (muc(key, response).f1 + b_cubed(key, response).f1 + ceaf_e(key, response).f1) / 3


def _owners(clustering: Clustering) -> dict[Hashable, int]:
    return {mention: i for i, cluster in enumerate(clustering) for mention in cluster}


# -- optimal assignment -------------------------------------------------------


def best_assignment(weights: Sequence[Sequence[float]]) -> list[tuple[int, int]]:
    """Row/column pairs maximising the total weight (weights >= 0).

    Rows and columns with no positive weight between them never need to be
    paired, so the matrix is cut into its connected blocks first; each block
    is solved exactly with the Hungarian algorithm.  Coreference clusters
    overlap only a few others, so the blocks stay small.
    """
    pairs = []
    for rows, cols in _blocks(weights):
        block = [[weights[i][j] for j in cols] for i in rows]
        pairs.extend((rows[i], cols[j]) for i, j in _hungarian_max(block))
    return sorted(pairs)


def _blocks(weights: Sequence[Sequence[float]]) -> list[tuple[list[int], list[int]]]:
    """Connected components of the bipartite graph of positive weights."""
    parent = {("r", i): ("r", i) for i in range(len(weights))}

    def find(node: tuple[str, int]) -> tuple[str, int]:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for i, row in enumerate(weights):
        for j, weight in enumerate(row):
            if weight > 0:
                parent.setdefault(("c", j), ("c", j))
                parent[find(("r", i))] = find(("c", j))
    components: dict[tuple[str, int], tuple[list[int], list[int]]] = {}
    for node in sorted(parent):
        rows, cols = components.setdefault(find(node), ([], []))
        (rows if node[0] == "r" else cols).append(node[1])
    return [(rows, cols) for rows, cols in components.values() if rows and cols]


def _hungarian_max(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Kuhn-Munkres with potentials, O(n^2 m), on a dense n x m block."""
    if len(weights) > len(weights[0]):
        transposed = [list(column) for column in zip(*weights, strict=True)]
        return [(i, j) for j, i in _hungarian_max(transposed)]
    n, m = len(weights), len(weights[0])
    cost = [[-w for w in row] for row in weights]  # maximise weight = minimise cost
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (m + 1)
    row_of = [0] * (m + 1)  # row_of[j]: 1-based row assigned to column j, 0 for none
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        row_of[0] = i
        j0 = 0
        min_to = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = row_of[j0], inf, 0
            for j in range(1, m + 1):
                if used[j]:
                    continue
                reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if reduced < min_to[j]:
                    min_to[j], way[j] = reduced, j0
                if min_to[j] < delta:
                    delta, j1 = min_to[j], j
            for j in range(m + 1):
                if used[j]:
                    u[row_of[j]] += delta
                    v[j] -= delta
                else:
                    min_to[j] -= delta
            j0 = j1
            if row_of[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            row_of[j0] = row_of[j1]
            j0 = j1
    return [(row_of[j] - 1, j - 1) for j in range(1, m + 1) if row_of[j]]
