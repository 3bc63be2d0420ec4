"""`kg build` and `kg extract` as a user runs them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

ARTICLE = """Acme Corp buys Widget Ltd

March 3, 2024

Acme Corp chief executive Jane Smith said on Friday that the company had agreed to buy
Widget Ltd, a British maker of sensors, for $2 billion.

"This is a great day for both companies," Smith said in a statement.
"""


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    (folder / "nested").mkdir(parents=True)
    (folder / "acme.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "nested" / "empty.txt").write_text("", encoding="utf-8")
    (folder / "nested" / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 50)
    return folder


def run(*args: str) -> object:
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_help_and_version():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("build", "extract", "query", "serve", "load", "eval", "stats", "export"):
        assert name in result.output
    assert run("--version").output.startswith("kg, version ")
    build_help = run("build", "--help").output
    for option in ("--output", "--format", "--base-iri", "--model", "--jobs", "--strict", "-q"):
        assert option in build_help


def test_bad_inputs_are_reported_and_the_rest_is_built(corpus, tmp_path):
    out = tmp_path / "out"
    result = run("build", str(corpus), "-o", str(out), "-f", "ttl")
    assert result.exit_code == 0, result.output
    assert (out / "graph.ttl").stat().st_size > 0
    report = json.loads((out / "report.json").read_text())
    assert report["articles"] == 1
    skipped = {item["source"]: item["code"] for item in report["skipped"]}
    assert skipped == {"nested/binary.txt": "KG-IN-005", "nested/empty.txt": "KG-IN-004"}
    assert "nested/empty.txt" in result.output  # named in the summary


def test_strict_turns_skips_into_an_exit_code(corpus, tmp_path):
    result = run("build", str(corpus), "-o", str(tmp_path / "out"), "-f", "ttl", "--strict", "-q")
    assert result.exit_code == 3


def test_nothing_readable_is_an_error(tmp_path):
    (tmp_path / "empty.txt").write_text("")
    result = run("build", str(tmp_path / "empty.txt"), "-o", str(tmp_path / "out"), "-q")
    assert result.exit_code == 4


def test_an_output_folder_that_cannot_be_made_is_one_clear_error(corpus, tmp_path):
    (tmp_path / "a-file").write_text("not a folder")
    out = tmp_path / "a-file" / "out"
    result = run("build", str(corpus), "-o", str(out), "-f", "ttl", "-q")
    assert result.exit_code == 1
    assert f"kg: error: Not a directory: {out} [KG-IO]" in result.output
    assert "Traceback" not in result.output


def test_unknown_format_is_a_usage_error(corpus, tmp_path):
    result = CliRunner().invoke(main, ["build", str(corpus), "-f", "docx"])
    assert result.exit_code == 2
    assert "unknown format" in result.output


def test_base_iri_and_formats(corpus, tmp_path):
    out = tmp_path / "out"
    result = run(
        "build",
        str(corpus / "acme.txt"),
        "-o",
        str(out),
        "-f",
        "nt",
        "-f",
        "trig,nq",
        "--base-iri",
        "https://news.example.com/kg/",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.glob("graph.*")) == ["graph.nq", "graph.nt", "graph.trig"]
    assert "<https://news.example.com/kg/graph/merged>" in (out / "graph.nq").read_text()


def test_settings_file_is_read_and_options_win(corpus, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "kg.toml").write_text('base_iri = "https://toml.example.org/"\nformats = ["nt"]\n')
    run("build", str(corpus / "acme.txt"), "-o", "a", "-q")
    assert "https://toml.example.org/" in (tmp_path / "a" / "graph.nt").read_text()
    run(
        "build", str(corpus / "acme.txt"), "-o", "b", "-q", "--base-iri", "https://cli.example.org/"
    )
    assert "https://cli.example.org/" in (tmp_path / "b" / "graph.nt").read_text()


def test_extract_prints_turtle(corpus):
    result = run("extract", str(corpus / "acme.txt"))
    assert result.exit_code == 0
    assert "@prefix kg:" in result.output
    assert "Jane Smith" in result.output


def test_interrupted_write_keeps_previous_outputs(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run("build", str(corpus / "acme.txt"), "-o", str(out), "-f", "ttl,nt", "-q")
    before = (out / "graph.nt").read_bytes()

    import kg.export.rdf as rdf

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt  # as if the user pressed Ctrl-C while the file was written

    monkeypatch.setattr(rdf, "_write_lines", interrupted)
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "-f", "nt", "-q"])
    assert result.exit_code != 0
    assert (out / "graph.nt").read_bytes() == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    assert not [p for p in out.iterdir() if p.name.startswith(".kg-scratch-")]  # scratch removed
