"""Scoring a hand-built graph against the tiny gold folder, every number by hand.

The gold (tests/eval/data/tiny): named mentions on line 3 of a.txt ("Jane
Doe", "Acme Corp", "Paris"), line 4 of a.txt ("Acme Corp"), line 3 of b.txt
("Jane Doe", "Acme", "Berlin"); line 4 of each holds only a nominal or PRO
mention ("the deal", "The company"), which still makes it an annotated line.
Chains: P1 Jane Doe, O1 Acme, L1 Paris, L2 Berlin.
"""

from __future__ import annotations

import pytest
from eval_graphs import build_dataset

from kg.eval.errors import mention_errors
from kg.eval.gold import on_annotated_lines, read_gold
from kg.eval.render import render_table
from kg.eval.report import EvalReport, score_system
from kg.eval.system import graph_mentions
from kg.graph.namespace import KG

SYSTEM = [
    # a.txt line 3: three exact spans, "Paris" typed as an organisation
    ("news/a.txt", 38, 46, KG.Person, "jane-doe", "person/jane-doe"),
    ("news/a.txt", 54, 63, KG.Organization, "acme", "organization/acme"),
    ("news/a.txt", 67, 72, KG.Organization, "paris", "organization/paris"),
    ("news/a.txt", 47, 53, KG.Appointment, "joined", "event/appointment/x"),  # an event
    # a.txt line 4: "Acme" inside gold "Acme Corp": an overlap match only
    ("news/a.txt", 84, 88, KG.Organization, "acme", "organization/acme"),
    # a.txt line 1 (headline) and line 5: not annotated, not counted
    ("news/a.txt", 0, 9, KG.Organization, "acme", "organization/acme"),
    ("news/a.txt", 118, 127, KG.Person, "bob-smith", "person/bob-smith"),
    ("news/a.txt", 136, 141, KG.City, "paris-city", "city/paris"),
    # b.txt line 3: Jane Doe not merged with a.txt's; Acme merged; Berlin missed
    ("news/b.txt", 29, 37, KG.Person, "jane-doe", "person/jane-doe-2"),
    ("news/b.txt", 43, 47, KG.Organization, "acme", "organization/acme"),
    # b.txt line 4: a name the gold does not have, on an annotated line
    ("news/b.txt", 59, 70, KG.Organization, "the-company", "organization/the-company"),
]


@pytest.fixture
def scores(tiny_gold):
    return score_system(read_gold(tiny_gold), graph_mentions(build_dataset(SYSTEM)))


def test_only_mentions_on_annotated_lines_are_counted(tiny_gold):
    counted = on_annotated_lines(read_gold(tiny_gold), graph_mentions(build_dataset(SYSTEM)))
    assert [(m.doc, m.start) for m in counted] == [
        ("news/a.txt", 38),
        ("news/a.txt", 54),
        ("news/a.txt", 67),
        ("news/a.txt", 84),
        ("news/b.txt", 29),
        ("news/b.txt", 43),
        ("news/b.txt", 59),
    ]


def test_mention_scores(scores):
    m = scores.mentions
    # 7 gold, 7 counted; exact: Jane Doe, Acme Corp, Paris (a), Jane Doe, Acme (b) = 5;
    # overlap adds "Acme" in "Acme Corp" = 6; "The company" overlaps no named gold.
    assert (m.gold, m.system, m.exact_matches, m.overlap_matches) == (7, 7, 5, 6)
    assert m.system_overlapping_gold == 6
    assert m.recall_exact == pytest.approx(5 / 7)
    assert m.recall_overlap == pytest.approx(6 / 7)
    assert m.precision_strict == pytest.approx(5 / 7)
    assert m.precision_lenient == pytest.approx(5 / 6)
    assert m.f1 == pytest.approx(2 * (5 / 7) * (5 / 6) / (5 / 7 + 5 / 6))
    # "Paris" as ORG is the one type error: 4 of 5 exact pairs, 5 of 6 overlap pairs
    assert m.typed_accuracy_exact == pytest.approx(4 / 5)
    assert m.typed_accuracy_overlap == pytest.approx(5 / 6)
    # PER: both Jane Does; ORG: 2 of 3 exact (not a.txt line 4 "Acme Corp"), all 3
    # overlapping; LOC: Paris (matched untyped) but not Berlin
    assert m.recall_exact_by_type == pytest.approx({"LOC": 0.5, "ORG": 2 / 3, "PER": 1.0})
    assert m.recall_overlap_by_type == pytest.approx({"LOC": 0.5, "ORG": 1.0, "PER": 1.0})


