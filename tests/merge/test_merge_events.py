"""Event coreference across articles, on hand-built reports modelled on the seeds."""

from __future__ import annotations

import tracemalloc

import pytest
from merge_helpers import ArticleBuilder

from kg.merge import merge
from kg.merge.entities import resolve_entities
from kg.merge.events import canonical_events, dates_agree
from kg.merge.factstore import FactStore
from kg.merge.resolution import Resolution
from kg.model import LocalRef, MergedCorpus
from kg.settings import Settings

PER, CITY, FAC, COUNTRY = "Person", "City", "Facility", "Country"


def meeting_report(
    article_id: str, *, date: str | None, time_text: str, place="Moscow", shoigu=True
):
    """One article's report of the Putin-Li meeting, plus Xi's March visit."""
    b = ArticleBuilder(article_id, published="2023-04-17" if date else None)
    b.entity("Vladimir Putin", PER)
    b.entity("Li Shangfu", PER)
    b.entity("Xi Jinping", PER)
    b.entity(place, FAC if place == "Kremlin" else CITY)
    participants = ("Li Shangfu", "Sergei Shoigu") if shoigu else ("Li Shangfu",)
    if shoigu:
        b.entity("Sergei Shoigu", PER)
    b.event(
        "Meeting",
        agent="Vladimir Putin",
        participants=participants,
        place=place,
        date=date,
        time_text=time_text,
    )
    b.event(
        "Visit",
        agent="Xi Jinping",
        participants=("Vladimir Putin",),
        place=place,
        date="2023-03",
        time_text="in March",
        duration="three-day",
    )
    return b.build()


@pytest.fixture
def five_reports():
    return [
        meeting_report("000", date="2023-04-16", time_text="April 16", shoigu=False),
        meeting_report("001", date=None, time_text="Sunday"),
        meeting_report("002", date="2023-04-16", time_text="Sunday"),
        meeting_report("003", date="2023-04-16", time_text="Sunday"),
        meeting_report("004", date=None, time_text="Sunday", place="Kremlin"),
    ]


def test_five_reports_are_one_meeting(five_reports) -> None:
    corpus = merge(five_reports)
    meetings = [e for e in corpus.events if e.kind == "Meeting"]
    assert len(meetings) == 1
    (meeting,) = meetings
    assert meeting.time.value == "2023-04-16"
    names = {e.id: e.name for e in corpus.entities}
    assert {names[p] for p in meeting.participants} == {
        "Vladimir Putin",
        "Li Shangfu",
        "Sergei Shoigu",
    }
    assert names[meeting.place] == "Moscow"
    assert meeting.agent == "person/vladimir-putin"
    assert {m.member.article_id for m in corpus.resolution.members(meeting.id)} == {
        "000",
        "001",
        "002",
        "003",
        "004",
    }
    assert meeting.id == "event/meeting/2023-04-16/li-shangfu/vladimir-putin"


def test_undated_reports_inherit_the_date(five_reports) -> None:
    corpus = merge(five_reports)
    meeting = next(e for e in corpus.events if e.kind == "Meeting")
    reasons = {m.member.article_id: m.reason for m in corpus.resolution.members(meeting.id)}
    assert reasons["001"] == reasons["004"] == "same-participants, date inherited"
    assert corpus.resolution[LocalRef("001", "v1")] == meeting.id


def test_march_visit_is_not_the_april_meeting(five_reports) -> None:
    corpus = merge(five_reports)
    visits = [e for e in corpus.events if e.kind == "Visit"]
    assert len(visits) == 1
    assert visits[0].time.value == "2023-03"
    assert visits[0].id != next(e.id for e in corpus.events if e.kind == "Meeting")


def test_same_people_different_dates_stay_apart() -> None:
    reports = []
    for i, date in enumerate(["2023-03-20", "2023-04-16"]):
        b = ArticleBuilder(f"a{i}")
        b.entity("Vladimir Putin", PER)
        b.entity("Xi Jinping", PER)
        b.event("Meeting", agent="Vladimir Putin", participants=("Xi Jinping",), date=date)
        reports.append(b.build())
    assert len(merge(reports).events) == 2


def test_a_clash_of_event_ids_goes_to_the_event_most_reports_make() -> None:
    reports, keys = [], {}
    for i, country in enumerate(["Germany", "France", "France"]):
        b = ArticleBuilder(f"a{i}")
        b.entity("Emmanuel Macron", PER)
        b.entity("Olaf Scholz", PER)
        b.entity(country, COUNTRY)
        keys[f"a{i}"] = b.event(
            "Meeting", agent="Emmanuel Macron", participants=("Olaf Scholz",), place=country
        )
        reports.append(b.build())
    corpus = merge(reports)
    in_germany, in_france = (
        corpus.resolution.get(LocalRef(article, keys[article])) for article in ("a0", "a1")
    )
    assert corpus.resolution.get(LocalRef("a2", keys["a2"])) == in_france
    assert in_germany.startswith(f"{in_france}-") and len(in_germany) == len(in_france) + 7
    assert sorted(e.id for e in corpus.events) == sorted([in_france, in_germany])
    place_of = {e.id: e.place for e in corpus.events}
    assert place_of[in_france].endswith("france") and place_of[in_germany].endswith("germany")


