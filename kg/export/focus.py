"""The part of a large merged graph the viewer draws: its most reported nodes.

A page with tens of thousands of nodes is slow to make and unreadable in a
browser, and reading the whole merged graph into rdflib for it costs minutes
and gigabytes.  :func:`focus` streams the merged graph's triples, grouped by
subject as a :class:`~kg.graph.quadfile.QuadFile` gives them, five times,
and keeps only what the page shows about the ``limit`` nodes reported by the
most articles:

1. the classes in use, and which of them are drawn;
2. which subjects are nodes, and how many articles and mentions each has;
   which are articles;
3. which other subjects (claims, roles, quotes) point only at kept nodes, and
   what they point to by a property the page reads that is not a node
   (evidence, a role); of those that link to a node by a property ``p`` of
   ``incoming``, at most ``incoming[p]`` per node, the most reported (a
   president quoted 900 times keeps the 5 quotes the most articles
   report);
4. the triples of those subjects and of the kept nodes that the page reads
   (``shown``), at most ``caps[p]`` links per subject by a predicate ``p`` (a country
   reported by 4,000 articles lists the first 20); a node's link to a subject
   left out by step 3 goes with it (``kg:holdsRole``, the inverse of
   ``kg:roleHolder``).  The full counts of both caps go to :attr:`Focus.totals`;
5. the metadata of the articles that what is kept cites, and the labels of
   what it names but does not draw (a claim's other end, a publisher).

Memory then follows the size of the page, not of the graph: what is held
across the passes is one entry per node and per article, plus the page's
own triples, which the caps bound by the number of nodes.  The links cut
are the first by N-Triples line, which for articles is the order of their
IRIs: arbitrary, but the same on every run.  The subjects cut are the least
reported (fewest sources, then the last by IRI).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from kg.export.rdf import GraphData, as_dataset, merged_name
from kg.graph.convert import dataset_quads, quads_to_dataset
from kg.graph.namespace import KG, PREFIXES
from kg.graph.quadfile import QuadFile
from kg.settings import Settings

log = logging.getLogger(__name__)

Triples = Callable[[], Iterable[ox.Triple]]
Group = tuple[str, list[ox.Triple]]

_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
_MENTION_COUNT = str(KG.mentionCount)
_ARTICLE = str(KG.Article)


@dataclass
class Focus:
    """The triples to draw, how many nodes there were, and what the caps left out.

    ``totals[subject][predicate]`` is how many links ``subject`` has by
    ``predicate`` in the whole graph, for those cut to their cap;
    ``totals[node]["^" + predicate]`` (SPARQL's inverse path) is how many
    subjects that are not nodes link to ``node`` by ``predicate``, for nodes
    the page shows fewer of.
    """

    triples: list[ox.Triple]
    shown: int
    total: int
    totals: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class Drawn:
    """What the viewer page is made from: the graph it reads, its title, the caps' totals."""

    dataset: Dataset
    title: str = "kg"
    totals: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, cut: Focus, graph_name: str, base_iri: str) -> Drawn:
        """The page of a :class:`Focus`: its triples as the graph ``graph_name``."""
        name = ox.NamedNode(graph_name)
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in cut.triples)
        title = f"kg: the {cut.shown} most reported of {cut.total} nodes"
        return cls(quads_to_dataset(quads, base_iri), title, cut.totals)


