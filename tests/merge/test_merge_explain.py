"""kg explain on the seed build: read from the graph, not re-run."""

from __future__ import annotations

import json

from click.testing import CliRunner

from kg.cli import main


def explain(seed_build, *args: str):
    data = str(seed_build.output / "graph.trig")
    return CliRunner().invoke(main, ["explain", *args, "--data", data])


def test_explain_json_has_mentions_merges_and_facts(seed_build) -> None:
    result = explain(seed_build, "person/li-shangfu", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.output)
    assert found["iri"].endswith("/person/li-shangfu")
    assert "Person" in found["types"]
    articles = {m["article"] for m in found["mentions"]}
    assert len(articles) == 5
    for mention in found["mentions"]:
        assert mention["text"] in mention["sentence"]
        assert mention["end"] - mention["start"] == len(mention["text"])
    assert len(found["merges"]) == 5
    assert all(m["reason"] and 0 < m["score"] <= 1 for m in found["merges"])
    assert any(f["predicate"] == "holdsRole" and f["sources"] for f in found["facts"])


def test_explain_text_names_the_sections(seed_build) -> None:
    result = explain(seed_build, "https://kg.example.org/country/china")
    assert result.exit_code == 0, result.output
    for section in ("mentions (", "merges (", "facts ("):
        assert section in result.output
    assert "same as: https://sws.geonames.org/1814991/" in result.output


def test_explain_unknown_node_is_an_error(seed_build) -> None:
    result = explain(seed_build, "person/nobody-at-all")
    assert result.exit_code == 1
    assert "not in the graph" in result.output
