"""Format readers, looked up by file extension in :data:`READERS`.

A reader turns one :class:`SourceFile` into draft :class:`Article` objects
(``text`` and whatever metadata the format itself carries) or
:class:`SourceError` objects.  Boilerplate, metadata detection, sidecars and
the language check are done afterwards for every format alike
(:mod:`kg.ingest.article`).

To add a format, write ``reader(file, settings) -> Iterator[Article | SourceError]``
and register it: ``register(".xml", reader)``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from typing import Any

from kg.ingest.dates import parse_date
from kg.ingest.decode import decode
from kg.ingest.discover import SourceFile
from kg.ingest.errors import IngestProblem, source_error
from kg.model import Article, SourceError
from kg.settings import Settings

Reader = Callable[[SourceFile, Settings], Iterator[Article | SourceError]]
READERS: dict[str, Reader] = {}

# UTF-8 uses at most 4 bytes a character: a file larger than this cannot fit the limit.
_MAX_BYTES_PER_CHAR = 4
# Markup that gives away HTML saved under a text extension.
_HTML_START = re.compile(r"\A\s*(?:<!doctype\s+html|<html[\s>]|<\?xml[^>]*>\s*<html)", re.I)
_HTML_TAG = re.compile(r"<(?:p|div|a|span|br|body|head|meta|script|article|h[1-6])[\s/>]", re.I)
_MIN_TAGS_FOR_HTML = 5


def register(suffix: str, reader: Reader) -> None:
    """Read files ending in ``suffix`` (with the dot, lower case) with ``reader``."""
    READERS[suffix.lower()] = reader


def read_text_file(file: SourceFile, settings: Settings) -> str:
    """The decoded text of ``file``, within ``settings.max_chars``."""
    try:
        size = file.path.stat().st_size
        if size > settings.max_chars * _MAX_BYTES_PER_CHAR:
            raise IngestProblem("KG-IN-007", size=f"{size:,} bytes", limit=settings.max_chars)
        data = file.path.read_bytes()
    except OSError as exc:
        raise IngestProblem("KG-IN-003", reason=exc.strerror or str(exc)) from exc
    text = decode(data)
    _check_length(text, settings)
    return text


def _check_length(text: str, settings: Settings) -> None:
    if len(text) > settings.max_chars:
        raise IngestProblem("KG-IN-007", size=f"{len(text):,} characters", limit=settings.max_chars)


def looks_like_html(text: str) -> bool:
    """True for a page of markup, whatever its file name says."""
    if _HTML_START.match(text):
        return True
    head = text[:20_000]
    return head.lstrip().startswith("<") and len(_HTML_TAG.findall(head)) >= _MIN_TAGS_FOR_HTML


# --- plain text --------------------------------------------------------------


def read_plain(file: SourceFile, settings: Settings) -> Iterator[Article | SourceError]:
    """A text file is one article; its text is the file's characters, unchanged.

    HTML saved with a text extension is recognised by its markup and read as HTML.
    """
    try:
        text = read_text_file(file, settings)
    except IngestProblem as problem:
        yield problem.to_error(file.source)
        return
    if looks_like_html(text):
        yield from _article_from_html(file, text, settings)
        return
    yield Article(id=file.source, source=file.source, text=text)


# --- HTML ----------------------------------------------------------------------


def read_html(file: SourceFile, settings: Settings) -> Iterator[Article | SourceError]:
    """An HTML page: ``text`` is the main text trafilatura extracts from it.

    Offsets of an HTML article therefore point into the extracted text (which
    is also what the graph stores as ``nif:isString``), not into the markup.
    """
    try:
        html = read_text_file(file, settings)
    except IngestProblem as problem:
        yield problem.to_error(file.source)
        return
    yield from _article_from_html(file, html, settings)


def _article_from_html(
    file: SourceFile, html: str, settings: Settings
) -> Iterator[Article | SourceError]:
    import trafilatura  # imported here: slow to import, and only HTML needs it

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_tables=False)
    except Exception:  # trafilatura raises many kinds on broken markup
        doc = None
    text = (getattr(doc, "text", None) or "").strip()
    if not text:
        yield source_error(file.source, "KG-IN-012")
        return
    try:
        _check_length(text, settings)
    except IngestProblem as problem:
        yield problem.to_error(file.source)
        return
    yield Article(
        id=file.source,
        source=file.source,
        text=text,
        title=doc.title or None,
        published=parse_date(doc.date) if doc.date else None,
        publisher=doc.sitename or None,
        url=doc.url or None,
    )


# --- JSON Lines ----------------------------------------------------------------

JSONL_FIELDS = ("url", "title", "published", "publisher")


def read_jsonl(file: SourceFile, settings: Settings) -> Iterator[Article | SourceError]:
    """One article per line: ``text`` required; ``url``, ``title``, ``published``,
    ``publisher`` optional.  A bad line is reported and the others are read.
    Blank lines are skipped.  Ids are ``file.jsonl#L<n>`` (1-based line number).
    """
    try:
        handle = file.path.open("rb")
    except OSError as exc:
        yield source_error(file.source, "KG-IN-003", reason=exc.strerror or str(exc))
        return
    records = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            if not raw.strip():
                continue
            records += 1
            line_id = f"{file.source}#L{number}"
            try:
                record = _parse_record(raw, number, settings)
            except IngestProblem as problem:
                yield problem.to_error(line_id)
                continue
            yield _article_from_record(record, line_id, file.source)
    if records == 0:
        yield source_error(file.source, "KG-IN-004")


def _parse_record(raw: bytes, number: int, settings: Settings) -> dict[str, Any]:
    try:
        record = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "not UTF-8"
        raise IngestProblem("KG-IN-009", line=number, reason=reason) from exc
    if not isinstance(record, dict):
        raise IngestProblem("KG-IN-010", line=number, reason="not a JSON object")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestProblem("KG-IN-010", line=number, reason='no non-empty "text" string')
    if len(text) > settings.max_chars:
        raise IngestProblem("KG-IN-007", size=f"{len(text):,} characters", limit=settings.max_chars)
    return record


_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def without_lone_surrogates(text: str) -> str:
    """``text`` with U+FFFD for each half of a surrogate pair.

    JSON may escape one (``"\\udcff"``), and no UTF-8 output can hold it.
    """
    return _LONE_SURROGATE.sub("\ufffd", text)


def _article_from_record(record: dict[str, Any], line_id: str, source: str) -> Article:
    fields = clean_metadata(record)
    text = without_lone_surrogates(record["text"])
    return Article(id=line_id, source=source, text=text, **fields)


def clean_metadata(record: dict[str, Any]) -> dict[str, Any]:
    """The known metadata fields of a record, typed; unusable values are dropped."""
    fields: dict[str, Any] = {}
    for name in JSONL_FIELDS:
        value = record.get(name)
        if name == "published" and isinstance(value, str):
            value = parse_date(value)
        if isinstance(value, str):
            value = without_lone_surrogates(value).strip() or None
        if isinstance(value, (str, dt.date)):
            fields[name] = value
    return fields


register(".txt", read_plain)
register(".text", read_plain)
register(".md", read_plain)
register(".html", read_html)
register(".htm", read_html)
register(".jsonl", read_jsonl)
