"""Fixtures for the merge tests: the seed articles, extracted once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SOURCES = ROOT / "sources"


@pytest.fixture(scope="session")
def seed_extractions():
    """The five seed articles, extracted once (real spaCy), by article id."""
    from kg.extract import extract_articles
    from kg.ingest import read_articles
    from kg.model import SourceError
    from kg.settings import Settings

    settings = Settings(use_cache=False)
    articles = [a for a in read_articles([SOURCES], settings) if not isinstance(a, SourceError)]
    return {x.article.id: x for x in extract_articles(articles, settings)}
