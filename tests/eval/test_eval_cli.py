"""``kg eval`` end to end: the real pipeline on three MEANTIME articles."""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.eval.gold import read_gold
from kg.eval.report import score_system
from kg.eval.system import baseline_mentions

# Three MEANTIME articles: two on one story (shared chains: Airbus, Boeing,
# EADS ...) and one on another; see data/meantime-3/README.md.
MEANTIME_3 = Path(__file__).parent / "data" / "meantime-3"

RATES = {
    "recall_exact",
    "recall_overlap",
    "precision_strict",
    "precision_lenient",
    "f1",
    "typed_accuracy_exact",
    "typed_accuracy_overlap",
}


@pytest.fixture(scope="module")
def subset(tmp_path_factory) -> Path:
    """A copy of the gold folder, so that nothing can write into the repository."""
    root = tmp_path_factory.mktemp("meantime") / "meantime-3"
    shutil.copytree(MEANTIME_3, root)
    return root


@pytest.fixture(scope="module")
def run(subset, tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    errors = cache / "errors.jsonl"
    args = ["eval", str(subset), "--json", "--cache-dir", str(cache), "--errors", str(errors), "-q"]
    outcome = CliRunner().invoke(main, args, catch_exceptions=False)
    assert outcome.exit_code == 0, outcome.output
    records = [json.loads(line) for line in errors.read_text(encoding="utf-8").splitlines()]
    return json.loads(outcome.stdout), records


@pytest.fixture(scope="module")
def result(run):
    return run[0]


def test_json_has_every_number_for_both_systems(result):
    assert result["documents"] == 3
    for system in ("kg", "baseline"):
        mentions = result[system]["mentions"]
        assert set(mentions) >= RATES
        assert all(0.0 <= mentions[name] <= 1.0 for name in RATES)
        assert mentions["gold"] > 0
        assert set(mentions["recall_exact_by_type"]) == {"PER", "ORG", "LOC"}
        for mode in ("exact", "overlap"):
            coref = result[system][f"coref_{mode}"]
            assert 0.0 <= coref["conll_f1"] <= 1.0
            for metric in ("muc", "b_cubed", "ceaf_e"):
                assert set(coref[metric]) == {"precision", "recall", "f1"}
                assert all(0.0 <= value <= 1.0 for value in coref[metric].values())


def test_both_systems_are_scored_on_the_same_gold(result):
    assert result["kg"]["mentions"]["gold"] == result["baseline"]["mentions"]["gold"]


def test_baseline_equals_the_library_functions(result, subset, nlp):
    gold = read_gold(subset)
    expected = asdict(score_system(gold, baseline_mentions(gold.texts, nlp)))
    assert result["baseline"] == json.loads(json.dumps(expected))


def test_a_broken_gold_folder_is_a_clear_error(tmp_path):
    (tmp_path / "docs").mkdir()
    outcome = CliRunner().invoke(main, ["eval", str(tmp_path), "-q"])
    assert outcome.exit_code != 0
    assert "no gold.jsonl" in outcome.output


def test_errors_file_accounts_for_every_unmatched_mention(run):
    scores, records = run
    mentions = scores["kg"]["mentions"]
    count = {kind: sum(1 for r in records if r["error"] == kind) for kind in ("missed", "spurious")}
    assert count["missed"] == mentions["gold"] - mentions["overlap_matches"]
    assert count["spurious"] == mentions["system"] - mentions["overlap_matches"]
    kinds = {"missed", "spurious", "boundary", "type", "split", "merged"}
    assert {r["error"] for r in records} <= kinds
