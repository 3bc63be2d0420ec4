"""The merge's indexed shortcuts agree with the pairwise definitions they replace.

Where a name, a role or a quote recurs in thousands of articles, comparing
every member with every other costs the square of the corpus; the merge
looks candidates up in an index instead.  These tests draw random inputs
and check that the index finds what the pairwise rule would.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kg.merge.entities import Record, _namesakes, _role_words, _signature
from kg.merge.events import _Cluster, _ClusterIndex, _Report
from kg.model import Entity, Event, LocalRef, Mention

PERSON = "Person"
LABELS = ["minister", "defense minister", "farmer", "ceo", "chief executive", "spokesman"]
EMPLOYERS = ["acme", "acme group", "iowa farm bureau", "china", "boeing", None]


def _record(index: int, roles: list[tuple[str, str | None]]) -> Record:
    return Record(
        index=index,
        ref=LocalRef(f"a{index:04d}", "e1"),
        entity=Entity(key="e1", name="John Smith", kind=PERSON),
        kind=PERSON,
        key="john smith",
        words=("john", "smith"),
        roles=tuple(sorted(set(roles), key=str)),
    )


def _pairwise_namesakes(group: list[Record]) -> list[list[Record]]:
    """The definition: a record joins the first part with a member it shares a role word with."""
    employed = [r for r in group if _signature(r)[1]]
    if len(employed) < 2:
        return [group]
    parts: list[list[Record]] = []
    for record in sorted(employed, key=lambda r: (r.ref.article_id, r.ref.key)):
        home = next(
            (p for p in parts if any(_role_words(o) & _role_words(record) for o in p)), None
        )
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
    rng.shuffle(records)  # the parts must not depend on the order records arrive in
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
TRIGGER = Mention(start=0, end=0, text="", kind="EVENT", source_label="verb")


def _pairwise_candidates(report: _Report, clusters: list[_Cluster], polarity) -> dict[int, int]:
    """The definition: clusters of the report's polarity sharing at least
    min(2, its people, theirs) people, with the number shared."""
    found = {}
    for cluster in clusters:
        if (cluster.kind, cluster.negated, cluster.hedged) != polarity:
            continue
        shared = len(set(report.people) & set(cluster.people))
        if shared and shared >= min(2, len(report.people), len(cluster.people)):
            found[cluster.index] = shared
    return found


reports_strategy = st.lists(
    st.tuples(
        st.sampled_from(["Meeting", "Visit"]),
        st.booleans(),
        st.lists(st.sampled_from(POOL), unique=True, max_size=4),
        st.integers(min_value=0, max_value=3),  # which earlier cluster to join, if it may
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(reports_strategy)
def test_event_candidates_equal_the_pairwise_rule(specs) -> None:
    clusters: list[_Cluster] = []
    index = _ClusterIndex(clusters)
    for i, (kind, negated, people, choice) in enumerate(specs):
        event = Event(key="v1", kind=kind, trigger=TRIGGER, negated=negated)
        report = _Report(LocalRef(f"a{i:03d}", "v1"), event, people, None)
        polarity = (kind, negated, False)
        found = index.candidates(report, polarity)
        assert found == _pairwise_candidates(report, clusters, polarity)
        # join one of the candidates (any: the index must follow whatever the merge picks)
        options = sorted(found)
        if options and choice:
            cluster = clusters[options[choice % len(options)]]
        else:
            cluster = _Cluster(len(clusters), *polarity)
            clusters.append(cluster)
        index.add(cluster, report, polarity)
