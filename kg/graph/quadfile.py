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
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox

from kg.scratch import ScratchFolder

DEFAULT_GRAPH = ""  # the key of the default graph: it sorts before every IRI

# Lines sorted in memory at a time; each is about 200 bytes and a str of it
# 250, so a run costs 10 MiB whatever the size of the graph.  It is the
# largest thing a build holds once the merge is done.
RUN_LINES = 40_000
# Runs merged at once, each through a 32 KiB buffer; more are merged in passes,
# so neither memory nor open files grow with the graph.  A 10,000-article
# graph makes 160 runs: they are merged in one pass.
FAN_IN = 256
_READ_BUFFER = 1 << 15
_BATCH_QUADS = 20_000
_WRITE_LINES = 10_000  # lines encoded at a time when writing a run

T = TypeVar("T")

# A graph's IRI ("" for the default graph) and some of its triples.
GraphBatch = tuple[str, Sequence[ox.Triple]]


@dataclass(frozen=True)
class _Extent:
    start: int  # byte offsets in a file
    end: int
    triples: int


@dataclass(frozen=True)
class _Run:
    path: Path
    blocks: dict[str, _Extent]  # graph key -> its sorted lines in the run, in key order


class TripleLines(Sequence[ox.Triple]):
    """Triples held as their N-Triples text, each line without its final `` .``.

    The graph stage makes its triples as text, which :meth:`QuadFile.write`
    sorts as it is; read as a sequence, they are parsed into pyoxigraph
    ``Triple`` objects on first use.
    """

    __slots__ = ("_triples", "lines")

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self._triples: list[ox.Triple] | None = None

    def __len__(self) -> int:
        return len(self.lines)

    def __getitem__(self, index):
        return self._parsed()[index]

    def __iter__(self) -> Iterator[ox.Triple]:
        return iter(self._parsed())

    def _parsed(self) -> list[ox.Triple]:
        if self._triples is None:
            text = "".join(f"{line} .\n" for line in self.lines).encode()
            self._triples = [q.triple for q in ox.parse(text, ox.RdfFormat.N_TRIPLES)]
        return self._triples


class QuadFile:
    """Quads sorted on disk; read back by graph, as quads or as N-Triples lines.

    Made by :meth:`write` from ``(graph IRI, triples)`` batches (``""`` is
    the default graph; :func:`graph_batches` groups plain quads so); delete
    it with :meth:`close` (or use ``with``).
    """

    def __init__(
        self, directory: Path, extents: dict[str, _Extent], owner: ScratchFolder | None = None
    ) -> None:
        self.directory = directory
        self.path = directory / "graph.nq"
        self._extents = extents
        self._owner = owner

    @classmethod
    def write(
        cls,
        batches: Iterable[GraphBatch],
        directory: Path | None = None,
        *,
        run_lines: int = RUN_LINES,
        fan_in: int = FAN_IN,
    ) -> QuadFile:
        """Sort ``batches`` into a new scratch folder in ``directory`` (default: temp folder).

        Runs of ``run_lines`` lines are sorted in memory, then merged ``fan_in``
        at a time (in several passes when there are more).
        """
        if fan_in < 2:
            raise ValueError(f"fan_in must be at least 2, not {fan_in}")
        owner = ScratchFolder.create(directory)
        try:
            runs = _write_runs(_graph_lines(batches), owner.folder, run_lines)
            runs = _merge_passes(runs, owner.folder, run_lines, fan_in)
            extents = _merge_runs(runs, owner.folder / "graph.nq", run_lines)
        except BaseException:
            owner.remove()
            raise
        return cls(owner.folder, extents, owner)

    def close(self) -> None:
        if self._owner is not None:
            self._owner.remove()
        else:
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


def graph_batches(quads: Iterable[ox.Quad]) -> Iterator[GraphBatch]:
    """Quads as ``(graph key, triples)`` batches, the form :meth:`QuadFile.write` takes."""
    quads = iter(quads)
    while batch := list(islice(quads, _BATCH_QUADS)):
        by_graph: dict[str, list[ox.Triple]] = {}
        for quad in batch:
            name = quad.graph_name
            key = name.value if isinstance(name, ox.NamedNode) else DEFAULT_GRAPH
            by_graph.setdefault(key, []).append(quad.triple)
        yield from by_graph.items()


