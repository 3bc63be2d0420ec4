"""The part of a large merged graph the viewer draws: its most reported nodes.

A page with tens of thousands of nodes is slow to make and unreadable in a
browser, and reading the whole merged graph into rdflib for it costs minutes
and gigabytes.  :func:`focus` streams the merged graph's triples, grouped by
subject as a :class:`~kg.graph.quadfile.QuadFile` gives them, six times,
and keeps only what the page shows about the ``limit`` nodes reported by the
most articles:

1. the classes in use, and which of them are drawn;
2. which subjects are nodes, and how many articles and mentions each has;
   which are articles;
3. which other subjects (claims, roles, quotes) describe kept nodes, and what
   they point to by a property the page reads that is not a node (evidence,
   a role).  Of each list of a node's panel (``listed``: its claims, quotes,
   roles) a node chooses the ``most`` that the most articles report: a
   president quoted 900 times, the 5 quotes; a statement between two kept
   nodes, the evidence of an edge, is always kept;
4. the statements about what step 3 kept that is not a node (``X
   kg:holdsRole`` a role): that thing's evidence;
5. the triples of all those subjects and of the kept nodes that the page reads
   (``shown``), at most ``caps[p]`` links per subject by a predicate ``p`` (a country
   reported by 4,000 articles lists the first 20); a node's link to a subject
   left out of a list goes with it (``kg:holdsRole``, the inverse of
   ``kg:roleHolder``).  What the caps leave out is counted in :class:`Focus`;
6. the metadata of the articles that what is kept cites, and the labels of
   what it names but does not draw (a claim's other end, a publisher).

Memory then follows the size of the page, not of the graph: what is held
across the passes is one entry per node and per article, plus the page's
own triples, which the caps bound by the number of nodes (and the edges
between them).  The links cut are the first by N-Triples line, which for
articles is the order of their IRIs: arbitrary, but the same on every run.
The subjects cut from a list are the least reported (fewest sources, then
the last by IRI).
"""

from __future__ import annotations

import logging
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import groupby
from typing import NamedTuple

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
_RDF_SUBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#subject"
_RDF_OBJECT = "http://www.w3.org/1999/02/22-rdf-syntax-ns#object"
_SUBCLASS_OF = "http://www.w3.org/2000/01/rdf-schema#subClassOf"
_DERIVED_FROM = PREFIXES["prov"] + "wasDerivedFrom"
_MENTION_COUNT = str(KG.mentionCount)
_ARTICLE = str(KG.Article)


@dataclass
class Focus:
    """The triples to draw, how many nodes there were, and what the caps left out.

    ``totals[subject][predicate]`` is how many links ``subject`` has by
    ``predicate`` in the whole graph, for those cut to their cap;
    ``left_out[node][list]`` how many of a list of the node's panel
    (``claims``, ``quotes``, ``roles``) the page leaves out.
    """

    triples: list[ox.Triple]
    shown: int
    total: int
    totals: dict[str, dict[str, int]] = field(default_factory=dict)
    left_out: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass
class Drawn:
    """What the viewer page is made from: the graph it reads, its title, what the caps cut."""

    dataset: Dataset
    title: str = "kg"
    totals: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    left_out: Mapping[str, Mapping[str, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, cut: Focus, graph_name: str, base_iri: str) -> Drawn:
        """The page of a :class:`Focus`: its triples as the graph ``graph_name``."""
        name = ox.NamedNode(graph_name)
        quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in cut.triples)
        title = f"kg: the {cut.shown} most reported of {cut.total} nodes"
        return cls(quads_to_dataset(quads, base_iri), title, cut.totals, cut.left_out)


@dataclass(frozen=True)
class Listed:
    """A list of a node's panel (its claims, its quotes, its roles): the properties by which
    those subjects link to the node, and how many of them a capped page keeps per node."""

    links: frozenset[str]
    most: int


@dataclass(frozen=True)
class Reading:
    """What the page reads of a graph, and how a capped page cuts it.

    ``drawn_classes(used, subclass_of)`` says which of the classes in use are
    drawn; ``shown`` are the predicates the page reads; ``caps`` the most
    links kept per subject by a predicate; ``listed`` the lists of a node's
    panel, capped per node; ``inverses`` maps a property to its inverse
    (``kg:holdsRole`` to ``kg:roleHolder``), so that a node's link to a
    subject cut from a list is cut too; ``skipped_types`` are classes whose
    instances the page never shows; a link by one of ``hidden_predicates``
    (``owl:sameAs`` from an article's own node) does not make a subject part
    of what a node shows.  :func:`kg.export.viewer.page_reading` is the page's own.
    """

    drawn_classes: Callable[[set[str], dict[str, set[str]]], set[str]]
    shown: set[str]
    caps: Mapping[str, int] = field(default_factory=dict)
    listed: Mapping[str, Listed] = field(default_factory=dict)
    inverses: Mapping[str, str] = field(default_factory=dict)
    skipped_types: set[str] = frozenset()
    hidden_predicates: set[str] = frozenset()

    def skips(self, triples: list[ox.Triple]) -> bool:
        """Whether the subject of ``triples`` is of a class the page never shows."""
        return any(
            t.predicate.value == _TYPE and t.object.value in self.skipped_types for t in triples
        )

    def cut_with(self) -> set[str]:
        """The inverses of the lists' links: a node's link by one goes with what it links to
        (kg:holdsRole; kg:said, the inverse of kg:speaker, is not read by the page anyway)."""
        links = {p for spec in self.listed.values() for p in spec.links}
        return {q for q, p in self.inverses.items() if p in links}


