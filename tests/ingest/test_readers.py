"""Formats: each registered extension is read, unknown ones are skipped or reported."""

import json

import pytest
from ingest_helpers import read_all, read_one

from kg.ingest import READERS, read_articles
from kg.model import Article, SourceError

BODY = (
    "Officials in Lisbon approved a new tram line on Monday.\n"
    "The line will link the airport with the city centre by 2027, the mayor said.\n"
)


@pytest.mark.parametrize("suffix", [".txt", ".text", ".md", ".TXT"])
def test_plain_text_suffixes(write, suffix):
    article = read_one(write("a" + suffix, BODY))
    assert isinstance(article, Article)
    assert article.text == BODY
    assert "tram line" in article.content_text()


def test_every_documented_suffix_is_registered():
    assert {".txt", ".text", ".md", ".html", ".htm", ".jsonl"} <= set(READERS)


HTML = """<!DOCTYPE html>
<html><head>
<title>Lisbon approves airport tram | The Example Post</title>
<meta property="og:site_name" content="The Example Post">
<meta property="article:published_time" content="2024-02-05T09:00:00Z">
<link rel="canonical" href="https://example.org/news/lisbon-tram">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Lisbon approves airport tram</h1>
<p>Officials in Lisbon approved a new tram line on Monday, linking the airport with the city
centre by 2027, the mayor said at a news conference.</p>
<p>The project will cost 300 million euros and is paid for by the city and by European funds,
according to the transport department.</p>
</article>
<footer>Subscribe to our newsletter. Cookie policy. Contact us.</footer>
</body></html>
"""


@pytest.mark.parametrize("name", ["page.html", "page.htm", "saved-as-text.txt"])
def test_html_main_text_and_metadata(write, name):
    article = read_one(write(name, HTML))
    assert isinstance(article, Article)
    assert "<p>" not in article.text  # text is trafilatura's extracted text
    assert "approved a new tram line" in article.content_text()
    assert "Cookie policy" not in article.content_text()
    assert article.publisher == "The Example Post"
    assert article.url == "https://example.org/news/lisbon-tram"
    assert str(article.published) == "2024-02-05"
    assert article.title and "Lisbon approves airport tram" in article.title


@pytest.mark.parametrize(
    ("html", "code"),
    [
        ("<html><head><title>x</title></head><body></body></html>", "KG-IN-012"),
        ("<html><body><nav>Home</nav></body></html>", "KG-IN-014"),
    ],
)
def test_html_without_main_text_is_reported(write, html, code):
    error = read_one(write("empty.html", html))
    assert isinstance(error, SourceError)
    assert error.code == code


def _jsonl(*records: object) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records)


def test_jsonl_one_article_a_line_bad_lines_reported(write):
    text = _jsonl(
        {"text": BODY, "title": "Lisbon tram", "published": "2024-02-05", "url": "https://x.org/1"},
        '{"text": "Officials in Porto said the bridge would rep',  # truncated
        "",
        ["not", "an", "object"],
        {"title": "no text"},
        {"text": BODY, "publisher": "Example Wire"},
    )
    items = read_all(write("feed.jsonl", text))
    assert [(type(i).__name__, getattr(i, "id", None) or i.source) for i in items] == [
        ("Article", "feed.jsonl#L1"),
        ("SourceError", "feed.jsonl#L2"),
        ("SourceError", "feed.jsonl#L4"),
        ("SourceError", "feed.jsonl#L5"),
        ("Article", "feed.jsonl#L6"),
    ]
    first, truncated, not_object, no_text, last = items
    assert first.source == "feed.jsonl"
    assert first.text == BODY
    assert (first.title, str(first.published), first.url) == (
        "Lisbon tram",
        "2024-02-05",
        "https://x.org/1",
    )
    assert truncated.code == "KG-IN-009" and "line 2" in truncated.message
    assert not_object.code == no_text.code == "KG-IN-010"
    assert last.publisher == "Example Wire"


def test_jsonl_lines_in_numeric_order(write):
    text = _jsonl(*({"text": f"Article number {n} says the council met today."} for n in range(12)))
    ids = [a.id for a in read_all(write("many.jsonl", text))]
    assert ids == [f"many.jsonl#L{n}" for n in range(1, 13)]


def test_unknown_extension_named_directly_is_reported(write):
    error = read_one(write("notes.docx", b"PK\x03\x04"))
    assert isinstance(error, SourceError)
    assert error.code == "KG-IN-002"
    assert ".docx" in error.message


def test_folder_skips_unknown_hidden_and_sidecars(write, tmp_path):
    write("a.txt", BODY)
    write("a.txt.meta.json", '{"title": "T"}')
    write(".hidden.txt", BODY)
    write(".git/objects/x.txt", BODY)
    write("image.png", b"\x89PNG\r\n")
    write("sub/b.md", BODY)
    assert [a.id for a in read_all(tmp_path)] == ["a.txt", "sub/b.md"]


def test_same_id_from_two_folders_is_reported(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.txt").write_text(BODY)
    items = list(read_articles([tmp_path / "one", tmp_path / "two"]))
    assert [type(i).__name__ for i in items] == ["SourceError", "Article"]
    assert items[0].code == "KG-IN-013"


def test_order_is_by_id_across_paths(tmp_path):
    (tmp_path / "z.txt").write_text(BODY)
    (tmp_path / "d").mkdir()
    (tmp_path / "d" / "b.txt").write_text(BODY)
    ids = [a.id for a in read_articles([tmp_path / "z.txt", tmp_path / "d"])]
    assert ids == ["b.txt", "z.txt"]


def test_read_articles_is_lazy(write, tmp_path):
    write("a.txt", BODY)
    write("b.txt", BODY)
    items = read_articles([tmp_path])
    assert next(items).id == "a.txt"
    (tmp_path / "b.txt").unlink()  # not read yet: its loss is reported, not raised
    assert next(items).code == "KG-IN-003"


@pytest.mark.parametrize("content", ["", "\n\n  \n"])
def test_an_empty_json_lines_file_is_reported(tmp_path, content):
    path = tmp_path / "feed.jsonl"
    path.write_text(content)
    (error,) = list(read_articles([path]))
    assert isinstance(error, SourceError) and error.code == "KG-IN-004"
    assert error.source == "feed.jsonl"
