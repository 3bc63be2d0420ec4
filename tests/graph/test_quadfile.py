"""QuadFile: the graph sorted on disk, which every writer streams from."""

from __future__ import annotations

import random
import tracemalloc

import pyoxigraph as ox
import pytest

from kg.graph import QuadFile, quadfile
from kg.graph.quadfile import graph_batches

EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def iri(name: str) -> ox.NamedNode:
    return ox.NamedNode(EX + name)


def typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=ox.NamedNode(XSD + datatype))


def quads() -> list[ox.Quad]:
    """Two named graphs and the default graph, with awkward literals and a repeat."""
    g1, g2, default = iri("graph/b"), iri("graph/a"), ox.DefaultGraph()
    label = iri("label")
    return [
        ox.Quad(iri("x"), label, ox.Literal("zeta"), g1),
        ox.Quad(iri("x"), label, ox.Literal("alpha"), g1),
        ox.Quad(iri("x"), label, ox.Literal("alpha"), g1),  # a repeat
        ox.Quad(iri("y"), label, ox.Literal("ends in <y> ."), g2),  # looks like a graph term
        ox.Quad(iri("y"), iri("score"), typed("0.500", "decimal"), g2),
        ox.Quad(iri("y"), iri("begin"), typed("7", "nonNegativeInteger"), g2),
        ox.Quad(iri("z"), label, ox.Literal("tab\tand\nnewline"), default),
        ox.Quad(iri("z"), label, ox.Literal("Łódź 🙂", language="pl"), default),
    ]  # fmt: skip


def one_quad_per_batch() -> list[tuple[str, list[ox.Triple]]]:
    """A batch per quad, so that a run of one line holds one quad."""
    return [(getattr(q.graph_name, "value", ""), [q.triple]) for q in quads()]


@pytest.fixture()
def quad_file(tmp_path):
    with QuadFile.write(graph_batches(quads()), tmp_path) as written:
        yield written


def test_graphs_come_default_first_then_by_iri(quad_file):
    assert quad_file.graph_names() == ["", EX + "graph/a", EX + "graph/b"]
    assert [quad_file.size(g) for g in quad_file.graph_names()] == [2, 3, 2]
    assert len(quad_file) == 7  # the repeat is gone


def test_quads_read_back_equal_with_their_lexical_forms(quad_file):
    assert {str(q) for q in quad_file.quads()} == {str(q) for q in quads()}
    text = quad_file.path.read_text(encoding="utf-8")
    assert '"0.500"^^<http://www.w3.org/2001/XMLSchema#decimal>' in text
    assert "nonNegativeInteger" in text  # a pyoxigraph Store would have made it an integer


def test_each_graph_is_sorted_lines(quad_file):
    for graph in quad_file.graph_names():
        lines = list(quad_file.ntriples_lines(graph))
        assert lines == sorted(set(lines))
        assert all(line.endswith(b" .\n") for line in lines)


def test_ntriples_lines_drop_only_the_graph_name(quad_file):
    lines = list(quad_file.ntriples_lines(EX + "graph/a"))
    parsed = {str(t) for t in ox.parse(b"".join(lines), ox.RdfFormat.N_TRIPLES)}
    expected = {str(q.triple) for q in quads() if q.graph_name == iri("graph/a")}
    assert parsed == expected
    assert list(quad_file.ntriples_lines(EX + "no-such-graph")) == []


@pytest.mark.parametrize(
    ("run_lines", "fan_in"),
    [(1, 64), (2, 64), (3, 64), (1000, 64), (1, 2), (1, 3), (2, 2)],  # fan_in 2, 3: several passes
)
def test_the_file_does_not_depend_on_run_size_or_input_order(tmp_path, run_lines, fan_in):
    one = QuadFile.write(graph_batches(quads()), tmp_path / "a")
    batches = one_quad_per_batch()
    random.Random(run_lines).shuffle(batches)
    other = QuadFile.write(batches, tmp_path / "b", run_lines=run_lines, fan_in=fan_in)
    with one, other:
        assert one.path.read_bytes() == other.path.read_bytes()
        assert one.graph_names() == other.graph_names()
        assert [p.name for p in other.directory.iterdir()] == ["graph.nq"]  # no runs left


def test_merge_passes_open_no_more_runs_than_the_fan_in(tmp_path, monkeypatch):
    merged_at_once = []
    real_merge = quadfile._merge_runs

    def counting(runs, target, run_lines):
        merged_at_once.append(len(runs))
        return real_merge(runs, target, run_lines)

    monkeypatch.setattr(quadfile, "_merge_runs", counting)
    with QuadFile.write(one_quad_per_batch(), tmp_path, run_lines=1, fan_in=3) as written:
        assert {str(q) for q in written.quads()} == {str(q) for q in quads()}
    assert merged_at_once == [3, 3, 2, 3]  # eight runs: a pass makes three, then the last merge


def test_a_fan_in_below_two_is_refused(tmp_path):
    with pytest.raises(ValueError, match="fan_in"):
        QuadFile.write(graph_batches(quads()), tmp_path, fan_in=1)


def test_close_removes_the_scratch_folder(tmp_path):
    written = QuadFile.write(graph_batches(quads()), tmp_path, run_lines=2)
    assert [p.name for p in written.directory.iterdir()] == ["graph.nq"]  # runs are deleted
    written.close()
    assert list(tmp_path.iterdir()) == []


def test_a_failure_while_writing_leaves_nothing_behind(tmp_path):
    def broken():
        yield from graph_batches(quads())
        raise RuntimeError("the graph stage failed")

    with pytest.raises(RuntimeError, match="graph stage failed"):
        QuadFile.write(broken(), tmp_path, run_lines=2)
    assert list(tmp_path.iterdir()) == []


def test_a_run_is_sorted_and_written_without_a_second_copy_of_its_lines(tmp_path):
    # 100,000 lines of 60 characters, a tenth of them repeats: about 11 MiB of str.
    lines = [f"<{EX}s{n % 90_000:06d}> <{EX}p> <{EX}o>" for n in range(100_000)]
    random.Random(0).shuffle(lines)
    tracemalloc.start()
    try:
        run = quadfile._write_run({"": lines}, tmp_path / "run")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    written = (tmp_path / "run").read_text().splitlines()
    assert written == sorted({f"{line} ." for line in lines})  # sorted, no repeats
    assert len(written) == run.blocks[""].triples == 90_000
    assert peak < 3 * 2**20  # a set and a sorted copy of the lines took 6 MiB