def test_coreference_on_exact_matches(scores):
    # key {JDa, JDb} {ACa, Acmeb} {Paris}; response {JDa} {JDb} {ACa, Acmeb} {Paris}
    # MUC: R = (0 + 1 + 0) / (1 + 1 + 0) = 1/2, P = 1/1.
    # B3: R = (1/2 + 1/2 + 1 + 1 + 1) / 5 = 4/5, P = 1.
    # CEAF-e: best = 2/3 + 1 + 1 = 8/3; R = 8/9, P = 8/12.
    c = scores.coref_exact
    assert c.mentions == 5
    assert (c.muc.precision, c.muc.recall) == pytest.approx((1.0, 0.5))
    assert (c.b_cubed.precision, c.b_cubed.recall) == pytest.approx((1.0, 0.8))
    assert (c.ceaf_e.precision, c.ceaf_e.recall) == pytest.approx((2 / 3, 8 / 9))
    ceaf_f = 2 * (2 / 3) * (8 / 9) / (2 / 3 + 8 / 9)
    assert c.conll_f1 == pytest.approx((2 / 3 + 8 / 9 + ceaf_f) / 3)


def test_coreference_on_overlap_matches(scores):
    # the pair ("Acme Corp" line 4, "Acme") joins O1 and organization/acme:
    # key {JDa, JDb} {AC3, AC4, Acmeb} {Paris}; response {JDa} {JDb} {AC3, AC4, Acmeb} {Paris}
    # MUC: R = (0 + 2) / (1 + 2) = 2/3, P = 2/2.  B3: R = (1/2 + 1/2 + 1+1+1 + 1) / 6 = 5/6.
    # CEAF-e: best = 2/3 + 1 + 1 = 8/3; R = 8/9, P = 8/12.
    c = scores.coref_overlap
    assert c.mentions == 6
    assert (c.muc.precision, c.muc.recall) == pytest.approx((1.0, 2 / 3))
    assert (c.b_cubed.precision, c.b_cubed.recall) == pytest.approx((1.0, 5 / 6))
    assert (c.ceaf_e.precision, c.ceaf_e.recall) == pytest.approx((2 / 3, 8 / 9))
    assert c.conll_f1 == pytest.approx((0.8 + 10 / 11 + c.ceaf_e.f1) / 3)


def test_a_perfect_system_scores_one(tiny_gold):
    gold = read_gold(tiny_gold)
    kinds = {"PER": KG.Person, "ORG": KG.Organization, "LOC": KG.Place}
    perfect = [
        (g.doc, g.start, g.end, kinds[g.type], f"n{i}", f"entity/{g.chain}")
        for i, g in enumerate(gold.named_entities())
    ]
    result = score_system(gold, graph_mentions(build_dataset(perfect)))
    assert result.mentions.f1 == result.mentions.precision_strict == 1.0
    assert result.coref_exact.conll_f1 == pytest.approx(1.0)


def test_table_puts_kg_and_baseline_side_by_side(tiny_gold, scores):
    gold = read_gold(tiny_gold)
    # a "baseline" that found nothing but "Jane Doe" in a.txt
    one = [("news/a.txt", 38, 46, KG.Person, "jane-doe", "person/jane-doe")]
    baseline = score_system(gold, graph_mentions(build_dataset(one)))
    table = render_table(EvalReport(2, "a-model", scores, baseline))
    rows = {line[:38].strip(): line[38:].split() for line in table.splitlines()}
    assert rows["recall, exact"] == ["0.714", "0.143", "+0.571"]
    assert rows["exact matches"] == ["5", "1", "+4"]
    assert rows["recall, exact, PER"] == ["1.000", "0.500", "+0.500"]
    conll = [line.split()[2] for line in table.splitlines() if "CoNLL F1" in line]
    assert conll == [f"{scores.coref_exact.conll_f1:.3f}", f"{scores.coref_overlap.conll_f1:.3f}"]
    assert "kg eval: 2 documents, model a-model" in table


def test_errors_name_each_mistake(tiny_gold):
    errors = mention_errors(read_gold(tiny_gold), graph_mentions(build_dataset(SYSTEM)))
    summary = [(e["error"], e.get("doc"), e.get("line"), e.get("text")) for e in errors]
    assert summary == [
        ("type", "news/a.txt", 3, "Paris"),
        ("boundary", "news/a.txt", 4, "Acme Corp"),
        ("missed", "news/b.txt", 3, "Berlin"),
        ("spurious", "news/b.txt", 4, "The company"),
        # Jane Doe's chain is split over the two articles' clusters
        ("split", None, None, None),
    ]
    assert errors[0]["found_type"] == "ORG"
    assert errors[1]["found"] == "Acme"
    assert errors[-1]["clusters"] == [
        "https://kg.example.org/person/jane-doe",
        "https://kg.example.org/person/jane-doe-2",
    ]
