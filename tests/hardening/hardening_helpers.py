"""Helpers for the hardening tests: small corpora, and the checks every output must pass."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import BNode, Dataset, Graph

from kg.graph.validate import validate

SOURCES = Path(__file__).resolve().parents[2] / "sources"

# A short article spaCy reads people, organisations and places from.
GOOD_ARTICLE = """Acme Corp buys Widget Ltd

March 3, 2024

Acme Corp chief executive Jane Smith said on Friday that the company had agreed to buy
Widget Ltd, a British maker of sensors, for $2 billion. Smith met the Widget founder
Tom Baker in London on Thursday.

"This is a great day for both companies," Smith said in a statement.
"""


@dataclass
class CliBuild:
    """One ``kg build`` run in this process: its exit code, stderr lines and outputs."""

    exit_code: int
    stderr: str
    output: Path

    @property
    def report(self) -> dict:
        return json.loads((self.output / "report.json").read_text(encoding="utf-8"))

    def lines_naming(self, text: str) -> list[str]:
        return [line for line in self.stderr.splitlines() if text in line]


def write_files(folder: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``name -> text or bytes`` under ``folder`` (text as UTF-8, newlines kept)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
    return folder


def assert_valid_outputs(output: Path) -> Dataset:
    """graph.ttl and graph.trig parse in rdflib and pyoxigraph, hold no blank node and
    conform to the SHACL shapes; returns the TriG as a Dataset."""
    turtle = (output / "graph.ttl").read_bytes()
    trig = (output / "graph.trig").read_bytes()
    merged = Graph().parse(data=turtle, format="turtle")
    dataset = Dataset(default_union=True)  # triple patterns see every graph
    dataset.parse(data=trig, format="trig")
    assert len(merged) > 0
    for quad in dataset.quads():
        assert not any(isinstance(term, BNode) for term in quad[:3]), quad
    store = pyoxigraph.Store()
    store.load(turtle, format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == len(merged)
    store = pyoxigraph.Store()
    store.load(trig, format=pyoxigraph.RdfFormat.TRIG)
    assert len(store) == len(list(dataset.quads()))
    result = validate(dataset)
    assert result.conforms, result.report
    return dataset


FAIL_MARK = "PLEASE-FAIL-HERE"


def fail_on_marked_articles(ctx) -> None:
    """An extractor plugin with a bug: it raises on articles holding ``FAIL_MARK``."""
    if FAIL_MARK in ctx.article.text:
        raise ValueError("min() arg is an empty sequence")
