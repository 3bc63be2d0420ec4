"""Export: write the graph to files, one writer per format, looked up by name.

    write(graph, formats, directory, settings) -> list[Path]

The graph is a :class:`~kg.graph.quadfile.QuadFile` (quads sorted on disk, as
``kg build`` makes them) or an rdflib ``Dataset``.

Files are always named ``graph.<format>`` and written atomically (a temporary
file in the same folder, then a rename), so an interrupted build leaves the
previous outputs intact.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from kg.export.rdf import GraphData, quad_file, warn_if_large, write_together
from kg.settings import Settings

Writer = Callable[[GraphData, Path, Settings], None]

# format name -> "module:function"; the file is written to graph.<format>.
WRITERS: dict[str, str] = {
    "ttl": "kg.export.rdf:write_turtle",
    "trig": "kg.export.rdf:write_trig",
    "nt": "kg.export.rdf:write_ntriples",
    "nq": "kg.export.rdf:write_nquads",
    "jsonld": "kg.export.rdf:write_jsonld",
    "html": "kg.export:write_viewer",
    "graphml": "kg.export.network:write_graphml",
    "gexf": "kg.export.network:write_gexf",
}


def writer(name: str) -> Writer:
    target = WRITERS.get(name)
    if target is None:
        raise ValueError(f"unknown format {name!r}; known: {', '.join(sorted(WRITERS))}")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def write(
    graph: GraphData, formats: Iterable[str], directory: Path, settings: Settings
) -> list[Path]:
    """Write ``graph`` once per format into ``directory``; returns the paths."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    names = list(dict.fromkeys(formats))  # keep order, drop repeats
    with quad_file(graph) as quads:  # a Dataset is sorted once, not once per format
        together = write_together(quads, names, directory, settings)
        for name in names:
            path = directory / f"graph.{name}"
            if name not in together:
                writer(name)(quads, path, settings)
            written.append(path)
    return written


def write_viewer(graph: GraphData, path: Path, settings: Settings) -> None:
    from kg.export.focus import viewer_dataset
    from kg.export.viewer import write_html

    if not settings.viewer_nodes:  # uncapped, the whole merged graph is read into memory
        warn_if_large(graph, path, settings)
    drawn = viewer_dataset(graph, settings)
    write_html(
        drawn.dataset,
        path,
        title=drawn.title,
        base_iri=settings.base_iri,
        totals=drawn.totals,
        left_out=drawn.left_out,
    )
