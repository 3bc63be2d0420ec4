"""Minting IRIs: the only place kg turns an id into an IRI."""

from __future__ import annotations

import re
from urllib.parse import quote

from rdflib import URIRef

from kg.ids import id_path

_PATH_SAFE = "/-.~%=,"
# What quote() leaves alone (its always-safe set plus _PATH_SAFE): a path made
# only of these is its own IRI path, and most ids are, being slugs already.
_UNCHANGED_BY_QUOTE = re.compile(r"[A-Za-z0-9_/\-.~%=,]*")


def iri_text(base: str, path: str) -> str:
    """``{base}{path}`` as a plain string, for an id path made by :func:`kg.ids.id_path`."""
    if not base.endswith(("/", "#")):
        base += "/"
    if _UNCHANGED_BY_QUOTE.fullmatch(path):
        return base + path
    return base + quote(path, safe=_PATH_SAFE)


def iri(base: str, path: str) -> URIRef:
    """``{base}{path}`` for an id path made by :func:`kg.ids.id_path`."""
    return URIRef(iri_text(base, path))


def mint_iri(base: str, kind: str, *keys: str) -> URIRef:
    """``{base}{kind}/{slug(key)}/...``, lower-case and percent-encoded."""
    return iri(base, id_path(kind, *keys))
