"""Helpers for the ingest tests: write a file, read it back through read_articles."""

from __future__ import annotations

from pathlib import Path

import pytest

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


@pytest.fixture
def write(tmp_path):
    """``write(name, text_or_bytes)`` -> the path written in a fresh folder."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return _write