def test_denied_meeting_is_not_the_meeting() -> None:
    reports = []
    for i, negated in enumerate([False, True]):
        b = ArticleBuilder(f"a{i}")
        b.entity("Vladimir Putin", PER)
        b.entity("Li Shangfu", PER)
        b.event(
            "Meeting",
            agent="Vladimir Putin",
            participants=("Li Shangfu",),
            date="2023-04-16",
            negated=negated,
        )
        reports.append(b.build())
    events = merge(reports).events
    assert len(events) == 2
    assert sorted(e.negated for e in events) == [False, True]


def test_meetings_in_two_countries_stay_apart() -> None:
    reports = []
    for i, country in enumerate(["France", "Germany"]):
        b = ArticleBuilder(f"a{i}")
        b.entity("Emmanuel Macron", PER)
        b.entity("Olaf Scholz", PER)
        b.entity(country, COUNTRY)
        b.event("Meeting", agent="Emmanuel Macron", participants=("Olaf Scholz",), place=country)
        reports.append(b.build())
    assert len(merge(reports).events) == 2


def test_event_ids_survive_a_new_participant(five_reports) -> None:
    before = merge(five_reports[:3])
    after = merge(five_reports)
    ids = lambda corpus: sorted(e.id for e in corpus.events)  # noqa: E731
    assert ids(before) == ids(after)


@pytest.mark.parametrize(
    ("a", "b", "agree"),
    [
        ("2023-04-16", "2023-04", True),
        ("2023-04-16", "2023-04-17", True),
        ("2023-04-16", "2023-04-20", False),
        ("2023-03", "2023-04-16", False),
        ("2023", "2023-04-16", True),
    ],
)
def test_dates_agree(a: str, b: str, agree: bool) -> None:
    assert dates_agree(a, b) is agree


def test_reports_wait_on_disk_while_their_events_are_made(tmp_path) -> None:
    # 3,000 articles each report five meetings: 15,000 reports of five events,
    # which took 4 MiB when they were held until the events were made
    extractions = []
    for n in range(3_000):
        b = ArticleBuilder(f"a{n:04d}", published="2023-04-17")
        for k in range(5):
            b.entity(f"Host {k}", PER)
            b.entity(f"Guest {k}", PER)
            b.event("Meeting", agent=f"Host {k}", participants=(f"Guest {k}",), date="2023-04-16")
        extractions.append(b.build())
    corpus = MergedCorpus(extractions=extractions, resolution=Resolution(), facts=FactStore())
    corpus.article_ids = [x.article.id for x in extractions]
    resolve_entities(corpus, Settings())

    tracemalloc.start()
    try:
        events = list(canonical_events(corpus, tmp_path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [e.participants for e in events] == [
        [f"person/guest-{k}", f"person/host-{k}"] for k in range(5)
    ]
    assert len(corpus.resolution.members(events[0].id)) == 3_000
    assert list(tmp_path.iterdir()) == []  # the table went with the events
    assert peak < 2**20, f"{peak / 2**20:.1f} MiB"  # 0.3 MiB


def disaster_report(article_id: str, place: str, date: str | None):
    b = ArticleBuilder(article_id, published="2023-09-09")
    b.entity(place, COUNTRY)
    b.event("Disaster", place=place, date=date, time_text="Friday" if date else "")
    return b.build()


def test_reports_that_name_no_one_are_one_event_by_place_and_date() -> None:
    corpus = merge(
        [
            disaster_report("000", "Morocco", "2023-09-08"),
            disaster_report("001", "Morocco", "2023-09-08"),
            disaster_report("002", "Morocco", None),  # a place alone is not enough
            disaster_report("003", "Turkey", "2023-09-08"),
        ]
    )
    by_id = {e.id: e for e in corpus.events}
    assert sorted(by_id) == [
        "event/disaster/2023-09-08/morocco",
        "event/disaster/2023-09-08/turkey",
        *(i for i in by_id if i.startswith("event/disaster/undated/")),
    ]
    assert len(by_id) == 3
    morocco = by_id["event/disaster/2023-09-08/morocco"]
    assert morocco.label == "Disaster: Morocco (2023-09-08)"
    members = {m.member.article_id for m in corpus.resolution.members(morocco.id)}
    assert members == {"000", "001"}
