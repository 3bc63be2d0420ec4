"""Time expressions, normalised against the publication date.

News writes dates relative to the day it is published: "met Sunday", "last
month", "April 19".  :func:`normalize_time` turns one such expression into a
:class:`~kg.model.TimeValue`; :func:`find_times` finds them in a parsed
sentence and keeps their offsets.

The work is done in three steps:

1. words -> a *reference* (what the words say: "the Sunday before", "April 19
   of some year", "the month before") by a small rule layer over the common
   news patterns; the vocabulary is in ``data/time_words.json``;
2. reference + publication date + tense -> a period (first day, last day,
   datatype), following news conventions (a bare weekday in a past-tense
   sentence is the most recent one on or before publication ...);
3. whatever the rules do not understand goes to ``dateparser``, imported
   lazily (it is slow to import and slower on its first call) and checked.

Durations, frequencies and ages ("three-day", "every month", "14-month-old")
are not points in time: they give None.  An expression that is a point but
cannot be anchored (no publication date, or "the same day") keeps its text
with ``value=None``: a date is never invented.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, replace
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal

from kg.extract.docindex import doc_index
from kg.model import TimeValue

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan

Tense = Literal["past", "future", "unknown"]

DATE = "date"
YEAR_MONTH = "gYearMonth"
YEAR = "gYear"
_COARSENESS = {DATE: 0, YEAR_MONTH: 1, YEAR: 2}

_MIN_YEAR, _MAX_YEAR = 1000, 2999
_NER_LABELS = ("DATE", "TIME")
_PAST_GRACE = dt.timedelta(days=3)


# --- vocabulary ---------------------------------------------------------------


@dataclass(frozen=True)
class _Lexicon:
    """The words of one language, as read from ``data/time_words.json``."""

    language: str
    months: dict[str, int]
    weekdays: dict[str, int]
    relative_days: dict[tuple[str, ...], int]
    units: dict[str, str]
    plural_units: frozenset[str]
    directions: dict[tuple[str, ...], str]
    ago: frozenset[str]
    from_now: tuple[tuple[str, ...], ...]
    anaphoric: frozenset[str]
    anaphoric_after_unit: frozenset[str]
    parts: tuple[tuple[str, ...], ...]
    prepositions: tuple[tuple[str, ...], ...]
    range_openers: frozenset[str]
    range_connectors: frozenset[str]
    needs_opener: frozenset[str]
    fillers: frozenset[str]
    frequency: frozenset[str]
    age: frozenset[str]
    quantifiers: frozenset[str]
    numbers: dict[str, int]
    ordinals: dict[str, int]
    quarter_codes: dict[str, int]
    half_codes: dict[str, int]
    half_words: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_cue_lemmas: frozenset[str]
    past_auxiliaries: frozenset[str]


def _phrases(entries: list[str]) -> tuple[tuple[str, ...], ...]:
    """Multi-word entries as word tuples, longest first so the longest wins."""
    return tuple(sorted((tuple(_words(e)) for e in entries), key=len, reverse=True))


@functools.lru_cache(maxsize=8)
def _lexicon(language: str = "en") -> _Lexicon:
    text = resources.files("kg.extract").joinpath("data/time_words.json").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    if language not in data:
        raise ValueError(f"no time vocabulary for language {language!r}")
    d = data[language]
    tense = d["tense"]
    return _Lexicon(
        language=language,
        months=d["months"],
        weekdays=d["weekdays"],
        relative_days={tuple(_words(k)): v for k, v in d["relative_days"].items()},
        units=d["units"],
        plural_units=frozenset(d["plural_units"]),
        directions={tuple(_words(k)): v for k, v in d["directions"].items()},
        ago=frozenset(d["ago"]),
        from_now=_phrases(d["from_now"]),
        anaphoric=frozenset(d["anaphoric"]),
        anaphoric_after_unit=frozenset(d["anaphoric_after_unit"]),
        parts=_phrases(d["parts"]),
        prepositions=_phrases(d["prepositions"]),
        range_openers=frozenset(d["range_openers"]),
        range_connectors=frozenset(d["range_connectors"]),
        needs_opener=frozenset(d["needs_opener"]),
        fillers=frozenset(d["fillers"]),
        frequency=frozenset(d["frequency"]),
        age=frozenset(d["age"]),
        quantifiers=frozenset(w for q in d["quantifiers"] for w in _words(q)),
        numbers=d["numbers"],
        ordinals=d["ordinals"],
        quarter_codes=d["quarter_codes"],
        half_codes=d["half_codes"],
        half_words=frozenset(d["half_words"]),
        future_auxiliaries=frozenset(tense["future_auxiliaries"]),
        future_cue_lemmas=frozenset(tense["future_cue_lemmas"]),
        past_auxiliaries=frozenset(tense["past_auxiliaries"]),
    )


# --- words --------------------------------------------------------------------

# A clock time is one token so that it can be dropped whole.
_CLOCK = r"\d{1,2}(?::\d{2})?\s?[ap]\.?\s?m\b\.?|\d{1,2}:\d{2}(?::\d{2})?"
_TOKEN_RE = re.compile(
    rf"(?P<clock>{_CLOCK})"
    r"|\d{4}-\d{2}-\d{2}"  # ISO date
    r"|\d{1,4}(?P<sep>[/.])\d{1,2}(?P=sep)\d{2,4}\b"  # 17/04/2023, for dateparser
    r"|'\d{2}s"  # '90s
    r"|[QqHh][1-4](?!\d)"  # Q1, H2
    r"|\d+(?:st|nd|rd|th|s)?"  # 19, 19th, 1990s
    r"|[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:'s|’s)?\.?"  # words, abbreviations "Apr."
    r"|[^\s\w]",  # punctuation, dashes
    re.IGNORECASE,
)
_CLOCK_WORD = "<clock>"
_DROPPED = frozenset({",", ".", "(", ")", "'s", "’s", _CLOCK_WORD})


@dataclass(frozen=True)
class _Token:
    word: str  # lower-cased, trailing dot and possessive removed
    start: int
    end: int


def _tokens(text: str) -> list[_Token]:
    out = []
    for m in _TOKEN_RE.finditer(text):
        raw = m.group(0)
        word = _CLOCK_WORD if m.group("clock") else _normalise_word(raw)
        if len(word) > 1 and "-" in word and word[0].isalpha():
            # "mid-March", "three-day": the hyphen is a token of its own
            start = m.start()
            for i, piece in enumerate(raw.split("-")):
                if i:
                    out.append(_Token("-", start - 1, start))
                out.append(_Token(_normalise_word(piece), start, start + len(piece)))
                start += len(piece) + 1
            continue
        out.append(_Token(word, m.start(), m.end()))
    return out


def _normalise_word(raw: str) -> str:
    word = raw.lower()
    for suffix in ("'s", "’s"):
        if word.endswith(suffix) and len(word) > len(suffix):
            word = word[: -len(suffix)]
    if word.endswith(".") and len(word) > 1 and word not in ("a.m.", "p.m."):
        word = word[:-1]
    return word


def _words(text: str) -> list[str]:
    return [t.word for t in _tokens(text)]


def _match(words: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> int:
    """The length of the longest phrase starting at ``words[i]``, else 0."""
    for phrase in phrases:
        if tuple(words[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


# --- references: what the words say -----------------------------------------


@dataclass(frozen=True)
class _Calendar:
    """A calendar date, month or year; missing fields are anchored later."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    direction: str | None = None  # "last" | "next" | "this"


