"""The scorers on clusterings small enough to score by hand."""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.eval.metrics import (
    MatchMode,
    b_cubed,
    best_assignment,
    ceaf_e,
    cluster_by,
    conll_f1,
    match_mentions,
    muc,
)


def clusters(*groups: str) -> list[frozenset[str]]:
    return [frozenset(group) for group in groups]


def approx(precision: float, recall: float, f1: float):
    return pytest.approx((precision, recall, f1))


# Pradhan et al. (2014), "Scoring coreference partitions of predicted
# mentions", worked example: key {a,b,c} {d,e,f,g}, response {a,b} {c,d} {f,g,h,i}.
KEY = clusters("abc", "defg")
RESPONSE = clusters("ab", "cd", "fghi")


def test_muc_classic_example():
    # Recall: {a,b,c} is cut into {a,b} {c}: 3-2 = 1 link; {d,e,f,g} into {d} {e} {f,g}
    # (e, missing from the response, is a piece of its own): 4-3 = 1.  R = 2 / (2+3) = 0.4.
    # Precision: {a,b} 2-1 = 1; {c,d} 2-2 = 0; {f,g,h,i} -> {f,g} {h} {i} 4-3 = 1.
    # P = 2 / (1+1+3) = 0.4.  F = 0.4.
    score = muc(KEY, RESPONSE)
    assert (score.precision, score.recall, score.f1) == approx(0.4, 0.4, 0.4)


def test_b_cubed_classic_example():
    # Recall: {a,b,c}: (2^2 + 1^2)/3 = 5/3; {d,e,f,g}: (1^2 + 2^2)/4 = 5/4 (e adds 0).
    # R = (5/3 + 5/4) / 7 = 35/84.
    # Precision: {a,b}: 4/2 = 2; {c,d}: (1+1)/2 = 1; {f,g,h,i}: 4/4 = 1.  P = 4/8.
    # F = 2 * 0.5 * 35/84 / (0.5 + 35/84) = 5/11.
    score = b_cubed(KEY, RESPONSE)
    assert (score.precision, score.recall, score.f1) == approx(0.5, 35 / 84, 5 / 11)


def test_ceaf_e_classic_example():
    # phi4: K1-R1 2*2/5 = 0.8, K1-R2 2/5 = 0.4, K2-R2 2/6 = 1/3, K2-R3 2*2/8 = 0.5.
    # Best alignment K1-R1 + K2-R3 = 1.3 (K1-R2 + K2-R3 = 0.9, K1-R1 + K2-R2 = 1.13).
    # R = 1.3/2 = 0.65, P = 1.3/3, F = 2 * 0.65 * 1.3/3 / (0.65 + 1.3/3) = 0.52.
    score = ceaf_e(KEY, RESPONSE)
    assert (score.precision, score.recall, score.f1) == approx(1.3 / 3, 0.65, 0.52)


def test_conll_classic_example():
    assert conll_f1(KEY, RESPONSE) == pytest.approx((0.4 + 5 / 11 + 0.52) / 3)


@pytest.mark.parametrize(
    "key, response, expected",
    [
        # identical clusterings with links: perfect everywhere
        (clusters("ab", "cde"), clusters("ab", "cde"), (1.0, 1.0, 1.0)),
        # all singletons: no links on either side, MUC is 0/0 -> 0
        (clusters("a", "b", "c"), clusters("a", "b", "c"), (0.0, 0.0, 0.0)),
        # response merges everything: R = (1 + 2)/(1 + 2) = 1, P = 3/4
        (clusters("ab", "cde"), clusters("abcde"), (0.75, 1.0, 6 / 7)),
        # response splits everything: no link found, R = 0; no link proposed, P = 0/0 = 0
        (clusters("ab", "cde"), clusters("a", "b", "c", "d", "e"), (0.0, 0.0, 0.0)),
        # empty response
        (clusters("ab"), [], (0.0, 0.0, 0.0)),
    ],
)
def test_muc_edge_cases(key, response, expected):
    score = muc(key, response)
    assert (score.precision, score.recall, score.f1) == approx(*expected)


