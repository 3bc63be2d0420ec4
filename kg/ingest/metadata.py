"""Headline, publication date and publisher, read from the text itself.

The patterns are in ``kg/ingest/data/metadata.txt``; this module only says
where to look: datelines and bylines near the top, sign-offs and copyright
lines anywhere, a wire dateline at the start of the lead paragraph.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from kg.ingest import patterns
from kg.ingest.dates import (
    DATE,
    TIME,
    both_readings,
    date_with_weekday,
    month_day,
    parse_date,
    search_date,
    weekdays_named,
    years_named,
)
from kg.ingest.lines import Line

PATTERN_FILE = "metadata.txt"
_DATE_RE = re.compile(DATE, re.I)
_TIME_RE = re.compile(TIME, re.I)
_PART_BREAK = re.compile(r"\s+[|•·—–]\s+")  # between the parts of a metadata line
_SEPARATORS = re.compile(r"[\s|·•,:;/()\-–—]+")
_DATE, _BYLINE, _BESIDE_DATE = "date", "byline", "beside a date"  # kinds of line parts
# A byline is a short line; a longer one starting with "By" is a sentence.
MAX_BYLINE_WORDS = 16
# A dateline may keep this many words that are neither date nor label.
MAX_DATELINE_REST_WORDS = 1
# Lines searched for a dateline or a byline: the top of the article.
TOP_LINES = 15
_MAX_PUBLISHER_CHARS = 60


@dataclass(frozen=True)
class Metadata:
    """What the text says about itself."""

    title: str | None = None
    published: object = None  # datetime.date
    publisher: str | None = None


class MetadataRules:
    """The metadata patterns, compiled once for a set of pattern files."""

    def __init__(self, extra_files: tuple[str, ...] = ()) -> None:
        sections = patterns.load(PATTERN_FILE, extra_files)
        self.byline = sections.get("byline", ())
        self.publisher = sections.get("publisher", ())
        self.wire = sections.get("wire", ())
        self.dateline = sections.get("dateline", ())
        self.not_place = sections.get("not_place", ())
        self.not_publisher = sections.get("not_publisher", ())
        self.credit = sections.get("credit", ())
        self.day_first = sections.get("day_first", ())
        self.month_first = sections.get("month_first", ())
        labels = "|".join(p.pattern for p in sections.get("date_label", ()))
        self.date_label = re.compile(rf"\b(?:{labels})\b", re.I) if labels else None

    def is_dateline(self, text: str) -> bool:
        """A line that is a date (and time), with nothing but labels around it."""
        if search_date(text) is None:
            return False
        rest = _TIME_RE.sub(" ", _DATE_RE.sub(" ", text))
        return len(self._unlabelled_words(rest)) <= MAX_DATELINE_REST_WORDS

    def is_byline(self, line: Line) -> bool:
        """A short line naming the author, not a sentence ("By Sunday, troops had ...")."""
        return (
            len(line.words) <= MAX_BYLINE_WORDS
            and not line.text.endswith((".", "!", "?", "…"))
            and patterns.search_any(self.byline, line.text) is not None
        )

    def is_metadata_line(self, line: Line) -> bool:
        """A dateline, a byline, or a wire dateline standing on its own line; or
        bylines and datelines on one line, set apart by bars or bullets
        ("By Jane Doe, Political Correspondent | Published 14:02 BST, 9 October 2025")."""
        if self.is_dateline(line.text) or self.is_byline(line) or self.is_wire_line(line.text):
            return True
        parts = _PART_BREAK.split(line.text)
        if len(parts) < 2:
            return False
        kinds = [self._part_kind(replace(line, text=part)) for part in parts]
        return None not in kinds and (_BESIDE_DATE not in kinds or _DATE in kinds)

    def _part_kind(self, part: Line) -> str | None:
        """What one part of a metadata line is; a bare name ("Jane Doe in Turin")
        or a reading time ("4 min read") is a byline only beside a date."""
        if self.is_dateline(part.text):
            return _DATE
        if self.is_byline(part):
            return _BYLINE
        if patterns.search_any(self.credit, part.text) or not self._unlabelled_words(part.text):
            return _BESIDE_DATE
        return None

    def _unlabelled_words(self, text: str) -> list[str]:
        """The words of ``text`` that are no date label ("Published", "4 min read")."""
        if self.date_label is not None:
            text = self.date_label.sub(" ", text)
        return [w for w in _SEPARATORS.split(text) if w]

    def is_wire_line(self, text: str) -> bool:
        return any(pattern.fullmatch(text) for pattern in self.wire)

    def wire_prefix(self, text: str) -> re.Match[str] | None:
        """The wire dateline opening ``text`` ("MOSCOW (Reuters) - "), if any."""
        for pattern in self.wire:
            match = pattern.match(text)
            if match:
                return match
        return None

    def dateline_prefix(self, text: str, *, lead: bool) -> re.Match[str] | None:
        """The dateline opening ``text``: a wire one anywhere, and in the lead one
        without an agency too ("TORONTO — ", "KULIM: ").

        Only the lead is searched for the second kind: further down, "NOTE: " or
        "UPDATE — " open paragraphs, and a place in capitals rarely does.
        """
        match = self.wire_prefix(text)
        if match is not None or not lead:
            return match
        for pattern in self.dateline:
            match = pattern.match(text)
            if match is None:
                continue
            place = match.groupdict().get("place") or ""  # a user's pattern may name none
            if not any(p.fullmatch(place) for p in self.not_place):
                return match
        return None

    def date_in(self, text: str) -> dt.date | None:
        """The first date written in ``text``; a numeric one that reads both ways
        is decided by the time zone beside it."""
        return parse_date(text, self._reads_day_first(text))

    def _reads_day_first(self, text: str) -> bool | None:
        """What the time zone in ``text`` says of numeric dates; None without one."""
        if patterns.search_any(self.day_first, text):
            return True
        if patterns.search_any(self.month_first, text):
            return False
        return None

    def publisher_in(self, text: str) -> str | None:
        for pattern in self.publisher:
            match = pattern.search(text)
            if match:
                name = _clean_name(match.group("publisher"))
                if name and not patterns.search_any(self.not_publisher, name):
                    return name
        return None


def detect(
    lines: Sequence[Line],
    metadata_lines: Sequence[Line],
    headline: Line | None,
    body_start: int,
    lead: Line | None,
    rules: MetadataRules,
) -> Metadata:
    """Title, date and publisher from the lines of an article.

    ``metadata_lines`` are the datelines and bylines found by the boilerplate
    pass; ``body_start`` is the index of the first body paragraph and
    ``lead`` the lead paragraph the layout found.
    """
    top = [line for line in metadata_lines if line.index < body_start + TOP_LINES]
    published = next((d for d in (rules.date_in(line.text) for line in top) if d), None)
    if published is None and lead is not None:
        # a lead that dates itself with the right weekday ("NYON — UEFA on Wednesday,
        # Oct. 8, 2025, banned ..."), else a date that the lead's weekday decides
        published = date_with_weekday(lead.text) or _decided_by_the_lead(top, lines, lead, rules)
    return Metadata(
        title=headline.text if headline else None,
        published=published,
        publisher=_publisher(lines, body_start, rules),
    )


def _decided_by_the_lead(
    top: Sequence[Line], lines: Sequence[Line], lead: Line, rules: MetadataRules
) -> dt.date | None:
    """A date that could be more than one, decided by the weekdays the lead names."""
    weekdays = weekdays_named(lead.text)
    if not weekdays:
        return None
    return _read_by_the_lead(top, weekdays) or _year_from_the_story(lines, lead, weekdays, rules)


def _told_by_the_lead(date: dt.date, weekdays: set[int]) -> bool:
    """Whether a lead naming ``weekdays`` tells the news of ``date``: a lead tells the
    news of the day, or of the day before ("deployed booms on Thursday")."""
    return any((date.weekday() - w) % 7 <= 1 for w in weekdays)


def _read_by_the_lead(top: Sequence[Line], weekdays: set[int]) -> dt.date | None:
    """A numeric date that reads both ways, with no time zone to decide it
    ("Published on 07/08/2025"): the reading the lead tells of, when the other
    is not."""
    for line in top:
        readings = both_readings(line.text)
        if readings is None:
            continue
        fits = [d for d in readings if _told_by_the_lead(d, weekdays)]
        return fits[0] if len(fits) == 1 else None
    return None


def _year_from_the_story(
    lines: Sequence[Line], lead: Line, weekdays: set[int], rules: MetadataRules
) -> dt.date | None:
    """A dateline's day with no year ("ACCRA, June 12 (Reuters) -"), in the one year
    the story names that makes the lead's weekday that day or the day before.

    "A Ghanaian court on Thursday sentenced ...", "convicted in May 2025": of the
    years named, only in 2025 is June 12 a Thursday.  With no year or two that
    fit, there is no date: the build's clock would make the output depend on the
    day it ran.
    """
    prefix = rules.dateline_prefix(lead.text, lead=True)
    found = month_day(prefix.group(0)) if prefix else None
    if found is None:
        return None
    month, day = found
    fits = set()
    for year in years_named("\n".join(line.text for line in lines)):
        with contextlib.suppress(ValueError):  # 29 February of a common year
            date = dt.date(year, month, day)
            if _told_by_the_lead(date, weekdays):
                fits.add(date)
    return fits.pop() if len(fits) == 1 else None


def _publisher(lines: Sequence[Line], body_start: int, rules: MetadataRules) -> str | None:
    top = [line for line in lines if not line.blank and line.index <= body_start + 1]
    for line in top:
        wire = rules.wire_prefix(line.text)
        if wire:
            return _clean_name(wire.group("publisher"))
        found = rules.publisher_in(line.text)
        if found:
            return found
    for line in lines:
        if line.index > body_start + 1 and not line.blank:
            found = rules.publisher_in(line.text)
            if found:
                return found
    return None


def _clean_name(name: str | None) -> str | None:
    if not name:
        return None
    name = " ".join(name.split()).strip(" .,:;-–—|")
    return name if 1 < len(name) <= _MAX_PUBLISHER_CHARS else None
