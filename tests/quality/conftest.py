"""One build of every quality sample per test session, scored once."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from quality_scoring import (
    Observation,
    Summary,
    build_samples,
    by_batch,
    load_gold,
    observe,
    read_baseline,
    render,
    score,
    summarise,
)
from rdflib import Dataset


@dataclass
class QualityRun:
    dataset: Dataset
    gold: list[dict]
    observation: Observation
    summary: Summary
    baseline: dict
    report: Path  # the plain-text summary written next to the build


@pytest.fixture(scope="session")
def quality_run(tmp_path_factory) -> QualityRun:
    """``kg.pipeline.run`` over tests/quality/samples/, scored against expected/."""
    output = tmp_path_factory.mktemp("quality-build")
    dataset = build_samples(output)
    gold = load_gold()
    observation = observe(dataset)
    checks = score(gold, observation)
    summary = summarise(checks)
    baseline = read_baseline()
    text = render(summary, baseline, by_batch(gold, checks))
    report = output / "quality-report.txt"
    report.write_text(text + "\n", encoding="utf-8")
    (output / "quality-report.json").write_text(summary.to_json() + "\n", encoding="utf-8")
    print(f"\n{text}\n(written to {report})")
    return QualityRun(dataset, gold, observation, summary, baseline, report)