def focus(triples: Triples, reading: Reading, *, limit: int) -> Focus | None:
    """The viewer's share of the merged graph, or None if it has ``limit`` nodes or fewer.

    ``triples()`` gives the merged graph each time it is called, grouped by
    subject (in N-Triples line order); ``reading`` is what the page reads of it.
    """
    used, subclass_of = _classes(triples())
    survey = _survey(_groups(triples()), reading.drawn_classes(used, subclass_of))
    if len(survey.nodes) <= limit:
        return None
    ranked = sorted(survey.nodes, key=lambda s: (*survey.nodes[s], s))
    kept = set(ranked[:limit])
    owners, children, left_out = _satellites(_groups(triples()), kept, survey, reading)
    followers, evidence = _followers(_groups(triples()), owners, kept, survey, reading)
    keep = owners | children | followers | evidence | kept
    chosen, totals, cited, named = _chosen(_groups(triples()), kept, keep, survey.articles, reading)
    chosen += _context(
        _groups(triples()), cited, (named | survey.article_links) - keep, reading.shown
    )
    # The reader draws a node of a subclass of a drawn class as that class.
    chosen += (
        ox.Triple(ox.NamedNode(sub), ox.NamedNode(_SUBCLASS_OF), ox.NamedNode(sup))
        for sub, sups in sorted(subclass_of.items())
        for sup in sorted(sups)
    )
    return Focus(chosen, len(kept), len(survey.nodes), totals, left_out)


def viewer_dataset(graph: GraphData, settings: Settings) -> Drawn:
    """The merged graph the page draws, with a title that says when it is cut."""
    from kg.export.viewer import page_reading

    name = merged_name(settings)
    cut = None
    if settings.viewer_nodes:
        cut = focus(_merged_triples(graph, name), page_reading(), limit=settings.viewer_nodes)
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


# (list name, node): where a subject is listed; a subject's places make its bookkeeping.
Place = tuple[str, str]


class _Pick(NamedTuple):
    rank: tuple[int, str]  # most sources first, then first by IRI
    places: frozenset[Place]
    children: frozenset[str]


def _satellites(
    groups: Iterable[Group], kept: set[str], survey: _Survey, reading: Reading
) -> tuple[set[str], set[str], dict[str, dict[str, int]]]:
    """Subjects that are not nodes but describe kept ones (claims, roles, quotes), their
    evidence, and how many of each list of a node's panel the page leaves out.

    A subject is kept (an owner) when every node it links to by the links of
    ``reading.listed`` is kept (or, with no such link, every node it links to at
    all), and

    - it states a link between two kept nodes (``rdf:subject``, ``rdf:object``):
      the evidence of an edge the page draws; or
    - it is among the ``most`` most reported of a list at one of its nodes at
      least; or it is in no list.

    A statement whose ``rdf:object`` is not a node (``X kg:holdsRole`` a role)
    is the evidence of that object, and is kept with it (:func:`_followers`).
    What an owner points at by a property the page reads that is not a node
    (evidence, a role) is kept with it, up to the caps.
    """
    owners: set[str] = set()
    children: set[str] = set()
    best = _MostReported(reading.listed)
    list_of = {p: name for name, spec in reading.listed.items() for p in spec.links}
    for subject, triples, links in _described(groups, survey, reading):
        ends = {o for _, o in links if survey.is_node(o)}
        statement = _statement_of(links, survey)
        if not ends or statement == "about":
            continue
        if statement == "edge" and ends <= kept:
            owners.add(subject)
            children |= _children(triples, survey, reading)
            continue
        places = frozenset((list_of[p], o) for p, o in links if p in list_of and o in kept)
        best.count(places)
        # Only the ends it is listed at need be drawn: a role's organisation is named.
        must_draw = {o for p, o in links if p in list_of and survey.is_node(o)} or ends
        if not must_draw <= kept:
            continue
        own = _children(triples, survey, reading)
        if places:
            sources = sum(t.predicate.value == _DERIVED_FROM for t in triples)
            best.offer(_Pick((-sources, subject), places, own))
        else:
            owners.add(subject)
            children |= own
    chosen = best.chosen()
    owners.update(chosen)
    children.update(*(pick.children for pick in chosen.values()))
    return owners, children, best.left_out(chosen)


