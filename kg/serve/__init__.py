"""serve stage: a SPARQL 1.1 Protocol endpoint over the built graph, plus its viewer.

>>> from kg.serve import make_server
>>> server = make_server(Path("output/graph.trig"), port=7878)
>>> server.serve_forever()
"""

from kg.serve.server import Endpoint, ProtocolError, SparqlServer, make_server

__all__ = ["Endpoint", "ProtocolError", "SparqlServer", "make_server"]