def focus(
    triples: Triples,
    drawn_classes: Callable[[set[str], dict[str, set[str]]], set[str]],
    *,
    limit: int,
    shown: set[str],
    caps: Mapping[str, int] | None = None,
    incoming: Mapping[str, int] | None = None,
    inverses: Mapping[str, str] | None = None,
    skipped_types: set[str] = frozenset(),
    hidden_predicates: set[str] = frozenset(),
) -> Focus | None:
    """The viewer's share of the merged graph, or None if it has ``limit`` nodes or fewer.

    ``triples()`` gives the merged graph each time it is called, grouped by
    subject (in N-Triples line order); ``drawn_classes(used, subclass_of)``
    says which of the classes in use are drawn; ``shown`` are the predicates
    the page reads; ``caps`` the most links kept per subject by a predicate;
    ``incoming`` the most subjects kept per node that link to it by a
    predicate; ``inverses`` maps a property to its inverse (``kg:holdsRole``
    to ``kg:roleHolder``), so that a node's link to a subject cut by
    ``incoming`` is cut too; ``skipped_types`` are classes whose instances
    the viewer never shows; a link by one of ``hidden_predicates``
    (``owl:sameAs`` from an article's own node) does not make a subject part
    of what a node shows.
    """
    caps, incoming, inverses = caps or {}, incoming or {}, inverses or {}
    used, subclass_of = _classes(triples())
    survey = _survey(_groups(triples()), drawn_classes(used, subclass_of))
    if len(survey.nodes) <= limit:
        return None
    ranked = sorted(survey.nodes, key=lambda s: (*survey.nodes[s], s))
    kept = set(ranked[:limit])
    hidden = _Hidden(skipped_types, hidden_predicates)
    owners, children, pointing = _satellites(
        _groups(triples()), kept, survey, shown, caps, incoming, hidden
    )
    keep = owners | children | kept
    # A node's link to a subject left out, when that subject's link back is capped.
    cut_with = {q for q, p in inverses.items() if p in incoming}
    chosen, totals, cited, named = _chosen(
        _groups(triples()), kept, keep, survey, shown, caps, cut_with
    )
    for node, counts in pointing.items():
        totals.setdefault(node, {}).update(counts)
    chosen += _context(_groups(triples()), cited, (named | survey.article_links) - keep, shown)
    # The reader draws a node of a subclass of a drawn class as that class.
    chosen += (
        ox.Triple(ox.NamedNode(sub), ox.NamedNode(_SUBCLASS_OF), ox.NamedNode(sup))
        for sub, sups in sorted(subclass_of.items())
        for sup in sorted(sups)
    )
    return Focus(chosen, len(kept), len(survey.nodes), totals)


def viewer_dataset(graph: GraphData, settings: Settings) -> Drawn:
    """The merged graph the page draws, with a title that says when it is cut."""
    from kg.export.viewer import (
        drawn_classes,
        hidden_predicates,
        hidden_types,
        incoming_caps,
        link_caps,
        shown_predicates,
    )
    from kg.graph.ontology import inverse_properties

    name = merged_name(settings)
    cut = None
    if settings.viewer_nodes:
        cut = focus(
            _merged_triples(graph, name),
            drawn_classes,
            limit=settings.viewer_nodes,
            shown=shown_predicates(),
            caps=link_caps(),
            incoming=incoming_caps(),
            inverses=inverse_properties(),
            skipped_types=hidden_types(),
            hidden_predicates=hidden_predicates(),
        )
    if cut is None:
        return Drawn(as_dataset(graph, settings, merged_only=True))
    log.info("graph.html: drawing %d of %d nodes (--viewer-nodes)", cut.shown, cut.total)
    return Drawn.of(cut, name, settings.base_iri)


def _merged_triples(graph: GraphData, name: str) -> Triples:
    if isinstance(graph, QuadFile):
        return lambda: graph.triples(name)
    # In memory: converted and grouped once, not on each of focus's passes.
    merged = sorted((q.triple for q in dataset_quads(graph.graph(URIRef(name)))), key=_line_order)
    return lambda: merged


def _line_order(triple: ox.Triple) -> str:
    return str(triple)


def _groups(triples: Iterable[ox.Triple]) -> Iterator[Group]:
    """``(subject, its triples)``, checking that each subject comes in one run."""
    previous = ""
    for subject, run in groupby(triples, key=lambda t: t.subject.value):
        # The order of N-Triples lines: by "<subject>", so "a-b" sorts before "a".
        key = f"<{subject}>"
        if key <= previous:
            raise ValueError(f"focus needs triples grouped by subject; {subject} came twice")
        previous = key
        yield subject, list(run)


def _classes(triples: Iterable[ox.Triple]) -> tuple[set[str], dict[str, set[str]]]:
    used: set[str] = set()
    subclass_of: dict[str, set[str]] = defaultdict(set)
    for triple in triples:
        if triple.predicate.value == _TYPE:
            used.add(triple.object.value)
        elif triple.predicate.value == _SUBCLASS_OF:
            subclass_of[triple.subject.value].add(triple.object.value)
    return used, subclass_of


