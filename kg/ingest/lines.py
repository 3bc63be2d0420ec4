"""Lines of a text with their offsets, for rules that work line by line."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator
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

    @functools.cached_property
    def words(self) -> list[str]:
        # Asked for again and again by the line rules: found once.
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


# Hard-wrapped text (e-mail, wire copy, text saved from a terminal) breaks
# paragraphs into lines of about the same width.  A line is a wrapped part
# of a paragraph when it stops mid-sentence and either the next line goes on
# in lower case, or it fills most of the text's wrap width.
MAX_WRAP_WIDTH = 120  # texts with longer lines are not hard-wrapped
WRAP_FILL = 0.6  # a wrapped line fills at least this share of the wrap width
_STOPS_SENTENCE = re.compile(r"[.!?…:][\"'”’»)\]]*$")


def join_wrapped(
    lines: list[Line], text: str, standalone: Callable[[Line], bool] = lambda line: False
) -> list[Line]:
    """Merge the lines of each hard-wrapped paragraph into one line, renumbered.

    Lines for which ``standalone`` is true (boilerplate, datelines) are never merged.
    """
    width = _wrap_width(lines)
    merged: list[Line] = []
    alone = [standalone(line) for line in lines]
    for i, line in enumerate(lines):
        previous = merged[-1] if merged else None
        joins = previous is not None and not alone[i] and not alone[i - 1]
        if joins and _continues(previous, line, width):
            merged[-1] = Line(
                previous.index, previous.start, line.end, text[previous.start : line.end]
            )
        else:
            merged.append(line)
    return [Line(i, m.start, m.end, m.text) for i, m in enumerate(merged)]


def _wrap_width(lines: list[Line]) -> int | None:
    lengths = sorted(len(line.text) for line in lines if line.text)
    if len(lengths) < 3 or lengths[-1] > MAX_WRAP_WIDTH:
        return None
    return lengths[int(0.9 * (len(lengths) - 1))]


def _continues(line: Line, following: Line, width: int | None) -> bool:
    if line.blank or following.blank or _STOPS_SENTENCE.search(line.text):
        return False
    if following.text[:1].islower():
        return True
    return width is not None and len(line.text) >= WRAP_FILL * width and len(line.words) >= 6
