"""A graph on disk: sorted, de-duplicated N-Quads, graph by graph.

A build of thousands of articles makes millions of quads; held as rdflib
objects they cost about 1 KiB each.  :class:`QuadFile` writes them out as
they are made, sorts them in runs of bounded size, and merges the runs into
one N-Quads file ordered by graph name (the default graph first), then by the
triple's N-Triples line.  Every writer reads that file as a stream, so memory
stays flat however large the graph, and the order is the same on every run.

Terms keep their lexical form ("0.500"^^xsd:decimal stays as written), which
a pyoxigraph ``Store`` would not: it stores numbers as values.
"""

from __future__ import annotations

import heapq
import io
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

DEFAULT_GRAPH = ""  # the key of the default graph: it sorts before every IRI

# Lines sorted in memory at a time; each is about 200 bytes, so a run costs
# some tens of MiB whatever the size of the graph.
RUN_LINES = 200_000
_BATCH_QUADS = 20_000
_SEP = b"\t"  # between the graph key and the triple; never inside an IRI


@dataclass(frozen=True)
class _Extent:
    start: int  # byte offsets in the sorted file
    end: int
    triples: int


class QuadFile:
    """Quads sorted on disk; read back by graph, as quads or as N-Triples lines.

    Made by :meth:`write` from ``(graph IRI, triples)`` batches (``""`` is
    the default graph; :func:`graph_batches` groups plain quads so); delete
    it with :meth:`close` (or use ``with``).
    """

    def __init__(self, directory: Path, extents: dict[str, _Extent]) -> None:
        self.directory = directory
        self.path = directory / "graph.nq"
        self._extents = extents

    @classmethod
    def write(
        cls,
        batches: Iterable[tuple[str, list[ox.Triple]]],
        directory: Path | None = None,
        *,
        run_lines: int = RUN_LINES,
    ) -> QuadFile:
        """Sort ``quads`` into a new folder in ``directory`` (default: the temp folder)."""
        if directory is not None:
            directory.mkdir(parents=True, exist_ok=True)
        folder = Path(tempfile.mkdtemp(prefix=".kg-quads-", dir=directory))
        try:
            lines = sorted_unique(_keyed_lines(batches), folder, run_lines)
            extents = _write_graphs(lines, folder / "graph.nq")
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return cls(folder, extents)

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> QuadFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- reading -------------------------------------------------------------

    def graph_names(self) -> list[str]:
        """Graph IRIs in file order; ``""`` is the default graph."""
        return list(self._extents)

    def __len__(self) -> int:
        return sum(extent.triples for extent in self._extents.values())

    def size(self, graph: str) -> int:
        extent = self._extents.get(graph)
        return extent.triples if extent else 0

    def quads(self, graphs: Iterable[str] | None = None) -> Iterator[ox.Quad]:
        """The quads of ``graphs`` (all graphs if None), in file order."""
        for name in self.graph_names() if graphs is None else graphs:
            with self._open(name) as reader:
                if reader is not None:
                    yield from ox.parse(reader, ox.RdfFormat.N_QUADS)

    def triples(self, graph: str) -> Iterator[ox.Triple]:
        for quad in self.quads([graph]):
            yield quad.triple

    def nquads_lines(self) -> Iterator[bytes]:
        """Every line of the file, graph by graph."""
        with self.path.open("rb") as fh:
            yield from fh

    def ntriples_lines(self, graph: str) -> Iterator[bytes]:
        """The sorted N-Triples lines of one graph."""
        with self._open(graph) as reader:
            if reader is None:
                return
            if not graph:
                yield from reader
                return
            for line in reader:  # the graph name is the last term, and has no space
                yield line[: line.rindex(b" <")] + b" .\n"

    @contextmanager
    def _open(self, graph: str) -> Iterator[io.BufferedReader | None]:
        """The bytes of one graph's lines as a file, or None if the graph is empty."""
        extent = self._extents.get(graph)
        if extent is None:
            yield None
            return
        with self.path.open("rb") as fh:
            yield io.BufferedReader(_Slice(fh, extent.start, extent.end), 1 << 20)


def graph_batches(quads: Iterable[ox.Quad]) -> Iterator[tuple[str, list[ox.Triple]]]:
    """Quads as ``(graph key, triples)`` batches, the form :meth:`QuadFile.write` takes."""
    quads = iter(quads)
    while batch := list(islice(quads, _BATCH_QUADS)):
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in batch:
            name = quad.graph_name
            key = name.value if isinstance(name, ox.NamedNode) else DEFAULT_GRAPH
            by_graph.setdefault(key, []).append(quad.triple)
        yield from by_graph.items()


def _keyed_lines(batches: Iterable[tuple[str, list[ox.Triple]]]) -> Iterator[bytes]:
    """``graph key TAB N-Triples line`` for every triple; pyoxigraph writes the lines."""
    for key, triples in batches:
        prefix = key.encode() + _SEP
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
        yield from (prefix + line + b"\n" for line in text.splitlines() if line)


def sorted_unique(
    lines: Iterable[bytes], folder: Path, run_lines: int = RUN_LINES
) -> Iterator[bytes]:
    """``lines`` (each ending in a newline) sorted by bytes and without repeats.

    Runs of ``run_lines`` are sorted in memory and written to ``folder``;
    the runs are then merged as streams, and deleted.
    """
    runs = _sorted_runs(iter(lines), folder, run_lines)
    files = [run.open("rb") for run in runs]
    try:
        yield from _unique(heapq.merge(*files))
    finally:
        for fh, run in zip(files, runs, strict=True):
            fh.close()
            run.unlink()


def _sorted_runs(lines: Iterator[bytes], folder: Path, run_lines: int) -> list[Path]:
    runs = []
    while run := list(islice(lines, run_lines)):
        path = folder / f"run-{len(runs):05d}"
        with path.open("wb") as fh:
            fh.writelines(_unique(sorted(run)))
        runs.append(path)
    return runs


def _write_graphs(lines: Iterable[bytes], target: Path) -> dict[str, _Extent]:
    """Write sorted keyed lines as N-Quads, recording where each graph's lines are."""
    extents: dict[str, _Extent] = {}
    with target.open("wb") as out:
        current, start, count = None, 0, 0
        for line in lines:
            key, _, triple = line.rstrip(b"\n").partition(_SEP)
            if key != current:
                if current is not None:
                    extents[current.decode()] = _Extent(start, out.tell(), count)
                current, start, count = key, out.tell(), 0
            out.write(_as_nquad(triple, key))
            count += 1
        if current is not None:
            extents[current.decode()] = _Extent(start, out.tell(), count)
    return extents


def _as_nquad(triple: bytes, key: bytes) -> bytes:
    """``s p o .`` -> ``s p o <g> .`` (unchanged for the default graph)."""
    if not key:
        return triple + b"\n"
    return triple[:-1] + b"<" + key + b"> .\n"


def _unique(lines: Iterable[bytes]) -> Iterator[bytes]:
    previous = None
    for line in lines:
        if line != previous:
            yield line
            previous = line


class _Slice(io.RawIOBase):
    """Bytes ``[start, end)`` of an open file, as a file."""

    def __init__(self, fh, start: int, end: int) -> None:
        self._fh, self._left = fh, end - start
        fh.seek(start)

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        n = self._fh.readinto(view)
        self._left -= n
        return n
