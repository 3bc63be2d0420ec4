"""Metadata read from the text: dates, datelines, bylines, publishers, headlines."""

import datetime as dt
import re

import pytest
from ingest_helpers import read_one

from kg.ingest.dates import DATE, parse_date, search_date
from kg.ingest.lines import split_lines
from kg.ingest.metadata import MetadataRules

RULES = MetadataRules()
LEAD = "The council of the northern city voted on Tuesday to build a new bridge over the river.\n"
MORE = "Construction is due to start next year, a spokesman for the mayor said.\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("April 17, 2023", dt.date(2023, 4, 17)),
        ("April 16, 2023 10:06 PM", dt.date(2023, 4, 16)),
        ("17 April 2023", dt.date(2023, 4, 17)),
        ("date 2023-04-17", dt.date(2023, 4, 17)),
        ("Published: 2023-04-17T08:30:00+02:00", dt.date(2023, 4, 17)),
        ("Sun 16 Apr 2023 14.03 BST", dt.date(2023, 4, 16)),
        ("Sept. 3, 2020", dt.date(2020, 9, 3)),
        ("Monday, March 3rd, 2021", dt.date(2021, 3, 3)),
        ("By Laith Abu Hamdan - Feb 11,2025 - Last updated at Feb 11,2025", dt.date(2025, 2, 11)),
        ("2023/04/17", dt.date(2023, 4, 17)),
        # day and month as numbers: the one over 12 is the day, either way round
        ("Published on 18/06/2025 - 8:30 GMT+2", dt.date(2025, 6, 18)),
        ("06/18/2025", dt.date(2025, 6, 18)),
        ("18.06.2025", dt.date(2025, 6, 18)),
        ("07/07/2025", dt.date(2025, 7, 7)),
        ("05/06/2025", None),  # 5 June or May 6: no date rather than a wrong one
        ("31/02/2025", None),
        ("18/06.2025", None),
        ("February 30, 2020", None),
        ("no date here", None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "is_metadata"),
    [
        ("April 17, 2023", True),
        ("March 01, 2008", True),
        (" date 2023-04-17 ", True),
        ("Published: April 17, 2023", True),
        ("Updated 6:15 PM EDT, Mon July 15, 2024", True),
        ("Published On 4 Nov 2024", True),
        ("May 3, 2024 4:12 PM GMT+2 Updated 2 hours ago", True),
        ("by The Kyiv Independent news desk April 16, 2023 10:06 PM 1 min read", True),
        ("By Jane Doe, Reuters", True),
        ("By AMINA ODHIAMBO", True),
        ("Fiona Reid Scotland correspondent", True),
        ("Austin, Texas CNN —", True),
        # a byline and datelines on one line, set apart by bars or bullets
        (
            "By Tom Hale, Political Correspondent | Published 14:02 BST, 9 October 2025 | "
            "Updated 16:25 BST, 9 October 2025",
            True,
        ),
        ("Published on 18/06/2025 - 8:30 GMT+2 • Updated 11:02", True),
        ("Issued on: 19/09/2025 - 14:22 Modified: 19/09/2025 - 16:05", True),
        # a bare name or a reading time is a byline only beside a date
        ("Jonathan Price in Turin · Mon 27 Oct 2025 10.14 GMT", True),
        ("Harriet Cole, Health correspondent · Published 3 November 2025 · 4 min read", True),
        ("Chanda Mwale · 14 October 2025", True),
        ("Eleni Markou — 23.07.2025, 16:20", True),
        # labelled credits beside a date
        ("Source: Xinhua | Editor: Zhang Min | 2025-05-16 21:05:30", True),
        ("Source: the ministry | it said prices would rise", False),
        ("Jane Doe · 4 min read", False),
        ("Prices rose | the bank said on 9 October 2025 it would act", False),
        ("On April 17, 2023, the council voted to build a bridge over the river.", False),
        ("By Sunday evening, the rescue teams had reached all of the trapped miners.", False),
        ("Putin meets China's defence minister", False),
    ],
)
def test_metadata_lines(line, is_metadata):
    (parsed,) = split_lines(line)
    assert RULES.is_metadata_line(parsed) is is_metadata


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Iain Mackay | Updated: 09/12/2025 18:02 GMT", dt.date(2025, 12, 9)),
        ("Published 09/12/2025 14:02 CET", dt.date(2025, 12, 9)),
        ("Updated 09/12/2025 6:02 PM EST", dt.date(2025, 9, 12)),
        ("Posted 05/06/2025", None),  # no zone: either order, so no date
        ("Posted 18/06/2025 8:30 EST", dt.date(2025, 6, 18)),  # only one order is a date
    ],
)
def test_time_zone_decides_a_numeric_date(line, expected):
    assert RULES.date_in(line) == expected


