"""Fixtures for the eval tests: the tiny gold folder and spaCy."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.settings import Settings

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def nlp():
    from kg.extract.nlp import load_nlp

    return load_nlp(Settings().model)


@pytest.fixture
def tiny_gold() -> Path:
    """Two articles, a cross-document person and organisation, see gold.jsonl."""
    return DATA / "tiny"
