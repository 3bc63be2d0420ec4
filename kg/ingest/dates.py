"""Dates as news pages write them: ``April 17, 2023``, ``17 April 2023``, ``2023-04-17``.

The building blocks (:data:`DATE`, :data:`TIME`) are regular expressions that
the pattern files in ``kg/ingest/data`` use as ``{DATE}`` and ``{TIME}``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH = r"(?:" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:" + "|".join(n for n in calendar.day_name) + r"|" + "|".join(calendar.day_abbr)
_WEEKDAY += r")\.?,?\s+)?"
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_WEEKDAY_NUMBERS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_NUMBERS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})

# "Feb 11,2025" (no space after the comma) is written too
MONTH_FIRST = rf"{_WEEKDAY}(?P<m1>{_MONTH})\s+(?P<d1>{_DAY})(?:,\s*|\s+)(?P<y1>\d{{4}})"
DAY_FIRST = rf"{_WEEKDAY}(?P<d2>{_DAY})\s+(?P<m2>{_MONTH}),?\s+(?P<y2>\d{{4}})"
_CLOCK = r"(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
ISO = rf"(?P<y3>\d{{4}})-(?P<m3>\d{{2}})-(?P<d3>\d{{2}}){_CLOCK}"
SLASHED = r"(?P<y4>\d{4})/(?P<m4>\d{2})/(?P<d4>\d{2})"
# "18/06/2025", "06/18/2025", "18.06.2025": which number is the day is told only
# by one of them being over 12 (see date_from_match); "05/06/2025" names no date.
NUMERIC = (
    r"(?<![\d/.])(?:(?P<a5>\d{1,2})/(?P<b5>\d{1,2})/(?P<y5>\d{4})"
    r"|(?P<a6>\d{1,2})\.(?P<b6>\d{1,2})\.(?P<y6>\d{4}))(?![\d/.]\d)"
)
# Named groups are numbered so that one alternation can hold them all.
DATE = rf"(?:{MONTH_FIRST}|{DAY_FIRST}|{ISO}|{SLASHED}|{NUMERIC})"
# Named groups cannot repeat inside one pattern: {DATE} used twice needs this form.
DATE_PLAIN = re.sub(r"\(\?P<\w+>", "(?:", DATE)
TIME = r"(?:at\s+)?\d{1,2}[:.]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*\(?[A-Z]{2,5}\)?)?"

_DATE_RE = re.compile(DATE, re.I)
# Every form of DATE holds a four-digit year, and this is far cheaper to look
# for than DATE itself: most lines of a text have no year, so no date.
_YEAR = re.compile(r"\d{4}")


def may_hold_date(text: str) -> bool:
    """False when ``text`` surely holds no :data:`DATE` (it has no four digits in a row)."""
    return _YEAR.search(text) is not None


def search_date(text: str) -> re.Match[str] | None:
    """The first match of :data:`DATE` in ``text``, or None."""
    return _DATE_RE.search(text) if may_hold_date(text) else None


def date_with_weekday(text: str) -> dt.date | None:
    """The first date in ``text`` written with its weekday, the weekday right for it
    ("on Wednesday, Oct. 8, 2025"); None if there is none."""
    if not may_hold_date(text):
        return None
    for match in _DATE_RE.finditer(text):
        date = date_from_match(match)
        first = match.group(0).split()[0].rstrip(".,").lower()
        if date is not None and _WEEKDAY_NUMBERS.get(first) == date.weekday():
            return date
    return None


_WEEKDAY_WORD = re.compile(r"\b(?:" + "|".join(calendar.day_name) + r")\b")


def weekdays_named(text: str) -> set[int]:
    """The weekdays ``text`` names in full ("on Thursday"), as ``date.weekday()`` numbers."""
    return {_WEEKDAY_NUMBERS[m.group(0).lower()] for m in _WEEKDAY_WORD.finditer(text)}


def both_readings(text: str) -> tuple[dt.date, dt.date] | None:
    """The two dates the first date in ``text`` may be, when it is a numeric one
    that reads both ways ("07/08/2025": 7 August or 8 July), day first first."""
    match = search_date(text)
    if match is None:
        return None
    readings = (date_from_match(match, day_first=True), date_from_match(match, day_first=False))
    if None in readings or readings[0] == readings[1]:
        return None
    return readings  # type: ignore[return-value]


_MONTH_DAY = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}})\b(?!,?\s+\d{{4}})", re.I)
_A_YEAR = re.compile(r"(?<![\d,.])(?:19|20)\d{2}(?![\d,.]\d)")


def month_day(text: str) -> tuple[int, int] | None:
    """The month and day of the first date in ``text`` written without a year
    ("NAIROBI, Nov 20 (Reuters) -"), if there is one."""
    match = _MONTH_DAY.search(text)
    if match is None:
        return None
    return _month_number(match["m"]), int(match["d"])


def years_named(text: str) -> set[int]:
    """The years ``text`` names ("in May 2025", "between 2021 and 2024")."""
    return {int(m.group(0)) for m in _A_YEAR.finditer(text)}


def parse_date(text: str, day_first: bool | None = None) -> dt.date | None:
    """The first date written in ``text``, or None (see :func:`date_from_match`)."""
    match = search_date(text)
    return date_from_match(match, day_first) if match else None


def date_from_match(match: re.Match[str], day_first: bool | None = None) -> dt.date | None:
    """The date a match of :data:`DATE` names (None for an impossible date).

    ``day_first`` decides a numeric date that reads both ways ("09/12/2025");
    None leaves it undecided, so no date.
    """
    groups = match.groupdict()
    for n in "56":
        if groups.get(f"y{n}"):
            year, a, b = int(groups[f"y{n}"]), int(groups[f"a{n}"]), int(groups[f"b{n}"])
            return _numeric_date(year, a, b, day_first)
    for n in "1234":
        if groups.get(f"y{n}"):
            year, month, day = groups[f"y{n}"], groups[f"m{n}"], groups[f"d{n}"]
            try:
                return dt.date(int(year), _month_number(month), int(re.sub(r"\D", "", day)))
            except ValueError:
                return None
    return None


def _numeric_date(year: int, first: int, second: int, day_first: bool | None) -> dt.date | None:
    """Day and month in either order, when only one order makes a date or
    ``day_first`` says which."""
    orders = [(second, first), (first, second)]  # (month, day): day first, month first
    dates = [
        dt.date(year, m, d) if 1 <= m <= 12 and 1 <= d <= _days(year, m) else None
        for m, d in orders
    ]
    if dates[0] and dates[1] and dates[0] != dates[1]:
        return None if day_first is None else dates[0 if day_first else 1]
    return dates[0] or dates[1]


def _days(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month_number(month: str) -> int:
    if month.isdigit():
        return int(month)
    return _MONTHS[month.lower().rstrip(".")]
