"""Settings: kg.toml or [tool.kg], then KG_* variables, then the command line; clear errors."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hardening_helpers import GOOD_ARTICLE, write_files

from kg import settings as settings_mod
from kg.cli import main


@pytest.fixture
def workdir(tmp_path, monkeypatch) -> Path:
    """An empty working directory with no KG_* variables set."""
    for name in list(os.environ):
        if name.startswith("KG_"):
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def cli(*args: str):
    return CliRunner().invoke(main, list(args))


# file, text, setting, expected value
CONFIG_FILES = [
    ("kg.toml", 'base_iri = "https://a.example/"\n', "base_iri", "https://a.example/"),
    ("kg.toml", '[kg]\nbatch-size = 4\nformats = ["nt"]\n', "batch_size", 4),
    ("kg.toml", 'formats = "ttl,nq"\n', "formats", ("ttl", "nq")),
    ("pyproject.toml", '[project]\nname = "x"\n[tool.kg]\njobs = 3\n', "jobs", 3),
    ("pyproject.toml", "[tool.kg]\nstrict = true\n", "strict", True),
    ("pyproject.toml", '[tool.other]\njobs = 9\n[tool.kg]\nmax_chars = "10"\n', "max_chars", 10),
]


@pytest.mark.parametrize(("name", "text", "setting", "expected"), CONFIG_FILES)
def test_config_files_are_read(workdir, name, text, setting, expected):
    (workdir / name).write_text(text)
    assert getattr(settings_mod.load(), setting) == expected


def test_kg_toml_is_preferred_to_pyproject(workdir):
    (workdir / "kg.toml").write_text("jobs = 2\n")
    (workdir / "pyproject.toml").write_text("[tool.kg]\njobs = 5\n")
    assert settings_mod.load().jobs == 2


def test_environment_beats_the_file_and_options_beat_both(workdir, monkeypatch):
    (workdir / "kg.toml").write_text('jobs = 2\nbase_iri = "https://file.example/"\n')
    monkeypatch.setenv("KG_JOBS", "3")
    monkeypatch.setenv("KG_SPACY_MODEL", "other_model")
    loaded = settings_mod.load()
    assert (loaded.jobs, loaded.base_iri, loaded.model) == (
        3,
        "https://file.example/",
        "other_model",
    )
    assert settings_mod.load(jobs=4).jobs == 4
    assert settings_mod.load(jobs=None).jobs == 3  # an option not given changes nothing


def test_the_command_line_overrides_environment_and_pyproject(workdir, monkeypatch):
    write_files(workdir, {"a.txt": GOOD_ARTICLE})
    (workdir / "pyproject.toml").write_text(
        '[tool.kg]\nformats = ["nt"]\nbase_iri = "https://file.example/"\n'
    )
    monkeypatch.setenv("KG_BASE_IRI", "https://env.example/")
    result = cli("build", "a.txt", "-o", "env", "-q", "--no-cache")
    assert result.exit_code == 0, result.output
    assert "<https://env.example/graph/merged>" in (workdir / "env" / "graph.nt").read_text()
    result = cli("build", "a.txt", "-o", "cli", "-q", "--no-cache", "--base-iri", "https://cli.ex/")
    assert result.exit_code == 0, result.output
    text = (workdir / "cli" / "graph.nt").read_text()
    assert "<https://cli.ex/graph/merged>" in text and "env.example" not in text


# file, text, words the one-line error must hold
BAD_CONFIGS = [
    ("kg.toml", 'colour = "red"\n', ["unknown setting 'colour'", "kg.toml", "base_iri"]),
    ("pyproject.toml", "[tool.kg]\nbogus = 1\n", ["unknown setting 'bogus'", "pyproject.toml"]),
    ("kg.toml", 'jobs = "many"\n', ["bad value 'many'", "'jobs'", "kg.toml"]),
    ("kg.toml", "jobs = \n", ["kg.toml is not valid TOML", "line 1"]),
    ("kg.toml", 'formats = ["ttl", "docx"]\n', ["unknown format", "docx"]),
]


@pytest.mark.parametrize(("name", "text", "words"), BAD_CONFIGS)
def test_a_bad_config_file_is_one_clear_error(workdir, name, text, words):
    (workdir / name).write_text(text)
    write_files(workdir, {"a.txt": GOOD_ARTICLE})
    result = cli("build", "a.txt", "-o", "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    error = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(error) == 1
    for word in words:
        assert word in error[0]
    assert not (workdir / "out").exists()  # refused before anything was built


@pytest.mark.parametrize(
    ("variable", "value", "words"),
    [
        ("KG_JOBS", "abc", ["bad value 'abc'", "'jobs'", "KG_* environment"]),
        ("KG_FORMATS", "ttl,docx", ["unknown format", "docx"]),
        ("KG_MAX_CHARS", "1e9", ["'max_chars'"]),
    ],
)
def test_a_bad_environment_variable_is_one_clear_error(
    workdir, monkeypatch, variable, value, words
):
    monkeypatch.setenv(variable, value)
    write_files(workdir, {"a.txt": GOOD_ARTICLE})
    result = cli("build", "a.txt", "-o", "out")
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert all(word in result.output for word in words), result.output


def test_other_kg_variables_are_not_settings(workdir, monkeypatch):
    # KG_LOAD_PASSWORD and the like belong to other commands: not an error here.
    monkeypatch.setenv("KG_LOAD_PASSWORD", "not-a-setting")
    assert settings_mod.load() == settings_mod.Settings()
