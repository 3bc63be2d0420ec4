"""Union-find over entity units, with the constraints a merge must not break."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field


class DisjointSets:
    """Plain union-find over hashable items, created as they are first seen.

    ``union`` keeps the smaller root (items that sort) so results do not
    depend on the order of calls.
    """

    def __init__(self) -> None:
        self.parent: dict[Hashable, Hashable] = {}

    def find(self, item: Hashable) -> Hashable:
        parent = self.parent
        parent.setdefault(item, item)
        while parent[item] != item:
            parent[item] = parent[parent[item]]
            item = parent[item]
        return item

    def union(self, a: Hashable, b: Hashable) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            keep, drop = (ra, rb) if _before(ra, rb) else (rb, ra)
            self.parent[drop] = keep

    def __iter__(self) -> Iterator[Hashable]:
        return iter(self.parent)


def _before(a: Hashable, b: Hashable) -> bool:
    try:
        return a <= b  # type: ignore[operator]
    except TypeError:
        return True


@dataclass(frozen=True, slots=True)
class Edge:
    """An accepted merge between two units, and why."""

    a: int
    b: int
    reason: str
    score: float


@dataclass
class Constrained:
    """Disjoint sets whose roots carry the facts the constraints need.

    ``family``: the kind family of each unit; two families never merge.
    ``names``: the full names of each unit (person names must stay compatible).
    ``tags``: cannot-link tags ``(group, member)``: two roots holding tags of one
    group with different members must not merge.
    ``known``: the known entity a unit was linked to; two different ones never merge.
    """

    family: list[str]
    names: list[set[tuple[str, ...]]]
    tags: list[dict[int, set[int]]]
    known: list[int | None]
    compatible: Callable[[tuple[str, ...], tuple[str, ...]], bool]
    parent: list[int] = field(init=False)
    edges: list[Edge] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.parent = list(range(len(self.family)))

    def find(self, x: int) -> int:
        parent = self.parent
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def allowed(self, a: int, b: int, *, forced: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        for group, members in self.tags[ra].items():
            other = self.tags[rb].get(group)
            if other and len(members | other) > 1:
                return False
        if forced:
            return True
        if self.family[ra] != self.family[rb]:
            return False
        ka, kb = self.known[ra], self.known[rb]
        if ka is not None and kb is not None and ka != kb:
            return False
        return all(self.compatible(x, y) for x in self.names[ra] for y in self.names[rb])

    def union(self, a: int, b: int, reason: str, score: float, *, forced: bool = False) -> bool:
        """Merge the sets of ``a`` and ``b`` if no constraint forbids it."""
        if not self.allowed(a, b, forced=forced):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra > rb:  # the smaller index stays root: results do not depend on call order
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.names[ra] |= self.names[rb]
        for group, members in self.tags[rb].items():
            self.tags[ra].setdefault(group, set()).update(members)
        if self.known[ra] is None:
            self.known[ra] = self.known[rb]
        self.edges.append(Edge(a, b, reason, score))
        return True
