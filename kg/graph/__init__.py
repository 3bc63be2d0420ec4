"""Graph: the only stage that speaks RDF.

build_dataset(corpus, settings, info) -> rdflib.Dataset
"""

from kg.graph.build import BuildInfo, build_dataset, merged_graph_iri
from kg.graph.iri import iri, mint_iri
from kg.graph.namespace import KG, PREFIXES

__all__ = ["KG", "PREFIXES", "BuildInfo", "build_dataset", "iri", "merged_graph_iri", "mint_iri"]