@pytest.mark.parametrize(
    ("line", "publisher"),
    [
        (
            "by The Kyiv Independent news desk April 16, 2023 10:06 PM 1 min read",
            "The Kyiv Independent",
        ),
        ("By Jane Doe, Reuters", "Reuters"),
        ("By Jane Doe and John Roe | Al Jazeera", "Al Jazeera"),
        ("By Jane Doe for The Daily Example", "The Daily Example"),
        ("By Jane Doe, Chief Political Correspondent", None),
        ("© 2023 The Harbour Gazette", "The Harbour Gazette"),
        ("Copyright 2024 The Associated Press. All rights reserved.", "The Associated Press"),
        ("Read more exclusive news from Political IQ.", "Political IQ"),
        ("Source: Al Jazeera and news agencies", "Al Jazeera"),
        ("Source: Xinhua | Editor: Zhang Min | 2025-05-16 21:05:30", "Xinhua"),
        ("The council voted to build a bridge.", None),
    ],
)
def test_publisher_patterns(line, publisher):
    assert RULES.publisher_in(line) == publisher


@pytest.mark.parametrize(
    ("line", "publisher", "rest"),
    [
        ("MOSCOW (Reuters) - Russia said on Monday", "Reuters", "Russia said on Monday"),
        ("NAIROBI, Kenya (AP) — Kenya on Tuesday", "AP", "Kenya on Tuesday"),
        ("LONDON, April 16 (Reuters) - Britain said", "Reuters", "Britain said"),
        ("ANTWERP, Belgium, March 6 (Reuters) - Dockers said", "Reuters", "Dockers said"),
        ("Chingola (Zambia) (AFP) - Seven miners died", "AFP", "Seven miners died"),
        ("Lima, May 21 (EFE).- Peru received", "EFE", "Peru received"),
        ("(CNN) — Power demand hit a record", "CNN", "Power demand hit a record"),
        ("Washington CNN — The Senate voted", "CNN", "The Senate voted"),
    ],
)
def test_wire_datelines(line, publisher, rest):
    match = RULES.wire_prefix(line)
    assert match.group("publisher") == publisher
    assert line[match.end() :] == rest


def test_the_council_said_is_not_a_wire_dateline():
    assert RULES.wire_prefix("The council (in a statement) - said it would vote") is None


# Whole articles: (text, title, published, publisher)
ARTICLES = [
    pytest.param(
        "Bridge vote passes\nApril 17, 2023\n" + LEAD + MORE,
        "Bridge vote passes",
        dt.date(2023, 4, 17),
        None,
        id="meantime-style",
    ),
    pytest.param(
        "Skip to content\nEdit post\n\nCity votes for bridge\n\n"
        "by The Harbour Gazette news desk April 16, 2023 10:06 PM 1 min read\n\n" + LEAD + MORE,
        "City votes for bridge",
        dt.date(2023, 4, 16),
        "The Harbour Gazette",
        id="byline-with-date",
    ),
    pytest.param(
        " date 2023-04-17 \n\n\n" + LEAD + MORE,
        None,
        dt.date(2023, 4, 17),
        None,
        id="date-header-no-headline",
    ),
    pytest.param(
        "City votes for bridge\nBy Jane Doe, Reuters\n\nOSLO (Reuters) - " + LEAD + MORE,
        "City votes for bridge",
        None,
        "Reuters",
        id="wire",
    ),
    pytest.param(
        "City votes for bridge\nSource: Xinhua | Editor: Zhang Min | 2023-04-17 21:05:30\n\n"
        "OSLO, Norway (Xinhua) -- " + LEAD + MORE,
        "City votes for bridge",
        dt.date(2023, 4, 17),
        "Xinhua",
        id="labelled-header",
    ),
    pytest.param(
        "City votes for bridge\n" + LEAD + MORE + "\n© 2023 The Harbour Gazette\n",
        "City votes for bridge",
        None,
        "The Harbour Gazette",
        id="copyright",
    ),
]


