"""Minting IRIs: one function, a pure function of its inputs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote

from rdflib import URIRef

_DASHES = re.compile(r"[\s_\-‐-―]+")
# Characters kept as they are in a slug; everything else is percent-encoded.
_SAFE = "-.~"


def slugify(text: str) -> str:
    """A lower-case, dash-separated, percent-encoded path segment.

    Accents are folded (``Ségolène`` -> ``segolene``); characters with no
    ASCII form (Cyrillic, CJK ...) are kept and percent-encoded, so distinct
    names keep distinct slugs.  Invisible and control characters are dropped.
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(
        c for c in text if not unicodedata.combining(c) and unicodedata.category(c)[0] != "C"
    )
    text = text.lower().replace("'", "").replace("’", "")
    text = re.sub(r"[^\w\s\-]", " ", text)
    text = _DASHES.sub("-", text).strip("-")
    return quote(text, safe=_SAFE) or "x"


def short_hash(*parts: object) -> str:
    """A stable 16-hex-digit digest of ``parts`` (for nodes without a name)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def mint_iri(base: str, kind: str, *keys: str) -> URIRef:
    """``{base}{kind}/{slug(key)}/...``: the only way kg makes an IRI."""
    if not base.endswith(("/", "#")):
        base += "/"
    segments = [slugify(kind)] + [slugify(k) for k in keys]
    return URIRef(base + "/".join(segments))
