"""Turn the merged corpus into RDF quads (see docs/DESIGN.md, "The graph").

One merged named graph (the reconciled knowledge) and one named graph per
article (what was read from it alone).  No blank nodes: every node has an IRI
that is a pure function of the corpus, so output is byte-identical.

The triples are made as a stream of N-Triples text (what pyoxigraph would
write for them; making ``Triple`` objects only to print them cost more than
the rest of the stage): :class:`kg.graph.quadfile.QuadFile` sorts that text on
disk for the writers (so a large build never holds its graph in memory),
:func:`graph_quads` gives pyoxigraph quads, and :func:`build_dataset` an
rdflib ``Dataset`` for library users.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections import Counter, OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID

from kg.graph.convert import quads_to_dataset
from kg.graph.iri import iri, iri_text
from kg.graph.namespace import ITSRDF, KG, NIF, SCHEMA
from kg.graph.quadfile import GraphBatch, TripleLines
from kg.ids import id_path, short_hash, slugify
from kg.model import (
    ArticleExtraction,
    CanonicalEntity,
    CanonicalEvent,
    Conflict,
    Evidence,
    Fact,
    LocalRef,
    MergedCorpus,
)
from kg.settings import Settings


@dataclass(frozen=True)
class BuildInfo:
    """What the dataset's metadata records about how it was made."""

    kg_version: str
    model: str
    model_version: str


def merged_graph_iri(base: str) -> URIRef:
    return iri(base, "graph/merged")


def graph_batches(
    corpus: MergedCorpus, settings: Settings, info: BuildInfo
) -> Iterator[GraphBatch]:
    """The merged graph and one graph per article, as a stream of ``(graph IRI, triples)``.

    Each article's graph is made from ``corpus.extractions``, read once more
    in article order (from disk, when they are a spill).
    """
    return _Builder(corpus, settings, info).batches()