@pytest.mark.parametrize(
    ("lead", "published"),
    [
        # a lead that dates itself with the right weekday: the publication date
        (
            "OSLO — The council on Tuesday, April 18, 2023, voted to build a bridge.\n",
            dt.date(2023, 4, 18),
        ),
        # a wrong weekday, or no weekday: a date the story mentions, not its own
        ("OSLO — The council on Monday, April 18, 2023, voted to build a bridge.\n", None),
        ("OSLO — The council, founded on April 18, 1923, voted to build a bridge.\n", None),
    ],
)
def test_a_lead_that_dates_itself(write, lead, published):
    article = read_one(write("a.txt", "City votes for bridge\nBy Jane Doe\n\n" + lead + MORE))
    assert article.published == published


@pytest.mark.parametrize(
    ("weekdays", "published"),
    [
        # 7 August 2025 is a Thursday, 8 July 2025 a Tuesday
        ("on Thursday", dt.date(2025, 8, 7)),
        ("late on Wednesday", dt.date(2025, 8, 7)),  # the day before
        ("on Tuesday", dt.date(2025, 7, 8)),
        # neither reading is the day or the day after, or both are: no date
        ("on Saturday", None),
        ("on Tuesday and again on Thursday", None),
        ("this week", None),
    ],
)
def test_the_leads_weekday_decides_a_date_that_reads_both_ways(write, weekdays, published):
    lead = f"OSLO — The council voted {weekdays} to build a bridge over the fjord.\n"
    text = "City votes for bridge\n\nPublished on 07/08/2025 - 11:26\n\n" + lead + MORE
    assert read_one(write("a.txt", text)).published == published


@pytest.mark.parametrize(
    ("weekday", "later", "published"),
    [
        # of the years named, only in 2025 is June 12 a Thursday (2024: a Wednesday)
        ("on Thursday", "He was convicted in May 2025.", dt.date(2025, 6, 12)),
        ("late on Wednesday", "He was convicted in May 2025.", dt.date(2025, 6, 12)),
        # no year named fits, or none is named, or no weekday: no date
        ("on Friday", "He was convicted in May 2025.", None),
        ("on Thursday", "He was convicted last month.", None),
        ("this week", "He was convicted in May 2025.", None),
        # two years fit (June 12 is a Thursday in 2014 and in 2025): no date
        ("on Thursday", "He ran the district from 2014 to May 2025.", None),
    ],
)
def test_a_wire_dateline_without_a_year_takes_the_one_the_story_names(
    write, weekday, later, published
):
    lead = f"ACCRA, June 12 (Reuters) - A court {weekday} sentenced a former district chief.\n"
    text = "Court jails former district chief\n\n" + lead + "\n" + later + "\n" + MORE
    assert read_one(write("a.txt", text)).published == published


def test_the_lead_that_dates_itself_may_follow_a_standfirst(write):
    """The lead is the paragraph with the dateline, for the date as for the place."""
    standfirst = "The bridge will be the longest in the region, its builders say.\n"
    lead = "OSLO — The council on Tuesday, April 18, 2023, voted to build a bridge.\n"
    text = "City votes for bridge\n" + standfirst + "By Jane Doe\n\n" + lead + MORE
    article = read_one(write("a.txt", text))
    assert article.published == dt.date(2023, 4, 18)
    assert article.text[article.dateline.start : article.dateline.end] == "OSLO"


@pytest.mark.parametrize(("text", "title", "published", "publisher"), ARTICLES)
def test_article_metadata(write, text, title, published, publisher):
    article = read_one(write("a.txt", text))
    assert (article.title, article.published, article.publisher) == (title, published, publisher)
    body = article.content_text()
    assert "council of the northern city voted" in body
    for metadata_text in ("2023", "news desk", "By Jane Doe", "(Reuters)", "©"):
        assert metadata_text not in body


@pytest.mark.parametrize(
    "text",
    [
        "Updated April 17, 2023",
        "17 Apr 2023 and 2024-01-02",
        "Monday, March 3rd, 2021 at 10:00",
        "The 12 members met on 3 May",  # no year: no date
        "Flight 2023 left at 10:45",  # a year-like number that is not a date
        "",
    ],
)
def test_search_date_finds_what_the_date_pattern_finds(text):
    found = search_date(text)
    expected = re.search(DATE, text, re.IGNORECASE)
    assert (found and found.span()) == (expected and expected.span())
