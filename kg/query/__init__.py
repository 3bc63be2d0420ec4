"""query stage: SPARQL 1.1 over the built graph, the merged graph as default graph.

>>> from kg.query import run
>>> result = run("SELECT ?p WHERE { ?p a kg:Person }", Path("output/graph.trig"))
"""

from kg.query.engine import QuerySyntaxError, dataset_options, prefixes_for, run
from kg.query.results import GRAPH_FORMATS, RESULTS_FORMATS, QueryResult
from kg.query.store import DataError, base_iri, merged_graph, open_store
from kg.query.table import render_table

__all__ = [
    "GRAPH_FORMATS",
    "RESULTS_FORMATS",
    "DataError",
    "QueryResult",
    "QuerySyntaxError",
    "base_iri",
    "dataset_options",
    "merged_graph",
    "open_store",
    "prefixes_for",
    "render_table",
    "run",
]