@dataclass
class _Survey:
    # node -> (minus its articles, minus its mentions): the sort key of the most reported
    nodes: dict[str, tuple[int, int]] = field(default_factory=dict)
    articles: set[str] = field(default_factory=set)
    # what articles point to, but for other articles (publishers): few, and named on the page
    article_links: set[str] = field(default_factory=set)

    def is_node(self, iri: str) -> bool:
        return iri in self.nodes


def _survey(groups: Iterable[Group], classes: set[str]) -> _Survey:
    survey = _Survey()
    for subject, triples in groups:
        types = {t.object.value for t in triples if t.predicate.value == _TYPE}
        if _ARTICLE in types:
            survey.articles.add(subject)
            survey.article_links.update(
                t.object.value
                for t in triples
                if isinstance(t.object, ox.NamedNode) and t.predicate.value != _TYPE
            )
        elif types & classes:
            sources = sum(t.predicate.value == _DERIVED_FROM for t in triples)
            survey.nodes[subject] = (-sources, -_mentions(triples))
    survey.article_links -= survey.articles
    return survey


def _mentions(triples: list[ox.Triple]) -> int:
    for t in triples:
        if t.predicate.value == _MENTION_COUNT and t.object.value.isdigit():
            return int(t.object.value)
    return 0


@dataclass(frozen=True)
class _Hidden:
    types: set[str]  # instances never shown
    predicates: set[str]  # links that do not make a subject part of what a node shows

    def skips(self, triples: list[ox.Triple]) -> bool:
        return any(t.predicate.value == _TYPE and t.object.value in self.types for t in triples)


def _satellites(
    groups: Iterable[Group],
    kept: set[str],
    survey: _Survey,
    shown: set[str],
    caps: Mapping[str, int],
    incoming: Mapping[str, int],
    hidden: _Hidden,
) -> tuple[set[str], set[str], dict[str, dict[str, int]]]:
    """Subjects that are not nodes but describe kept ones: claims, roles, quotes; their evidence.

    A subject is kept (an owner) when it points at a kept node and at no
    other node, and, if it links to kept nodes by properties of ``incoming``,
    when it is among the most reported at one of them at least; what an owner
    points at by a property the page reads that is not a node (evidence, a
    role) is kept with it, up to the caps.  Also returns, per kept node, the
    ``"^" + predicate`` counts of the subjects linking to it for those it
    shows fewer of.
    """
    owners: set[str] = set()
    children: set[str] = set()
    best = _MostReported(incoming)
    for subject, triples in groups:
        if survey.is_node(subject) or subject in survey.articles or hidden.skips(triples):
            continue
        links = {
            (t.predicate.value, t.object.value)
            for t in triples
            if isinstance(t.object, ox.NamedNode) and t.predicate.value not in hidden.predicates
        }
        capped = frozenset((p, o) for p, o in links if p in incoming and o in kept)
        best.count(capped)
        nodes = {o for _, o in links if survey.is_node(o)}
        if not nodes or not nodes <= kept:
            continue
        own = _children(triples, survey, shown, caps, hidden)
        if capped:
            sources = sum(t.predicate.value == _DERIVED_FROM for t in triples)
            best.offer((-sources, subject), capped, own)
        else:
            owners.add(subject)
            children |= own
    chosen = best.chosen()
    owners.update(chosen)
    children.update(*chosen.values())
    return owners, children, best.totals()


def _children(
    triples: list[ox.Triple],
    survey: _Survey,
    shown: set[str],
    caps: Mapping[str, int],
    hidden: _Hidden,
) -> frozenset[str]:
    return frozenset(
        t.object.value
        for t in _capped(triples, caps)[0]
        if isinstance(t.object, ox.NamedNode)
        and t.predicate.value in shown
        and t.predicate.value not in hidden.predicates
        and not survey.is_node(t.object.value)
        and t.object.value not in survey.articles
    )


Link = tuple[str, str]  # (predicate, node): a subject's link to a kept node
_Pick = tuple[tuple[int, str], frozenset[Link], frozenset[str]]  # rank, links, children


