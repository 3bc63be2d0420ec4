"""`kg query` on the command line."""

from __future__ import annotations

import json
import subprocess
import sys

from click.testing import CliRunner

from kg.cli import main

PEOPLE = "SELECT ?name WHERE { ?p a kg:Person ; rdfs:label ?name } ORDER BY ?name"


def kg_query(*args: str, input: str | None = None):
    return CliRunner().invoke(main, ["query", *args], input=input)


def test_table_by_default(mini):
    done = kg_query("--data", str(mini), PEOPLE)
    assert done.exit_code == 0, done.output
    assert done.output.splitlines() == [
        "name",
        "-------------",
        "Li Shangfu",
        "Sergei Shoigu",
        "(2 rows)",
    ]


def test_csv_json_and_tsv(mini):
    csv_out = kg_query("--data", str(mini), "--format", "csv", PEOPLE).output
    assert csv_out.replace("\r\n", "\n") == "name\nLi Shangfu\nSergei Shoigu\n"
    body = json.loads(kg_query("--data", str(mini), "--format", "json", PEOPLE).output)
    assert [b["name"]["value"] for b in body["results"]["bindings"]] == [
        "Li Shangfu",
        "Sergei Shoigu",
    ]
    tsv_out = kg_query("--data", str(mini), "--format", "tsv", PEOPLE).output
    assert tsv_out.splitlines() == ["?name", '"Li Shangfu"', '"Sergei Shoigu"']


def test_query_from_a_file_and_from_stdin(mini, tmp_path):
    rq = tmp_path / "people.rq"
    rq.write_text(PEOPLE, encoding="utf-8")
    from_file = kg_query("--data", str(mini), "-f", str(rq), "--format", "csv")
    from_stdin = kg_query("--data", str(mini), "--format", "csv", "-", input=PEOPLE)
    assert from_file.output == from_stdin.output
    assert "Sergei Shoigu" in from_file.output


def test_union_flag(mini):
    distinct = PEOPLE.replace("SELECT", "SELECT DISTINCT")
    done = kg_query("--data", str(mini), "--union", "--format", "csv", distinct)
    assert done.output.replace("\r\n", "\n").splitlines()[1:] == [
        "Li",
        "Li Shangfu",
        "Sergei Shoigu",
        "Shoigu",
    ]


def test_construct_prints_turtle(mini):
    done = kg_query("--data", str(mini), "CONSTRUCT WHERE { ?p kg:met ?q }")
    assert done.exit_code == 0
    assert "@prefix kg: <https://w3id.org/kg-news/ns#> ." in done.output


def test_malformed_query_is_one_line_with_position_and_exit_2(mini):
    # A real process: what the user sees, with no traceback.
    done = subprocess.run(
        [sys.executable, "-m", "kg", "query", "--data", str(mini), "SELECT ?x WHERE {\n ?x ?y }"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("kg query: SPARQL syntax error at line 2, column ")
    assert "Traceback" not in done.stderr


def test_missing_data_file_is_a_clear_error(tmp_path):
    done = kg_query("--data", str(tmp_path / "graph.trig"), "ASK {}")
    assert done.exit_code == 1
    assert "no such file" in done.output and "kg build" in done.output


def test_no_query_is_a_usage_error(mini):
    done = kg_query("--data", str(mini))
    assert done.exit_code == 2
    assert "no query" in done.output
