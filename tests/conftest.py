"""Fixtures shared across the suite: one real build of sources/ per test session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import hypothesis
import pytest
from rdflib import Dataset

from kg.graph.io import read_dataset
from kg.pipeline import BuildReport, run
from kg.settings import Settings

# The property tests draw the same examples on every run, so that a red run names a bug
# rather than bad luck (one found "й" and "и" sharing a slug on its own, at random);
# HYPOTHESIS_PROFILE=explore draws new ones.
hypothesis.settings.register_profile("repeatable", derandomize=True)
hypothesis.settings.register_profile("explore", derandomize=False)
hypothesis.settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "repeatable"))

ROOT = Path(__file__).resolve().parents[1]
SOURCES = ROOT / "sources"
ALL_FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "html")


@dataclass
class SeedBuild:
    dataset: Dataset
    report: BuildReport
    output: Path
    settings: Settings


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory) -> SeedBuild:
    """``kg build`` of the shipped sources/ in every format, done once."""
    output = tmp_path_factory.mktemp("seed-build")
    settings = Settings(output_dir=output, formats=ALL_FORMATS, use_cache=False)
    report = run([SOURCES], settings)
    dataset = read_dataset(output / "graph.trig")  # what a user of the files reads
    return SeedBuild(dataset=dataset, report=report, output=output, settings=settings)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    """One headless Chromium for the session, shared by every test that opens the viewer.

    Playwright's sync API cannot be started twice in one thread, so there is
    exactly one.  A browser that cannot start fails the tests; it never skips.
    """
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    assert executable, "chromium is not installed (apt-get install chromium)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
            ],
        )
        yield browser
        browser.close()
