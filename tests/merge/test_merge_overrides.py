"""Overrides: must-link and cannot-link by name or IRI, honoured by the next merge."""

from __future__ import annotations

import pytest
from merge_helpers import ArticleBuilder

from kg.errors import ConfigError
from kg.merge import merge
from kg.merge.overrides import Selector, load_overrides
from kg.model import LocalRef
from kg.settings import Settings

PER = "Person"


def two_articles(first: str, second: str, context: str = "Vladimir Putin"):
    extractions = []
    for i, name in enumerate([first, second]):
        b = ArticleBuilder(f"a{i}")
        b.entity(name, PER)
        b.entity(context, PER)
        extractions.append(b.build())
    return extractions


def resolve(extractions, tmp_path, toml: str | None):
    settings = Settings()
    if toml is not None:
        path = tmp_path / "overrides.toml"
        path.write_text(toml, encoding="utf-8")
        settings = Settings(overrides=path)
    corpus = merge(extractions, settings)
    return corpus, corpus.resolution[LocalRef("a0", "e1")], corpus.resolution[LocalRef("a1", "e1")]


def test_must_link_by_name(tmp_path) -> None:
    extractions = two_articles("Li Shangfu", "General Li")
    _, a, b = resolve(extractions, tmp_path, None)
    assert a != b
    corpus, a, b = resolve(extractions, tmp_path, 'must_link = [["Li Shangfu", "General Li"]]\n')
    assert a == b
    entity = next(e for e in corpus.entities if e.id == a)
    assert {m.reason for m in corpus.resolution.members(entity.id)} == {
        "exact-name",
        "must-link override",
    }


def test_cannot_link_by_iri_beats_the_partial_name(tmp_path) -> None:
    extractions = two_articles("Li Shangfu", "Shangfu")
    _, a, b = resolve(extractions, tmp_path, None)
    assert a == b == "person/li-shangfu"
    toml = 'cannot_link = [["https://kg.example.org/person/li-shangfu", "Shangfu"]]\n'
    _, a, b = resolve(extractions, tmp_path, toml)
    assert a != b


def test_must_link_by_iri_crosses_kinds(tmp_path) -> None:
    extractions = two_articles("Li Shangfu", "Pixar")
    extractions[1].entities[0].kind = "Organization"
    _, a, b = resolve(extractions, tmp_path, None)
    assert a != b
    toml = 'must_link = [["https://kg.example.org/person/li-shangfu", "organization/pixar"]]\n'
    _, a, b = resolve(extractions, tmp_path, toml)
    assert a == b


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("https://kg.example.org/person/li-shangfu", ("person", "li-shangfu")),
        ("person/li-shangfu", ("person", "li-shangfu")),
        ("Li Shangfu", None),
    ],
)
def test_selector_id_path(text: str, path) -> None:
    assert Selector(text).id_path == path


@pytest.mark.parametrize(
    "toml",
    ['must_link = "Li"\n', 'must_link = [["only one"]]\n', "must_link = [[\n"],
)
def test_bad_overrides_file_is_a_config_error(tmp_path, toml: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(toml, encoding="utf-8")
    with pytest.raises(ConfigError):
        load_overrides(path)


def test_no_file_no_overrides() -> None:
    assert not load_overrides(None)
