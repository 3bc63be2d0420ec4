"""Every problem ingest reports, with its code, in one place.

A problem never raises out of :func:`kg.ingest.read_articles`: it becomes a
:class:`kg.model.SourceError` carrying one of the codes below, and reading
goes on with the next file (or the next JSON Lines record).

=========  ==================================================================
code       meaning
=========  ==================================================================
KG-IN-001  the path given does not exist
KG-IN-002  the file's extension has no reader (only for files named directly;
           inside a folder such files are skipped quietly)
KG-IN-003  the file could not be read (permissions, I/O error)
KG-IN-004  the file is empty, or holds only whitespace
KG-IN-005  the file is binary (NUL bytes, control characters), not text
KG-IN-006  the bytes are not UTF-8 and no other text encoding fits
KG-IN-007  the text is longer than ``settings.max_chars`` characters
KG-IN-008  the article is not in English (the detected language, or its script, is named)
KG-IN-009  a JSON Lines record is not valid JSON (truncated, broken)
KG-IN-010  a JSON Lines record is not an object with a non-empty ``text``
KG-IN-011  a sidecar ``*.meta.json`` is broken; the article is still read
           without it, and this error is reported after the article
KG-IN-012  HTML from which no main text could be extracted
KG-IN-013  two inputs give the same article id; the second is not read
KG-IN-014  no article body is left: every line is boilerplate or metadata
KG-IN-099  an unexpected error inside ingest (a bug: please report it); the
           message names the exception, and reading goes on
=========  ==================================================================
"""

from __future__ import annotations

from kg.model import SourceError

MESSAGES = {
    "KG-IN-001": "no such file or folder: {path}",
    "KG-IN-002": "unsupported file type {suffix!r}; readable types: {known}",
    "KG-IN-003": "cannot read the file: {reason}",
    "KG-IN-004": "the file is empty",
    "KG-IN-005": "the file is binary ({reason}), not text",
    "KG-IN-006": "cannot decode the file: not UTF-8 and no other text encoding fits",
    "KG-IN-007": (
        "the text is too long: {size}, more than the limit of {limit:,} characters "
        "(raise settings.max_chars / KG_MAX_CHARS to read it)"
    ),
    "KG-IN-008": "the article is in {language}, not English; skipped",
    "KG-IN-009": "line {line} is not valid JSON ({reason}); the other lines are read",
    "KG-IN-010": "line {line} has no usable article: {reason}",
    "KG-IN-011": "the sidecar {sidecar} was ignored: {reason}",
    "KG-IN-012": "no main text could be extracted from the HTML",
    "KG-IN-013": "duplicate article id {id!r} (also given as {other}); not read again",
    "KG-IN-014": "no article body found: every line is navigation, boilerplate or metadata",
    "KG-IN-099": "unexpected error while reading ({error}); please report this bug",
}


def source_error(source: str, code: str, **details: object) -> SourceError:
    """A :class:`SourceError` for ``source`` with the documented message for ``code``."""
    return SourceError(source=source, message=MESSAGES[code].format(**details), code=code)


class IngestProblem(Exception):
    """Raised inside ingest to turn into a :class:`SourceError` at the boundary."""

    def __init__(self, code: str, **details: object) -> None:
        super().__init__(MESSAGES[code].format(**details))
        self.code = code
        self.details = details

    def to_error(self, source: str) -> SourceError:
        return SourceError(source=source, message=str(self), code=self.code)
