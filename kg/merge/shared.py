"""One object per equal value, for what the merge steps keep of the articles they read.

Each step reads the articles afresh (from disk, in ``kg build``), so an
article id, a local key (``e1``), a name or a quote's text arrives as a new
string every time, and would be kept once per record, report or variant that
holds it.  A step keeps values through a :class:`OneCopy` instead:

    one = OneCopy(corpus.article_ids)
    ref = LocalRef(one(extraction.article.id), one(entity.key))

Seeded with the corpus' article ids (noted by the first step), every step
keeps the same id objects.  The table is the step's own and goes with it.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TypeVar

T = TypeVar("T", bound=Hashable)


class OneCopy:
    """Maps each value to the first equal value it was given."""

    def __init__(self, seed: Iterable[Hashable] = ()) -> None:
        self._table: dict = {value: value for value in seed}

    def __call__(self, value: T) -> T:
        return self._table.setdefault(value, value)