class _MostReported:
    """Per kept node and capped predicate, the ``caps[predicate]`` most reported subjects
    linking to it (most sources, then first by IRI), and how many link to it in all.

    A subject chosen at one node is kept, and so shown at the other nodes it
    links to as well: each node shows at least its own most reported, and
    all of them together at most ``caps[p]`` per node and predicate.
    """

    def __init__(self, caps: Mapping[str, int]) -> None:
        self.caps = caps
        self.links: Counter[Link] = Counter()
        self.picks: dict[Link, list[_Pick]] = defaultdict(list)

    def count(self, links: Iterable[Link]) -> None:
        self.links.update(links)

    def offer(
        self, rank: tuple[int, str], links: frozenset[Link], children: frozenset[str]
    ) -> None:
        for link in links:
            picks = self.picks[link]
            picks.append((rank, links, children))
            if len(picks) >= 2 * self.caps[link[0]]:  # sorted now and then, not on every offer
                self._cut(link)

    def _cut(self, link: Link) -> None:
        picks = self.picks[link]
        picks.sort(key=lambda pick: pick[0])
        del picks[self.caps[link[0]] :]

    def chosen(self) -> dict[str, frozenset[str]]:
        """Each subject kept, with its children."""
        for link in self.picks:
            self._cut(link)
        return {rank[1]: kids for picks in self.picks.values() for rank, _, kids in picks}

    def totals(self) -> dict[str, dict[str, int]]:
        """``totals[node]["^" + predicate]``, where the page shows fewer than link to it."""
        kept = {rank[1]: links for picks in self.picks.values() for rank, links, _ in picks}
        shown = Counter(link for links in kept.values() for link in links)
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for (predicate, node), count in sorted(self.links.items()):
            if count > shown[(predicate, node)]:
                found[node]["^" + predicate] = count
        return dict(found)


def _capped(
    triples: list[ox.Triple], caps: Mapping[str, int]
) -> tuple[list[ox.Triple], dict[str, int]]:
    """``triples`` with at most ``caps[p]`` by each capped predicate ``p`` (the first by line),
    and how many there were of each predicate cut."""
    counts = Counter(t.predicate.value for t in triples if t.predicate.value in caps)
    over = {p: n for p, n in counts.items() if n > caps[p]}
    if not over:
        return triples, over
    out = [t for t in triples if t.predicate.value not in over]
    for predicate in over:
        links = sorted((t for t in triples if t.predicate.value == predicate), key=_line_order)
        out += links[: caps[predicate]]
    return out, over


def _chosen(
    groups: Iterable[Group],
    kept: set[str],
    keep: set[str],
    survey: _Survey,
    shown: set[str],
    caps: Mapping[str, int],
    cut_with: set[str],
) -> tuple[list[ox.Triple], dict[str, dict[str, int]], set[str], set[str]]:
    """The page's triples of the kept subjects, the caps' totals, the articles cited, what is named.

    A kept node keeps every link to another kept node (an edge of the
    page), whatever the predicate, and drops its links by ``cut_with`` to
    subjects that are not kept.
    """
    chosen: list[ox.Triple] = []
    totals: dict[str, dict[str, int]] = {}
    cited: set[str] = set()
    named: set[str] = set()
    for subject, triples in groups:
        if subject not in keep:
            continue
        capped, over = _capped(triples, caps)
        if over:
            totals[subject] = over
        node = subject in kept
        for t in capped:
            iri = t.object.value if isinstance(t.object, ox.NamedNode) else None
            if t.predicate.value not in shown and not (node and iri in kept):
                continue
            if iri is not None and t.predicate.value in cut_with and iri not in keep:
                continue
            chosen.append(t)
            if iri is not None and t.predicate.value != _TYPE:
                if iri in survey.articles:
                    cited.add(iri)
                elif iri not in keep:
                    named.add(iri)
    return chosen, totals, cited, named


def _context(
    groups: Iterable[Group], cited: set[str], named: set[str], shown: set[str]
) -> list[ox.Triple]:
    """What the page reads of the articles cited, and the names of what is named but not drawn."""
    found: list[ox.Triple] = []
    for subject, triples in groups:
        if subject in cited:
            found += (t for t in triples if t.predicate.value in shown)
        elif subject in named:
            found += (
                t
                for t in triples
                if t.predicate.value in shown and isinstance(t.object, ox.Literal)
            )
    return found
