"""The merge's indexed shortcuts agree with the pairwise definitions they replace.

Where a name, a role or a quote recurs in thousands of articles, comparing
every member with every other costs the square of the corpus; the merge
looks candidates up in an index instead.  These tests draw random inputs
and check that the index finds what the pairwise rule would.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.merge.entities import _namesakes, _signature
from kg.merge.events import _best, _Cluster, _ClusterIndex, _match
from kg.merge.records import Profile, Record
from kg.merge.reporttable import Report
from kg.model import LocalRef, TimeValue

PERSON = "Person"
# Some words are in both lists ("defense", "china"): a label word must not meet an employer's.
LABELS = ["minister", "defense minister", "farmer", "ceo", "chief executive", "china hand", ""]
EMPLOYERS = ["acme", "acme group", "iowa farm bureau", "china", "defense ministry", "boeing", None]


def _record(index: int, roles: list[tuple[str, str | None]]) -> Record:
    profile = Profile(
        name="John Smith",
        aliases=(),
        votes=((PERSON, 1.0),),
        strong=frozenset(),
        metonymy=None,
        kind=PERSON,
        key="john smith",
        words=("john", "smith"),
        roles=tuple(sorted(set(roles), key=str)),
    )
    return Record(index=index, ref=LocalRef(f"a{index:04d}", "e1"), mentions=1, profile=profile)


def _same_person(a: Record, b: Record) -> bool:
    """The rule, as the merge stated it before the index: a word shared by two labels or
    by two employers."""
    labels_a, orgs_a = _signature(a)
    labels_b, orgs_b = _signature(b)
    words = lambda texts: {w for t in texts for w in t.split()}  # noqa: E731
    return bool(words(orgs_a) & words(orgs_b) or words(labels_a) & words(labels_b))


def _pairwise_namesakes(group: list[Record]) -> list[list[Record]]:
    """The definition: a record joins the first part with a member that may be the same person."""
    employed = [r for r in group if _signature(r)[1]]
    if len(employed) < 2:
        return [group]
    parts: list[list[Record]] = []
    for record in sorted(employed, key=lambda r: (r.ref.article_id, r.ref.key)):
        home = next((p for p in parts if any(_same_person(o, record) for o in p)), None)
        if home is None:
            parts.append(home := [])
        home.append(record)
    parts.sort(key=lambda p: (-len({r.ref.article_id for r in p}), p[0].ref.article_id))
    parts[0].extend(r for r in group if not _signature(r)[1])
    return parts


roles_strategy = st.lists(
    st.tuples(st.sampled_from(LABELS), st.sampled_from(EMPLOYERS)), min_size=0, max_size=3
)


@settings(max_examples=300, deadline=None)
@given(st.lists(roles_strategy, min_size=0, max_size=40), st.randoms(use_true_random=False))
def test_namesake_parts_equal_the_pairwise_rule(roles_per_record, rng) -> None:
    records = [_record(i, roles) for i, roles in enumerate(roles_per_record)]
    rng.shuffle(records)  # records arrive in any order
    assert _namesakes(records) == _pairwise_namesakes(records)


def test_a_record_bridging_two_parts_joins_the_first() -> None:
    # part 0: acme; part 1: boeing; a record of both employers joins part 0, which from
    # then on holds "boeing" too, so a later boeing record joins part 0, not part 1
    records = [
        _record(0, [("ceo", "acme")]),
        _record(1, [("farmer", "boeing")]),
        _record(2, [("spokesman", "acme"), ("spokesman", "boeing")]),
        _record(3, [("minister", "boeing")]),
    ]
    parts = _namesakes(records)
    assert parts == _pairwise_namesakes(records)
    assert [[r.index for r in p] for p in parts] == [[0, 2, 3], [1]]


# --- events: the clusters a report may join ----------------------------------------------

POOL = ["country/russia", "country/china", "person/a", "person/b", "person/c", "person/d"]


def _pairwise_candidates(report: Report, clusters: list[_Cluster], polarity) -> dict[int, int]:
    """The definition: clusters of the report's polarity sharing at least
    min(2, its people, theirs) people, with the number shared; for a report
    that names no one, the clusters that name no one at its place."""
    found = {}
    for cluster in clusters:
        if (cluster.kind, cluster.negated, cluster.hedged) != polarity:
            continue
        if not report.people:
            if report.place and not cluster.people and report.place in cluster.places:
                found[cluster.index] = 1
            continue
        shared = len(set(report.people) & set(cluster.people))
        if shared and shared >= min(2, len(report.people), len(cluster.people)):
            found[cluster.index] = shared
    return found


def _pairwise_best(report: Report, clusters: list[_Cluster], polarity, kinds) -> int | None:
    """The definition: the best-scoring cluster of all, the first (lowest index) on a tie."""
    best, best_score = None, 0.0
    for c, shared in sorted(_pairwise_candidates(report, clusters, polarity).items()):
        score = _match(report, clusters[c], kinds, shared)
        if score > best_score:
            best, best_score = c, score
    return best


DATES = [None, "2023", "2023-04", "2023-04-16", "2023-04-17", "2023-04-25", "2024-01-01"]
PLACES = [None, "country/russia", "country/china", "city/moscow"]
KINDS = {"country/russia": "Country", "country/china": "Country", "city/moscow": "City"}

reports_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Meeting", "Visit"]),
        st.booleans(),
        st.lists(st.sampled_from(POOL), unique=True, max_size=4),
        st.sampled_from(DATES),
        st.sampled_from(PLACES),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(reports_strategy)
def test_event_candidates_and_choice_equal_the_pairwise_rule(specs) -> None:
    clusters: list[_Cluster] = []
    index = _ClusterIndex(clusters)
    for i, (kind, negated, people, date, place) in enumerate(specs):
        time = TimeValue(text=date, value=date, datatype="date") if date else None
        polarity = (kind, negated, False)
        report = Report(LocalRef(f"a{i:03d}", "v1"), polarity, time, False, people, place)
        found = index.candidates(report, polarity)
        assert found == _pairwise_candidates(report, clusters, polarity)
        chosen = _best(report, clusters, found, KINDS)
        expected = _pairwise_best(report, clusters, polarity, KINDS)
        assert (chosen.index if chosen else None) == expected
        if chosen is None:
            chosen = _Cluster(len(clusters), *polarity)
            clusters.append(chosen)
        index.add(chosen, report, polarity)