@dataclass(frozen=True)
class _Weekday:
    weekday: int  # Monday is 0
    direction: str | None = None


@dataclass(frozen=True)
class _Weekend:
    """Saturday and Sunday: "the weekend", "last weekend", "this weekend"."""

    direction: str | None = None


@dataclass(frozen=True)
class _Shift:
    """The calendar unit ``n`` units from the one holding the publication date."""

    unit: str  # day | week | month | quarter | year
    n: int


@dataclass(frozen=True)
class _Ago:
    """A point ``n`` units before publication ("two weeks ago"); negative: after."""

    unit: str
    n: int


@dataclass(frozen=True)
class _Rolling:
    """The window of ``n`` units ending at publication: "the past week"."""

    unit: str
    n: int


@dataclass(frozen=True)
class _Quarter:
    """Quarter (``months=3``) or half (``months=6``) number ``index`` of a year."""

    index: int
    months: int
    year: int | None = None


@dataclass(frozen=True)
class _Years:
    """A run of whole years: a decade or a century."""

    first: int
    last: int


@dataclass(frozen=True)
class _Range:
    first: _Ref
    last: _Ref


_Ref = _Calendar | _Weekday | _Weekend | _Shift | _Ago | _Rolling | _Quarter | _Years | _Range


class _Verdict:
    """Parse outcomes that are not references."""

    NOT_TIME = "not-time"  # a duration, frequency or age
    UNANCHORED = "unanchored"  # a point in time relative to something unsaid


_Parsed = _Ref | str | None


# --- parsing ------------------------------------------------------------------


def _parse(words: list[str], lex: _Lexicon) -> _Parsed:
    """Words -> a reference, a verdict, or None when the rules do not know."""
    words = [w for w in words if w not in _DROPPED]
    if words and (ref := _relative_day(_strip_prepositions(words, lex), lex)):
        return ref  # before fillers go: "last night", "this morning"
    words = [w for w in words if w not in lex.fillers]
    if not words:
        return None
    if _is_not_time(words, lex):
        return _Verdict.NOT_TIME
    if _is_anaphoric(words, lex):
        return _Verdict.UNANCHORED
    ref = _parse_range(words, lex) or _parse_point(words, lex)
    if ref is not None:
        return ref
    if all(_is_quantity_word(w, lex) for w in words):
        return _Verdict.NOT_TIME
    return None


@functools.lru_cache(maxsize=4096)
def _parse_known(words: tuple[str, ...], language: str) -> _Parsed:
    """:func:`_parse`, remembered: the same expressions ("Tuesday", "last week")
    come back in article after article, and what words mean does not change."""
    return _parse(list(words), _lexicon(language))


def _is_not_time(words: list[str], lex: _Lexicon) -> bool:
    if any(w in lex.frequency or w in lex.age for w in words):
        return True
    # "three-day", "14-month": a quantity used as an adjective
    return any(
        words[i] == "-" and _number(words[i - 1], lex) is not None and words[i + 1] in lex.units
        for i in range(1, len(words) - 1)
    )


def _is_anaphoric(words: list[str], lex: _Lexicon) -> bool:
    if any(w in lex.anaphoric for w in words):
        return True
    for i, word in enumerate(words[:-1]):
        unit = lex.units.get(word)
        if unit and words[i + 1] in lex.anaphoric_after_unit:
            return True  # "two days later", "the day before"
        if lex.directions.get((word,)) == "next" and words[i + 1] == "day":
            return True  # "the next day"
    return False


def _is_quantity_word(word: str, lex: _Lexicon) -> bool:
    if _year(word) is not None:
        return False  # "the 2022 season" is about a year
    return (
        word in lex.units
        or word in lex.quantifiers
        or _number(word, lex) is not None
        or word in ("-", "/")
    )


