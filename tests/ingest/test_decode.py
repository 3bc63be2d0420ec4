"""Decoding: text exactly as in the file, whatever the encoding; bad files reported."""

import codecs

import pytest
from ingest_helpers import read_one

from kg.ingest.decode import decode
from kg.ingest.errors import IngestProblem
from kg.model import Article, SourceError
from kg.settings import Settings

ARTICLE = (
    "Café owners in Zürich protest new rent rules\n"
    "The city’s council voted on Tuesday to cap rents for “small businesses” in the old town.\n"
    "Owners said the cap — the first of its kind — came too late for many of them.\n"
)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"], ids=lambda e: e)
def test_encodings_decode_to_the_same_text(write, encoding):
    article = read_one(write("a.txt", ARTICLE.encode(encoding)))
    assert isinstance(article, Article)
    assert article.text == ARTICLE
    assert article.title == "Café owners in Zürich protest new rent rules"


def test_latin1_bytes_are_decoded(write):
    text = ARTICLE.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-")
    article = read_one(write("a.txt", text.encode("latin-1")))
    assert article.text == text


def test_bom_is_not_part_of_the_text_and_offsets_fit(write):
    article = read_one(write("a.txt", codecs.BOM_UTF8 + ARTICLE.encode()))
    assert not article.text.startswith("\ufeff")
    first = article.content[0]
    assert article.text[first.start : first.end].startswith("Café owners")


def test_crlf_is_kept_exactly(write):
    crlf = ARTICLE.replace("\n", "\r\n")
    article = read_one(write("a.txt", crlf.encode()))
    assert article.text == crlf
    for span in article.content:
        assert "\r" not in article.text[span.start : span.end]
    assert article.title == "Café owners in Zürich protest new rent rules"


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (b"", "KG-IN-004"),
        (b"  \n\n\t \r\n", "KG-IN-004"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "KG-IN-005"),
        (b"text with a NUL \x00 byte in the middle of it", "KG-IN-005"),
        (bytes(range(1, 32)) * 20, "KG-IN-005"),
    ],
    ids=["empty", "whitespace", "png", "nul", "controls"],
)
def test_empty_and_binary_files_are_reported(write, content, code):
    error = read_one(write("bad.txt", content))
    assert isinstance(error, SourceError)
    assert (error.code, error.source) == (code, "bad.txt")


def test_oversize_text_is_refused_with_the_limit_named(write):
    error = read_one(write("big.txt", ARTICLE * 10), Settings(max_chars=1000))
    assert error.code == "KG-IN-007"
    assert "1,000" in error.message and "max_chars" in error.message


def test_oversize_file_is_refused_without_decoding(write):
    error = read_one(write("big.txt", b"x" * 5000), Settings(max_chars=1000))
    assert error.code == "KG-IN-007"
    assert "bytes" in error.message


def test_oversize_jsonl_record_is_refused_and_others_read(write):
    path = write("f.jsonl", '{"text": "%s"}\n{"text": "Short text."}\n' % ("word " * 300))
    from ingest_helpers import read_all

    big, small = read_all(path, Settings(max_chars=1000))
    assert (big.code, big.source) == ("KG-IN-007", "f.jsonl#L1")
    assert small.text == "Short text."


# 200 characters of text with some control characters: more than 1% is binary.
@pytest.mark.parametrize(
    ("controls", "binary"),
    [
        ("\x01\x02", False),  # exactly 1%
        ("\x01\x02\x7f", True),
        ("\x85\x9f\x1c", True),  # C1 controls and separators count too
        ("\t\x0b\x0c\x1b\r\n", False),  # text uses these
        ("\u2028\u00a0\u200b", False),  # not controls (Zl, Zs, Cf)
    ],
)
def test_control_characters_beyond_one_percent_mean_binary(controls, binary):
    text = controls + "a" * (200 - len(controls))
    try:
        decode(text.encode("utf-8"))
    except IngestProblem as problem:
        assert binary and problem.code == "KG-IN-005"
    else:
        assert not binary
