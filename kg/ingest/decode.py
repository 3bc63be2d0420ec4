"""Bytes to text, exactly: no newline or whitespace normalisation.

Every offset in kg points into the decoded text, so the text is the file's
characters as they are (``\\r\\n`` stays ``\\r\\n``).  Only a byte-order mark
is dropped, because it is not part of the text.

1. A byte-order mark names the encoding (UTF-8, UTF-16, UTF-32).
2. Strict UTF-8 is tried next: it is what almost every news file is.
3. Otherwise charset-normalizer guesses.  Its guesses among the Latin code
   pages are unreliable on short texts (it often says cp1257 or cp1250 for
   Western text), and kg reads English news, so when the guess decodes to
   Latin script and Windows-1252 decodes the bytes too, Windows-1252 wins
   (it is a superset of the printable part of ISO-8859-1 and the code page
   English text not in UTF-8 is nearly always in).
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from kg.ingest.errors import IngestProblem

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_WESTERN = "cp1252"
# Control characters (Unicode category Cc: U+0000-U+001F and U+007F-U+009F)
# other than those text uses (tab, newlines, form feed, escape): a sign of
# binary data.  A character class counts them far faster than a Python loop.
_BINARY_CONTROL = re.compile("[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f-\x9f]")
_MAX_CONTROL_RATIO = 0.01


def decode(data: bytes) -> str:
    """The text of ``data``; raises :class:`IngestProblem` for empty/binary/undecodable."""
    if not data.strip():
        raise IngestProblem("KG-IN-004")
    text = _decode_with_bom(data)
    if text is None:
        if b"\x00" in data:
            raise IngestProblem("KG-IN-005", reason="it contains NUL bytes")
        text = _decode_utf8(data)
    if text is None:
        text = _decode_guessed(data)
    if not text.strip():
        raise IngestProblem("KG-IN-004")
    _check_not_binary(text)
    return text


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding).lstrip("\ufeff")
            except UnicodeDecodeError as exc:
                raise IngestProblem("KG-IN-006") from exc
    return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _decode_guessed(data: bytes) -> str:
    import charset_normalizer  # imported here: only non-UTF-8 files need it

    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        raise IngestProblem("KG-IN-006")
    guessed = str(best)
    if _is_latin_script(guessed):
        try:
            return data.decode(_WESTERN)
        except UnicodeDecodeError:
            pass
    return guessed


def _is_latin_script(text: str) -> bool:
    return all(unicodedata.name(c, "").startswith("LATIN") for c in text if c.isalpha())


def _check_not_binary(text: str) -> None:
    controls = len(_BINARY_CONTROL.findall(text))
    if controls > _MAX_CONTROL_RATIO * len(text):
        raise IngestProblem("KG-IN-005", reason=f"{controls} control characters")
