"""Helpers for the ingest tests: read a file or folder back through read_articles."""

from __future__ import annotations

from pathlib import Path

from kg.ingest import read_articles
from kg.model import Article, SourceError
from kg.settings import Settings

SAMPLES = Path(__file__).parent / "samples"
SEEDS = Path(__file__).resolve().parents[2] / "sources"
MEANTIME = Path("/work/shared/eval/meantime-en/docs")


def read_all(path: Path, settings: Settings | None = None) -> list[Article | SourceError]:
    return list(read_articles([path], settings))


def read_one(path: Path, settings: Settings | None = None) -> Article | SourceError:
    (item,) = read_all(path, settings)
    return item
