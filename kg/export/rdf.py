"""RDF files: Turtle and N-Triples hold the merged graph; TriG, N-Quads and
JSON-LD hold the merged graph and every article graph.

Every writer takes the graph as a :class:`~kg.graph.quadfile.QuadFile` (what
``kg build`` makes: quads sorted on disk) or an rdflib ``Dataset`` (what
library users and ``kg export`` hold), and writes atomically.

Output is byte-identical from run to run, whatever the hash seed:
named graphs are written in IRI order, N-Triples and N-Quads are sorted
lines, Turtle and TriG subjects and predicates are sorted, and JSON-LD nodes
are ordered by content.

Two engines write the files.  rdflib writes readable Turtle (subjects grouped,
lists of types one per line) and compact JSON-LD with the kg prefixes, but it
is slow on large graphs and holds them in memory.  pyoxigraph writes in Rust,
streaming from the sorted quads: it writes N-Triples and N-Quads at every size,
and Turtle, TriG and JSON-LD for graphs larger than ``OXIGRAPH_ABOVE`` triples
(Turtle and TriG keep the prefixes; JSON-LD is then in expanded form, full
IRIs, no context).  Either engine can be asked for by name with ``engine=``.
On the oxigraph side, Turtle and TriG bytes are written here from the sorted
lines, exactly as pyoxigraph writes them (see :class:`TurtleWriter`), and
when both are asked for they share one pass (:func:`write_together`).

Both engines refuse blank nodes and malformed IRIs before writing anything
(see docs/formats.md).
"""

from __future__ import annotations

import bisect
import io
import json
import logging
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import IO
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.export.atomic import atomic_open, atomic_write
from kg.graph import PREFIXES, merged_graph_iri
from kg.graph.convert import dataset_quads, quads_to_dataset
from kg.graph.quadfile import QuadFile, graph_batches
from kg.settings import Settings

Engine = Choice["rdflib", "oxigraph"]
GraphData = QuadFile | Dataset

# Above this many triples, Turtle, TriG and JSON-LD are written by pyoxigraph:
# rdflib needs minutes and gigabytes there (see docs/formats.md for figures).
OXIGRAPH_ABOVE = 50_000

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

# graph.nq is sorted in runs of _RUN_BYTES of N-Quads lines, merged _FAN_IN at a
# time with _MERGE_BYTES of their lines in hand, so its memory (about 20 MiB of
# lines as Python objects) and open files do not grow with the graph.  Bigger
# runs are not faster: a 1.4 GB file (10,000 articles) sorts in about 12 s
# with 8 or 16 MiB runs.
_RUN_BYTES = 1 << 23
_MERGE_BYTES = 1 << 23
_FAN_IN = 256

# The viewer and GraphML/GEXF read the merged graph into rdflib, at about
# 1 KiB a triple; above this size the build says so.
IN_MEMORY_WARNING_TRIPLES = 500_000

log = logging.getLogger(__name__)


@contextmanager
def quad_file(data: GraphData) -> Iterator[QuadFile]:
    """``data`` as quads sorted on disk; a Dataset is sorted into a temporary file."""
    if isinstance(data, QuadFile):
        yield data
        return
    with QuadFile.write(graph_batches(dataset_quads(data))) as converted:
        yield converted


def as_dataset(data: GraphData, settings: Settings, *, merged_only: bool = False) -> Dataset:
    """``data`` as an rdflib Dataset (only its merged graph, if asked), for rdflib readers."""
    if isinstance(data, Dataset):
        return data
    graphs = [merged_name(settings)] if merged_only else None
    return quads_to_dataset(data.quads(graphs), settings.base_iri)


def warn_if_large(graph: GraphData, path: Path, settings: Settings) -> None:
    """Say so when a writer is about to read a very large merged graph into memory."""
    if not isinstance(graph, QuadFile):
        return  # a Dataset is in memory already
    triples = graph.size(merged_name(settings))
    if triples > IN_MEMORY_WARNING_TRIPLES:
        log.warning(
            "%s: reading the merged graph (%d triples, about %d MiB) into memory; "
            "for corpora this large, leave it out of --format and browse with kg serve",
            path.name,
            triples,
            triples // 1024,
        )


def merged_name(settings: Settings) -> str:
    return str(merged_graph_iri(settings.base_iri))


def merged_graph(dataset: Dataset, settings: Settings) -> Graph:
    graph = dataset.graph(merged_graph_iri(settings.base_iri))
    for prefix, ns in dataset.namespaces():
        graph.bind(prefix, ns, override=True)
    return graph


