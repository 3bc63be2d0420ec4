"""The paragraph table: distinct texts stored once, sketch buckets read back from SQLite."""

from __future__ import annotations

import random
import tracemalloc

from kg.merge import paragraphtable
from kg.merge.duplicates import _sketch, find_duplications, normalise
from kg.merge.paragraphtable import ParagraphTable
from kg.model import Article, ArticleExtraction

LONG = normalise("Officials from both countries met on Sunday to discuss the new trade agreement")
OTHER = normalise("The central bank left its interest rate unchanged for the third month in a row")
EDITED = LONG.replace("sunday", "monday")


def test_a_text_copied_by_several_articles_is_stored_once() -> None:
    table = ParagraphTable(_sketch)
    table.add(0, [LONG, OTHER])
    table.add(1, [OTHER, LONG])
    table.add(2, [LONG, LONG])
    assert len(table) == 6
    owners = [table.owner(p) for p in range(len(table))]
    assert owners == [(0, 0, 0), (0, 1, 1), (1, 0, 1), (1, 1, 0), (2, 0, 0), (2, 1, 0)]
    assert table.text(0) == LONG and table.text(1) == OTHER
    assert table.length(1) == len(OTHER)
    assert table._db.execute("SELECT count(*) FROM text").fetchone() == (2,)


def test_buckets_hold_the_paragraphs_that_share_a_sketch_hash() -> None:
    table = ParagraphTable(_sketch)
    table.add(0, [LONG])
    table.add(1, [OTHER])
    table.add(2, [EDITED, OTHER])
    buckets = list(table.buckets())
    shared = set(_sketch(LONG)) & set(_sketch(EDITED))
    expected = [[0, 2]] * len(shared) + [[1, 3]] * len(_sketch(OTHER))
    assert sorted(buckets) == sorted(expected)
    assert all(bucket == sorted(bucket) for bucket in buckets)


def test_copies_are_found_across_write_batches(monkeypatch) -> None:
    monkeypatch.setattr(paragraphtable, "_BUFFER_TEXTS", 2)
    table = ParagraphTable(_sketch)
    texts = [f"{LONG} number {i}" for i in range(7)]
    table.add(0, texts)
    assert table._db.execute("SELECT count(*) FROM text").fetchone() == (6,)  # one waits
    table.add(1, texts[::-1])  # every text already written, or waiting to be
    numbers = [table.owner(p)[2] for p in range(len(table))]
    assert numbers[7:] == numbers[:7][::-1]
    assert sorted(set(numbers)) == list(range(7))
    assert [table.text(n) for n in range(7)] == texts


def _extraction(article_id: str, text: str) -> ArticleExtraction:
    return ArticleExtraction(article=Article(id=article_id, source=article_id, text=text))


def test_the_table_lives_in_the_folder_only_while_duplicates_are_sought(tmp_path) -> None:
    seen = []

    def articles():
        yield _extraction("a", f"{LONG}\n{OTHER}\n")
        seen.extend(p.name for p in tmp_path.iterdir())
        yield _extraction("b", f"{EDITED}\n")

    found = find_duplications(articles(), tmp_path)
    assert seen == ["paragraphs.sqlite"]
    assert list(tmp_path.iterdir()) == []
    assert found == find_duplications(
        [_extraction("a", f"{LONG}\n{OTHER}\n"), _extraction("b", f"{EDITED}\n")]
    )
    assert [(d.article_id, d.duplicate_of, d.shared_paragraphs) for d in found] == [("b", "a", 1)]


def test_reading_the_buckets_does_not_hold_a_row_per_paragraph(tmp_path) -> None:
    # 200,000 paragraphs copying 1,000 texts, as a syndicated corpus has: the paragraph
    # rows go to SQLite as a stream (held as a list they are about 20 MiB)
    words = random.Random(3).choices(LONG.split() + OTHER.split(), k=12_000)
    texts = [" ".join(words[i : i + 12]) + f" {i}" for i in range(0, 12_000, 12)]
    table = ParagraphTable(_sketch, tmp_path / "paragraphs.sqlite")
    for article in range(1_000):
        table.add(article, texts[:100] + texts[article % 10 * 100 :][:100])
    tracemalloc.start()
    try:
        buckets = sum(1 for _ in table.buckets())
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
        table.close()
    assert buckets > 1_000
    assert peak < 4 * 2**20, f"{peak / 2**20:.1f} MiB"
