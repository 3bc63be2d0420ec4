"""Choosing a response format from an HTTP Accept header."""

from __future__ import annotations

import pyoxigraph as ox

# media type -> format, the first entry being the default when nothing matches.
RESULTS_MEDIA = {
    "application/sparql-results+json": ox.QueryResultsFormat.JSON,
    "application/sparql-results+xml": ox.QueryResultsFormat.XML,
    "text/csv": ox.QueryResultsFormat.CSV,
    "text/tab-separated-values": ox.QueryResultsFormat.TSV,
    "application/json": ox.QueryResultsFormat.JSON,
    "application/xml": ox.QueryResultsFormat.XML,
    "text/xml": ox.QueryResultsFormat.XML,
}
GRAPH_MEDIA = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/x-turtle": ox.RdfFormat.TURTLE,
    "text/plain": ox.RdfFormat.N_TRIPLES,
}
# Short names some clients send as ?format= or ?output= instead of Accept.
SHORT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "ntriples": "application/n-triples",
    "nt": "application/n-triples",
    "rdfxml": "application/rdf+xml",
    "jsonld": "application/ld+json",
}


def parse_accept(header: str | None) -> list[str]:
    """Media ranges from an Accept header, best first (stable for equal q)."""
    if not header:
        return []
    ranked = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        quality = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media and quality > 0:
            ranked.append((-quality, position, media))
    return [media for _, _, media in sorted(ranked)]


def choose(accept: str | None, table: dict, override: str | None = None) -> tuple[str, object]:
    """(media type, format) for the response: the override, else the best
    acceptable entry of ``table``, else the table's default (lenient rather than 406)."""
    wanted = [SHORT_NAMES.get(override.lower(), override.lower())] if override else []
    for media in wanted + parse_accept(accept):
        if media in table:
            return media, table[media]
        family = _wildcard_match(media, table)
        if family:
            return family, table[family]
    default = next(iter(table))
    return default, table[default]


def _wildcard_match(media: str, table: dict) -> str | None:
    if media == "*/*":
        return next(iter(table))
    if media.endswith("/*"):
        prefix = media[:-1]
        return next((m for m in table if m.startswith(prefix)), None)
    return None
