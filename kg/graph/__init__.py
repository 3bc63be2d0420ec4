"""Graph: the only stage that speaks RDF.

graph_batches(corpus, settings, info) -> Iterator[(graph IRI, [pyoxigraph.Triple])]
QuadFile.write(batches, folder) -> QuadFile                        (sorted on disk)
build_dataset(corpus, settings, info) -> rdflib.Dataset            (in memory)
"""

from kg.graph.build import BuildInfo, build_dataset, graph_batches, graph_quads, merged_graph_iri
from kg.graph.iri import iri, mint_iri
from kg.graph.namespace import KG, PREFIXES
from kg.graph.quadfile import QuadFile

__all__ = [
    "KG",
    "PREFIXES",
    "BuildInfo",
    "QuadFile",
    "build_dataset",
    "graph_batches",
    "graph_quads",
    "iri",
    "merged_graph_iri",
    "mint_iri",
]
