"""Comparing SPARQL JSON results from different stores, up to harmless differences.

Virtuoso writes ``typed-literal`` where the standard says ``literal``, writes
booleans as 0/1 and may print numbers differently; rows may come in another
order when a query leaves ties. None of that changes the answer.
"""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation

XSD = "http://www.w3.org/2001/XMLSchema#"
INTEGER_TYPES = {
    f"{XSD}{name}"
    for name in (
        "integer",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
NUMERIC_TYPES = INTEGER_TYPES | {f"{XSD}decimal", f"{XSD}double", f"{XSD}float"}


def _number(text: str) -> str:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return text
    # 9 significant digits: stores print doubles with different precision.
    return format(round(value, 9).normalize(), "f") if value == value else text


def normalise_term(term: dict | None) -> tuple | None:
    if term is None:
        return None
    kind = term["type"]
    if kind == "uri":
        return ("uri", term["value"])
    if kind == "bnode":
        return ("bnode",)  # kg writes none; a label means nothing across stores anyway
    value = term["value"]
    language = term.get("xml:lang", "").lower()
    datatype = term.get("datatype") or ("" if language else f"{XSD}string")
    if datatype == f"{XSD}boolean":
        value = "true" if value in ("1", "true") else "false"
    elif datatype in NUMERIC_TYPES:
        value = _number(value)
        datatype = "number"
    return ("literal", value, datatype, language)


def normalise(results: bytes | str | dict) -> tuple:
    """(kind, variables, sorted rows) of SPARQL JSON results, ready to compare."""
    data = json.loads(results) if isinstance(results, (bytes, str)) else results
    if "boolean" in data:
        return ("ask", (), data["boolean"])
    names = tuple(data["head"]["vars"])
    rows = [
        tuple(normalise_term(binding.get(name)) for name in names)
        for binding in data["results"]["bindings"]
    ]
    return ("select", names, sorted(rows, key=repr))
