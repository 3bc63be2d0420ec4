"""A cheap test that a pattern cannot match a text, to skip most regex searches.

Most boilerplate patterns are unanchored (``\\bcookie (?:policy|notice)\\b``),
so ``re`` tries them at every position of every line, while nearly every line
holds none of their words.  From the parsed pattern we take strings of
which every match must contain one ("cookie "), and a plain substring test on
the lower-cased text rules the pattern out without running it.

The test only says "cannot match" when that is certain, so results are the
same as searching with every pattern:

- only ASCII literals are taken, and only from parts every match goes through
  (not optional, and from every branch of an alternation);
- under ``re.IGNORECASE`` a few non-ASCII characters match ASCII letters
  (``ſ`` matches ``s``, the Kelvin sign ``k``); a text holding one of them is
  not pre-tested at all (:func:`folded` gives None).
"""

from __future__ import annotations

import array
import functools
import re
import sys
from collections.abc import Sequence
from typing import Any

try:  # Python 3.11 on
    from re import _constants as _sre
    from re import _parser
except ImportError:  # Python 3.10
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _parser  # type: ignore[no-redef]

# Literals shorter than this are found in nearly every line: not worth testing.
MIN_LITERAL_CHARS = 3
_ASCII_LIMIT = 128
# POSSESSIVE_REPEAT is new in Python 3.11.
_REPEAT_NAMES = ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT")
_REPEATS = frozenset(getattr(_sre, name) for name in _REPEAT_NAMES if hasattr(_sre, name))
_ANCHORS = {_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING}

Literals = tuple[str, ...]


def required_literals(pattern: re.Pattern[str]) -> Literals:
    """Lower-case ASCII strings one of which is in every match of ``pattern``.

    Empty when none is known, and for patterns anchored at the start: ``re``
    tries those at one position only, which is as fast as the substring test.
    """
    if not isinstance(pattern.pattern, str):
        return ()
    try:
        parsed = _parser.parse(pattern.pattern, pattern.flags)
    except Exception:  # an internal API: when in doubt, no shortcut
        return ()
    items = list(parsed)
    if items and items[0][0] is _sre.AT and items[0][1] in _ANCHORS:
        return ()
    found = _required(items)
    if not found or min(len(s) for s in found) < MIN_LITERAL_CHARS:
        return ()
    return tuple(sorted(found))


def _required(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    """The best set of strings one of which every match of ``items`` contains."""
    candidates: list[set[str]] = []
    run: list[str] = []
    for op, value in items:
        if op is _sre.LITERAL and value < _ASCII_LIMIT:
            run.append(chr(value).lower())
            continue
        if run:
            candidates.append({"".join(run)})
            run = []
        inner = _required_inside(op, value)
        if inner:
            candidates.append(inner)
    if run:
        candidates.append({"".join(run)})
    return max(candidates, key=lambda s: min(len(x) for x in s), default=None)


def _required_inside(op: Any, value: Any) -> set[str] | None:
    """What a group, an alternation or a repeat (at least once) requires."""
    if op is _sre.SUBPATTERN:
        return _required(value[-1])
    if op is _sre.BRANCH:
        branches = [_required(branch) for branch in value[1]]
        if branches and all(branches):
            return set().union(*branches)
        return None
    if op in _REPEATS and value[0] >= 1:
        return _required(value[2])
    return None


def folded(text: str) -> str | None:
    """``text`` lower-cased for the substring test; None when the test would be unsafe."""
    if not text.isascii() and any(c in text for c in _ascii_lookalikes()):
        return None
    return text.lower()


@functools.cache
def _ascii_lookalikes() -> str:
    """The non-ASCII characters that ``re.IGNORECASE`` matches with ASCII ones.

    Asked of ``re`` itself (a few, such as ``ſ`` and the Kelvin sign), so the
    answer holds for whatever Python runs kg.
    """
    typecode = next(code for code in "IL" if array.array(code).itemsize == 4)
    code_points = array.array(typecode, range(_ASCII_LIMIT, 0xD800))
    code_points.extend(range(0xE000, sys.maxunicode + 1))
    everything = code_points.tobytes().decode(f"utf-32-{sys.byteorder[0]}e")
    return "".join(re.findall("[\x00-\x7f]", everything, re.IGNORECASE))
