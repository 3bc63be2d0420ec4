"""Hand-built graphs shaped as docs/DESIGN.md describes, for the eval tests."""

from __future__ import annotations

from collections.abc import Iterable

from rdflib import Dataset, Literal, URIRef
from rdflib import namespace as ns

from kg.graph.namespace import ITSRDF, KG, NIF

BASE = "https://kg.example.org/"
MERGED = URIRef(BASE + "graph/merged")

# (doc, start, end, class of the article-level node, local key, canonical node or None)
MentionSpec = tuple[str, int, int, URIRef, str, "str | None"]


def build_dataset(
    mentions: Iterable[MentionSpec], same_as: Iterable[tuple[str, str]] = ()
) -> Dataset:
    """A graph shaped as docs/DESIGN.md describes, holding only what eval reads.

    Canonical nodes are typed in the merged graph like the article-level ones;
    ``same_as`` adds further ``owl:sameAs`` links (e.g. to Wikidata) there.
    """
    dataset = Dataset()
    merged = dataset.graph(MERGED)
    for doc, start, end, cls, key, canonical in mentions:
        slug = doc.replace("/", "-").replace(".", "-")
        article = URIRef(f"{BASE}article/{slug}")
        graph = dataset.graph(URIRef(f"{BASE}graph/article/{slug}"))
        merged.add((article, ns.DCTERMS.source, Literal(doc)))
        node = URIRef(f"{article}/entity/{key}")
        graph.add((node, ns.RDF.type, cls))
        mention = URIRef(f"{article}#char={start},{end}")
        graph.add((mention, ns.RDF.type, KG.Mention))
        graph.add((mention, ns.RDF.type, NIF.Phrase))
        graph.add((mention, NIF.beginIndex, Literal(start, datatype=ns.XSD.nonNegativeInteger)))
        graph.add((mention, NIF.endIndex, Literal(end, datatype=ns.XSD.nonNegativeInteger)))
        graph.add((mention, NIF.referenceContext, article))
        graph.add((mention, ITSRDF.taIdentRef, node))
        if canonical is not None:
            merged.add((node, ns.OWL.sameAs, URIRef(BASE + canonical)))
            merged.add((URIRef(BASE + canonical), ns.RDF.type, cls))
    for a, b in same_as:
        merged.add((URIRef(BASE + a), ns.OWL.sameAs, URIRef(b)))
    return dataset
