"""Union-find over entity units, with the constraints a merge must not break."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Collection, Hashable, Iterator
from dataclasses import dataclass


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


class Constrained:
    """Disjoint sets of numbered items whose roots carry the facts the constraints need.

    Each item, added with :meth:`add`, has a kind family (two families never
    merge) and may have full names (person names must stay compatible), a
    known entity (two different ones never merge) and cannot-link tags
    ``(group, member)`` (two roots holding tags of one group with different
    members must not merge).  A build has an item per entity unit, hundreds
    of thousands, and most have no names, known entity or tags, so those are
    kept only for the items that have them, and parents in an array.
    """

    def __init__(self, compatible: Callable[[tuple[str, ...], tuple[str, ...]], bool]) -> None:
        self.compatible = compatible
        self.family: list[str] = []
        self.parent = array("i")
        self.edges: list[Edge] = []
        self._names: dict[int, set[tuple[str, ...]]] = {}
        self._tags: dict[int, dict[int, set[int]]] = {}
        self._known: dict[int, int] = {}

    def __len__(self) -> int:
        return len(self.parent)

    def add(
        self, family: str, names: Collection[tuple[str, ...]] = (), known: int | None = None
    ) -> int:
        """A new item in a set of its own; return its number."""
        item = len(self.parent)
        self.family.append(family)
        self.parent.append(item)
        if names:
            self._names[item] = set(names)
        if known is not None:
            self._known[item] = known
        return item

    def tag(self, item: int, group: int, member: int) -> None:
        """Mark ``item`` as ``member`` of cannot-link ``group`` (before any union)."""
        self._tags.setdefault(item, {}).setdefault(group, set()).add(member)

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
        tags_b = self._tags.get(rb, {})
        for group, members in self._tags.get(ra, {}).items():
            other = tags_b.get(group)
            if other and len(members | other) > 1:
                return False
        if forced:
            return True
        if self.family[ra] != self.family[rb]:
            return False
        ka, kb = self._known.get(ra), self._known.get(rb)
        if ka is not None and kb is not None and ka != kb:
            return False
        names_b = self._names.get(rb, ())
        return all(self.compatible(x, y) for x in self._names.get(ra, ()) for y in names_b)

    def union(self, a: int, b: int, reason: str, score: float, *, forced: bool = False) -> bool:
        """Merge the sets of ``a`` and ``b`` if no constraint forbids it."""
        if not self.allowed(a, b, forced=forced):
            return False
        ra, rb = self.find(a), self.find(b)
        if ra > rb:  # the smaller index stays root: results do not depend on call order
            ra, rb = rb, ra
        self.parent[rb] = ra
        if rb in self._names:
            self._names.setdefault(ra, set()).update(self._names.pop(rb))
        for group, members in self._tags.pop(rb, {}).items():
            self._tags.setdefault(ra, {}).setdefault(group, set()).update(members)
        if ra not in self._known and rb in self._known:
            self._known[ra] = self._known[rb]
        self.edges.append(Edge(a, b, reason, score))
        return True
