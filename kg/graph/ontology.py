"""The files of ``ontology/`` (the kg vocabulary and its SHACL shapes), found and parsed once.

Installed, they ship as the package ``kg.ontology``; in a source checkout
they are read from ``ontology/`` beside ``kg/``.
"""

from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL

_ONTOLOGY_PACKAGE = "kg.ontology"


def ontology_file(name: str) -> Path:
    """The path of ``name`` (``kg.ttl``, ``shapes.ttl``) in the installed or checked-out tree."""
    try:
        packaged = resources.files(_ONTOLOGY_PACKAGE) / name
        if packaged.is_file():
            return Path(str(packaged))
    except ModuleNotFoundError:  # a source checkout: ontology/ is not a package yet
        pass
    return Path(__file__).resolve().parents[2] / "ontology" / name


@functools.cache
def ontology_graph() -> Graph:
    """The parsed kg vocabulary (cached; do not modify)."""
    return Graph().parse(ontology_file("kg.ttl"), format="turtle")


@functools.cache
def inverse_properties() -> dict[str, str]:
    """Each property declared ``owl:inverseOf`` another, both ways round, as IRI strings."""
    found: dict[str, str] = {}
    for p, q in ontology_graph().subject_objects(OWL.inverseOf):
        found[str(p)], found[str(q)] = str(q), str(p)
    return found
