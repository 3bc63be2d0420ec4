"""read_articles on plain text: ids, order, exact text, spans inside the text."""

from pathlib import Path

from kg.ingest import read_articles
from kg.model import Article, SourceError

SOURCES = Path(__file__).resolve().parents[2] / "sources"


def test_seed_folder_reads_every_file_in_order():
    items = list(read_articles([SOURCES]))
    assert all(isinstance(item, Article) for item in items)
    ids = [item.id for item in items]
    assert ids == sorted(p.name for p in SOURCES.glob("*.txt"))


def test_text_is_the_original_file_and_spans_are_inside_it():
    for article in read_articles([SOURCES]):
        assert article.text == (SOURCES / article.source).read_text(encoding="utf-8")
        for span in article.content:
            assert 0 <= span.start < span.end <= len(article.text)


def test_ids_are_relative_with_forward_slashes(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Some text about a meeting in Moscow.\n")
    (tmp_path / "top.txt").write_text("Another short article about Beijing.\n")
    assert [a.id for a in read_articles([tmp_path])] == ["a/b/x.txt", "top.txt"]
    assert [a.id for a in read_articles([tmp_path / "a" / "b" / "x.txt"])] == ["x.txt"]


def test_missing_path_is_reported_not_raised(tmp_path):
    (error,) = read_articles([tmp_path / "missing"])
    assert isinstance(error, SourceError)
    assert error.code == "KG-IN-001"
