"""The part of a large merged graph the viewer draws: its most reported nodes.

A page with tens of thousands of nodes is slow to make and unreadable in a
browser, and reading the whole merged graph into rdflib for it costs minutes
and gigabytes.  :func:`focus` streams the merged graph's triples three times
(a re-readable source, such as a :class:`~kg.graph.quadfile.QuadFile`) and
keeps only what the viewer needs to draw the ``limit`` nodes reported by the
most articles:

1. which subjects are drawn as nodes (the viewer's classes and their
   subclasses), and how many articles and mentions each has;
2. which other subjects (claims, roles, quotes) point only at kept nodes;
3. the triples of kept nodes, of those subjects and of what they point to
   (evidence, variants), and of every article; of the other nodes only
   their labels, so that an article's publisher or a claim's other end is
   named, not drawn.
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.export.rdf import GraphData, as_dataset, merged_name
from kg.graph.convert import dataset_quads, quads_to_dataset
from kg.graph.namespace import KG, PREFIXES
from kg.graph.quadfile import QuadFile
from kg.settings import Settings

log = logging.getLogger(__name__)

Triples = Callable[[], Iterable[ox.Triple]]

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
_MENTION_COUNT = str(KG.mentionCount)
_ARTICLE = str(KG.Article)
_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


@dataclass
class Focus:
    """The triples to draw, and how many nodes there were to choose from."""

    triples: list[ox.Triple]
    shown: int
    total: int


def focus(
    triples: Triples,
    drawn_classes: Callable[[set[str], dict[str, set[str]]], set[str]],
    *,
    limit: int,
    skipped_types: set[str] = frozenset(),
    hidden_predicates: set[str] = frozenset(),
) -> Focus | None:
    """The viewer's share of the merged graph, or None if it has ``limit`` nodes or fewer.

    ``drawn_classes(used, subclass_of)`` says which of the classes in use are
    drawn; ``skipped_types`` are classes whose instances the viewer never shows;
    a link by one of ``hidden_predicates`` (``owl:sameAs`` from an article's
    own node) does not make a subject part of what a node shows.
    """
    types, subclass_of, sources, mentions = _survey(triples())
    classes = drawn_classes({c for cs in types.values() for c in cs}, subclass_of)
    nodes = sorted(s for s, cs in types.items() if cs & classes and _ARTICLE not in cs)
    if len(nodes) <= limit:
        return None
    ranked = sorted(nodes, key=lambda s: (-sources[s], -mentions[s], s))
    kept = set(ranked[:limit])
    dropped = set(nodes) - kept
    articles = {s for s, cs in types.items() if _ARTICLE in cs}
    skipped = {s for s, cs in types.items() if cs & skipped_types}
    excluded = articles | skipped
    keep = _satellites(triples(), kept, dropped, excluded, hidden_predicates) | kept | articles
    chosen = [
        t
        for t in triples()
        if t.subject.value in keep or (t.predicate.value == _LABEL and t.subject.value in dropped)
    ]
    return Focus(chosen, len(kept), len(nodes))


def viewer_dataset(graph: GraphData, settings: Settings) -> tuple[Dataset, str]:
    """The merged graph the page draws, and the page's title (which says when it is cut)."""
    from kg.export.viewer import drawn_classes, hidden_predicates, hidden_types

    name = merged_name(settings)
    if isinstance(graph, QuadFile):
        triples: Triples = lambda: graph.triples(name)  # noqa: E731
    else:  # already in memory: converted once, not on each of focus's passes
        merged = [q.triple for q in dataset_quads(graph.graph(URIRef(name)))]
        triples = lambda: merged  # noqa: E731
    cut = None
    if settings.viewer_nodes:
        cut = focus(
            triples,
            drawn_classes,
            limit=settings.viewer_nodes,
            skipped_types=hidden_types(),
            hidden_predicates=hidden_predicates(),
        )
    if cut is None:
        return as_dataset(graph, settings, merged_only=True), "kg"
    log.info("graph.html: drawing %d of %d nodes (--viewer-nodes)", cut.shown, cut.total)
    graph_name = ox.NamedNode(name)
    quads = (ox.Quad(t.subject, t.predicate, t.object, graph_name) for t in cut.triples)
    title = f"kg: the {cut.shown} most reported of {cut.total} nodes"
    return quads_to_dataset(quads, settings.base_iri), title


def _survey(triples: Iterable[ox.Triple]):
    types: dict[str, set[str]] = defaultdict(set)
    subclass_of: dict[str, set[str]] = defaultdict(set)
    sources: Counter[str] = Counter()
    mentions: Counter[str] = Counter()
    for triple in triples:
        s, p, o = triple.subject.value, triple.predicate.value, triple.object
        if p == _TYPE:
            types[s].add(o.value)
        elif p == _SUBCLASS_OF:
            subclass_of[s].add(o.value)
        elif p == _DERIVED_FROM:
            sources[s] += 1
        elif p == _MENTION_COUNT and o.value.isdigit():
            mentions[s] = int(o.value)
    return types, subclass_of, sources, mentions


def _satellites(
    triples: Iterable[ox.Triple],
    kept: set[str],
    dropped: set[str],
    excluded: set[str],
    hidden_predicates: set[str],
) -> set[str]:
    """Subjects that are not nodes but describe kept ones: claims, roles, quotes, their evidence.

    A subject is kept when it points at a kept node and at no dropped one;
    what a kept subject points at that is not a node (evidence, variants) is
    kept with it.
    """
    touches_kept: set[str] = set()
    touches_dropped: set[str] = set()
    children: dict[str, list[str]] = defaultdict(list)
    for triple in triples:
        s = triple.subject.value
        if triple.predicate.value in hidden_predicates:
            continue
        if (
            s in kept
            or s in dropped
            or s in excluded
            or not isinstance(triple.object, ox.NamedNode)
        ):
            continue
        o = triple.object.value
        if o in kept:
            touches_kept.add(s)
        elif o in dropped:
            touches_dropped.add(s)
        elif o not in excluded:
            children[s].append(o)
    owners = touches_kept - touches_dropped
    return owners | {child for owner in owners for child in children.get(owner, ())}
