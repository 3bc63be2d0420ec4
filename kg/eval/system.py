"""The mentions a system found: kg's, read from its graph, and a spaCy baseline.

kg's mentions are read from the rdflib ``Dataset`` that ``kg.build`` returns
(see docs/DESIGN.md, "In each article graph"): each ``kg:Mention`` names its
offsets, its article (whose ``dcterms:source`` is the document id) and the
article-level node it denotes, which is ``owl:sameAs`` its canonical node.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF
from rdflib.term import Node

from kg.graph.namespace import ITSRDF, KG, NIF


@dataclass(frozen=True)
class SystemMention:
    doc: str
    start: int
    end: int
    type: str  # PER, ORG or LOC
    cluster: str  # the entity the mention denotes, as an IRI or a label


# kg classes -> gold types; a node with several of these takes the first listed.
CLASS_TYPES: tuple[tuple[URIRef, str], ...] = (
    (KG.Person, "PER"),
    (KG.Organization, "ORG"),
    (KG.Country, "LOC"),
    (KG.City, "LOC"),
    (KG.Facility, "LOC"),
    (KG.Place, "LOC"),
)

# spaCy (OntoNotes) labels -> gold types; NORP and the rest are not entities here.
SPACY_TYPES: Mapping[str, str] = {
    "PERSON": "PER",
    "ORG": "ORG",
    "GPE": "LOC",
    "LOC": "LOC",
    "FAC": "LOC",
}


# -- kg -----------------------------------------------------------------------


def graph_mentions(dataset: Dataset) -> list[SystemMention]:
    """Every mention of a person, organisation or place in kg's graph, sorted.

    Mentions of events, and of nodes of no entity class, are left out.  The
    cluster is the representative of the node's ``owl:sameAs`` class.
    """
    sources = _article_sources(dataset)
    canonical = _same_as_representatives(dataset)
    mentions = set()
    for graph in dataset.graphs():
        for mention in graph.subjects(RDF.type, KG.Mention):
            found = _read_mention(graph, mention, sources, canonical)
            if found is not None:
                mentions.add(found)
    return sorted(mentions, key=_position)


def _read_mention(
    graph: Graph, mention: Node, sources: dict[Node, str], canonical: dict[Node, Node]
) -> SystemMention | None:
    article = graph.value(mention, NIF.referenceContext)
    node = graph.value(mention, ITSRDF.taIdentRef)
    begin = graph.value(mention, NIF.beginIndex)
    end = graph.value(mention, NIF.endIndex)
    if article not in sources or node is None or begin is None or end is None:
        return None
    kind = _entity_type(graph, node)
    if kind is None:
        return None
    return SystemMention(
        doc=sources[article],
        start=int(begin.toPython()),
        end=int(end.toPython()),
        type=kind,
        cluster=str(canonical.get(node, node)),
    )


def _article_sources(dataset: Dataset) -> dict[Node, str]:
    """Article node -> document id (its ``dcterms:source``), from any graph."""
    sources: dict[Node, str] = {}
    for article, _, source, _ in dataset.quads((None, DCTERMS.source, None, None)):
        sources.setdefault(article, str(source))
    return sources


def _entity_type(graph: Graph, node: Node) -> str | None:
    classes = set(graph.objects(node, RDF.type))
    return next((kind for cls, kind in CLASS_TYPES if cls in classes), None)


def _same_as_representatives(dataset: Dataset) -> dict[Node, Node]:
    """Node -> one representative of its ``owl:sameAs`` equivalence class.

    ``owl:sameAs`` is symmetric and transitive, so two canonical nodes linked
    to the same external IRI denote the same entity.  The representative is
    the smallest IRI among the class's canonical nodes, so that a cluster id
    reads as a kg node (it only has to be the same for the whole class).
    """
    parent: dict[Node, Node] = {}

    def find(node: Node) -> Node:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for a, _, b, _ in dataset.quads((None, OWL.sameAs, None, None)):
        parent[find(a)] = find(b)
    classes: dict[Node, list[Node]] = {}
    for node in parent:
        classes.setdefault(find(node), []).append(node)
    canonical = _canonical_nodes(dataset)
    representative = {}
    for members in classes.values():
        chosen = min([m for m in members if m in canonical] or members, key=str)
        representative.update((m, chosen) for m in members)
    return representative


def _canonical_nodes(dataset: Dataset) -> set[Node]:
    """Nodes of an entity class that no mention points at: the merged ones.

    (Mentions point at article-level nodes; external IRIs carry no kg class.)
    """
    classes = {cls for cls, _ in CLASS_TYPES}
    typed = {s for s, _, cls, _ in dataset.quads((None, RDF.type, None, None)) if cls in classes}
    mentioned = {node for _, _, node, _ in dataset.quads((None, ITSRDF.taIdentRef, None, None))}
    return typed - mentioned


def _position(mention: SystemMention) -> tuple[str, int, int, str, str]:
    return (mention.doc, mention.start, mention.end, mention.type, mention.cluster)


# -- baseline -----------------------------------------------------------------


def baseline_mentions(texts: Mapping[str, str], nlp) -> list[SystemMention]:
    """spaCy's own entities, clustered by their exact string across documents.

    ``nlp`` is a loaded pipeline (the model kg uses); each text is parsed
    once, in one stream.
    """
    mentions = []
    stream: Iterable = nlp.pipe(((text, doc) for doc, text in texts.items()), as_tuples=True)
    for parsed, doc in stream:
        for ent in parsed.ents:
            kind = SPACY_TYPES.get(ent.label_)
            if kind is not None:
                mentions.append(SystemMention(doc, ent.start_char, ent.end_char, kind, ent.text))
    return sorted(mentions, key=_position)
