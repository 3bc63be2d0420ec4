"""Opening a graph for querying: files, rdflib datasets and pyoxigraph stores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Union

import pyoxigraph as ox

if TYPE_CHECKING:  # rdflib is only needed when a caller hands us a Dataset
    import rdflib

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
VOID_DATASET = ox.NamedNode("http://rdfs.org/ns/void#Dataset")
MERGED_GRAPH_PATH = "graph/merged"

# Above this size a file is streamed with bulk_load, which does not hold the
# whole parse in one transaction; below it the transactional load is safer.
BULK_LOAD_BYTES = 64 * 1024 * 1024

# Extensions pyoxigraph does not guess itself.
_EXTRA_EXTENSIONS = {".json": ox.RdfFormat.JSON_LD, ".owl": ox.RdfFormat.RDF_XML}

Data = Union[Path, str, "rdflib.Dataset", "rdflib.Graph", ox.Store]


class DataError(ValueError):
    """The graph file cannot be read (missing, unknown format, or malformed)."""


def open_store(data: Data) -> ox.Store:
    """An in-memory pyoxigraph ``Store`` holding ``data``.

    A ``Store`` is returned as it is; a path is parsed by its extension
    (``.trig``, ``.ttl``, ``.nq``, ``.nt``, ``.jsonld`` ...); an rdflib
    ``Dataset`` or ``Graph`` is copied quad by quad through N-Quads.
    """
    if isinstance(data, ox.Store):
        return data
    if isinstance(data, (str, Path)):
        return _store_from_file(Path(data))
    return _store_from_rdflib(data)


def _rdf_format(path: Path) -> ox.RdfFormat:
    suffix = path.suffix.lower()
    if suffix in _EXTRA_EXTENSIONS:
        return _EXTRA_EXTENSIONS[suffix]
    fmt = ox.RdfFormat.from_extension(suffix.lstrip("."))
    if fmt is None:
        raise DataError(f"{path}: unknown RDF format {suffix!r} (use .trig, .ttl, .nq, .nt ...)")
    return fmt


def _store_from_file(path: Path) -> ox.Store:
    if not path.is_file():
        raise DataError(f"{path}: no such file (run `kg build` first, or pass --data)")
    fmt = _rdf_format(path)
    store = ox.Store()
    loader = store.bulk_load if path.stat().st_size > BULK_LOAD_BYTES else store.load
    try:
        loader(path=str(path), format=fmt)
    except SyntaxError as err:
        raise DataError(f"{path}: {_one_line(str(err))}") from None
    return store


def _store_from_rdflib(data: rdflib.Graph) -> ox.Store:
    store = ox.Store()
    # N-Quads keeps the graph names of a Dataset; a plain Graph lands in the default graph.
    nquads = data.serialize(format="nquads", encoding="utf-8")
    store.load(input=nquads, format=ox.RdfFormat.N_QUADS)
    return store


def merged_graph(store: ox.Store) -> ox.NamedNode | None:
    """The IRI of the merged graph in ``store``, or None if it has none.

    The merged graph describes itself as a ``void:Dataset``; failing that, the
    named graph whose IRI ends in ``graph/merged`` is taken, whatever the base.
    A file with no named graphs (``graph.ttl``) has no merged graph: its
    default graph already is the merged graph.
    """
    for quad in store.quads_for_pattern(None, RDF_TYPE, VOID_DATASET, None):
        if isinstance(quad.graph_name, ox.NamedNode) and quad.subject == quad.graph_name:
            return quad.graph_name
    candidates = sorted(
        (g for g in store.named_graphs() if isinstance(g, ox.NamedNode)),
        key=lambda g: g.value,
    )
    for graph in candidates:
        if graph.value.endswith(MERGED_GRAPH_PATH):
            return graph
    return None


def base_iri(store: ox.Store) -> str | None:
    """The base the graph's IRIs were minted under (``https://kg.example.org/``)."""
    graph = merged_graph(store)
    if graph is None or not graph.value.endswith(MERGED_GRAPH_PATH):
        return None
    return graph.value[: -len(MERGED_GRAPH_PATH)]


def _one_line(message: str) -> str:
    return " ".join(message.split())
