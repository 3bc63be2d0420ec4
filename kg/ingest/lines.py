"""Lines of a text with their offsets, for rules that work line by line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from kg.model import Span

_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n|$)")
_WORD = re.compile(r"[^\W_]+(?:['’.&-][^\W_]+)*")


@dataclass(frozen=True)
class Line:
    """One line of the text, trimmed of surrounding whitespace; offsets into the text."""

    index: int  # position among all lines, blank ones included
    start: int
    end: int
    text: str

    @property
    def span(self) -> Span:
        return Span(self.start, self.end)

    @property
    def words(self) -> list[str]:
        return _WORD.findall(self.text)

    @property
    def blank(self) -> bool:
        return not self.text


def split_lines(text: str) -> list[Line]:
    """Every line (``\\n``, ``\\r\\n`` or ``\\r`` ended), with whitespace trimmed off both ends."""
    lines = []
    for index, match in enumerate(_iter_raw(text)):
        start, end = match
        raw = text[start:end]
        stripped = raw.strip()
        lead = len(raw) - len(raw.lstrip())
        lines.append(Line(index, start + lead, start + lead + len(stripped), stripped))
    return lines


def _iter_raw(text: str) -> Iterator[tuple[int, int]]:
    for match in _LINE.finditer(text):
        if match.start() == len(text) and match.start() > 0:
            break  # the empty match after the last terminator
        body = match.group().rstrip("\r\n")
        yield match.start(), match.start() + len(body)
