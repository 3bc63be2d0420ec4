"""graph.nq: every line of the sorted quads, in byte order, however they are split into runs."""

from __future__ import annotations

import io
import random

import pyoxigraph as ox
import pytest

from kg.export import rdf
from kg.graph import QuadFile
from kg.graph.quadfile import graph_batches

KG = "https://w3id.org/kg-news/ns#"


def quads(count: int, seed: int) -> list[ox.Quad]:
    """Quads over a few subjects and graphs, so lines of one graph interleave with others'."""
    rng = random.Random(seed)
    made = []
    for i in range(count):
        graph = rng.choice([ox.DefaultGraph(), ox.NamedNode(f"{KG}g{rng.randrange(5)}")])
        subject = ox.NamedNode(f"{KG}s{rng.randrange(30)}")
        value = rng.choice([f"v{i}", f"ü{i}", f"北{i}", f'"{i}\n'])
        made.append(ox.Quad(subject, ox.NamedNode(f"{KG}p{i % 3}"), ox.Literal(value), graph))
    return made


def sorted_nquads(quad_file: QuadFile) -> bytes:
    out = io.BytesIO()
    rdf._write_sorted(out, quad_file.path, quad_file.directory)
    return out.getvalue()


@pytest.mark.parametrize(
    ("run_bytes", "merge_bytes", "fan_in"),
    [
        (1 << 28, 1 << 22, 64),  # one run in memory
        (2_000, 1 << 22, 64),  # several runs, each read whole when merged
        (2_000, 300, 64),  # several runs, merged a few lines at a time
        (2_000, 300, 2),  # more runs than the fan-in: merged in passes
        (1, 1, 3),  # a run per line, a line per block, in passes
    ],
)
@pytest.mark.parametrize("seed", [1, 2])
def test_lines_come_out_in_byte_order(tmp_path, monkeypatch, run_bytes, merge_bytes, fan_in, seed):
    monkeypatch.setattr(rdf, "_RUN_BYTES", run_bytes)
    monkeypatch.setattr(rdf, "_MERGE_BYTES", merge_bytes)
    monkeypatch.setattr(rdf, "_FAN_IN", fan_in)
    with QuadFile.write(graph_batches(quads(400, seed)), tmp_path) as quad_file:
        lines = quad_file.path.read_bytes().splitlines(keepends=True)
        written = sorted_nquads(quad_file)
        assert sorted(quad_file.directory.iterdir()) == [quad_file.path]  # no runs left over
    assert written == b"".join(sorted(lines))


def test_runs_are_merged_no_more_than_the_fan_in_at_a_time(tmp_path, monkeypatch):
    merged_at_once = []
    real_merge = rdf._merge_runs

    def counting(fh, runs):
        merged_at_once.append(len(runs))
        real_merge(fh, runs)

    monkeypatch.setattr(rdf, "_RUN_BYTES", 2_000)
    monkeypatch.setattr(rdf, "_FAN_IN", 4)
    monkeypatch.setattr(rdf, "_merge_runs", counting)
    with QuadFile.write(graph_batches(quads(400, 1)), tmp_path) as quad_file:
        lines = quad_file.path.read_bytes().splitlines(keepends=True)
        assert sorted_nquads(quad_file) == b"".join(sorted(lines))
    assert max(merged_at_once) == 4
    assert len(merged_at_once) > 2  # passes before the last merge


def test_no_quads_write_nothing(tmp_path):
    with QuadFile.write([], tmp_path) as quad_file:
        assert sorted_nquads(quad_file) == b""
