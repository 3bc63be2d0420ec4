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
    ("run_bytes", "block_bytes"),
    [
        (1 << 28, 1 << 22),  # one run in memory
        (2_000, 1 << 22),  # several runs, each read whole when merged
        (2_000, 300),  # several runs, merged a few lines at a time
        (1, 1),  # a run per line, a line per block
    ],
)
@pytest.mark.parametrize("seed", [1, 2])
def test_lines_come_out_in_byte_order(tmp_path, monkeypatch, run_bytes, block_bytes, seed):
    monkeypatch.setattr(rdf, "_RUN_BYTES", run_bytes)
    monkeypatch.setattr(rdf, "_MERGE_BLOCK_BYTES", block_bytes)
    with QuadFile.write(graph_batches(quads(400, seed)), tmp_path) as quad_file:
        lines = quad_file.path.read_bytes().splitlines(keepends=True)
        written = sorted_nquads(quad_file)
        assert sorted(quad_file.directory.iterdir()) == [quad_file.path]  # no runs left over
    assert written == b"".join(sorted(lines))


def test_no_quads_write_nothing(tmp_path):
    with QuadFile.write([], tmp_path) as quad_file:
        assert sorted_nquads(quad_file) == b""
