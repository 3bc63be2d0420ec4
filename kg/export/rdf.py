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

Both engines refuse blank nodes and malformed IRIs before writing anything
(see docs/formats.md).
"""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal as Choice

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.plugins.serializers.trig import TrigSerializer
from rdflib.plugins.serializers.turtle import TurtleSerializer

from kg.export.atomic import atomic_open, atomic_write
from kg.graph import PREFIXES, merged_graph_iri
from kg.graph.convert import dataset_quads, quads_to_dataset
from kg.graph.quadfile import QuadFile, graph_batches, sorted_unique
from kg.settings import Settings

Engine = Choice["rdflib", "oxigraph"]
GraphData = QuadFile | Dataset

# Above this many triples, Turtle, TriG and JSON-LD are written by pyoxigraph:
# rdflib needs minutes and gigabytes there (see docs/formats.md for figures).
OXIGRAPH_ABOVE = 50_000

RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"

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
            ox.serialize(quads.triples(merged), fh, ox.RdfFormat.TURTLE, prefixes=_prefixes())


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
            ox.serialize(quads.quads(), fh, ox.RdfFormat.TRIG, prefixes=_prefixes())


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
        _write_lines(fh, _sorted_lines(quads.nquads_lines(), quads.directory))


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


def _sorted_lines(lines: Iterable[bytes], scratch: Path) -> Iterator[bytes]:
    """Lines sorted by bytes, without repeats; byte order of UTF-8 is code point order."""
    return sorted_unique((line for line in lines if line.strip()), scratch)


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