def _number(word: str, lex: _Lexicon) -> int | None:
    if word.isdigit():
        return int(word)
    return lex.numbers.get(word)


def _day(word: str) -> int | None:
    m = re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?", word)
    return int(m.group(1)) if m and 1 <= int(m.group(1)) <= 31 else None


def _year(word: str) -> int | None:
    if re.fullmatch(r"\d{4}", word) and _MIN_YEAR <= int(word) <= _MAX_YEAR:
        return int(word)
    return None


def _strip_prepositions(words: list[str], lex: _Lexicon) -> list[str]:
    while words and (n := _match(words, 0, lex.prepositions)) and n < len(words):
        words = words[n:]
    return words


def _parse_range(words: list[str], lex: _Lexicon) -> _Range | None:
    opened = words[0] in lex.range_openers
    words = _strip_prepositions(words[1:] if opened else words, lex)
    for i in range(1, len(words) - 1):
        if words[i] not in lex.range_connectors:
            continue
        if words[i] in lex.needs_opener and not opened:
            continue
        ref = _join_range(words[:i], words[i + 1 :], lex)
        if ref is not None:
            return ref
    return None


def _join_range(left: list[str], right: list[str], lex: _Lexicon) -> _Range | None:
    """Two ends of a range; a bare day or year borrows what it lacks from the other end."""
    right = _strip_prepositions(right, lex)
    first = _parse_point(left, lex)
    last = _parse_point(right, lex)
    # "April 16-19", "March 20-21, 2023": the right end is a day of the left's month
    if isinstance(first, _Calendar) and first.month and first.day and last is None:
        day = _day(right[0])
        year = _year(right[1]) if len(right) == 2 else None
        if day and (len(right) == 1 or year):
            last = _Calendar(year or first.year, first.month, day)
    # "16-19 April 2023": the left end is a day of the right's month
    if isinstance(last, _Calendar) and last.month and last.day and first is None:
        day = _day(left[0]) if len(left) == 1 else None
        first = _Calendar(last.year, last.month, day) if day else None
    # "2022-23": a two-digit year after a full one
    two_digits = len(right) == 1 and re.fullmatch(r"\d{2}", right[0])
    if isinstance(first, _Calendar) and first.year and not first.month and two_digits:
        year = first.year // 100 * 100 + int(right[0])
        last = _Calendar(year) if year > first.year else None
    if first is None or last is None or isinstance(first, _Range) or isinstance(last, _Range):
        return None
    return _Range(_borrow_year(first, last), last)


def _borrow_year(first: _Ref, last: _Ref) -> _Ref:
    """The year of the left end when only the right end states it."""
    if not (isinstance(first, _Calendar) and isinstance(last, _Calendar)):
        return first
    if first.year is not None or last.year is None or first.month is None:
        return first
    later = (first.month, first.day or 0) > (last.month or 12, last.day or 31)
    return replace(first, year=last.year - 1 if later else last.year)


def _parse_point(words: list[str], lex: _Lexicon) -> _Ref | None:
    words = _strip_prepositions(words, lex)
    words, had_part = _strip_parts(words, lex)
    if not words:
        return None
    if had_part and len(words) == 2 and words[0] == "the" and words[1] in lex.units:
        # "the end of the year": the period holding the publication date
        unit = lex.units[words[1]]
        return _Shift(unit, 0) if unit in ("week", "month", "year", "quarter") else None
    for parser in _POINT_PARSERS:
        ref = parser(words, lex)
        if ref is not None:
            return ref
    return None


def _strip_parts(words: list[str], lex: _Lexicon) -> tuple[list[str], bool]:
    """Drop "early", "mid-", "the end of" ...: they narrow a period but keep its datatype."""
    had_part = False
    if len(words) > 1 and words[0] == "the" and _match(words, 1, lex.parts):
        words = words[1:]  # "the mid-1990s"
    while words and (n := _match(words, 0, lex.parts)) and n < len(words):
        words = words[n:]
        had_part = True
        if words and words[0] == "-":
            words = words[1:]
        words = _strip_prepositions(words, lex)
    return words, had_part


def _direction(words: list[str], lex: _Lexicon) -> tuple[str | None, list[str]]:
    for n in (2, 1):
        direction = lex.directions.get(tuple(words[:n]))
        if direction and len(words) > n:
            return direction, words[n:]
    return None, words


def _relative_day(words: list[str], lex: _Lexicon) -> _Ref | None:
    n = lex.relative_days.get(tuple(words))
    return None if n is None else _Shift("day", n)


def _iso(words: list[str], lex: _Lexicon) -> _Ref | None:
    if len(words) == 1 and re.fullmatch(r"\d{4}-\d{2}-\d{2}", words[0]):
        try:
            day = dt.date.fromisoformat(words[0])
        except ValueError:
            return None
        return _Calendar(day.year, day.month, day.day)
    return None


