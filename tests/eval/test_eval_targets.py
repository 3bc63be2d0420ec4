"""The measured targets on the development set: a gate that fails when quality drops.

MEANTIME (../shared/eval/meantime-en) is real news nobody on this project
wrote.  The targets are the extraction issue's; each must also beat the
plain-spaCy baseline computed in the same run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.eval import evaluate
from kg.settings import Settings

MEANTIME = Path(__file__).resolve().parents[3] / "shared" / "eval" / "meantime-en"


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    assert (MEANTIME / "gold.jsonl").is_file(), f"the development set is missing: {MEANTIME}"
    output = tmp_path_factory.mktemp("meantime")
    return evaluate(MEANTIME, Settings(output_dir=output, use_cache=False)).to_dict()


@pytest.mark.parametrize(
    "path, target",
    [
        (("mentions", "recall_exact"), 0.85),
        (("mentions", "precision_lenient"), 0.90),
        (("coref_exact", "conll_f1"), 0.92),
        (("coref_overlap", "conll_f1"), 0.88),
    ],
)
def test_target_is_met_and_beats_the_baseline(report, path, target):
    section, name = path
    ours, baseline = report["kg"][section][name], report["baseline"][section][name]
    assert ours >= target, f"{section}.{name} = {ours:.3f}, target {target}"
    assert ours > baseline, f"{section}.{name} = {ours:.3f}, baseline {baseline:.3f}"
