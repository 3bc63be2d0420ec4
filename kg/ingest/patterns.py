"""Pattern files: the knowledge of what boilerplate and metadata look like.

A pattern file is text with ``[section]`` headers and one regular expression
a line; ``#`` starts a comment line.  ``{DATE}`` and ``{TIME}`` are replaced
by the patterns of :mod:`kg.ingest.dates`, and ``{UPPER}`` by every capital letter
(Unicode category Lu), to be used inside a character class (``[{UPPER}]``:
"WROCŁAW", "HÀ NỘI", where ``[A-Z]`` stops at "Ł").  Expressions are compiled
case-insensitively.  The files shipped in ``kg/ingest/data`` can be extended
with files of the same form named in ``settings.extras["ingest_patterns"]``:
each section of such a file is added to the section of the same name.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources
from pathlib import Path

from kg.ingest import prefilter
from kg.ingest.dates import DATE_PLAIN, TIME
from kg.settings import Settings

Sections = dict[str, tuple[re.Pattern[str], ...]]
_HEADER = re.compile(r"^\[(\w+)\]\s*$")


def extra_pattern_files(settings: Settings) -> tuple[str, ...]:
    """The user's pattern files from ``settings.extras["ingest_patterns"]``."""
    extra = settings.extras.get("ingest_patterns", ())
    return (str(extra),) if isinstance(extra, (str, Path)) else tuple(str(p) for p in extra)


@functools.cache
def load(name: str, extra_files: tuple[str, ...] = ()) -> Sections:
    """The sections of the shipped file ``name`` plus the same sections of ``extra_files``."""
    shipped = resources.files("kg.ingest").joinpath("data", name).read_text(encoding="utf-8")
    sources = [shipped] + [Path(p).read_text(encoding="utf-8") for p in extra_files]
    merged: dict[str, list[re.Pattern[str]]] = {}
    for text in sources:
        for section, expressions in parse(text).items():
            merged.setdefault(section, []).extend(expressions)
    return {section: tuple(expressions) for section, expressions in merged.items()}


def parse(text: str) -> dict[str, list[re.Pattern[str]]]:
    """The compiled sections of one pattern file."""
    sections: dict[str, list[re.Pattern[str]]] = {}
    current = sections.setdefault("default", [])
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        header = _HEADER.match(line)
        if header:
            current = sections.setdefault(header.group(1), [])
            continue
        current.append(compile_pattern(line))
    return sections


def compile_pattern(expression: str) -> re.Pattern[str]:
    expanded = expression.replace("{DATE}", DATE_PLAIN).replace("{TIME}", TIME)
    if "{UPPER}" in expanded:
        expanded = expanded.replace("{UPPER}", _upper())
    return re.compile(expanded, re.IGNORECASE)


@functools.cache
def _upper() -> str:
    """Every capital letter (Unicode Lu) of the Basic Multilingual Plane, made when a
    pattern first asks (it takes a scan of 65,536 characters)."""
    return "".join(c for c in map(chr, range(0x10000)) if unicodedata.category(c) == "Lu")


def search_any(patterns: tuple[re.Pattern[str], ...], text: str) -> re.Match[str] | None:
    """The first match of any of ``patterns`` in ``text``."""
    folded_text = prefilter.folded(text)
    for pattern, literals in _with_literals(patterns):
        if literals and folded_text is not None:
            # Skip the search when the text holds none of the literals every
            # match contains (see kg.ingest.prefilter): same result, far faster.
            for literal in literals:
                if literal in folded_text:
                    break
            else:
                continue
        match = pattern.search(text)
        if match:
            return match
    return None


@functools.lru_cache(maxsize=256)
def _with_literals(
    patterns: tuple[re.Pattern[str], ...],
) -> tuple[tuple[re.Pattern[str], prefilter.Literals], ...]:
    return tuple((pattern, prefilter.required_literals(pattern)) for pattern in patterns)
