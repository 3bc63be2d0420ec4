"""load stage: push the built graph into a remote triple store (SPARQL 1.1 Graph Store Protocol).

>>> from kg.load import Auth, load
>>> report = load(Path("output/graph.trig"), "http://localhost:7878/store")
>>> report.ok
True
"""

from kg.load.graphs import GraphPayload, graph_payloads
from kg.load.gsp import (
    AUTH_SCHEMES,
    PASSWORD_ENV,
    TOKEN_ENV,
    Auth,
    GraphOutcome,
    LoadError,
    LoadReport,
    graph_store_url,
    graph_url,
    load,
)

__all__ = [
    "AUTH_SCHEMES",
    "PASSWORD_ENV",
    "TOKEN_ENV",
    "Auth",
    "GraphOutcome",
    "GraphPayload",
    "LoadError",
    "LoadReport",
    "graph_payloads",
    "graph_store_url",
    "graph_url",
    "load",
]
