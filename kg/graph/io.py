"""Reading a built graph back from a file."""

from __future__ import annotations

from pathlib import Path

from rdflib import RDF, Dataset
from rdflib.namespace import VOID

from kg.errors import DataError
from kg.settings import DEFAULT_BASE_IRI

# file suffix -> rdflib parser name
PARSERS = {".trig": "trig", ".nq": "nquads", ".jsonld": "json-ld", ".ttl": "turtle", ".nt": "nt"}


def read_dataset(path: Path) -> Dataset:
    """A Dataset from a file ``kg build`` wrote (TriG, N-Quads, JSON-LD, Turtle, N-Triples).

    Turtle and N-Triples hold only the merged graph; they are read into it.
    """
    fmt = PARSERS.get(path.suffix)
    if fmt is None:
        raise DataError(f"{path}: cannot read {path.suffix!r} files; use one of {sorted(PARSERS)}")
    if not path.is_file():
        raise DataError(f"{path}: no such file; build the graph first with `kg build`")
    try:
        return _parse(path, fmt)
    except Exception as exc:  # rdflib raises many kinds of parse errors
        raise DataError(f"{path}: not a readable {fmt} file: {exc}") from exc


def _parse(path: Path, fmt: str) -> Dataset:
    from kg.graph.build import merged_graph_iri

    dataset = Dataset()
    if fmt in ("turtle", "nt"):
        graph = dataset.graph()
        graph.parse(path, format=fmt)
        base = base_iri_of(graph)
        named = dataset.graph(merged_graph_iri(base))
        for triple in graph:
            named.add(triple)
        dataset.remove_graph(graph)
    else:
        dataset.parse(path, format=fmt)
    return dataset


def base_iri_of(data) -> str:
    """The base IRI a graph was built with, read off its ``{base}graph/merged`` dataset node."""
    for subject in data.subjects(RDF.type, VOID.Dataset):
        text = str(subject)
        if text.endswith("graph/merged"):
            return text[: -len("graph/merged")]
    return DEFAULT_BASE_IRI
