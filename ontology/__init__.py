"""The kg vocabulary (kg.ttl) and its SHACL shapes (shapes.ttl), shipped as ``kg.ontology``."""