def _graph_lines(batches: Iterable[GraphBatch]) -> Iterator[tuple[str, list[str]]]:
    """Each batch's triples as N-Triples lines without their `` .``; pyoxigraph writes them."""
    for key, triples in batches:
        if isinstance(triples, TripleLines):
            yield key, triples.lines
            continue
        text = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode()
        yield key, [line[:-2] for line in text.split("\n") if line]


def _write_runs(graph_lines: Iterable[tuple[str, list[str]]], folder: Path, run_lines: int):
    """Sorted runs of about ``run_lines`` lines, each graph's lines in one block."""
    runs: list[_Run] = []
    pending: dict[str, list[str]] = {}
    count = 0
    for key, lines in graph_lines:
        pending.setdefault(key, []).extend(lines)
        count += len(lines)
        if count >= run_lines:
            runs.append(_write_run(pending, folder / f"run-{len(runs):05d}"))
            count = 0
    if pending:
        runs.append(_write_run(pending, folder / f"run-{len(runs):05d}"))
    return runs


def _write_run(pending: dict[str, list[str]], path: Path) -> _Run:
    """Write and empty ``pending``: graph by graph, its N-Quads lines sorted and unique.

    Sorting the triples' text sorts their lines: within a graph every line is
    the triple's text and the same ending, and no triple's text followed by a
    space begins another's (a term ends with ``>``, ``"``, a tag or a datatype).
    """
    blocks = {}
    with path.open("wb") as fh:
        for key in sorted(pending):
            lines = pending.pop(key)
            lines.sort()  # in place, and repeats dropped as written: no second copy of the run
            if not lines:
                continue
            start, end, count = fh.tell(), _line_end(key), 0
            for i in range(0, len(lines), _WRITE_LINES):  # bounded copies of the text
                chunk = list(_unique(lines[i : i + _WRITE_LINES], lines[i - 1] if i else None))
                if chunk:
                    fh.write((end.join(chunk) + end).encode())
                    count += len(chunk)
            blocks[key] = _Extent(start, fh.tell(), count)
    return _Run(path, blocks)


def _line_end(key: str) -> str:
    """What follows a triple's text on its N-Quads line in graph ``key``."""
    return f" <{key}> .\n" if key else " .\n"


def _merge_passes(runs: list[_Run], folder: Path, run_lines: int, fan_in: int) -> list[_Run]:
    """Merge ``fan_in`` runs at a time into longer runs until no more than ``fan_in`` are left."""
    made = 0
    while len(runs) > fan_in:
        merged = []
        for i in range(0, len(runs), fan_in):
            path = folder / f"merged-{made:05d}"
            made += 1
            merged.append(_Run(path, _merge_runs(runs[i : i + fan_in], path, run_lines)))
        runs = merged
    return runs


def _merge_runs(runs: list[_Run], target: Path, run_lines: int) -> dict[str, _Extent]:
    """Merge the runs graph by graph into ``target``; where each graph's lines are."""
    extents: dict[str, _Extent] = {}
    files = [run.path.open("rb") for run in runs]
    try:
        with target.open("wb") as out:
            for key in sorted(set().union(*(run.blocks for run in runs))):
                parts = [
                    (fh, run.blocks[key])
                    for fh, run in zip(files, runs, strict=True)
                    if key in run.blocks
                ]
                start = out.tell()
                count = _merge_blocks(parts, out, run_lines)
                extents[key] = _Extent(start, out.tell(), count)
    finally:
        for fh, run in zip(files, runs, strict=True):
            fh.close()
            run.path.unlink()
    return extents


def _merge_blocks(parts: list[tuple[io.BufferedReader, _Extent]], out, run_lines: int) -> int:
    """Write the union of sorted blocks of lines, in order; return how many lines."""
    if len(parts) == 1:  # one graph of one run, most article graphs: copied as it is
        fh, extent = parts[0]
        shutil.copyfileobj(_Slice(fh, extent.start, extent.end), out, 1 << 20)
        return extent.triples
    readers = [io.BufferedReader(_Slice(fh, e.start, e.end), _READ_BUFFER) for fh, e in parts]
    if sum(extent.triples for _, extent in parts) <= min(run_lines, _WRITE_LINES):  # a few
        lines = sorted(set(b"".join(reader.read() for reader in readers).split(b"\n")[:-1]))
        out.write(b"\n".join(lines) + b"\n")
        return len(lines)
    count, write = 0, out.write
    for line in _unique(heapq.merge(*readers)):
        write(line)
        count += 1
    return count


def _unique(lines: Iterable[T], previous: T | None = None) -> Iterator[T]:
    """Sorted ``lines`` without repeats (nor ``previous``, the line before them)."""
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
