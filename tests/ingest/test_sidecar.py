"""Sidecar ``<file>.meta.json``: overrides detected metadata; broken ones are reported."""

import datetime as dt

from ingest_helpers import read_all

from kg.model import Article, SourceError

ARTICLE = (
    "Harbour reopens after storm\n"
    "March 3, 2021\n"
    "The harbour of Bergen reopened on Wednesday after a storm closed it for two days.\n"
)


def test_sidecar_overrides_detected_metadata(write, tmp_path):
    write("a.txt", ARTICLE)
    write(
        "a.txt.meta.json",
        '{"title": "Bergen harbour reopens", "published": "2021-03-04",'
        ' "publisher": "Example Times", "url": "https://example.org/bergen", "other": 1}',
    )
    (article,) = read_all(tmp_path)
    assert article.title == "Bergen harbour reopens"
    assert article.published == dt.date(2021, 3, 4)
    assert article.publisher == "Example Times"
    assert article.url == "https://example.org/bergen"


def test_without_sidecar_metadata_is_detected(write, tmp_path):
    write("a.txt", ARTICLE)
    (article,) = read_all(tmp_path)
    assert (article.title, article.published) == (
        "Harbour reopens after storm",
        dt.date(2021, 3, 3),
    )


def test_sidecar_changes_the_content_hash(write, tmp_path):
    write("a.txt", ARTICLE)
    (before,) = read_all(tmp_path)
    write("a.txt.meta.json", '{"publisher": "Example Times"}')
    (after,) = read_all(tmp_path)
    assert before.content_hash != after.content_hash
    assert len(after.content_hash) == 64


def test_broken_sidecar_article_read_and_problem_reported(write, tmp_path):
    write("sub/a.txt", ARTICLE)
    write("sub/a.txt.meta.json", '{"title": "Bergen harbour')
    article, problem = read_all(tmp_path)
    assert isinstance(article, Article)
    assert article.title == "Harbour reopens after storm"
    assert isinstance(problem, SourceError)
    assert problem.code == "KG-IN-011"
    assert problem.source == "sub/a.txt.meta.json"


def test_unusable_field_is_reported_the_rest_applied(write, tmp_path):
    write("a.txt", ARTICLE)
    write("a.txt.meta.json", '{"title": "Bergen harbour reopens", "published": "soon"}')
    article, problem = read_all(tmp_path)
    assert article.title == "Bergen harbour reopens"
    assert article.published == dt.date(2021, 3, 3)  # detected date kept
    assert problem.code == "KG-IN-011" and "published" in problem.message
