"""Stable, readable identifiers: slugs and short hashes.

Every stage may name things (the merger gives canonical entities ids such as
``person/li-shangfu``); only the graph stage turns an id into an IRI, with
``kg.graph.iri.mint_iri``.  Both are pure functions of their inputs, so ids
and IRIs are the same from build to build.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from urllib.parse import quote, unquote

_DASHES = re.compile(r"[\s_\-‐-―]+")
# Characters kept as they are in a slug; everything else is percent-encoded.
_SAFE = "-.~"
# Text that is a slug already (lower-case ASCII words joined by single dashes)
# comes out of slugify unchanged; hashes and most keys are such.
_PLAIN_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def slugify(text: str) -> str:
    """A lower-case, dash-separated, percent-encoded path segment.

    Accents are folded (``Ségolène`` -> ``segolene``); characters with no
    ASCII form (Cyrillic, CJK ...) are kept whole and percent-encoded, so
    distinct names keep distinct slugs (``й`` is not ``и``).  Invisible and
    control characters are dropped (tabs and newlines count as spaces).
    ``slugify(slugify(x)) == slugify(x)``.
    """
    if _PLAIN_SLUG.fullmatch(text):
        return text
    # A slug given back reads as itself: its percent-escapes are undone first.
    text = "".join(_fold(c) for c in unicodedata.normalize("NFC", unquote(text)))
    text = text.lower().replace("'", "").replace("’", "")
    text = re.sub(r"[^\w\s\-]", " ", text)
    text = _DASHES.sub("-", text).strip("-")
    return quote(text, safe=_SAFE) or "x"


def _fold(char: str) -> str:
    """``char`` with its accents folded where what is left is ASCII ("é" -> "e",
    "ﬁ" -> "fi"); other letters stay whole ("й" is not "и"); invisible and control
    characters go (spaces stay)."""
    if unicodedata.category(char)[0] == "C" and not char.isspace():
        return ""
    base = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if base.isascii():
        return base
    return "" if unicodedata.combining(char) else char


def short_hash(*parts: object) -> str:
    """A stable 16-hex-digit digest of ``parts`` (for nodes without a name)."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return digest.hexdigest()[:16]


def id_path(kind: str, *keys: str) -> str:
    """``kind/slug(key)/...``: the corpus-wide id of a node, e.g. ``person/li-shangfu``."""
    return "/".join([slugify(kind)] + [slugify(k) for k in keys])