def choose_engine(triples: int, above: int, engine: Engine | None = None) -> Engine:
    """``engine`` if given, else pyoxigraph for more than ``above`` triples."""
    if engine is not None:
        return _checked(engine)
    return "oxigraph" if triples > above else "rdflib"


def _checked(engine: Engine) -> Engine:
    if engine not in ("rdflib", "oxigraph"):
        raise ValueError(f"unknown engine {engine!r}; use 'rdflib' or 'oxigraph'")
    return engine


# -- writers, one per format ---------------------------------------------------


def write_turtle(
    data: GraphData, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    with quad_file(data) as quads:
        merged = merged_name(settings)
        if choose_engine(quads.size(merged), OXIGRAPH_ABOVE, engine) == "rdflib":
            graph = merged_graph(as_dataset(quads, settings, merged_only=True), settings)
            buffer = io.BytesIO()
            CachedTurtleSerializer(graph).serialize(buffer, encoding="utf-8")
            atomic_write(path, buffer.getvalue())
            return
        with atomic_open(path) as fh:
            _write_chunks(fh, TurtleWriter(_prefixes()).turtle(quads.ntriples_lines(merged)))


def write_trig(
    data: GraphData, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    with quad_file(data) as quads:
        if choose_engine(len(quads), OXIGRAPH_ABOVE, engine) == "rdflib":
            buffer = io.BytesIO()
            SortedTrigSerializer(as_dataset(quads, settings)).serialize(buffer, encoding="utf-8")
            atomic_write(path, buffer.getvalue())
            return
        with atomic_open(path) as fh:
            TurtleWriter(_prefixes()).write_trig(quads, fh)


def write_together(
    quads: QuadFile, formats: Iterable[str], directory: Path, settings: Settings
) -> dict[str, Path]:
    """Write the formats that can share one reading of ``quads``; returns what it wrote.

    Streamed TriG holds the merged graph's statements exactly as streamed
    Turtle writes them, so when both are asked for they are written in one pass.
    """
    formats = set(formats)
    if not {"trig", "ttl"} <= formats:
        return {}
    merged = merged_name(settings)
    if (
        choose_engine(len(quads), OXIGRAPH_ABOVE) != "oxigraph"
        or choose_engine(quads.size(merged), OXIGRAPH_ABOVE) != "oxigraph"
    ):
        return {}
    paths = {name: directory / f"graph.{name}" for name in ("trig", "ttl")}
    with atomic_open(paths["trig"]) as trig, atomic_open(paths["ttl"]) as turtle:
        TurtleWriter(_prefixes()).write_trig(quads, trig, (merged, turtle))
    return paths


def write_ntriples(
    data: GraphData, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    """Sorted N-Triples lines of the merged graph (both engines write the same bytes)."""
    if engine is not None:
        _checked(engine)  # both engines write these the same way
    with quad_file(data) as quads, atomic_open(path) as fh:
        _write_lines(fh, quads.ntriples_lines(merged_name(settings)))  # sorted already


def write_nquads(
    data: GraphData, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    """Sorted N-Quads lines of every graph (both engines write the same bytes)."""
    if engine is not None:
        _checked(engine)  # both engines write these the same way
    with quad_file(data) as quads, atomic_open(path) as fh:
        _write_sorted(fh, quads.path, quads.directory)


def write_jsonld(
    data: GraphData, path: Path, settings: Settings, *, engine: Engine | None = None
) -> None:
    with quad_file(data) as quads:
        if choose_engine(len(quads), OXIGRAPH_ABOVE, engine) == "oxigraph":
            # Expanded JSON-LD (no context): pyoxigraph does not compact.
            with atomic_open(path) as fh:
                ox.serialize(quads.quads(), fh, ox.RdfFormat.JSON_LD)
            return
        dataset = as_dataset(quads, settings)
    context = {prefix: ns for prefix, ns in sorted(PREFIXES.items())}
    context["@base"] = settings.base_iri
    data = json.loads(dataset.serialize(format="json-ld", context=context, auto_compact=True))
    atomic_write(path, json.dumps(_ordered(data), ensure_ascii=False, indent=2, sort_keys=True))


def _write_sorted(fh: IO[bytes], source: Path, scratch: Path) -> None:
    """Write the lines of ``source`` sorted by bytes; byte order of UTF-8 is code point order.

    A QuadFile's lines are unique and come in long sorted stretches (each
    graph's lines are in N-Quads order already), which Python's sort merges
    in C.  Runs of about ``_RUN_BYTES`` are sorted in memory; more than one
    run is written to ``scratch`` and merged block by block, ``_FAN_IN`` runs
    at a time.
    """
    made: list[Path] = []

    def new_run() -> Path:
        made.append(scratch / f"sorted-{len(made):05d}")
        return made[-1]

    runs: list[Path] = []
    try:
        with source.open("rb") as lines:
            while run := lines.readlines(_RUN_BYTES):
                run.sort()
                if not runs and not lines.peek(1):  # the whole file in one run
                    fh.writelines(run)
                    return
                runs.append(new_run())
                with runs[-1].open("wb") as out:
                    out.writelines(run)
                del run  # before the next run is read
        while len(runs) > _FAN_IN:
            runs = [
                _merge_into(new_run(), runs[i : i + _FAN_IN]) for i in range(0, len(runs), _FAN_IN)
            ]
        _merge_runs(fh, runs)
    finally:
        for path in made:
            path.unlink(missing_ok=True)


def _merge_into(target: Path, runs: list[Path]) -> Path:
    with target.open("wb") as out:
        _merge_runs(out, runs)
    for path in runs:
        path.unlink()
    return target


def _merge_runs(fh: IO[bytes], runs: list[Path]) -> None:
    """Merge sorted files into ``fh`` a block at a time.

    Every line up to the smallest last line among the blocks in hand sorts
    before anything not yet read, so those lines are sorted (in C) and
    written; the block that ended there is refilled.
    """
    block_bytes = max(1, _MERGE_BYTES // max(1, len(runs)))
    files = [path.open("rb") for path in runs]
    try:
        blocks = [f.readlines(block_bytes) for f in files]
        while live := [i for i, block in enumerate(blocks) if block]:
            bound = min(blocks[i][-1] for i in live)
            ready: list[bytes] = []
            for i in live:
                block = blocks[i]
                cut = bisect.bisect_right(block, bound)
                ready += block[:cut]
                blocks[i] = block[cut:] or files[i].readlines(block_bytes)
            ready.sort()
            fh.writelines(ready)  # not joined first: that would copy the block
    finally:
        for f in files:
            f.close()


def _write_lines(fh, lines: Iterable[bytes]) -> None:
    fh.writelines(lines)


# -- rdflib helpers ------------------------------------------------------------


class _CachedPnames:
    """Remember each IRI's prefixed name for the length of one serialisation.

    rdflib recomputes it for every occurrence of an IRI, scanning the bound
    namespaces each time; on large graphs that dominated writing Turtle.  The
    first call still records the prefix as used, so the output is unchanged.
    """

    def reset(self) -> None:
        super().reset()
        self._pnames: dict = {}

    def get_pname(self, uri, gen_prefix: bool = True):
        key = (uri, gen_prefix)
        if key not in self._pnames:
            self._pnames[key] = super().get_pname(uri, gen_prefix)
        return self._pnames[key]


class CachedTurtleSerializer(_CachedPnames, TurtleSerializer):
    """rdflib's Turtle writer with prefixed names cached."""


class SortedTrigSerializer(_CachedPnames, TrigSerializer):
    """rdflib's TriG writer with the named graphs in IRI order.

    rdflib writes graphs in its store's order, which changes with the hash
    seed; sorting them makes the file byte-identical from run to run.
    """

    def __init__(self, store: Dataset) -> None:
        super().__init__(store)
        # Sorted before preprocess(): reference counts, and so the order of
        # subjects inside each graph, accumulate across graphs in this order.
        self.contexts.sort(key=lambda graph: str(graph.identifier))


def _ordered(node):
    """Sort every JSON-LD array of node objects by ``@id`` (and values by content)."""
    if isinstance(node, dict):
        return {k: _ordered(v) for k, v in node.items()}
    if isinstance(node, list):
        items = [_ordered(v) for v in node]
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node


# -- pyoxigraph helpers --------------------------------------------------------


def _prefixes() -> dict[str, str]:
    """kg's prefixes and rdf:, for pyoxigraph (which writes each one, used or not)."""
    return {"rdf": RDF_NS, **PREFIXES}


def _write_chunks(fh, chunks: Iterable[bytes]) -> None:
    for chunk in chunks:
        fh.write(chunk)


# -- streamed Turtle and TriG --------------------------------------------------
#
# pyoxigraph's writer needs every quad as Python objects: parsing the sorted
# N-Quads back into terms cost more than writing them.  The writer below
# reads the N-Triples lines as bytes and writes what pyoxigraph's Turtle and
# TriG writers write (tests/export/test_turtle_stream.py compares the two):
# the prefixes pyoxigraph declares, in its order; subjects and predicates
# grouped with " ;" and " ,"; rdf:type as "a"; IRIs as prefixed names where
# the local part can be written as one; numbers and booleans bare.

_XSD = "http://www.w3.org/2001/XMLSchema#"
_BARE_LITERALS = {  # datatype -> the Turtle grammar a bare literal of it must match
    f"<{_XSD}boolean>".encode(): re.compile(rb"(?:true|false)\Z"),
    f"<{_XSD}integer>".encode(): re.compile(rb"[+-]?[0-9]+\Z"),
    f"<{_XSD}decimal>".encode(): re.compile(rb"[+-]?[0-9]*\.[0-9]+\Z"),
    f"<{_XSD}double>".encode(): re.compile(
        rb"[+-]?(?:[0-9]+\.[0-9]*|\.[0-9]+|[0-9]+)[eE][+-]?[0-9]+\Z"
    ),
}
_RDF_TYPE = f"<{RDF_NS}type>".encode()
# A local name of plain ASCII name characters needs no escape (the common case).
_PLAIN_LOCAL = re.compile(rb"[A-Za-z0-9_:](?:[A-Za-z0-9_:.\-]*[A-Za-z0-9_:\-])?\Z")
_ESCAPABLE = frozenset("_~.-!$&'()*+,;=/?#@%")
_CACHED_TERMS = 1 << 15  # distinct terms remembered; the cache restarts when full
_CHUNK_BYTES = 1 << 16  # statements written at a time


class _TermCache(dict):
    """N-Triples term -> its Turtle text, computed on first use."""

    def __init__(self, convert) -> None:
        super().__init__()
        self._convert = convert

    def __missing__(self, term: bytes) -> bytes:
        if len(self) >= _CACHED_TERMS:
            self.clear()  # memory stays bounded; repeated terms come back quickly
        text = self[term] = self._convert(term)
        return text


class TurtleWriter:
    """Turtle and TriG, as pyoxigraph writes them, from sorted N-Triples/N-Quads lines.

    ``prefixes`` is what pyoxigraph's ``serialize`` would take.  Lines must
    come from pyoxigraph's N-Triples writer (what :class:`QuadFile` holds), so
    equal terms have equal bytes.
    """

    def __init__(self, prefixes: dict[str, str]) -> None:
        self.header, order = _oxigraph_prelude(prefixes)
        self._namespaces = [(iri.encode(), f"{name}:".encode()) for name, iri in order]
        self._first_namespace = re.compile(
            b"|".join(b"(" + re.escape(iri) + b")" for iri, _ in self._namespaces) or b"(?!)"
        )
        self._terms = _TermCache(self._term)
        self._first_predicates = _TermCache(lambda p: b" " + self._predicate(p) + b" ")
        self._next_predicates = _TermCache(lambda p: b" ;\n\t" + self._predicate(p) + b" ")

    def turtle(self, lines: Iterable[bytes]) -> Iterator[bytes]:
        """Turtle of N-Triples ``lines`` (a triple's lines must be consecutive)."""
        body = self.statements(lines, len(b" .\n"))
        first = next(body, None)
        if first is None:
            return  # pyoxigraph writes nothing at all for no triples
        yield self.header
        yield first
        yield from body

    def write_trig(
        self, quads: QuadFile, trig: IO[bytes], turtle: tuple[str, IO[bytes]] | None = None
    ) -> None:
        """Write TriG of every graph in ``quads`` to ``trig``, graph by graph.

        With ``turtle`` = (graph name, file), that graph is also written as
        Turtle to that file, from the same statements.
        """
        lines = quads.nquads_lines()
        turtle_graph, turtle_fh = turtle if turtle else (None, None)
        started = False
        for name in quads.graph_names():
            count = quads.size(name)
            if not count:
                continue
            if not started:
                trig.write(self.header)
                started = True
            graph = f"<{name}>".encode()
            suffix = len(graph) + len(b"  .\n") if name else len(b" .\n")
            if name:
                trig.write(self._terms[graph] + b" {\n")
            if name == turtle_graph:
                turtle_fh.write(self.header)
            for chunk in self.statements(islice(lines, count), suffix):
                if name == turtle_graph:
                    turtle_fh.write(chunk)
                # Inside a graph every line is indented once more; N-Triples
                # lines hold no raw line breaks, so each b"\n" ends a line.
                trig.write(b"\t" + chunk[:-1].replace(b"\n", b"\n\t") + b"\n" if name else chunk)
            if name:
                trig.write(b"}\n")

    def statements(self, lines: Iterable[bytes], suffix: int) -> Iterator[bytes]:
        """Turtle statements of ``lines``, in chunks of whole lines.

        ``suffix`` is the length of what follows the object on each line
        (" .\\n", or " <graph> .\\n" in N-Quads).
        """
        # Predicates come with the text around them, and the text grows in place:
        # fewer objects per line.
        terms, first, next_ = self._terms, self._first_predicates, self._next_predicates
        text = bytearray()
        subject = predicate = None
        for line in lines:
            s, p, o = line.split(b" ", 2)  # subject and predicate hold no space
            if s == subject:
                if p == predicate:
                    text += b" , "
                    text += terms[o[:-suffix]]
                    continue
                predicate = p
                text += next_[p]
                text += terms[o[:-suffix]]
                continue
            if subject is not None:
                text += b" .\n"
                if len(text) >= _CHUNK_BYTES:
                    yield bytes(text)
                    text.clear()
            subject, predicate = s, p
            text += terms[s]
            text += first[p]
            text += terms[o[:-suffix]]
        if subject is not None:
            text += b" .\n"
            yield bytes(text)

    def _predicate(self, term: bytes) -> bytes:
        return b"a" if term == _RDF_TYPE else self._terms[term]

    def _term(self, term: bytes) -> bytes:
        if term[:1] == b"<":
            return self._iri(term)
        if term[:1] == b'"' and term[-1:] == b">":  # "value"^^<datatype>
            at = term.rindex(b'"^^<')
            value, datatype = term[1:at], term[at + 3 :]
            bare = _BARE_LITERALS.get(datatype)
            if bare is not None and bare.match(value):
                return value
            return term[: at + 3] + self._terms[datatype]
        return term  # blank nodes, plain and language-tagged literals: as in N-Triples

    def _iri(self, term: bytes) -> bytes:
        iri = term[1:-1]
        found = self._first_namespace.match(iri)
        if found is None:
            return term
        # Namespaces are tried in pyoxigraph's order; the regex found the first that
        # matches, later ones are tried only if its local part cannot be written.
        for namespace, prefix in self._namespaces[found.lastindex - 1 :]:
            if iri.startswith(namespace):
                local = _local_name(iri[len(namespace) :])
                if local is not None:
                    return prefix + local
        return term


def _local_name(local: bytes) -> bytes | None:
    """``local`` as a Turtle local name (escaped where needed), or None if it cannot be one."""
    if not local or _PLAIN_LOCAL.match(local):
        return local
    text = local.decode("utf-8")
    out = []
    for i, char in enumerate(text):
        if i == 0:
            plain = _pn_chars_u(char) or char == ":" or "0" <= char <= "9"
        else:
            plain = _pn_chars(char) or char == ":" or (char == "." and i < len(text) - 1)
        if plain:
            out.append(char)
        elif char in _ESCAPABLE:
            out.append("\\" + char)
        else:
            return None
    return "".join(out).encode("utf-8")


# PN_CHARS_BASE of the Turtle grammar beyond ASCII letters, as code point ranges.
_PN_CHARS_BASE = (
    (0xC0, 0xD6), (0xD8, 0xF6), (0xF8, 0x2FF), (0x370, 0x37D), (0x37F, 0x1FFF),
    (0x200C, 0x200D), (0x2070, 0x218F), (0x2C00, 0x2FEF), (0x3001, 0xD7FF),
    (0xF900, 0xFDCF), (0xFDF0, 0xFFFD), (0x10000, 0xEFFFF),
)  # fmt: skip


def _pn_chars_u(char: str) -> bool:
    """PN_CHARS_U of the Turtle grammar: PN_CHARS_BASE or '_'."""
    if char == "_" or "A" <= char <= "Z" or "a" <= char <= "z":
        return True
    code = ord(char)
    return any(low <= code <= high for low, high in _PN_CHARS_BASE)


def _pn_chars(char: str) -> bool:
    """PN_CHARS of the Turtle grammar."""
    code = ord(char)
    return (
        _pn_chars_u(char)
        or char == "-"
        or "0" <= char <= "9"
        or code == 0xB7
        or 0x300 <= code <= 0x36F
        or 0x203F <= code <= 0x2040
    )


def _oxigraph_prelude(prefixes: dict[str, str]) -> tuple[bytes, list[tuple[str, str]]]:
    """pyoxigraph's ``@prefix`` lines for ``prefixes``, and the prefixes in their order.

    pyoxigraph chooses the order (it tries longer namespaces first); asking it
    keeps the prefixed names the same as it would write them.
    """
    probe = ox.Triple(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.NamedNode("urn:x:o"))
    text = ox.serialize([probe], format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    header = text[: text.index(b"<urn:x:s>")]
    order = re.findall(r"@prefix ([^:\s]*): <([^>]*)> \.\n", header.decode("utf-8"))
    return header, order