@pytest.mark.parametrize(
    "key, response, expected",
    [
        # singletons are scored by B-cubed, unlike MUC
        (clusters("a", "b", "c"), clusters("a", "b", "c"), (1.0, 1.0, 1.0)),
        # one cluster of 5 for {a,b} {c,d,e}: P = (2*2/5... per mention 2/5 or 3/5)
        # = (2 * 2/5 + 3 * 3/5) / 5 = 13/25, R = 1
        (clusters("ab", "cde"), clusters("abcde"), (13 / 25, 1.0, 2 * 13 / 25 / (1 + 13 / 25))),
        (clusters("ab"), [], (0.0, 0.0, 0.0)),
    ],
)
def test_b_cubed_edge_cases(key, response, expected):
    score = b_cubed(key, response)
    assert (score.precision, score.recall, score.f1) == approx(*expected)


@pytest.mark.parametrize(
    "key, response, expected",
    [
        (clusters("a", "b", "c"), clusters("a", "b", "c"), (1.0, 1.0, 1.0)),
        # {a,b} {c,d,e} vs one cluster: best is {c,d,e}-{abcde} = 2*3/8 = 0.75;
        # R = 0.75/2, P = 0.75/1
        (clusters("ab", "cde"), clusters("abcde"), (0.75, 0.375, 0.5)),
        (clusters("ab"), [], (0.0, 0.0, 0.0)),
    ],
)
def test_ceaf_e_edge_cases(key, response, expected):
    score = ceaf_e(key, response)
    assert (score.precision, score.recall, score.f1) == approx(*expected)


def test_cluster_by_groups_ids_by_label():
    assert sorted(map(sorted, cluster_by([(1, "x"), (2, "y"), (3, "x")]))) == [[1, 3], [2]]


# -- the assignment behind CEAF-e ---------------------------------------------


def brute_force_best(weights: list[list[float]]) -> float:
    rows, cols = len(weights), len(weights[0])
    if rows <= cols:
        return max(
            sum(weights[i][j] for i, j in enumerate(perm))
            for perm in itertools.permutations(range(cols), rows)
        )
    return max(
        sum(weights[i][j] for j, i in enumerate(perm))
        for perm in itertools.permutations(range(rows), cols)
    )


weight_matrices = st.integers(1, 5).flatmap(
    lambda rows: st.lists(
        st.lists(st.sampled_from([0.0, 0.0, 0.25, 0.5, 1.0, 0.7]), min_size=rows, max_size=rows),
        min_size=1,
        max_size=5,
    )
)


@given(weight_matrices)
def test_best_assignment_is_optimal_and_one_to_one(weights):
    pairs = best_assignment(weights)
    assert len({i for i, _ in pairs}) == len(pairs) == len({j for _, j in pairs})
    total = sum(weights[i][j] for i, j in pairs)
    assert total == pytest.approx(brute_force_best(weights))


def test_best_assignment_prefers_total_over_greedy():
    # Greedy would take the 0.9 and leave 0.0; the optimum is 0.8 + 0.8.
    assert best_assignment([[0.9, 0.8], [0.8, 0.0]]) == [(0, 1), (1, 0)]


# -- mention matching ---------------------------------------------------------


@dataclass(frozen=True)
class M:
    doc: str
    start: int
    end: int


@pytest.mark.parametrize(
    "gold, system, mode, expected",
    [
        # identical spans only, in exact mode
        ([M("d", 0, 5), M("d", 10, 15)], [M("d", 0, 5), M("d", 10, 14)], "exact", [(0, 0)]),
        # the same offsets in another document are no match
        ([M("d", 0, 5)], [M("e", 0, 5)], "exact", []),
        ([M("d", 0, 5)], [M("e", 0, 5)], "overlap", []),
        # overlap: one shared character is enough; touching spans share none
        ([M("d", 0, 5), M("d", 10, 15)], [M("d", 4, 8), M("d", 15, 20)], "overlap", [(0, 0)]),
        # one to one: two system mentions inside one gold span, only one is paired
        ([M("d", 0, 20)], [M("d", 0, 5), M("d", 6, 20)], "overlap", [(0, 1)]),
        # nested gold "Airbus" / "Airbus parent EADS": the exact span wins
        ([M("d", 0, 18), M("d", 0, 6)], [M("d", 0, 6)], "overlap", [(1, 0)]),
        # ... and the longer system span goes to the gold span it covers best
        (
            [M("d", 0, 6), M("d", 0, 18)],
            [M("d", 0, 6), M("d", 0, 17)],
            "overlap",
            [(0, 0), (1, 1)],
        ),
        # ties are broken by position: the earlier system mention
        ([M("d", 2, 4)], [M("d", 3, 5), M("d", 1, 3)], "overlap", [(0, 1)]),
    ],
)
def test_match_mentions(gold, system, mode, expected):
    assert match_mentions(gold, system, MatchMode(mode)) == expected
