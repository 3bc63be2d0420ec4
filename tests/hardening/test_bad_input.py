"""Bad input: each bad file gets one clear message naming it and the problem; the rest builds."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import FAIL_MARK, GOOD_ARTICLE, assert_valid_outputs, write_files
from rdflib import Dataset, Literal
from rdflib.namespace import DCTERMS

from kg.cli import main
from kg.extract import registry
from kg.extract.nlp import chunks
from kg.graph.namespace import NIF
from kg.ingest import read_articles
from kg.model import Article, SourceError
from kg.settings import Settings

# An English article with Western accents, for the non-UTF-8 encodings.
ACCENTED = (
    "The city council of Málaga approved the new budget on Tuesday, after a long debate.\n\n"
    "Mayor José Núñez said the café district would get new street lights and that the "
    "plan was “good news for everyone who lives and works in the old town”.\n"
)
HTML_PAGE = """<!DOCTYPE html>
<html><head><title>Council approves budget</title></head>
<body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Council approves budget</h1>
<p>The city council of Springfield approved the new budget on Tuesday after a long debate
among its members about the cost of the new bridge.</p>
<p>Mayor John Doe said the bridge would be finished by next summer.</p></article>
<footer>Copyright 2024</footer></body></html>
"""
GOOD_RECORD = '{"text": "Jane Smith met John Doe in Berlin on Monday to talk about trade."}'


# name, content, code of the one skip, words the message must hold
SKIPPED = [
    ("empty.txt", b"", "KG-IN-004", "empty"),
    ("blank.txt", b" \n\t\n  ", "KG-IN-004", "empty"),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 40, "KG-IN-005", "binary"),
    ("controls.txt", ("x\x01\x02\x03\x04" * 200).encode(), "KG-IN-005", "binary"),
    ("notes.html", "<html><head><title>Notes</title></head></html>", "KG-IN-012", "no main text"),
]


@pytest.mark.parametrize(("name", "content", "code", "words"), SKIPPED)
def test_a_bad_file_is_named_once_and_the_rest_is_built(
    tmp_path, kg_build, name, content, code, words
):
    folder = write_files(tmp_path / "in", {"good.txt": GOOD_ARTICLE, name: content})
    build = kg_build(folder, "-f", "ttl,trig")
    assert build.exit_code == 0, build.stderr
    report = build.report
    assert report["articles"] == 1
    assert [(s["source"], s["code"]) for s in report["skipped"]] == [(name, code)]
    assert words in report["skipped"][0]["message"]
    # One message on stderr names the file, the problem and its code.
    (line,) = build.lines_naming(name)
    assert words in line and code in line
    assert_valid_outputs(build.output)


def test_truncated_json_lines_skip_only_the_broken_record(tmp_path, kg_build):
    records = f"{GOOD_RECORD}\n\n" + '{"text": "Mary Major visited Paris on' + "\n"
    folder = write_files(tmp_path / "in", {"feed.jsonl": records})
    build = kg_build(folder, "-f", "ttl,trig")
    assert build.exit_code == 0, build.stderr
    assert build.report["articles"] == 1
    (skip,) = build.report["skipped"]
    assert (skip["source"], skip["code"]) == ("feed.jsonl#L3", "KG-IN-009")
    assert "line 3 is not valid JSON" in skip["message"]
    (line,) = build.lines_naming("feed.jsonl#L3")
    assert "KG-IN-009" in line


def test_strict_and_nothing_readable_exit_codes(tmp_path, kg_build):
    folder = write_files(tmp_path / "in", {"good.txt": GOOD_ARTICLE, "empty.txt": ""})
    assert kg_build(folder, "-f", "ttl", "--strict", "-q").exit_code == 3
    only_bad = write_files(tmp_path / "bad", {"empty.txt": "", "blob.txt": b"\x00\xff" * 99})
    build = kg_build(only_bad, "-f", "ttl")
    assert build.exit_code == 4
    assert "no article could be read" in build.stderr
    assert len(build.report["skipped"]) == 2


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_non_utf8_text_is_decoded_and_read(tmp_path, kg_build, encoding):
    folder = write_files(
        tmp_path / "in",
        {"good.txt": GOOD_ARTICLE, "accented.txt": ACCENTED.encode(encoding, errors="replace")},
    )
    build = kg_build(folder, "-f", "ttl,trig")
    assert build.exit_code == 0, build.stderr
    assert build.report["skipped"] == []
    assert build.report["articles"] == 2
    dataset = assert_valid_outputs(build.output)
    texts = {str(o) for o in dataset.objects(None, NIF.isString)}
    expected = ACCENTED if encoding == "cp1252" else ACCENTED.replace("“", "?").replace("”", "?")
    assert expected in texts


def test_html_saved_as_txt_is_read_as_html(tmp_path, kg_build):
    folder = write_files(tmp_path / "in", {"good.txt": GOOD_ARTICLE, "page.txt": HTML_PAGE})
    build = kg_build(folder, "-f", "ttl,trig")
    assert build.exit_code == 0, build.stderr
    assert build.report["articles"] == 2
    dataset = assert_valid_outputs(build.output)
    texts = [str(o) for o in dataset.objects(None, NIF.isString)]
    page = next(t for t in texts if "Springfield" in t)
    assert "<p>" not in page and "<nav>" not in page  # the main text, not the markup


def test_a_50_megabyte_file_is_refused_without_reading_it(tmp_path, kg_build):
    big = tmp_path / "in" / "huge.txt"
    write_files(tmp_path / "in", {"good.txt": GOOD_ARTICLE})
    line = b"The minister met the delegation in the capital on Monday. " * 64 + b"\n"
    with big.open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(line) + 1):
            fh.write(line)
    # Reading it takes no memory to speak of: the size alone refuses it.
    tracemalloc.start()
    items = list(read_articles([big], Settings()))
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    (error,) = items
    assert isinstance(error, SourceError) and error.code == "KG-IN-007"
    assert "too long" in error.message and "max_chars" in error.message
    assert f"{big.stat().st_size:,} bytes" in error.message
    build = kg_build(tmp_path / "in", "-f", "ttl")
    assert build.exit_code == 0
    assert build.report["articles"] == 1
    (line_out,) = build.lines_naming("huge.txt")
    assert "too long" in line_out and "KG-IN-007" in line_out


def test_a_two_megabyte_single_line_is_read_and_cut_into_exact_chunks(tmp_path):
    sentence = "Mayor John Doe met Jane Smith of Acme Corp in Springfield on Monday. "
    text = sentence * (2 * 1024 * 1024 // len(sentence) + 1)
    path = write_files(tmp_path, {"long.txt": text}) / "long.txt"
    settings = Settings()
    (article,) = read_articles([path], settings)
    assert isinstance(article, Article), article
    assert article.text == text
    content = article.content_text()
    pieces = list(chunks(article, settings.chunk_chars))
    assert len(pieces) >= len(text) // settings.chunk_chars
    position = 0
    for piece, base in pieces:
        assert base == position  # contiguous: no character lost or repeated
        assert content[base : base + len(piece)] == piece
        assert len(piece) <= settings.chunk_chars
        position = base + len(piece)
    assert position == len(content)


def test_a_long_single_line_is_extracted_in_chunks_with_exact_offsets(
    tmp_path, kg_build, monkeypatch
):
    filler = "The council met again on Monday to discuss the budget for the year. "
    text = (
        "Mayor John Doe met Jane Smith in Springfield on Monday. "
        + filler * 120
        + "Later, the Acme Corp chief executive Mary Major visited Boston on Friday."
    )
    folder = write_files(tmp_path / "in", {"line.txt": text})
    monkeypatch.setenv("KG_CHUNK_CHARS", "2000")  # about ten chunks
    build = kg_build(folder, "-f", "ttl,trig")
    assert build.exit_code == 0, build.stderr
    dataset = assert_valid_outputs(build.output)
    found = mention_anchors(dataset)
    assert "Mary Major" in found  # in the last chunk, far past the first


def mention_anchors(dataset: Dataset) -> set[str]:
    """Every mention's anchor, checked against its article's text at its offsets."""
    found = set()
    for mention in dataset.subjects(NIF.anchorOf, None):
        text = str(dataset.value(dataset.value(mention, NIF.referenceContext), NIF.isString))
        begin = int(dataset.value(mention, NIF.beginIndex))
        end = int(dataset.value(mention, NIF.endIndex))
        anchor = str(dataset.value(mention, NIF.anchorOf))
        assert text[begin:end] == anchor
        found.add(anchor)
    return found


# --- odd Unicode and characters IRIs and Turtle must escape ---------------------------

ODD_NAMES = {
    "zero-width": "Chief executive Jo\u200bhn Sm\u200dith said talks in Ber\u200clin went well.",
    "right-to-left": "Foreign minister \u202eAhmed Nasser\u202c met \u0645\u062d\u0645\u062f "
    "\u0639\u0628\u0627\u0633 in Cairo on Monday.",
    "emoji": "Singer Jane 🚀 Smith met Tom 👨‍👩‍👧 Baker in London on Monday 🎉.",
    "combining": "Prime minister Zoe\u0301 Marti\u0301nez met Rene\u0301e Dubois in Paris.",
    "markup": 'Analyst "Bob" <b>O\'Brien</b> of A\\B & Co #1 (100% sure) met Ann Lee in Rome.',
}


def test_odd_unicode_in_names_gives_valid_rdf(tmp_path, kg_build):
    files = {f"{key}.txt": f"{text}\n\n{GOOD_ARTICLE}" for key, text in ODD_NAMES.items()}
    folder = write_files(tmp_path / "in", files)
    build = kg_build(folder, "-f", "ttl,trig,nt,nq,jsonld")
    assert build.exit_code == 0, build.stderr
    assert build.report["articles"] == len(ODD_NAMES)
    dataset = assert_valid_outputs(build.output)
    assert "Jane Smith" in mention_anchors(dataset)
    _same_triples_in_every_format(build.output)


NASTY_FILE_NAMES = [
    'quote "marks".txt',
    "angle <brackets>.txt",
    "back\\slash.txt",
    "hash #1 and 100% done.txt",
    "tab\tand spaces.txt",
]
NASTY_RECORD = (
    '{"text": "Jane Smith met John Doe in Berlin on Monday to talk about trade.", '
    '"title": "A \\"quoted\\" <title> with \\\\ # and %20", '
    '"publisher": "The \\"Daily\\" <Planet> \\\\ #1 % News", "url": "https://example.com/a b"}'
)


def test_names_that_need_escaping_give_valid_iris_and_turtle(tmp_path, kg_build):
    files = {name: GOOD_ARTICLE for name in NASTY_FILE_NAMES}
    files["feed.jsonl"] = NASTY_RECORD + "\n"
    folder = write_files(tmp_path / "in", files)
    build = kg_build(folder, "-f", "ttl,trig,nt,nq,jsonld")
    assert build.exit_code == 0, build.stderr
    # Identical texts are still distinct articles (ids are their paths).
    assert build.report["articles"] == len(NASTY_FILE_NAMES) + 1
    dataset = assert_valid_outputs(build.output)
    sources = {str(o) for o in dataset.objects(None, DCTERMS.source)}
    assert set(NASTY_FILE_NAMES) <= sources
    labels = {str(o) for o in dataset.objects()}
    assert 'The "Daily" <Planet> \\ #1 % News' in labels
    assert Literal('A "quoted" <title> with \\ # and %20') in set(dataset.objects())
    _same_triples_in_every_format(build.output)


def test_a_file_name_that_is_not_utf8_is_spelled_out(tmp_path, kg_build):
    folder = write_files(tmp_path / "in", {"plain.txt": GOOD_ARTICLE})
    with open(bytes(folder) + b"/caf\xe9 latin-1.txt", "wb") as handle:  # a Latin-1 name
        handle.write(GOOD_ARTICLE.encode())
    build = kg_build(folder, "-f", "ttl,trig,nq")
    assert build.exit_code == 0, build.stderr
    assert build.report["articles"] == 2
    dataset = assert_valid_outputs(build.output)
    assert {str(o) for o in dataset.objects(None, DCTERMS.source)} == {
        "plain.txt",
        "caf\\xe9 latin-1.txt",
    }


def test_half_surrogate_pairs_in_json_lines_become_replacement_characters(tmp_path, kg_build):
    record = {"text": "Jane Smith met John Do\udcffe in Berlin on Monday.", "title": "T\ud800"}
    line = json.dumps(record)  # as "\\udcff": JSON can say what UTF-8 cannot
    files = {
        "feed.jsonl": line + "\n" + GOOD_RECORD + "\n",
        "plain.txt": GOOD_ARTICLE,
        "plain.txt.meta.json": json.dumps({"publisher": "The \udcff Post"}),
    }
    build = kg_build(write_files(tmp_path / "in", files), "-f", "ttl,trig,nq")
    assert build.exit_code == 0, build.stderr
    assert build.report["articles"] == 3
    dataset = assert_valid_outputs(build.output)
    texts = {str(o) for o in dataset.objects(None, NIF.isString)}
    assert "Jane Smith met John Do\ufffde in Berlin on Monday." in texts
    assert Literal("The \ufffd Post") in set(dataset.objects())


def _same_triples_in_every_format(output: Path) -> None:
    """N-Quads, TriG and JSON-LD hold the same quads (escaping lost nothing)."""
    import pyoxigraph as ox

    counts = {}
    for name, fmt in [
        ("graph.trig", ox.RdfFormat.TRIG),
        ("graph.nq", ox.RdfFormat.N_QUADS),
        ("graph.jsonld", ox.RdfFormat.JSON_LD),
    ]:
        store = ox.Store()
        store.load((output / name).read_bytes(), format=fmt)
        counts[name] = {str(q) for q in store}
    assert counts["graph.trig"] == counts["graph.nq"] == counts["graph.jsonld"]


def test_an_extractor_failing_on_one_article_does_not_stop_the_build(tmp_path, monkeypatch):
    # A plugin extractor with a bug, registered as third-party extractors are.
    monkeypatch.setitem(registry.REGISTRY, "buggy", "hardening_helpers:fail_on_marked_articles")
    monkeypatch.setattr(registry, "DEFAULT_PIPELINE", (*registry.DEFAULT_PIPELINE, "buggy"))
    marked = GOOD_ARTICLE.replace("Tom Baker", f"Tom Baker {FAIL_MARK}")
    folder = write_files(tmp_path / "in", {"good.txt": GOOD_ARTICLE, "marked.txt": marked})
    out = tmp_path / "out"
    for fresh in (2, 1):  # the failure is not cached: the second build tries it again
        result = CliRunner().invoke(
            main, ["build", str(folder), "-o", str(out), "-f", "ttl,trig"], catch_exceptions=False
        )
        assert result.exit_code == 0, result.output
        report = json.loads((out / "report.json").read_text())
        assert report["articles"] == 2
        assert report["extracted"] == fresh
        (warning,) = [w for w in report["warnings"] if "KG-EX-099" in w]
        assert warning.startswith("marked.txt: ")
        assert "fail_on_marked_articles" in warning and "ValueError" in warning
        (line,) = [x for x in result.stderr.splitlines() if "KG-EX-099" in x]
        assert "marked.txt" in line
        (out / "report.json").unlink()
    dataset = assert_valid_outputs(out)
    sources = {str(o) for o in dataset.objects(None, DCTERMS.source)}
    assert sources == {"good.txt", "marked.txt"}  # the article is kept
    assert "Tom Baker" in mention_anchors(dataset)  # from good.txt
