"""The spill: whole extractions on disk while the merge runs, read back in article order."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
from pathlib import Path

import pytest

from kg.model import Article, ArticleExtraction, Entity, Mention
from kg.pipeline import BuildReport, build_corpus, build_info
from kg.scratch import SCRATCH_PREFIX
from kg.settings import Settings
from kg.spill import ExtractionSpill

SOURCES = Path(__file__).resolve().parents[1] / "sources"


def _extraction(article_id: str, name: str) -> ArticleExtraction:
    text = f"{name} spoke on Sunday."
    mention = Mention(0, len(name), name, "Person", "PERSON")
    return ArticleExtraction(
        article=Article(id=article_id, source=article_id, text=text),
        entities=[Entity(key="e1", name=name, kind="Person", mentions=[mention])],
    )


def test_extractions_come_back_whole_sorted_by_article_then_arrival(tmp_path):
    added = [
        _extraction("b.txt", "Ada Lovelace"),
        _extraction("a.txt", "Grace Hopper"),
        _extraction("b.txt", "Alan Turing"),  # the same id twice: arrival order decides
    ]
    with ExtractionSpill.create(tmp_path) as spill:
        for extraction in added:
            assert spill.add(extraction) is extraction
        assert len(spill) == 3
        back = list(spill)
        assert back == [added[1], added[0], added[2]]
        assert all(a is not b for a, b in zip(back, added, strict=True))  # read from disk
        assert list(spill) == back  # and again, for a second reader


def test_the_spill_lives_in_a_scratch_folder_removed_on_close(tmp_path):
    with ExtractionSpill.create(tmp_path) as spill:
        spill.add(_extraction("a.txt", "Grace Hopper"))
        assert list(spill)
        assert spill.path.stat().st_size > 0  # written out, not kept
        assert spill.path.parent.name.startswith(SCRATCH_PREFIX)
        assert spill.path.parent.parent == tmp_path
    assert list(tmp_path.iterdir()) == []


def test_a_later_change_to_an_added_extraction_does_not_reach_the_spill(tmp_path):
    extraction = _extraction("a.txt", "Grace Hopper")
    with ExtractionSpill.create(tmp_path) as spill:
        spill.add(extraction)
        extraction.entities.clear()
        (back,) = spill
    assert back == dataclasses.replace(extraction, entities=back.entities)
    assert [e.name for e in back.entities] == ["Grace Hopper"]


def test_a_failed_close_still_removes_the_folder_and_keeps_the_first_error(tmp_path):
    spill = ExtractionSpill.create(tmp_path)
    spill.add(_extraction("a.txt", "Grace Hopper"))
    spill._file.close()
    spill._file = open("/dev/full", "wb")  # noqa: SIM115 -- a disk that is full
    spill._file.write(b"x")  # buffered: the flush in close() fails
    with pytest.raises(OSError):
        spill.close()
    assert list(tmp_path.iterdir()) == []
    with pytest.raises(KeyError), ExtractionSpill.create(tmp_path) as spill:
        spill._file.close()
        spill._file = open("/dev/full", "wb")  # noqa: SIM115
        spill._file.write(b"x")
        raise KeyError("the build's own error")
    assert list(tmp_path.iterdir()) == []


def test_a_build_with_a_warm_cache_merges_from_the_spill(tmp_path, seed_build):
    settings = Settings(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    build_corpus([SOURCES], settings)  # fills the cache
    with ExtractionSpill.create(tmp_path) as spill:
        report = BuildReport()
        corpus = build_corpus([SOURCES], settings, report=report, spill=spill)
        assert (report.extracted, len(spill)) == (0, report.articles)  # every one a cache hit
        # the merge read the articles back from the spill and kept none of them
        assert corpus.extractions is spill
        assert corpus.entities and corpus.facts and corpus.quotes
        assert corpus.article_ids == [x.article.id for x in spill]
        assert all(x.article.text and x.entities for x in spill)  # whole, for the graph


def test_a_build_with_every_article_cached_does_without_the_model(tmp_path):
    """In a fresh process, as ``kg build`` runs: the model is not loaded at all."""
    settings = Settings(output_dir=tmp_path / "out", cache_dir=tmp_path / "cache")
    build_corpus([SOURCES], settings)  # fills the cache
    script = f"""
from pathlib import Path
from kg.extract.nlp import load_nlp
from kg.pipeline import BuildReport, build_corpus, build_info
from kg.settings import Settings
out, cache = Path({str(tmp_path / "out")!r}), Path({str(tmp_path / "cache")!r})
settings = Settings(output_dir=out, cache_dir=cache)
report = BuildReport()
corpus = build_corpus([{str(SOURCES)!r}], settings, report=report)
print(report.extracted, len(corpus.facts) > 0, build_info(settings).model_version)
print(load_nlp.cache_info().misses)
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    summary, loads = done.stdout.splitlines()
    assert summary == f"0 True {build_info(settings).model_version}"
    assert loads == "0"
