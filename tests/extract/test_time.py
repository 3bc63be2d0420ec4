"""Time expressions normalised against the publication date."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.extract.time import clause_tense, find_times, normalize_time

TENSES_ALL = ("past", "future", "unknown")
MON = dt.date(2023, 4, 17)  # a Monday
SUN = dt.date(2023, 4, 16)
JAN = dt.date(2023, 1, 5)  # a Thursday at the start of a year
FEB = dt.date(2023, 2, 10)
MAR = dt.date(2023, 3, 1)
LEAP = dt.date(2024, 3, 10)
DEC = dt.date(2023, 12, 30)  # a Saturday at the end of a year


# expression, published, tense -> (value, datatype, end)
NORMALISED = [
    # bare weekdays: news reports the most recent one, the day itself included
    ("Sunday", MON, "past", ("2023-04-16", "date", None)),
    ("Sunday", MON, "unknown", ("2023-04-16", "date", None)),
    ("on Sunday", MON, "past", ("2023-04-16", "date", None)),
    ("Monday", MON, "past", ("2023-04-17", "date", None)),
    ("Monday", MON, "unknown", ("2023-04-17", "date", None)),
    ("Tuesday", MON, "past", ("2023-04-11", "date", None)),
    ("Tuesday", MON, "future", ("2023-04-18", "date", None)),
    ("on Tuesday", MON, "future", ("2023-04-18", "date", None)),
    ("Sunday", MON, "future", ("2023-04-23", "date", None)),
    ("Monday", MON, "future", ("2023-04-17", "date", None)),
    ("Friday", JAN, "past", ("2022-12-30", "date", None)),
    ("last Monday", MON, "unknown", ("2023-04-10", "date", None)),
    ("next Tuesday", dt.date(2023, 4, 18), "unknown", ("2023-04-25", "date", None)),
    ("this past Sunday", MON, "unknown", ("2023-04-16", "date", None)),
    ("Sunday night", MON, "past", ("2023-04-16", "date", None)),
    ("Thursday evening", MON, "future", ("2023-04-20", "date", None)),
    ("Sunday's", MON, "unknown", ("2023-04-16", "date", None)),
    # days, weeks, months and years around publication
    ("yesterday", MON, "unknown", ("2023-04-16", "date", None)),
    ("today", MON, "unknown", ("2023-04-17", "date", None)),
    ("tomorrow", MON, "unknown", ("2023-04-18", "date", None)),
    ("yesterday", dt.date(2024, 3, 1), "unknown", ("2024-02-29", "date", None)),
    ("tomorrow", DEC, "unknown", ("2023-12-31", "date", None)),
    ("last night", MON, "unknown", ("2023-04-16", "date", None)),
    ("the day before yesterday", MON, "unknown", ("2023-04-15", "date", None)),
    ("last week", MON, "unknown", ("2023-04-10", "date", "2023-04-16")),
    ("last week", SUN, "unknown", ("2023-04-03", "date", "2023-04-09")),
    ("last week", JAN, "unknown", ("2022-12-26", "date", "2023-01-01")),
    ("this week", MON, "unknown", ("2023-04-17", "date", "2023-04-23")),
    ("next week", DEC, "unknown", ("2024-01-01", "date", "2024-01-07")),
    ("last month", MON, "unknown", ("2023-03", "gYearMonth", None)),
    ("last month", JAN, "unknown", ("2022-12", "gYearMonth", None)),
    ("this month", MON, "unknown", ("2023-04", "gYearMonth", None)),
    ("next month", MON, "unknown", ("2023-05", "gYearMonth", None)),
    ("next month", DEC, "unknown", ("2024-01", "gYearMonth", None)),
    ("last year", MON, "unknown", ("2022", "gYear", None)),
    ("this year", MON, "unknown", ("2023", "gYear", None)),
    ("next year", DEC, "unknown", ("2024", "gYear", None)),
    ("last weekend", MON, "unknown", ("2023-04-15", "date", "2023-04-16")),
    ("last weekend", SUN, "unknown", ("2023-04-08", "date", "2023-04-09")),
    ("over the weekend", MON, "past", ("2023-04-15", "date", "2023-04-16")),
    ("over the weekend", MON, "unknown", ("2023-04-15", "date", "2023-04-16")),
    ("the weekend", MON, "future", ("2023-04-22", "date", "2023-04-23")),
    ("next weekend", dt.date(2023, 4, 15), "unknown", ("2023-04-22", "date", "2023-04-23")),
    ("this weekend", MON, "past", ("2023-04-15", "date", "2023-04-16")),
    ("this weekend", MON, "future", ("2023-04-22", "date", "2023-04-23")),
    ("this weekend", SUN, "unknown", ("2023-04-15", "date", "2023-04-16")),
    ("two weeks ago", MON, "unknown", ("2023-04-03", "date", None)),
    ("a fortnight ago", MON, "unknown", ("2023-04-03", "date", None)),
    ("three days ago", dt.date(2024, 3, 2), "unknown", ("2024-02-28", "date", None)),
    ("a month ago", JAN, "unknown", ("2022-12", "gYearMonth", None)),
    ("a year ago", MON, "unknown", ("2022", "gYear", None)),
    ("three days from now", MON, "unknown", ("2023-04-20", "date", None)),
    ("the past week", MON, "unknown", ("2023-04-10", "date", "2023-04-17")),
    ("the past two years", MON, "unknown", ("2021-04-17", "date", "2023-04-17")),
    ("over the past month", dt.date(2023, 3, 31), "unknown", ("2023-02-28", "date", "2023-03-31")),
    # months without a year
    ("last February", FEB, "unknown", ("2022-02", "gYearMonth", None)),
    ("last February", MAR, "unknown", ("2023-02", "gYearMonth", None)),
    ("last February", MON, "unknown", ("2023-02", "gYearMonth", None)),
    ("this past February", MON, "unknown", ("2023-02", "gYearMonth", None)),
    ("next February", FEB, "unknown", ("2024-02", "gYearMonth", None)),
    ("next February", JAN, "unknown", ("2023-02", "gYearMonth", None)),
    ("this February", MON, "unknown", ("2023-02", "gYearMonth", None)),
    ("in February", MON, "past", ("2023-02", "gYearMonth", None)),
    ("in February", FEB, "past", ("2023-02", "gYearMonth", None)),
    ("in February", JAN, "past", ("2022-02", "gYearMonth", None)),
    ("in February", JAN, "future", ("2023-02", "gYearMonth", None)),
    ("in December", JAN, "unknown", ("2022-12", "gYearMonth", None)),
    ("in January", DEC, "unknown", ("2024-01", "gYearMonth", None)),
    ("March", MON, "unknown", ("2023-03", "gYearMonth", None)),
    ("in May", MON, "future", ("2023-05", "gYearMonth", None)),
    ("mid-March", MON, "unknown", ("2023-03", "gYearMonth", None)),
    ("late April", MON, "past", ("2023-04", "gYearMonth", None)),
    ("the end of June", MON, "future", ("2023-06", "gYearMonth", None)),
    # month and day without a year
    ("April 19", MON, "future", ("2023-04-19", "date", None)),
    ("April 19", MON, "unknown", ("2023-04-19", "date", None)),
    ("until April 19", MON, "future", ("2023-04-19", "date", None)),
    ("February 23", MON, "unknown", ("2023-02-23", "date", None)),
    ("February 23", MON, "past", ("2023-02-23", "date", None)),
    ("on March 21", MON, "past", ("2023-03-21", "date", None)),
    ("April 16", MON, "past", ("2023-04-16", "date", None)),
    ("April 10", MON, "future", ("2024-04-10", "date", None)),
    ("December 28", JAN, "past", ("2022-12-28", "date", None)),
    ("December 28", JAN, "unknown", ("2022-12-28", "date", None)),
    ("January 3", DEC, "unknown", ("2024-01-03", "date", None)),
    ("Feb. 29", LEAP, "past", ("2024-02-29", "date", None)),
    ("February 29", dt.date(2025, 3, 10), "past", ("2024-02-29", "date", None)),
    ("the 19th of April", MON, "unknown", ("2023-04-19", "date", None)),
    ("19 April", MON, "unknown", ("2023-04-19", "date", None)),
    # absolute dates
    ("March 20, 2023", MON, "unknown", ("2023-03-20", "date", None)),
    ("Sept. 11, 2001", MON, "unknown", ("2001-09-11", "date", None)),
    ("Wednesday, April 19, 2023", MON, "unknown", ("2023-04-19", "date", None)),
    ("19 April 2023", MON, "unknown", ("2023-04-19", "date", None)),
    ("2023-04-17", MON, "unknown", ("2023-04-17", "date", None)),
    ("February 29, 2024", MON, "unknown", ("2024-02-29", "date", None)),
    ("February 2022", MON, "unknown", ("2022-02", "gYearMonth", None)),
    ("February of 2022", MON, "unknown", ("2022-02", "gYearMonth", None)),
    ("in 2018", MON, "unknown", ("2018", "gYear", None)),
    ("since 2018", MON, "unknown", ("2018", "gYear", None)),
    ("the year 2018", MON, "unknown", ("2018", "gYear", None)),
    ("early 2022", MON, "unknown", ("2022", "gYear", None)),
    ("mid-2022", MON, "unknown", ("2022", "gYear", None)),
    ("late last year", MON, "unknown", ("2022", "gYear", None)),
    ("earlier this month", MON, "unknown", ("2023-04", "gYearMonth", None)),
    ("the end of the year", MON, "future", ("2023", "gYear", None)),
    ("the 2022 season", MON, "unknown", ("2022", "gYear", None)),
    ("the 1990s", MON, "unknown", ("1990", "gYear", "1999")),
    ("the 2010s", MON, "unknown", ("2010", "gYear", "2019")),
    ("the mid-1990s", MON, "unknown", ("1990", "gYear", "1999")),
    ("the 1800s", MON, "unknown", ("1800", "gYear", "1899")),
    ("the 19th century", MON, "unknown", ("1800", "gYear", "1899")),
    # quarters and halves
    ("the first quarter of 2023", MON, "unknown", ("2023-01", "gYearMonth", "2023-03")),
    ("Q4 2022", MON, "unknown", ("2022-10", "gYearMonth", "2022-12")),
    ("Q3", MON, "future", ("2023-07", "gYearMonth", "2023-09")),
    ("Q3", MON, "unknown", ("2023-07", "gYearMonth", "2023-09")),
    ("Q4", MON, "past", ("2022-10", "gYearMonth", "2022-12")),
    ("H1 2023", MON, "unknown", ("2023-01", "gYearMonth", "2023-06")),
    ("last quarter", MON, "unknown", ("2023-01", "gYearMonth", "2023-03")),
    ("last quarter", JAN, "unknown", ("2022-10", "gYearMonth", "2022-12")),
    ("the second half of 2022", MON, "unknown", ("2022-07", "gYearMonth", "2022-12")),
    # ranges
    ("between Sunday and Tuesday", MON, "unknown", ("2023-04-16", "date", "2023-04-18")),
    ("between Sunday and Tuesday", MON, "past", ("2023-04-16", "date", "2023-04-18")),
    ("from April 16 to 19", MON, "unknown", ("2023-04-16", "date", "2023-04-19")),
    ("April 16-19", MON, "unknown", ("2023-04-16", "date", "2023-04-19")),
    ("April 16–19", MON, "unknown", ("2023-04-16", "date", "2023-04-19")),
    ("16-19 April 2023", MON, "unknown", ("2023-04-16", "date", "2023-04-19")),
    ("March 20-21, 2023", MON, "unknown", ("2023-03-20", "date", "2023-03-21")),
    ("April 28 to May 2", MON, "future", ("2023-04-28", "date", "2023-05-02")),
    ("December 28 to January 3", DEC, "unknown", ("2023-12-28", "date", "2024-01-03")),
    ("Dec. 28, 2022 to Jan. 3, 2023", MON, "unknown", ("2022-12-28", "date", "2023-01-03")),
    ("from 2018 to 2020", MON, "unknown", ("2018", "gYear", "2020")),
    ("2018-2020", MON, "unknown", ("2018", "gYear", "2020")),
    ("2022-23", MON, "unknown", ("2022", "gYear", "2023")),
    ("March to May", MON, "past", ("2023-03", "gYearMonth", "2023-05")),
    ("Monday through Friday", MON, "future", ("2023-04-17", "date", "2023-04-21")),
    ("March 2022 to 2023", MON, "unknown", ("2022", "gYear", "2023")),
    # a run-on entity keeps the date it starts with
    ("April 16, 2023 10:06 PM", MON, "unknown", ("2023-04-16", "date", None)),
    ("April 16, 2023 10:06 PM 1", MON, "unknown", ("2023-04-16", "date", None)),
    # the long tail goes to dateparser
    ("17/04/2023", MON, "unknown", ("2023-04-17", "date", None)),
    ("2023/04/17", MON, "unknown", ("2023-04-17", "date", None)),
    ("on 17/04/2023 at 10:00", MON, "unknown", ("2023-04-17", "date", None)),
]


@pytest.mark.parametrize(("expression", "published", "tense", "expected"), NORMALISED)
def test_normalize_time(expression, published, tense, expected):
    value = normalize_time(expression, published, tense=tense)
    assert value is not None
    assert (value.value, value.datatype, value.end) == expected
    assert value.text == expression
    assert value.start_offset is None and value.end_offset is None


NOT_TIMES = [
    "three-day",
    "14-month-old",
    "a 10-year-old",
    "less than a month",
    "over 30 years",
    "every month",
    "each Sunday",
    "monthly",
    "twice a week",
    "a month",
    "two days",
    "just two days",
    "weeks",
    "the past years",
    "season",
    "decades",
    "10:06 PM",
    "nearly three decades",
    "several years",
    "the weekends",
    # game periods, not parts of a year
    "the fourth quarter",
    "the second half",
    "the second half of the season",
    # what dateparser would read as today
    "the 70s",
    "in the 80s",
    "the 16th",
    "the coming days",
    "4-1",
]


@pytest.mark.parametrize("expression", NOT_TIMES)
def test_durations_frequencies_and_ages_are_not_times(expression):
    assert normalize_time(expression, MON) is None
    assert normalize_time(expression, MON, tense="past") is None


UNANCHORED = [
    "the same month",
    "that day",
    "the next day",
    "the following week",
    "two days later",
    "a week earlier",
    "the previous year",
]


@pytest.mark.parametrize("expression", UNANCHORED)
def test_times_relative_to_something_unsaid_keep_only_their_text(expression):
    assert normalize_time(expression, MON) == normalize_time(expression, None)
    value = normalize_time(expression, MON)
    assert value is not None and value.text == expression
    assert value.value is None and value.datatype is None


RELATIVE = ["Sunday", "last month", "April 19", "in February", "yesterday", "last week", "Q3"]


@pytest.mark.parametrize("expression", RELATIVE)
def test_without_publication_date_relative_times_keep_only_text(expression):
    value = normalize_time(expression, None)
    assert value is not None
    assert value.text == expression
    assert (value.value, value.datatype, value.end) == (None, None, None)


ABSOLUTE = [
    ("March 20, 2023", ("2023-03-20", "date", None)),
    ("in 2018", ("2018", "gYear", None)),
    ("February 2022", ("2022-02", "gYearMonth", None)),
    ("the 1990s", ("1990", "gYear", "1999")),
    ("2023-04-17", ("2023-04-17", "date", None)),
    ("16-19 April 2023", ("2023-04-16", "date", "2023-04-19")),
    ("17/04/2023", ("2023-04-17", "date", None)),
]


@pytest.mark.parametrize(("expression", "expected"), ABSOLUTE)
def test_without_publication_date_absolute_times_still_normalise(expression, expected):
    value = normalize_time(expression, None)
    assert value is not None
    assert (value.value, value.datatype, value.end) == expected


def test_gibberish_is_not_a_time():
    assert normalize_time("", MON) is None
    assert normalize_time("the committee", MON) is None


# --- in sentences, with the real model ---------------------------------------------


def _times(nlp, text, published, offset=0):
    doc = nlp(text)
    found = [v for sent in doc.sents for v in find_times(sent, published, offset=offset)]
    for value in found:
        assert doc.text[value.start_offset - offset : value.end_offset - offset] == value.text
    return [(v.text, v.value, v.datatype, v.end) for v in found]


SENTENCES = [
    (
        "Russian President Vladimir Putin met Sunday with China's Defense Minister "
        "Li Shangfu in Moscow.",
        MON,
        [("Sunday", "2023-04-16", "date", None)],
    ),
    (
        "Li's trip to Russia – which will last until April 19 – is his first abroad "
        "since he took office last month.",
        MON,
        [
            ("April 19", "2023-04-19", "date", None),
            ("last month", "2023-03", "gYearMonth", None),
        ],
    ),
    (
        "Shares of the carmaker fell 3% last week, and the company is expected to "
        "report first-quarter earnings on Tuesday.",
        MON,
        [
            ("last week", "2023-04-10", "date", "2023-04-16"),
            ("Tuesday", "2023-04-18", "date", None),
        ],
    ),
    (
        "The striker, who joined the club in 2018, scored twice on Saturday and will "
        "play again next Sunday.",
        MON,
        [
            ("2018", "2018", "gYear", None),
            ("Saturday", "2023-04-15", "date", None),
            ("next Sunday", "2023-04-23", "date", None),
        ],
    ),
    (
        "February was the driest on record, forecasters said Monday, and heavy rain "
        "will hit the coast on Friday.",
        MON,
        [
            ("February", "2023-02", "gYearMonth", None),
            ("Monday", "2023-04-17", "date", None),
            ("Friday", "2023-04-21", "date", None),
        ],
    ),
    (
        "The central bank raised rates in December and will meet again on January 31.",
        JAN,
        [
            ("December", "2022-12", "gYearMonth", None),
            ("January 31", "2023-01-31", "date", None),
        ],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), SENTENCES)
def test_find_times_in_sentences(nlp, text, published, expected):
    assert _times(nlp, text, published) == expected


def test_find_times_offsets_point_into_the_original_text(nlp):
    prefix = "Headline.\n\n"
    body = "Russian President Vladimir Putin met Sunday with China's Defense Minister."
    (value,) = _times(nlp, body, MON, offset=len(prefix))
    doc = nlp(body)
    (found,) = find_times(next(doc.sents), MON, offset=len(prefix))
    assert (prefix + body)[found.start_offset : found.end_offset] == "Sunday"
    assert value[1] == "2023-04-16"


def test_find_times_trims_a_run_on_entity(nlp):
    text = "by The Kyiv Independent news desk April 16, 2023 10:06 PM 1 min read"
    doc = nlp(text)
    found = [v for sent in doc.sents for v in find_times(sent, MON)]
    dates = [v for v in found if v.value == "2023-04-16"]
    assert len(dates) == 1
    assert text[dates[0].start_offset : dates[0].end_offset].startswith("April 16, 2023")


def test_find_times_keeps_only_the_understood_words(nlp):
    found = _times(nlp, "Voters will go to the polls on May 14, two weeks after it begins.", MON)
    assert ("May 14", "2023-05-14", "date", None) in found


def test_find_times_skips_durations_and_keeps_unanchored_text(nlp):
    found = _times(nlp, "The three-day visit ended the same month it began.", MON)
    assert ("three-day", None, None, None) not in found
    assert all(value is None for _, value, _, _ in found)


def test_find_times_without_publication_date(nlp):
    found = _times(nlp, "Putin met Li on Sunday, a month after the March 20, 2023 summit.", None)
    assert ("Sunday", None, None, None) in found
    assert ("2023-03-20", "date") in [(value, datatype) for _, value, datatype, _ in found]


def test_find_times_catches_weekdays_the_recogniser_missed(nlp):
    text = "Talks resumed Monday in Geneva and yesterday in Vienna."
    doc = nlp(text)
    found = {v.text: v.value for sent in doc.sents for v in find_times(sent, dt.date(2023, 4, 19))}
    assert found.get("Monday") == "2023-04-17"
    assert found.get("yesterday") == "2023-04-18"


def test_find_times_leaves_names_alone(nlp):
    found = _times(nlp, "The Sunday Times reported that prices may march higher.", MON)
    assert found == []


TENSES = [
    ("Putin met Li on Sunday.", "Sunday", "past"),
    ("Putin has met Li on Sunday.", "Sunday", "past"),
    ("Putin will meet Li on Sunday.", "Sunday", "future"),
    ("Putin is going to meet Li on Sunday.", "Sunday", "future"),
    ("Putin is expected to meet Li on Sunday.", "Sunday", "future"),
    ("Putin meets Li on Sunday.", "Sunday", "unknown"),
    ("Officials said the talks would resume on Thursday.", "Thursday", "future"),
    ("The meeting, which would have taken place Sunday, was cancelled.", "Sunday", "past"),
    ("The trial is scheduled to begin next Monday.", "next Monday", "future"),
    ("Officials said on Monday that the talks would resume.", "Monday", "past"),
    # before the reported clause's subject, the time is the saying's, whatever its head
    ("The refinery said on Friday it would shut two units.", "Friday", "past"),
    ("The refinery said it would shut two units on Friday.", "Friday", "future"),
]


@pytest.mark.parametrize(("text", "words", "tense"), TENSES)
def test_clause_tense(nlp, text, words, tense):
    doc = nlp(text)
    start = text.index(words)
    span = doc.char_span(start, start + len(words))
    assert clause_tense(span) == tense


# --- invariants over many publication dates -------------------------------------------

publication_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


@settings(max_examples=200, deadline=None)
@given(published=publication_dates, weekday=st.integers(0, 6))
def test_a_past_weekday_is_the_latest_on_or_before_publication(published, weekday):
    value = normalize_time(WEEKDAYS[weekday], published, tense="past")
    day = dt.date.fromisoformat(value.value)
    assert day.weekday() == weekday
    assert 0 <= (published - day).days <= 6


@settings(max_examples=200, deadline=None)
@given(published=publication_dates, weekday=st.integers(0, 6))
def test_a_future_weekday_is_the_first_on_or_after_publication(published, weekday):
    value = normalize_time(WEEKDAYS[weekday], published, tense="future")
    day = dt.date.fromisoformat(value.value)
    assert day.weekday() == weekday
    assert 0 <= (day - published).days <= 6


@settings(max_examples=200, deadline=None)
@given(published=publication_dates)
def test_last_week_and_last_month_lie_just_before_publication(published):
    week = normalize_time("last week", published)
    monday, sunday = dt.date.fromisoformat(week.value), dt.date.fromisoformat(week.end)
    assert monday.weekday() == 0 and (sunday - monday).days == 6
    assert 1 <= (published - sunday).days <= 7
    month = normalize_time("last month", published)
    first_of_this_month = published.replace(day=1)
    assert month.value == (first_of_this_month - dt.timedelta(days=1)).strftime("%Y-%m")


@settings(max_examples=200, deadline=None)
@given(published=publication_dates, month=st.integers(1, 12), tense=st.sampled_from(TENSES_ALL))
def test_a_bare_month_is_within_a_year_of_publication(published, month, tense):
    name = dt.date(2000, month, 1).strftime("%B")
    value = normalize_time(f"in {name}", published, tense=tense)
    year, got_month = map(int, value.value.split("-"))
    assert got_month == month
    distance = abs((year * 12 + month) - (published.year * 12 + published.month))
    assert distance <= 11


# The quick test before the slow scan for phrases the entity recogniser missed must
# never rule out a text the scan would match (lookalike letters: long s, Kelvin sign).
@pytest.mark.parametrize(
    "text",
    [
        "They met on Tuesday.",
        "They met last week in Paris.",
        "THEY MET LAST WEEK",
        "It happened yesterday.",
        "It happened YESTERDAY.",
        "It happened yeſterday.",
        "It happened last \u212aweek.",  # "week" with a Kelvin sign
        "Talks resume March 3, 2024.",
        "Talks resume 3 March.",
        "Nothing to see here.",
        "the may march on",
    ],
)
def test_quick_test_never_misses_a_phrase(text):
    from kg.extract.time import _may_hold_missed, _missed_pattern

    if _missed_pattern("en").search(text):
        assert _may_hold_missed(text, "en")


@pytest.mark.parametrize("text", ["Nothing to see here.", "The may march on."])
def test_quick_test_rules_out_texts_without_date_words(text):
    from kg.extract.time import _may_hold_missed

    assert not _may_hold_missed(text, "en")


_PIECES = ["last", "next", "week", "WEEK", "Monday", "yesterday", "March", "3", "rd", " ", ","]
_PIECES += ["ſ", "\u212a", "İ", "ı", "y", "e", "s", "t", "k", "x", "\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_quick_test_is_never_stricter_than_the_scan(text):
    from kg.extract.time import _may_hold_missed, _missed_pattern

    assert _may_hold_missed(text, "en") or not _missed_pattern("en").search(text)