def _statement_of(links: set[tuple[str, str]], survey: _Survey) -> str | None:
    """``"edge"`` for a statement between two nodes, ``"about"`` for one whose object is
    something else described in the graph (a role), None for anything else."""
    objects = [o for p, o in links if p == _RDF_OBJECT]
    if not objects:
        return None
    if all(survey.is_node(o) for o in objects) and any(
        p == _RDF_SUBJECT and survey.is_node(o) for p, o in links
    ):
        return "edge"
    return "about" if any(o not in survey.articles for o in objects) else None


def _described(
    groups: Iterable[Group], survey: _Survey, reading: Reading
) -> Iterator[tuple[str, list[ox.Triple], set[tuple[str, str]]]]:
    """The subjects that are neither nodes, articles nor never shown, with their links:
    ``(predicate, IRI)`` pairs but by the hidden predicates."""
    for subject, triples in groups:
        if survey.is_node(subject) or subject in survey.articles or reading.skips(triples):
            continue
        links = {
            (t.predicate.value, t.object.value)
            for t in triples
            if isinstance(t.object, ox.NamedNode)
            and t.predicate.value not in reading.hidden_predicates
        }
        yield subject, triples, links


def _followers(
    groups: Iterable[Group], owners: set[str], kept: set[str], survey: _Survey, reading: Reading
) -> tuple[set[str], set[str]]:
    """The statements about what is kept but not a node (``X kg:holdsRole`` a kept role),
    with their evidence: what the page shows as that thing's evidence."""
    found: set[str] = set()
    children: set[str] = set()
    for subject, triples, links in _described(groups, survey, reading):
        about = [t.object.value for t in triples if t.predicate.value == _RDF_OBJECT]
        if not about or not all(o in owners for o in about):
            continue
        ends = {o for _, o in links if survey.is_node(o)}
        if ends and ends <= kept:
            found.add(subject)
            children |= _children(triples, survey, reading)
    return found, children


def _children(triples: list[ox.Triple], survey: _Survey, reading: Reading) -> frozenset[str]:
    return frozenset(
        t.object.value
        for t in _capped(triples, reading.caps)[0]
        if isinstance(t.object, ox.NamedNode)
        and t.predicate.value in reading.shown
        and t.predicate.value not in reading.hidden_predicates
        and not survey.is_node(t.object.value)
        and t.object.value not in survey.articles
    )


class _MostReported:
    """Per kept node and list of its panel, the ``most`` most reported subjects, and how
    many there are in all.

    A subject chosen at one node is kept, and so shown at every node it is
    listed at: a node may show more than ``most`` of a list, but the page
    holds at most ``most`` per node and list in all.  Each list is sorted and
    cut whenever it reaches twice its ``most``, so it never holds more.
    """

    def __init__(self, listed: Mapping[str, Listed]) -> None:
        self.most = {name: spec.most for name, spec in listed.items()}
        self.counts: Counter[Place] = Counter()
        self.picks: dict[Place, list[_Pick]] = defaultdict(list)

    def count(self, places: Iterable[Place]) -> None:
        self.counts.update(places)

    def offer(self, pick: _Pick) -> None:
        for place in pick.places:
            picks = self.picks[place]
            picks.append(pick)
            if len(picks) >= 2 * self.most[place[0]]:
                self._cut(place)

    def _cut(self, place: Place) -> None:
        picks = self.picks[place]
        picks.sort(key=lambda pick: pick.rank)
        del picks[self.most[place[0]] :]

    def chosen(self) -> dict[str, _Pick]:
        """Each subject kept, by IRI."""
        for place in self.picks:
            self._cut(place)
        return {pick.rank[1]: pick for picks in self.picks.values() for pick in picks}

    def left_out(self, chosen: Mapping[str, _Pick]) -> dict[str, dict[str, int]]:
        """``left_out[node][list]``: how many of the node's list ``chosen`` leaves out."""
        shown = Counter(place for pick in chosen.values() for place in pick.places)
        found: dict[str, dict[str, int]] = defaultdict(dict)
        for (name, node), count in sorted(self.counts.items()):
            if count > shown[(name, node)]:
                found[node][name] = count - shown[(name, node)]
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
    articles: set[str],
    reading: Reading,
) -> tuple[list[ox.Triple], dict[str, dict[str, int]], set[str], set[str]]:
    """The page's triples of the kept subjects, the caps' totals, the articles cited, what is named.

    A kept node keeps every link to another kept node (an edge of the
    page), whatever the predicate, and drops its links by ``reading.cut_with()``
    to subjects that are not kept.
    """
    shown, cut_with = reading.shown, reading.cut_with()
    chosen: list[ox.Triple] = []
    totals: dict[str, dict[str, int]] = {}
    cited: set[str] = set()
    named: set[str] = set()
    for subject, triples in groups:
        if subject not in keep:
            continue
        capped, over = _capped(triples, reading.caps)
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
                if iri in articles:
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