def graph_quads(corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> Iterator[ox.Quad]:
    """The merged graph and one graph per article, as a stream of quads."""
    for name, triples in graph_batches(corpus, settings, info):
        graph = ox.NamedNode(name)
        for triple in triples:
            yield ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def build_dataset(corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> Dataset:
    """The merged graph plus one graph per article, as an rdflib Dataset."""
    return quads_to_dataset(graph_quads(corpus, settings, info), settings.base_iri)


# Terms are kept as their N-Triples text: ``<iri>`` or a quoted literal.
Term = str


def _iri(value: str) -> Term:
    """``<value>``, once pyoxigraph has accepted ``value`` as an IRI."""
    ox.NamedNode(value)  # raises ValueError for a malformed IRI, as a Triple would
    return f"<{value}>"


# What N-Triples escapes in a literal, exactly as pyoxigraph (oxrdf) writes it:
# backslash first, so the escapes' own backslashes are left alone.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_SHORT_ESCAPES = (
    ("\\", "\\\\"),
    ('"', '\\"'),
    ("\n", "\\n"),
    ("\r", "\\r"),
    ("\t", "\\t"),
    ("\b", "\\b"),
    ("\f", "\\f"),
)
_OTHER_CONTROLS = re.compile(r"[\x00-\x1f\x7f]")  # the rest: \\u and 4 hex digits


def _quoted(value: str) -> Term:
    if _NEEDS_ESCAPE.search(value):  # rare but for article texts (str.replace is fast on them)
        for char, escape in _SHORT_ESCAPES:
            value = value.replace(char, escape)
        value = _OTHER_CONTROLS.sub(lambda m: f"\\u{ord(m[0]):04X}", value)
    return f'"{value}"'


_BATCH_LINES = 10_000  # lines handed on at a time
RECENT_EVIDENCE = 4096  # evidence nodes remembered as described


class _OxNamespace:
    """A namespace's terms as N-Triples IRIs, each made on first use.

    ``KG_.met`` is then a plain attribute; ``KG.met`` would build and check
    an rdflib URIRef every time.
    """

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> Term:
        node = _iri(str(self._namespace[name]))
        setattr(self, name, node)
        return node


KG_, RDF_, RDFS_, SKOS_, OWL_ = (_OxNamespace(ns) for ns in (KG, RDF, RDFS, SKOS, OWL))
DCTERMS_, PROV_, VOID_, SCHEMA_ = (_OxNamespace(ns) for ns in (DCTERMS, PROV, VOID, SCHEMA))
NIF_, ITSRDF_, XSD_ = _OxNamespace(NIF), _OxNamespace(ITSRDF), _OxNamespace(XSD)

ARTICLE_TYPES = (KG_.Article, SCHEMA_.NewsArticle, NIF_.Context)
MENTION_TYPES = (KG_.Mention, NIF_.Phrase, NIF_.OffsetBasedString)
TYPE = RDF_.type
LABEL = RDFS_.label
XSD_INTEGER, XSD_BOOLEAN = XSD_.integer, XSD_.boolean
XSD_DECIMAL, XSD_COUNT, XSD_STRING = XSD_.decimal, XSD_.nonNegativeInteger, XSD_.string


def _kg(name: str) -> Term:
    """A kg class or property by local name (``KG`` refuses names not in the vocabulary)."""
    return getattr(KG_, name)


_text = _quoted
_slug = lru_cache(maxsize=1 << 12)(slugify)  # local keys ("e1", "ev3") recur in every article


def _integer(value: int) -> Term:
    return f'"{value}"^^{XSD_INTEGER}'


def _count(value: int) -> Term:
    return f'"{value}"^^{XSD_COUNT}'


def _boolean(value: bool) -> Term:
    return f'"true"^^{XSD_BOOLEAN}' if value else f'"false"^^{XSD_BOOLEAN}'


def _decimal(value: float) -> Term:
    return f'"{value:.3f}"^^{XSD_DECIMAL}'


def _typed(value: str, xsd_name: str) -> Term:
    """A literal typed ``xsd:{xsd_name}`` (a plain one for xsd:string, as RDF 1.1 has it)."""
    datatype = getattr(XSD_, xsd_name)
    if datatype == XSD_STRING:
        return _quoted(value)
    return f"{_quoted(value)}^^{datatype}"


class _Builder:
    def __init__(self, corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> None:
        self.corpus = corpus
        self.base = settings.base_iri
        self.settings = settings
        self.info = info
        self.merged = str(merged_graph_iri(self.base))
        self.article_paths = _unique_article_paths(corpus.article_ids)
        self.article_iris = {
            article_id: iri_text(self.base, path) for article_id, path in self.article_paths.items()
        }
        self.article_nodes = {key: _iri(value) for key, value in self.article_iris.items()}
        self.out: dict[str, list[str]] = {}  # graph IRI -> lines, until the next flush
        self.merged_lines: list[str] = self.out.setdefault(self.merged, [])
        self.seen: set[str] = set()  # nodes described once although met many times
        # evidence nodes, met once per fact they support: the facts of one subject come
        # together, so the last few thousand catch nearly every repeat, and the sort on disk
        # drops the repeated lines of the rest (a set of them all would grow with the corpus)
        self.recent_evidence: OrderedDict[str, None] = OrderedDict()

    def node(self, ident: str) -> Term:
        return _iri(iri_text(self.base, ident))

    def article(self, article_id: str) -> Term:
        return self.article_nodes[article_id]

    def add(self, s: Term, p: Term, o: Term, graph: str | None = None) -> None:
        """Add a triple to ``graph`` (an IRI; the merged graph if None)."""
        if graph is None:  # most triples: kept apart to save a look-up each
            self.merged_lines.append(f"{s} {p} {o}")
        else:
            self.out.setdefault(graph, []).append(f"{s} {p} {o}")

    def first_time(self, node: Term) -> bool:
        if node in self.seen:
            return False
        self.seen.add(node)
        return True

    def described_lately(self, node: Term) -> bool:
        """Whether ``node`` is among the last RECENT_EVIDENCE evidence nodes described."""
        recent = self.recent_evidence
        if node in recent:
            recent.move_to_end(node)
            return True
        recent[node] = None
        if len(recent) > RECENT_EVIDENCE:
            recent.popitem(last=False)
        return False

    def batches(self) -> Iterator[GraphBatch]:
        self._dataset_metadata()
        parts = (
            (self._article, self._in_step()),
            (self._entity, self.corpus.entities),
            (self._role, self.corpus.roles),
            (self._event, self.corpus.events),
            (self._fact, self.corpus.facts),
            (self._conflict, self.corpus.conflicts),
            (self._quote, self.corpus.quotes),
            (self._duplication, self.corpus.duplications),
        )
        for describe, items in parts:
            for item in items:
                describe(item)
                if sum(map(len, self.out.values())) >= _BATCH_LINES:
                    yield from self._flush()
        yield from self._flush()

    def _in_step(self) -> Iterator[ArticleExtraction]:
        """The corpus' extractions, checked against the article ids the merge noted."""
        ids = self.corpus.article_ids
        for extraction, article_id in zip(self.corpus.extractions, ids, strict=True):
            if extraction.article.id != article_id:
                raise ValueError(
                    f"articles out of step with the merged corpus: "
                    f"{extraction.article.id!r} where {article_id!r} was merged"
                )
            yield extraction

    def _flush(self) -> list[GraphBatch]:
        out, self.out = self.out, {}
        self.merged_lines = self.out.setdefault(self.merged, [])
        return [(key, TripleLines(lines)) for key, lines in out.items() if lines]

    # --- metadata and articles -------------------------------------------

    def _dataset_metadata(self) -> None:
        me, add = _iri(self.merged), self.add
        add(me, TYPE, VOID_.Dataset)
        add(me, LABEL, _text("kg merged graph"))
        add(me, KG_.kgVersion, _text(self.info.kg_version))
        add(me, KG_.model, _text(self.info.model))
        add(me, KG_.modelVersion, _text(self.info.model_version))
        for name, value in self.settings.public_items():
            add(me, KG_.setting, _text(f"{name}={value}"))
        if self.settings.provenance_time:  # off by default: a timestamp breaks identical output
            add(me, PROV_.generatedAtTime, _typed(_build_time(), "dateTime"))

    def _article(self, extraction: ArticleExtraction) -> None:
        article, node, add = extraction.article, self.article(extraction.article.id), self.add
        for cls in ARTICLE_TYPES:
            add(node, TYPE, cls)
        add(node, DCTERMS_.source, _text(article.source))
        add(node, DCTERMS_.identifier, _text(article.id))
        add(node, LABEL, _text(article.title or article.id))
        if article.title:
            add(node, SCHEMA_.headline, _text(article.title))
        if article.published:
            add(node, SCHEMA_.datePublished, _typed(article.published.isoformat(), "date"))
        if article.url:
            add(node, SCHEMA_.url, _typed(article.url, "anyURI"))
        if article.language:
            add(node, DCTERMS_.language, _text(article.language))
        if article.publisher:
            publisher = self.node(id_path("organization", article.publisher))
            add(node, SCHEMA_.publisher, publisher)
            if self.first_time(publisher):
                self._labels(publisher, _kg("Organization"), article.publisher, [])
        self._article_graph(extraction)

    def _article_graph(self, extraction: ArticleExtraction) -> None:
        article_id = extraction.article.id
        path = self.article_paths[article_id]
        ag = iri_text(self.base, f"graph/{path}")
        context = self.article(article_id)
        for cls in ARTICLE_TYPES:
            self.add(context, TYPE, cls, ag)
        self.add(context, NIF_.isString, _text(extraction.article.text), ag)
        local = {}
        for entity in extraction.entities:
            node = self.node(f"{path}/entity/{_slug(entity.key)}")
            local[entity.key] = node
            self._labels(node, _kg(entity.kind), entity.name, entity.aliases, graph=ag)
            self._resolution(LocalRef(article_id, entity.key), node)
            for mention in entity.mentions:
                self._mention(ag, context, mention, node)
        for event in extraction.events:
            node = self.node(f"{path}/event/{_slug(event.key)}")
            local[event.key] = node
            self.add(node, TYPE, _kg(event.kind), ag)
            self.add(node, LABEL, _text(event.trigger.text), ag)
            self._resolution(LocalRef(article_id, event.key), node)
            self._mention(ag, context, event.trigger, node)
            for key in filter(None, [event.agent, *event.participants]):
                if key in local:
                    self.add(node, KG_.participant, local[key], ag)
        for claim in extraction.claims:
            if claim.negated or claim.hedged or claim.object not in local:
                continue
            if claim.subject in local:
                self.add(local[claim.subject], _kg(claim.predicate), local[claim.object], ag)

    def _mention(self, ag: str, context: Term, mention, target: Term) -> None:
        node = _iri(f"{context[1:-1]}#char={mention.start},{mention.end}")
        add = self.add
        for cls in MENTION_TYPES:
            add(node, TYPE, cls, ag)
        add(node, NIF_.beginIndex, _count(mention.start), ag)
        add(node, NIF_.endIndex, _count(mention.end), ag)
        add(node, NIF_.anchorOf, _text(mention.text), ag)
        add(node, NIF_.referenceContext, context, ag)
        add(node, ITSRDF_.taIdentRef, target, ag)

    def _resolution(self, ref: LocalRef, local: Term) -> None:
        link = self.corpus.resolution.link(ref)
        if link is None:
            return
        target, add = self.node(self.corpus.resolution.get(ref)), self.add
        add(local, OWL_.sameAs, target)
        article_slug = self.article_paths[ref.article_id].split("/", 1)[1]
        node = self.node(f"resolution/{article_slug}/{_slug(ref.key)}")
        add(node, TYPE, KG_.Resolution)
        add(node, KG_.mergedNode, local)
        add(node, KG_.mergedInto, target)
        add(node, KG_.reason, _text(link.reason))
        add(node, KG_.score, _decimal(link.score))

    # --- canonical nodes ---------------------------------------------------

    def _labels(self, node: Term, cls: Term, name: str, aliases, graph: str | None = None):
        self.add(node, TYPE, cls, graph)
        self.add(node, LABEL, _text(name), graph)
        self.add(node, SKOS_.prefLabel, _text(name), graph)
        for alias in aliases:
            if alias != name:
                self.add(node, SKOS_.altLabel, _text(alias), graph)

    def _entity(self, entity: CanonicalEntity) -> None:
        node, add = self.node(entity.id), self.add
        self._labels(node, _kg(entity.kind), entity.name, entity.aliases)
        for external in entity.same_as:
            add(node, OWL_.sameAs, _iri(external))
        if entity.metonymy:  # a government named by its places ("Beijing said")
            add(node, KG_.metonymyOf, _text(entity.metonymy))
        for place in entity.metonymy_of:
            add(node, SKOS_.related, self.node(place))
        for article_id in self.corpus.resolution.articles(entity.id):
            add(node, PROV_.wasDerivedFrom, self.article(article_id))
        add(node, KG_.mentionCount, _integer(entity.mention_count))

    def _role(self, role) -> None:
        node, add = self.node(role.id), self.add
        add(node, TYPE, KG_.Role)
        add(node, LABEL, _text(role.label))
        add(node, SKOS_.prefLabel, _text(role.label))
        add(node, KG_.roleHolder, self.node(role.holder))
        if role.organization:
            add(node, KG_.roleOf, self.node(role.organization))
        for qualifier in role.qualifiers:
            add(node, KG_.roleQualifier, _text(qualifier))
        for article_id in role.sources:
            add(node, PROV_.wasDerivedFrom, self.article(article_id))

    def _event(self, event: CanonicalEvent) -> None:
        node, add = self.node(event.id), self.add
        add(node, TYPE, _kg(event.kind))
        add(node, LABEL, _text(event.label))
        if event.time is not None:
            add(node, KG_.timeExpression, _text(event.time.text))
            if event.time.end and event.time.value:
                dtype = event.time.datatype or "date"
                add(node, KG_.startDate, _typed(event.time.value, dtype))
                add(node, KG_.endDate, _typed(event.time.end, dtype))
        for article_id in self.corpus.resolution.articles(event.id):
            add(node, PROV_.wasDerivedFrom, self.article(article_id))

    # --- facts and their provenance ------------------------------------------

    def _object(self, fact: Fact):
        if fact.object is not None:
            return self.node(fact.object)
        if fact.datatype:
            return _typed(fact.value, fact.datatype)
        return _text(fact.value)

    def _fact(self, fact: Fact) -> None:
        add = self.add
        subject, predicate, obj = (
            self.node(fact.subject),
            _kg(fact.predicate),
            self._object(fact),
        )
        if not (fact.negated or fact.hedged):
            add(subject, predicate, obj)
        claim = self._claim_node(fact)
        add(claim, TYPE, RDF_.Statement)
        add(claim, TYPE, KG_.Claim)
        add(claim, RDF_.subject, subject)
        add(claim, RDF_.predicate, predicate)
        add(claim, RDF_.object, obj)
        add(claim, KG_.support, _integer(max(fact.support, 1)))
        add(claim, KG_.articleCount, _integer(len(fact.sources)))
        add(claim, KG_.confidence, _decimal(fact.confidence))
        add(claim, KG_.negated, _boolean(fact.negated))
        add(claim, KG_.hedged, _boolean(fact.hedged))
        for hedge in fact.hedges:
            add(claim, KG_.hedge, _text(hedge))
        for article_id in fact.sources:
            add(claim, PROV_.wasDerivedFrom, self.article(article_id))
        for evidence in fact.evidence:
            add(claim, KG_.evidence, self._evidence(evidence))

    def _claim_node(self, fact: Fact) -> Term:
        key = (fact.subject, fact.predicate, fact.object, fact.value, fact.negated, fact.hedged)
        return self.node(id_path("claim", short_hash(*key)))

    def _evidence(self, ev: Evidence) -> Term:
        # the confidence is part of what a piece of evidence is: one rule may read two events
        # in one sentence with different confidence, and each node has one
        key = short_hash(ev.article_id, ev.start, ev.end, ev.extractor, f"{ev.confidence:.3f}")
        node = self.node(id_path("evidence", key))
        if self.described_lately(node):  # described again otherwise: the same lines
            return node
        add, article = self.add, self.article(ev.article_id)
        add(node, TYPE, KG_.Evidence)
        add(node, KG_.sentence, _text(ev.sentence))
        add(node, NIF_.beginIndex, _count(ev.start))
        add(node, NIF_.endIndex, _count(ev.end))
        add(node, NIF_.referenceContext, article)
        add(node, KG_.extractor, _text(ev.extractor))
        add(node, KG_.confidence, _decimal(ev.confidence))
        add(node, PROV_.wasDerivedFrom, article)
        return node

    def _conflict(self, conflict: Conflict) -> None:
        add = self.add
        node = self.node(id_path("conflict", short_hash(conflict.subject, conflict.predicate)))
        add(node, TYPE, KG_.Conflict)
        add(node, LABEL, _text(f"sources disagree on {conflict.predicate}"))
        add(node, KG_.conflictSubject, self.node(conflict.subject))
        add(node, KG_.conflictProperty, _kg(conflict.predicate))
        for fact in conflict.facts:
            add(node, KG_.alternative, self._claim_node(fact))

    def _quote(self, quote) -> None:
        node, add = self.node(quote.id), self.add
        add(node, TYPE, KG_.Quote)
        add(node, KG_.quoteText, _text(quote.text))
        if quote.speaker:
            add(node, KG_.speaker, self.node(quote.speaker))
            add(self.node(quote.speaker), KG_.said, node)
        for via in quote.intermediaries:
            add(node, KG_.intermediary, self.node(via))
        if quote.event:
            add(node, KG_.aboutEvent, self.node(quote.event))
        for i, variant in enumerate(quote.variants):
            vnode, article = (
                self.node(f"{quote.id}/variant/{i + 1}"),
                self.article(variant.article_id),
            )
            add(node, KG_.variant, vnode)
            add(node, PROV_.wasDerivedFrom, article)
            add(vnode, TYPE, KG_.QuoteVariant)
            add(vnode, KG_.quoteText, _text(variant.text))
            add(vnode, PROV_.wasDerivedFrom, article)
            add(vnode, NIF_.beginIndex, _count(variant.start))
            add(vnode, NIF_.endIndex, _count(variant.end))
            add(vnode, NIF_.referenceContext, article)

    def _duplication(self, dup) -> None:
        add = self.add
        node = self.node(id_path("duplication", short_hash(dup.article_id, dup.duplicate_of)))
        copy, original = self.article(dup.article_id), self.article(dup.duplicate_of)
        add(node, TYPE, KG_.Duplication)
        add(node, PROV_.wasDerivedFrom, copy)
        add(node, KG_.duplicateOf, original)
        add(node, KG_.sharedParagraphs, _integer(dup.shared_paragraphs))
        add(node, KG_.similarity, _decimal(dup.similarity))
        add(copy, KG_.duplicateOf, original)


def _build_time() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.timezone.utc)
    )
    return moment.replace(microsecond=0).isoformat()


def _unique_article_paths(article_ids: list[str]) -> dict[str, str]:
    """``article/{slug}`` per article id; a clash of slugs gets a short hash."""
    slugs = Counter(slugify(article_id) for article_id in article_ids)
    paths = {}
    for article_id in article_ids:
        slug = slugify(article_id)
        if slugs[slug] > 1:
            slug = f"{slug}-{short_hash(article_id)[:8]}"
        paths[article_id] = f"article/{slug}"
    return paths