def _rolling(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the past week", "past two years", "the last 10 days": a window ending now."""
    has_the = words[0] == "the"
    rest = words[1:] if has_the else words
    if len(rest) < 2 or lex.directions.get((rest[0],)) != "last":
        return None
    if rest[0] != "past" and not has_the:
        return None  # "last week" is the calendar week before, not a window
    count, unit_word = (1, rest[1]) if len(rest) == 2 else (_number(rest[1], lex), rest[2])
    unit = lex.units.get(unit_word)
    if len(rest) > 3 or count is None or unit not in ("day", "week", "month", "year"):
        return None
    if len(rest) == 2 and unit_word in lex.plural_units:
        return None  # "the past years": how many?
    return _Rolling(unit, count)


def _shift(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "last week", "this year", "next month"."""
    direction, rest = _direction(words, lex)
    if direction is None or len(rest) != 1:
        return None
    unit = lex.units.get(rest[0])
    if unit not in ("week", "month", "quarter", "year") or rest[0] in lex.plural_units:
        return None
    return _Shift(unit, {"last": -1, "this": 0, "next": 1}[direction])


def _weekend(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the weekend", "over the weekend", "this past weekend", "next weekend"."""
    direction, rest = _direction(words, lex)
    if direction is None and rest[0] == "the":
        rest = rest[1:]
    if len(rest) == 1 and rest[0] not in lex.plural_units and lex.units.get(rest[0]) == "weekend":
        return _Weekend(direction)
    return None


def _ago(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "two weeks ago", "a year ago", "three days from now"."""
    sign = 1
    if words[-1] in lex.ago:
        body = words[:-1]
    else:
        n = next((len(p) for p in lex.from_now if tuple(words[-len(p) :]) == p), 0)
        if not n:
            return None
        body, sign = words[:-n], -1
    if len(body) != 2:
        return None
    count, unit = _number(body[0], lex), lex.units.get(body[1])
    if count is None or unit not in ("day", "week", "fortnight", "month", "year"):
        return None
    return _Ago(unit, sign * count)


def _weekday(words: list[str], lex: _Lexicon) -> _Ref | None:
    direction, rest = _direction(words, lex)
    if len(rest) == 1 and rest[0] in lex.weekdays:
        return _Weekday(lex.weekdays[rest[0]], direction)
    return None


def _calendar(words: list[str], lex: _Lexicon) -> _Ref | None:
    """Month-day-year in the usual orders, with an optional leading weekday."""
    direction, rest = _direction(words, lex)
    if rest and rest[0] in lex.weekdays and len(rest) > 1:
        rest = rest[1:]  # "Sunday, April 16": the date says it all
    if rest and rest[0] == "the":
        rest = rest[1:]
    month = day = year = None
    if rest and rest[0] in lex.months:  # April [19[th]] [[of] 2023]
        month, rest = lex.months[rest[0]], rest[1:]
        if rest and _day(rest[0]) and not (len(rest) > 1 and rest[1] in lex.units):
            day, rest = _day(rest[0]), rest[1:]
    elif len(rest) >= 2 and _day(rest[0]):  # 19 April, the 19th of April
        day, rest = _day(rest[0]), rest[1:]
        if rest and rest[0] == "of":
            rest = rest[1:]
        if not rest or rest[0] not in lex.months:
            return None
        month, rest = lex.months[rest[0]], rest[1:]
    if rest and rest[0] == "of":
        rest = rest[1:]
    if rest and (year := _year(rest[0])) is not None:
        rest = rest[1:]
    if rest or (month is None and year is None):
        return None
    if year is not None and direction is not None:
        return None  # "last 2018" is not a date
    if day is not None and not _valid_day(year, month, day):
        return None
    return _Calendar(year, month, day, direction)


def _valid_day(year: int | None, month: int | None, day: int) -> bool:
    if month is None:
        return False
    return day <= calendar.monthrange(year or 2000, month)[1]  # 2000 is a leap year


def _the_year(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the year 2018"."""
    if len(words) == 3 and words[:2] == ["the", "year"] and (year := _year(words[2])):
        return _Calendar(year)
    return None


def _decade(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the 1990s", "1990s" (a decade); "the 1800s" (before 2000, a century)."""
    if words[0] == "the":
        words = words[1:]
    if len(words) != 1:
        return None
    m = re.fullmatch(r"(\d{3})0s", words[0])
    if not m:
        return None
    first = int(m.group(1)) * 10
    if not _MIN_YEAR <= first <= _MAX_YEAR:
        return None
    if first % 100 == 0 and first < 2000:
        return _Years(first, first + 99)
    return _Years(first, first + 9)


def _century(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the 19th century": 1800..1899, as it is commonly used."""
    if words[0] == "the":
        words = words[1:]
    if len(words) == 2 and lex.units.get(words[1]) == "century" and words[0] in lex.ordinals:
        first = (lex.ordinals[words[0]] - 1) * 100
        if _MIN_YEAR <= first <= _MAX_YEAR:
            return _Years(first, first + 99)
    return None


def _quarter(words: list[str], lex: _Lexicon) -> _Ref | None:
    """ "the first quarter of 2023", "Q3", "Q4 2022", "the second half of 2022", "H1 2023".

    Without a year, "the fourth quarter" and "the second half" are as often
    periods of a game as of a year, so only the codes (Q3, H1) are taken.
    """
    if words[0] == "the":
        words = words[1:]
    year = _year(words[-1]) if len(words) > 1 else None
    if year is not None:
        words = words[:-1]
        if words and words[-1] == "of":
            words = words[:-1]
    if len(words) == 1 and words[0] in lex.quarter_codes:
        return _Quarter(lex.quarter_codes[words[0]], 3, year)
    if len(words) == 1 and words[0] in lex.half_codes:
        return _Quarter(lex.half_codes[words[0]], 6, year)
    if len(words) == 2 and words[0] in lex.ordinals and year is not None:
        index = lex.ordinals[words[0]]
        if lex.units.get(words[1]) == "quarter" and index <= 4:
            return _Quarter(index, 3, year)
        if words[1] in lex.half_words and index <= 2:
            return _Quarter(index, 6, year)
    return None


_POINT_PARSERS = (
    _relative_day,
    _iso,
    _rolling,
    _shift,
    _weekend,
    _ago,
    _weekday,
    _calendar,
    _the_year,
    _decade,
    _century,
    _quarter,
)


# --- anchoring: references -> periods ------------------------------------------


@dataclass(frozen=True)
class _Period:
    first: dt.date
    last: dt.date
    datatype: str
    interval: bool = False  # express ``last`` as the end of an interval


def _month_period(year: int, month: int) -> _Period:
    days = calendar.monthrange(year, month)[1]
    return _Period(dt.date(year, month, 1), dt.date(year, month, days), YEAR_MONTH)


def _year_period(year: int) -> _Period:
    return _Period(dt.date(year, 1, 1), dt.date(year, 12, 31), YEAR)


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    index = year * 12 + month - 1 + n
    return index // 12, index % 12 + 1


def _calendar_period(year: int, ref: _Calendar) -> _Period | None:
    if ref.month is None:
        return _year_period(year)
    if ref.day is None:
        return _month_period(year, ref.month)
    if ref.day > calendar.monthrange(year, ref.month)[1]:
        return None  # February 29 in a common year
    day = dt.date(year, ref.month, ref.day)
    return _Period(day, day, DATE)


def _choose(
    candidates: list[_Period],
    published: dt.date,
    rule: str,
    not_before: dt.date | None,
) -> _Period | None:
    """Pick the occurrence a relative expression means.

    ``rule`` is ``before`` (strictly before publication), ``after`` (strictly
    after), ``on_or_before``, ``on_or_after`` or ``nearest``.  The end of a
    range (``not_before``) is the first occurrence from the range's start on.
    """
    candidates = sorted(candidates, key=lambda p: p.first)
    if not_before is not None:
        return next((p for p in candidates if p.first >= not_before), None)
    if rule == "before":
        return next((p for p in reversed(candidates) if p.last < published), None)
    if rule == "after":
        return next((p for p in candidates if p.first > published), None)
    if rule == "on_or_before":
        return next((p for p in reversed(candidates) if p.first <= published), None)
    if rule == "on_or_after":
        return next((p for p in candidates if p.last >= published), None)
    return min(candidates, key=lambda p: (_distance(p, published), p.first), default=None)


def _distance(period: _Period, day: dt.date) -> int:
    if period.first <= day <= period.last:
        return 0
    return min(abs((period.first - day).days), abs((period.last - day).days))


def _rule(direction: str | None, tense: Tense, *, unknown: str) -> str:
    """How to anchor: the direction word wins, then the tense of the sentence."""
    if direction == "last":
        return "before"
    if direction == "next":
        return "after"
    if tense == "past":
        return "on_or_before"
    if tense == "future":
        return "on_or_after"
    return unknown


def _resolve(
    ref: _Ref, published: dt.date | None, tense: Tense, not_before: dt.date | None = None
) -> _Period | None:
    """The period a reference means, or None if it cannot be anchored."""
    if isinstance(ref, _Range):
        return _resolve_range(ref, published, tense)
    if isinstance(ref, _Years):
        return _Period(dt.date(ref.first, 1, 1), dt.date(ref.last, 12, 31), YEAR, True)
    if isinstance(ref, _Calendar) and ref.year is not None:
        return _calendar_period(ref.year, ref)
    if isinstance(ref, _Quarter) and ref.year is not None:
        return _quarter_period(ref.year, ref)
    if published is None:
        return None
    if isinstance(ref, _Calendar):
        return _resolve_calendar(ref, published, tense, not_before)
    if isinstance(ref, _Weekday):
        days = [published + dt.timedelta(days=k) for k in range(-14, 15)]
        candidates = [_Period(d, d, DATE) for d in days if d.weekday() == ref.weekday]
        # a bare weekday in news is the most recent one, the day itself included
        direction = None if ref.direction == "this" else ref.direction
        rule = _rule(direction, tense, unknown="on_or_before")
        return _choose(candidates, published, rule, not_before)
    if isinstance(ref, _Weekend):
        return _weekend_period(ref, published, tense, not_before)
    if isinstance(ref, _Quarter):
        candidates = [
            p
            for y in range(published.year - 1, published.year + 2)
            if (p := _quarter_period(y, ref))
        ]
        return _choose(candidates, published, _rule(None, tense, unknown="nearest"), not_before)
    if isinstance(ref, _Shift):
        return _shift_period(ref, published, tense)
    if isinstance(ref, _Ago):
        return _ago_period(ref, published)
    if isinstance(ref, _Rolling):
        return _Period(_minus(published, ref.unit, ref.n), published, DATE, True)
    return None


def _resolve_calendar(
    ref: _Calendar, published: dt.date, tense: Tense, not_before: dt.date | None
) -> _Period | None:
    if ref.direction == "this" and not_before is None:
        return _calendar_period(published.year, ref)
    years = range(published.year - 2, published.year + 3)
    candidates = [p for y in years if (p := _calendar_period(y, ref)) is not None]
    rule = _rule(ref.direction, tense, unknown="nearest")
    if rule == "on_or_before" and ref.day is not None:
        # a past-tense date a few days after publication is a late or
        # time-zone-shifted dateline, not the same day a year earlier
        published += _PAST_GRACE
    return _choose(candidates, published, rule, not_before)


def _weekend_period(
    ref: _Weekend, published: dt.date, tense: Tense, not_before: dt.date | None
) -> _Period | None:
    """Saturday..Sunday; "this weekend" is the one under way, else the coming one."""
    saturday = published - dt.timedelta(days=(published.weekday() - 5) % 7)
    candidates = [
        _Period(day, day + dt.timedelta(days=1), DATE, True)
        for day in (saturday + dt.timedelta(weeks=k) for k in range(-2, 3))
    ]
    if ref.direction == "this" and tense != "past":
        rule = "on_or_after"
    else:
        direction = None if ref.direction == "this" else ref.direction
        rule = _rule(direction, tense, unknown="on_or_before")
    return _choose(candidates, published, rule, not_before)


def _quarter_period(year: int, ref: _Quarter) -> _Period:
    first_month = (ref.index - 1) * ref.months + 1
    first = _month_period(year, first_month)
    last = _month_period(year, first_month + ref.months - 1)
    return _Period(first.first, last.last, YEAR_MONTH, True)


def _shift_period(ref: _Shift, published: dt.date, tense: Tense) -> _Period | None:
    if ref.unit == "day":
        day = published + dt.timedelta(days=ref.n)
        return _Period(day, day, DATE)
    if ref.unit == "week":
        monday = published - dt.timedelta(days=published.weekday()) + dt.timedelta(weeks=ref.n)
        return _Period(monday, monday + dt.timedelta(days=6), DATE, True)
    if ref.unit == "month":
        return _month_period(*_add_months(published.year, published.month, ref.n))
    if ref.unit == "quarter":
        index = (published.month - 1) // 3 + ref.n
        year, index = published.year + index // 4, index % 4 + 1
        return _quarter_period(year, _Quarter(index, 3))
    if ref.unit == "year":
        return _year_period(published.year + ref.n)
    return None


def _minus(day: dt.date, unit: str, n: int) -> dt.date:
    if unit == "day":
        return day - dt.timedelta(days=n)
    if unit in ("week", "fortnight"):
        return day - dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = n * (12 if unit == "year" else 1)
    year, month = _add_months(day.year, day.month, -months)
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _ago_period(ref: _Ago, published: dt.date) -> _Period | None:
    if ref.unit == "month":
        return _month_period(*_add_months(published.year, published.month, -ref.n))
    if ref.unit == "year":
        return _year_period(published.year - ref.n)
    if ref.n < 0:
        day = published + (published - _minus(published, ref.unit, -ref.n))
    else:
        day = _minus(published, ref.unit, ref.n)
    return _Period(day, day, DATE)


def _resolve_range(ref: _Range, published: dt.date | None, tense: Tense) -> _Period | None:
    first = _resolve(ref.first, published, tense)
    if first is None:
        return None
    last = _resolve(ref.last, published, tense, not_before=first.first)
    if last is None or last.last < first.first:
        return None
    datatype = max(first.datatype, last.datatype, key=_COARSENESS.__getitem__)
    return _Period(first.first, last.last, datatype, True)


def _format(day: dt.date, datatype: str) -> str:
    if datatype == YEAR:
        return f"{day.year:04d}"
    if datatype == YEAR_MONTH:
        return f"{day.year:04d}-{day.month:02d}"
    return day.isoformat()


def _time_value(text: str, period: _Period | None) -> TimeValue:
    if period is None:
        return TimeValue(text=text)
    value = _format(period.first, period.datatype)
    end = _format(period.last, period.datatype) if period.interval else None
    return TimeValue(text, value, period.datatype, None if end == value else end)


# --- the long tail: dateparser ---------------------------------------------------

_DATEPARSER_DATATYPES = {"day": DATE, "week": DATE, "month": YEAR_MONTH, "year": YEAR}
_NUMERIC_DATE = re.compile(r"\b\d{1,4}([/.])\d{1,2}\1\d{2,4}\b")  # 17/04/2023, 2023.04.17
_NO_ANCHOR = dt.datetime(1000, 1, 1)  # base for absolute-only parses; never appears in output


@functools.lru_cache(maxsize=64)
def _date_parser(language: str, base: dt.datetime, prefer: str) -> Any:
    from dateparser.date import DateDataParser  # slow import: only when needed

    settings = {
        "RELATIVE_BASE": base,
        "PREFER_DATES_FROM": prefer,
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": False,
    }
    return DateDataParser(languages=[language], settings=settings)


def _dateparser_period(
    text: str, words: list[str], published: dt.date | None, tense: Tense, lex: _Lexicon
) -> _Period | None:
    """What dateparser makes of an expression the rules do not know, checked against its words.

    dateparser reads almost anything as a date ("the 70s" becomes today), so
    the expression must name a month, weekday or year, or be written as a
    numeric date, and the answer must agree with the month and year named.
    """
    words = [w for w in words if w not in _DROPPED and w not in lex.fillers]
    if not words or any(w in lex.units for w in words):
        return None  # nothing left but a clock time, or a quantity of time
    years = {y for w in words if (y := _year(w)) is not None}
    months = {lex.months[w] for w in words if w in lex.months}
    named = years or months or any(w in lex.weekdays for w in words)
    if not named and not _NUMERIC_DATE.search(text):
        return None
    prefer = {"past": "past", "future": "future"}.get(tense, "current_period")
    base = dt.datetime.combine(published, dt.time()) if published else _NO_ANCHOR
    data = _date_parser(lex.language, base, prefer).get_date_data(text)
    if data.date_obj is None or data.period not in _DATEPARSER_DATATYPES:
        return None
    day = data.date_obj.date()
    if years and day.year not in years or months and day.month not in months:
        return None
    if published is None and day.year not in years and not _NUMERIC_DATE.search(text):
        return None  # relative to the placeholder base: not a real date
    if not _MIN_YEAR <= day.year <= _MAX_YEAR:
        return None
    datatype = _DATEPARSER_DATATYPES[data.period]
    if datatype == YEAR_MONTH:
        return _month_period(day.year, day.month)
    return _year_period(day.year) if datatype == YEAR else _Period(day, day, DATE)


# --- public API -------------------------------------------------------------------


def normalize_time(
    expression: str,
    published: dt.date | None,
    *,
    tense: Tense = "unknown",
    language: str = "en",
) -> TimeValue | None:
    """One time expression as a :class:`TimeValue`, or None if it is not a point in time.

    ``tense`` is that of the clause the expression belongs to: a bare weekday
    or month is the most recent one on or before ``published`` in the past
    (and by default), the next one on or after it in the future.
    """
    found = _normalize_prefix(expression, published, tense, language)
    return None if found is None else replace(found.value, text=expression.strip())


def find_times(
    sent: SpacySpan,
    published: dt.date | None,
    *,
    offset: int = 0,
    language: str = "en",
) -> list[TimeValue]:
    """The time expressions of a parsed sentence, normalised, with offsets.

    Candidates are the DATE entities, TIME entities the rules understand
    ("last night", "Sunday evening") and weekday or "last week"-style phrases
    the entity recogniser missed.  Each is anchored with the tense of the
    clause it belongs to.  Offsets are those of the doc plus ``offset``.
    """
    found = []
    index = doc_index(sent.doc)
    for span, is_time in _candidate_spans(sent, language):
        tense = clause_tense(span, language=language)
        hit = _normalize_prefix(index.text_of(span), published, tense, language, strict=is_time)
        if hit is None:
            continue
        start = span.start_char + hit.start + offset
        end = span.start_char + hit.end + offset
        found.append(replace(hit.value, start_offset=start, end_offset=end))
    return sorted(found, key=lambda v: v.start_offset or 0)


def clause_tense(span: SpacySpan, *, language: str = "en") -> Tense:
    """The tense of the clause a time expression hangs on.

    "will"/"shall" (or "is expected to", "going to", "is scheduled for") make
    it future; a past-tense verb or a perfect makes it past.  Present tense
    says nothing: headlines write past events in the present ("Putin meets").
    """
    verb = _governing_verb(span)
    if verb is None:
        return "unknown"
    lex = _lexicon(language)
    chain = _verb_chain(verb)
    if any(_has_aux(v, lex.future_auxiliaries) for v in chain):
        return "future"
    if _is_past(verb, lex):
        return "past"
    for cue in chain:
        is_cue = cue.lemma_.lower() in lex.future_cue_lemmas and not _is_past(cue, lex)
        # "is expected to meet", "is scheduled for Tuesday"
        if is_cue and (cue.i != verb.i or any(c.dep_ == "auxpass" for c in cue.children)):
            return "future"
    if any(_is_past(v, lex) for v in chain[1:]):
        return "past"
    return "unknown"


def _governing_verb(span: SpacySpan) -> Any:
    token = span.root
    while token.pos_ not in ("VERB", "AUX"):
        if token.head.i == token.i:
            return None
        token = token.head
    return _reporting_verb(token, span) or token


def _reporting_verb(verb: Any, span: SpacySpan) -> Any:
    """ "said on Wednesday it would cut jobs": a time between a verb and the subject
    of the clause it reports is the reporting verb's, wherever the parser hung it."""
    if verb.dep_ != "ccomp" or verb.head.i > span.start:
        return None
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects and span.end <= subjects[0].left_edge.i:
        return verb.head
    return None


def _verb_chain(verb: Any) -> list[Any]:
    """The verb and the verbs it complements: "meet" <- "expected" in "is expected to meet"."""
    chain = [verb]
    while chain[-1].dep_ in ("xcomp", "conj", "advcl") and chain[-1].head.i != chain[-1].i:
        chain.append(chain[-1].head)
    return chain


def _has_aux(verb: Any, words: frozenset[str]) -> bool:
    auxiliaries = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if "have" in auxiliaries:
        return False  # "would have met": a past that did not happen
    return any(a in words for a in auxiliaries)


def _is_past(verb: Any, lex: _Lexicon) -> bool:
    if verb.tag_ == "VBD":
        return True
    auxiliaries = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.tag_ == "VBD" for a in auxiliaries):
        return True  # "was meeting", "did meet", "had met"
    return verb.tag_ == "VBN" and any(a.lower_ in lex.past_auxiliaries for a in auxiliaries)


def _candidate_spans(sent: SpacySpan, language: str) -> list[tuple[SpacySpan, bool]]:
    """(span, is a TIME entity) for every place a time expression may be."""
    ents = _ents_of(sent)
    spans = [(ent, ent.label_ == "TIME") for ent in ents if ent.label_ in _NER_LABELS]
    taken = [(ent.start_char, ent.end_char) for ent in ents]
    text = doc_index(sent.doc).text_of(sent)
    if not _may_hold_missed(text, language):
        return spans  # no word any missed phrase needs: skip the slow scan
    for m in _missed_pattern(language).finditer(text):
        start, end = sent.start_char + m.start(), sent.start_char + m.end()
        if any(s < end and start < e for s, e in taken):
            continue  # inside an entity: "Sunday Times", or already a DATE
        span = sent.doc.char_span(start, end)
        if span is not None:
            spans.append((span, False))
            taken.append((start, end))
    return spans


def _ents_of(sent: SpacySpan) -> list[SpacySpan]:
    """The entities inside ``sent``.

    ``Span.ents`` walks every entity of the document on each call; over a long
    document that is quadratic, so the entities are indexed once per doc.
    """
    doc = sent.doc
    index = doc.user_data.get(_ENTS_KEY)
    if index is None:
        index = {}
        sentences = doc_index(doc)
        for ent in doc.ents:
            index.setdefault(sentences.sentence_of(ent.start).start, []).append(ent)
        doc.user_data[_ENTS_KEY] = index
    return [e for e in index.get(sent.start, []) if e.end <= sent.end]


_ENTS_KEY = "kg.time.ents_by_sentence"


@functools.lru_cache(maxsize=8)
def _missed_pattern(language: str) -> re.Pattern[str]:
    """Phrases the entity recogniser tends to miss: weekdays, "last week", "yesterday".

    Weekday and month names must be capitalised, so that "may" and "march"
    as verbs are left alone.
    """
    words = _missed_words(language)

    def alternatives(words: Any) -> str:
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    directions = alternatives(words.directions)
    weekdays = alternatives(words.weekdays)
    months = alternatives(words.months)
    units = alternatives(words.units)
    days = alternatives(words.days)
    day = r"\d{1,2}(?:st|nd|rd|th)?"
    return re.compile(
        rf"\b(?:"
        rf"(?:(?i:{directions})\s+)?(?:{weekdays})"
        rf"|(?:(?i:{directions})\s+)(?i:{units})"
        rf"|(?i:{days})"
        rf"|(?:{months})\s+{day}(?:,?\s+\d{{4}})?"
        rf"|{day}\s+(?:{months})(?:\s+\d{{4}})?"
        rf")\b"
    )


@dataclass(frozen=True)
class _MissedWords:
    """The words of :func:`_missed_pattern`: every match holds a weekday or month as
    written, or a unit or relative day in any case."""

    directions: tuple[str, ...]  # any case
    weekdays: tuple[str, ...]  # capitalised
    months: tuple[str, ...]  # capitalised
    units: tuple[str, ...]  # any case
    days: tuple[str, ...]  # any case

    @functools.cached_property
    def as_written(self) -> tuple[str, ...]:
        """The weekdays and months to look for as written, fewest needed."""
        return _fewest(self.weekdays + self.months)

    @functools.cached_property
    def lowered(self) -> tuple[str, ...] | None:
        """The units and relative days to look for in a lower-cased text, fewest
        needed; None when one is not ASCII (its case-insensitive matches are not ours
        to mimic)."""
        any_case = self.units + self.days
        if not all(w.isascii() for w in any_case):
            return None
        return _fewest(tuple(w.lower() for w in any_case))


def _fewest(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words holding no other of the words: where one is, so is what it holds
    ("weeks" holds "week")."""
    return tuple(w for w in words if not any(v != w and v in w for v in words))


@functools.lru_cache(maxsize=8)
def _missed_words(language: str) -> _MissedWords:
    lex = _lexicon(language)
    return _MissedWords(
        directions=tuple(" ".join(d) for d in lex.directions),
        weekdays=tuple(w.capitalize() for w in lex.weekdays if len(w) > 3),
        months=tuple(m.capitalize() for m in lex.months if len(m) > 3),
        units=tuple(u for u, v in lex.units.items() if v in ("week", "weekend", "month", "year")),
        days=tuple(" ".join(d) for d in lex.relative_days),
    )


# The only characters that match an ASCII letter under re.IGNORECASE besides its two cases.
_IGNORECASE_LOOKALIKES = str.maketrans({"İ": "i", "ı": "i", "K": "k", "ſ": "s"})


def _may_hold_missed(text: str, language: str) -> bool:
    """False only when :func:`_missed_pattern` cannot match in ``text``: it holds none
    of the words each of the pattern's alternatives needs."""
    words = _missed_words(language)
    if words.lowered is None or any(w in text for w in words.as_written):
        return True
    lowered = text.translate(_IGNORECASE_LOOKALIKES).lower()
    return any(w in lowered for w in words.lowered)


@dataclass(frozen=True)
class _Hit:
    value: TimeValue
    start: int  # character offsets of the understood words in the expression
    end: int


@functools.lru_cache(maxsize=4096)
def _normalize_prefix(
    expression: str,
    published: dt.date | None,
    tense: Tense,
    language: str,
    *,
    strict: bool = False,
) -> _Hit | None:
    """Normalise the expression, or failing that its longest understood prefix.

    Named-entity spans sometimes run on ("April 16, 2023 10:06 PM 1 min
    read"), so trailing words are dropped one at a time until the rules
    understand the rest.  ``strict`` takes only what the rules anchor
    themselves (for TIME entities, which are mostly clock times).  Remembered:
    the answer depends on nothing else, and "Tuesday" or a dateline's date
    comes back sentence after sentence.
    """
    lex = _lexicon(language)
    tokens = _tokens(expression)
    words = [t.word for t in tokens]
    for n in range(len(tokens), 0, -1):
        if n < len(tokens) and words[n] == "of":
            continue  # "the second half" of what follows: not ours to shorten
        parsed = _parse_known(tuple(words[:n]), language)
        if parsed == _Verdict.NOT_TIME and n == len(tokens):
            return None
        if parsed is None or parsed == _Verdict.NOT_TIME:
            continue
        if parsed == _Verdict.UNANCHORED and strict:
            return None
        start, end = _trimmed_span(tokens[:n])
        period = None if parsed == _Verdict.UNANCHORED else _resolve(parsed, published, tense)
        return _Hit(_time_value(expression[start:end], period), start, end)
    if strict or not tokens:
        return None
    period = _dateparser_period(expression, words, published, tense, lex)
    if period is None:
        return None
    start, end = _trimmed_span(tokens)
    return _Hit(_time_value(expression[start:end], period), start, end)


def _trimmed_span(tokens: list[_Token]) -> tuple[int, int]:
    """The character span of the tokens without punctuation at either end."""
    kept = [t for t in tokens if t.word not in _DROPPED or t.word == _CLOCK_WORD]
    kept = kept or tokens
    return kept[0].start, kept[-1].end
