"""serve: a SPARQL 1.1 Protocol endpoint over the built graph, plus the viewer."""
