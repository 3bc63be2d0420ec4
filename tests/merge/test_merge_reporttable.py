"""The report table: event reports on disk, read back in the orders the event resolver needs."""

from __future__ import annotations

from array import array

from hypothesis import given
from hypothesis import strategies as st

from kg.merge.reporttable import Report, ReportTable
from kg.model import LocalRef, TimeValue

DATES = [None, "2023", "2023-04", "2023-04-16", "2023-04-17", "2022-12-31"]


@st.composite
def reports(draw) -> list[Report]:
    made = []
    for n in range(draw(st.integers(0, 30))):
        date = draw(st.sampled_from(DATES))  # None: no time, or one with no value
        undated = draw(st.sampled_from([None, TimeValue("last week")]))
        time = TimeValue("Sunday", date, None) if date else undated
        made.append(
            Report(
                ref=LocalRef(draw(st.sampled_from(["a1", "a2", "b"])), f"v{n}"),
                polarity=(draw(st.sampled_from(["Meeting", "Visit"])), draw(st.booleans()), False),
                time=time,
                has_agent=draw(st.booleans()),
                people=tuple(
                    draw(st.lists(st.sampled_from(["person/li", "org/acme"]), unique=True))
                ),
                place=draw(st.sampled_from([None, "city/moscow"])),
            )
        )
    return made


def _precision_order(report: Report) -> tuple:
    """The order the resolver clusters in, as it was stated in Python before the table."""
    value = report.date
    return (value is None, -len(value or ""), value or "", report.ref.article_id, report.ref.key)


@given(reports())
def test_reports_come_back_equal_dated_first_and_most_precise_first(made) -> None:
    table = ReportTable()
    try:
        table.add(iter(made))  # a stream
        assert len(table) == len(made)
        back = list(table.in_order())
        assert [report for _, report in back] == sorted(made, key=_precision_order)
        assert all(made[number] == report for number, report in back)
    finally:
        table.close()


@given(reports(), st.integers(1, 4))
def test_clusters_come_back_in_number_order_each_by_position(made, clusters) -> None:
    placed = array("i", (n % clusters for n in range(len(made))))
    table = ReportTable()
    try:
        table.add(made)
        table.place(placed)
        got = [(cluster, list(members)) for cluster, members in table.by_cluster()]
    finally:
        table.close()
    expected = [
        (c, sorted((r for n, r in enumerate(made) if placed[n] == c), key=lambda r: r.position))
        for c in sorted(set(placed))
    ]
    assert got == expected


def test_the_file_goes_when_the_table_is_closed(tmp_path) -> None:
    table = ReportTable(tmp_path / "reports.sqlite")
    table.add([])
    assert (tmp_path / "reports.sqlite").exists()
    table.close()
    assert list(tmp_path.iterdir()) == []
