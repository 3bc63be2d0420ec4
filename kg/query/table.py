"""A query result as an aligned text table, IRIs shortened with prefixes."""

from __future__ import annotations

import pyoxigraph as ox

from kg.query.results import QueryResult, Term

ELLIPSIS = "…"


def shorten(iri: str, prefixes: dict[str, str]) -> str:
    """``prefix:local`` for the longest namespace ``iri`` starts with, else ``<iri>``."""
    best = ""
    best_name = ""
    for name, namespace in prefixes.items():
        if iri.startswith(namespace) and len(namespace) > len(best) and len(iri) > len(namespace):
            best, best_name = namespace, name
    if not best:
        return f"<{iri}>"
    return f"{best_name}:{iri[len(best) :]}"


def show_term(term: Term | None, prefixes: dict[str, str]) -> str:
    """How one value reads in the table: IRIs shortened, literals by their text."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value if term.language is None else f"{term.value}@{term.language}"
    return f"<< {' '.join(show_term(t, prefixes) for t in term)} >>"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())  # a table row is one line
    if width and len(text) > width:
        return text[: width - 1] + ELLIPSIS
    return text


def render_table(result: QueryResult, max_width: int = 80) -> str:
    """SELECT as columns, ASK as ``true``/``false``, graphs as Turtle.

    ``max_width`` clips long cells (0: never clip).
    """
    if result.kind == "ask":
        return "true" if result.boolean else "false"
    if result.kind == "graph":
        return result.serialize("turtle").decode("utf-8").rstrip("\n")
    header = list(result.variables)
    body = [[_clip(show_term(t, result.prefixes), max_width) for t in row] for row in result.rows]
    widths = [max([len(h)] + [len(r[i]) for r in body]) for i, h in enumerate(header)]
    lines = [
        " | ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
        "-+-".join("-" * w for w in widths),
        *(" | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body),
    ]
    count = len(body)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines)
