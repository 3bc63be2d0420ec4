"""Offsets: content spans lie inside the text, in order; a text file's text is the file."""

from pathlib import Path

import pytest
from ingest_helpers import MEANTIME, SAMPLES, SEEDS, read_all

from kg.model import Article

FOLDERS = [SAMPLES, SEEDS]


def _articles():
    for folder in FOLDERS:
        for item in read_all(folder):
            assert isinstance(item, Article), item
            yield folder, item


@pytest.mark.parametrize(
    ("folder", "article"), list(_articles()), ids=lambda x: getattr(x, "id", "")
)
def test_spans_inside_text_and_text_is_the_file(folder: Path, article: Article):
    raw = (folder / article.source).read_bytes().decode("utf-8-sig")
    assert article.text == raw
    previous_end = 0
    for span in article.content:
        assert previous_end <= span.start < span.end <= len(article.text)
        assert article.text[span.start : span.end].strip() == article.text[span.start : span.end]
        previous_end = span.end
    content = article.content_text()
    assert len(content) == len(article.text)
    assert [i for i, c in enumerate(content) if c == "\n"] == [
        i for i, c in enumerate(article.text) if c == "\n"
    ]


MEANTIME_CASES = sorted(SAMPLES.glob("meantime/*.txt")) + sorted(MEANTIME.glob("*/*.txt"))


@pytest.mark.parametrize("path", MEANTIME_CASES, ids=lambda p: p.parent.name + "/" + p.name)
def test_meantime_headline_date_and_every_body_line(path):
    (article,) = read_all(path)
    lines = article.text.split("\n")
    assert article.title == lines[0].strip()
    assert article.published is not None
    content = article.content_text()
    assert lines[1].strip() not in content  # the date line is metadata
    for line in lines[2:]:
        assert line.strip() in content
