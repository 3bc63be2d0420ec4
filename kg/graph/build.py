"""Turn the merged corpus into RDF quads (see docs/DESIGN.md, "The graph").

One merged named graph (the reconciled knowledge) and one named graph per
article (what was read from it alone).  No blank nodes: every node has an IRI
that is a pure function of the corpus, so output is byte-identical.

The quads are pyoxigraph terms, made as a stream: :func:`graph_quads` yields
them article by article, :class:`kg.graph.quadfile.QuadFile` sorts them on disk
for the writers (so a large build never holds its graph in memory), and
:func:`build_dataset` hands back an rdflib ``Dataset`` for library users.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID

from kg.graph.convert import quads_to_dataset
from kg.graph.iri import iri, iri_text
from kg.graph.namespace import ITSRDF, KG, NIF, SCHEMA
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

# A graph's IRI and some of its triples: the unit the graph stage streams out.
GraphBatch = tuple[str, list[ox.Triple]]

ARTICLE_TYPES = (KG.Article, SCHEMA.NewsArticle, NIF.Context)
MENTION_TYPES = (KG.Mention, NIF.Phrase, NIF.OffsetBasedString)


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
    """The merged graph and one graph per article, as a stream of ``(graph IRI, triples)``."""
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


class _Terms:
    """rdflib-named IRIs as pyoxigraph terms, each made once."""

    def __init__(self) -> None:
        self._iris: dict[str, ox.NamedNode] = {}

    def __call__(self, value: str) -> ox.NamedNode:
        key = str(value)  # a plain str key: URIRef equality runs in Python
        node = self._iris.get(key)
        if node is None:
            node = self._iris[key] = ox.NamedNode(key)
        return node


_T = _Terms()
TYPE = _T(RDF.type)
LABEL = _T(RDFS.label)
XSD_NS = str(XSD)
XSD_INTEGER, XSD_BOOLEAN = _T(XSD.integer), _T(XSD.boolean)
XSD_DECIMAL, XSD_COUNT = _T(XSD.decimal), _T(XSD.nonNegativeInteger)


@functools.cache
def _kg(name: str) -> ox.NamedNode:
    """A kg class or property by local name; ``KG[name]`` checks it is in the vocabulary."""
    return ox.NamedNode(str(KG[name]))


def _text(value: str) -> ox.Literal:
    return ox.Literal(value)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_INTEGER)


def _count(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=XSD_COUNT)


def _boolean(value: bool) -> ox.Literal:
    return ox.Literal("true" if value else "false", datatype=XSD_BOOLEAN)


def _decimal(value: float) -> ox.Literal:
    return ox.Literal(f"{value:.3f}", datatype=XSD_DECIMAL)


def _typed(value: str, datatype: str) -> ox.Literal:
    return ox.Literal(value, datatype=_T(datatype))


class _Builder:
    def __init__(self, corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> None:
        self.corpus = corpus
        self.base = settings.base_iri
        self.settings = settings
        self.info = info
        self.merged = str(merged_graph_iri(self.base))
        self.article_paths = _unique_article_paths(corpus.extractions)
        self.out: dict[str, list[ox.Triple]] = {}
        self.pending = 0
        self.seen: set[str] = set()  # nodes described once although met many times
        self.links = {
            link.member: link
            for item in (*corpus.entities, *corpus.events)
            for link in item.members
        }
        self.by_article = {x.article.id: x for x in corpus.extractions}

    def node(self, ident: str) -> ox.NamedNode:
        return ox.NamedNode(iri_text(self.base, ident))

    def article(self, article_id: str) -> ox.NamedNode:
        return _T(iri_text(self.base, self.article_paths[article_id]))

    def add(self, s, p, o, graph: str | None = None) -> None:
        """Add a triple to ``graph`` (an IRI; the merged graph if None)."""
        triples = self.out.get(graph or self.merged)
        if triples is None:
            triples = self.out[graph or self.merged] = []
        triples.append(ox.Triple(s, p, o))
        self.pending += 1

    def first_time(self, node: ox.NamedNode) -> bool:
        if node.value in self.seen:
            return False
        self.seen.add(node.value)
        return True

    def batches(self) -> Iterator[GraphBatch]:
        self._dataset_metadata()
        parts = (
            (self._article, self.corpus.extractions),
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
                if self.pending >= 10_000:
                    yield from self._flush()
        yield from self._flush()

    def _flush(self) -> list[GraphBatch]:
        out, self.out, self.pending = self.out, {}, 0
        return list(out.items())

    # --- metadata and articles -------------------------------------------

    def _dataset_metadata(self) -> None:
        me, add = _T(self.merged), self.add
        add(me, TYPE, _T(VOID.Dataset))
        add(me, LABEL, _text("kg merged graph"))
        add(me, _T(KG.kgVersion), _text(self.info.kg_version))
        add(me, _T(KG.model), _text(self.info.model))
        add(me, _T(KG.modelVersion), _text(self.info.model_version))
        for name, value in self.settings.public_items():
            add(me, _T(KG.setting), _text(f"{name}={value}"))
        if self.settings.provenance_time:  # off by default: a timestamp breaks identical output
            add(me, _T(PROV.generatedAtTime), _typed(_build_time(), XSD.dateTime))

    def _article(self, extraction: ArticleExtraction) -> None:
        article, node, add = extraction.article, self.article(extraction.article.id), self.add
        for cls in ARTICLE_TYPES:
            add(node, TYPE, _T(cls))
        add(node, _T(DCTERMS.source), _text(article.source))
        add(node, _T(DCTERMS.identifier), _text(article.id))
        add(node, LABEL, _text(article.title or article.id))
        if article.title:
            add(node, _T(SCHEMA.headline), _text(article.title))
        if article.published:
            add(node, _T(SCHEMA.datePublished), _typed(article.published.isoformat(), XSD.date))
        if article.url:
            add(node, _T(SCHEMA.url), _typed(article.url, XSD.anyURI))
        if article.language:
            add(node, _T(DCTERMS.language), _text(article.language))
        if article.publisher:
            publisher = self.node(id_path("organization", article.publisher))
            add(node, _T(SCHEMA.publisher), publisher)
            if self.first_time(publisher):
                self._labels(publisher, _kg("Organization"), article.publisher, [])
        self._article_graph(extraction)

    def _article_graph(self, extraction: ArticleExtraction) -> None:
        article_id = extraction.article.id
        path = self.article_paths[article_id]
        ag = iri_text(self.base, f"graph/{path}")
        context = self.article(article_id)
        for cls in ARTICLE_TYPES:
            self.add(context, TYPE, _T(cls), ag)
        self.add(context, _T(NIF.isString), _text(extraction.article.text), ag)
        local = {}
        for entity in extraction.entities:
            node = self.node(f"{path}/entity/{slugify(entity.key)}")
            local[entity.key] = node
            self._labels(node, _kg(entity.kind), entity.name, entity.aliases, graph=ag)
            self._resolution(LocalRef(article_id, entity.key), node)
            for mention in entity.mentions:
                self._mention(ag, context, mention, node)
        for event in extraction.events:
            node = self.node(f"{path}/event/{slugify(event.key)}")
            local[event.key] = node
            self.add(node, TYPE, _kg(event.kind), ag)
            self.add(node, LABEL, _text(event.trigger.text), ag)
            self._resolution(LocalRef(article_id, event.key), node)
            self._mention(ag, context, event.trigger, node)
            for key in filter(None, [event.agent, *event.participants]):
                if key in local:
                    self.add(node, _T(KG.participant), local[key], ag)
        for claim in extraction.claims:
            if claim.negated or claim.hedged or claim.object not in local:
                continue
            if claim.subject in local:
                self.add(local[claim.subject], _kg(claim.predicate), local[claim.object], ag)

    def _mention(self, ag: str, context: ox.NamedNode, mention, target: ox.NamedNode) -> None:
        node = ox.NamedNode(f"{context.value}#char={mention.start},{mention.end}")
        add = self.add
        for cls in MENTION_TYPES:
            add(node, TYPE, _T(cls), ag)
        add(node, _T(NIF.beginIndex), _count(mention.start), ag)
        add(node, _T(NIF.endIndex), _count(mention.end), ag)
        add(node, _T(NIF.anchorOf), _text(mention.text), ag)
        add(node, _T(NIF.referenceContext), context, ag)
        add(node, _T(ITSRDF.taIdentRef), target, ag)

    def _resolution(self, ref: LocalRef, local: ox.NamedNode) -> None:
        canonical = self.corpus.resolution.get(ref)
        if canonical is None:
            return
        link = self.links.get(ref)
        target, add = self.node(canonical), self.add
        add(local, _T(OWL.sameAs), target)
        article_slug = self.article_paths[ref.article_id].split("/", 1)[1]
        node = self.node(f"resolution/{article_slug}/{slugify(ref.key)}")
        add(node, TYPE, _T(KG.Resolution))
        add(node, _T(KG.mergedNode), local)
        add(node, _T(KG.mergedInto), target)
        add(node, _T(KG.reason), _text(link.reason if link else "single"))
        add(node, _T(KG.score), _decimal(link.score if link else 1.0))

    # --- canonical nodes ---------------------------------------------------

    def _labels(self, node, cls: ox.NamedNode, name: str, aliases, graph: str | None = None):
        self.add(node, TYPE, cls, graph)
        self.add(node, LABEL, _text(name), graph)
        self.add(node, _T(SKOS.prefLabel), _text(name), graph)
        for alias in aliases:
            if alias != name:
                self.add(node, _T(SKOS.altLabel), _text(alias), graph)

    def _entity(self, entity: CanonicalEntity) -> None:
        node, add = self.node(entity.id), self.add
        self._labels(node, _kg(entity.kind), entity.name, entity.aliases)
        for external in entity.same_as:
            add(node, _T(OWL.sameAs), ox.NamedNode(external))
        if entity.metonymy:  # a government named by its places ("Beijing said")
            add(node, _T(KG.metonymyOf), _text(entity.metonymy))
        for place in entity.metonymy_of:
            add(node, _T(SKOS.related), self.node(place))
        for article_id in sorted({link.member.article_id for link in entity.members}):
            add(node, _T(PROV.wasDerivedFrom), self.article(article_id))
        count = 0
        for link in entity.members:
            extraction = self.by_article.get(link.member.article_id)
            if extraction is not None:
                count += len(extraction.entity(link.member.key).mentions)
        add(node, _T(KG.mentionCount), _integer(count))

    def _role(self, role) -> None:
        node, add = self.node(role.id), self.add
        add(node, TYPE, _T(KG.Role))
        add(node, LABEL, _text(role.label))
        add(node, _T(SKOS.prefLabel), _text(role.label))
        add(node, _T(KG.roleHolder), self.node(role.holder))
        if role.organization:
            add(node, _T(KG.roleOf), self.node(role.organization))
        for qualifier in role.qualifiers:
            add(node, _T(KG.roleQualifier), _text(qualifier))
        for article_id in role.sources:
            add(node, _T(PROV.wasDerivedFrom), self.article(article_id))

    def _event(self, event: CanonicalEvent) -> None:
        node, add = self.node(event.id), self.add
        add(node, TYPE, _kg(event.kind))
        add(node, LABEL, _text(event.label))
        if event.time is not None:
            add(node, _T(KG.timeExpression), _text(event.time.text))
            if event.time.end and event.time.value:
                dtype = XSD_NS + (event.time.datatype or "date")
                add(node, _T(KG.startDate), _typed(event.time.value, dtype))
                add(node, _T(KG.endDate), _typed(event.time.end, dtype))
        for article_id in sorted({link.member.article_id for link in event.members}):
            add(node, _T(PROV.wasDerivedFrom), self.article(article_id))

    # --- facts and their provenance ------------------------------------------

    def _object(self, fact: Fact):
        if fact.object is not None:
            return self.node(fact.object)
        if fact.datatype:
            return _typed(fact.value, XSD_NS + fact.datatype)
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
        add(claim, TYPE, _T(RDF.Statement))
        add(claim, TYPE, _T(KG.Claim))
        add(claim, _T(RDF.subject), subject)
        add(claim, _T(RDF.predicate), predicate)
        add(claim, _T(RDF.object), obj)
        add(claim, _T(KG.support), _integer(max(fact.support, 1)))
        add(claim, _T(KG.articleCount), _integer(len(fact.sources)))
        add(claim, _T(KG.confidence), _decimal(fact.confidence))
        add(claim, _T(KG.negated), _boolean(fact.negated))
        add(claim, _T(KG.hedged), _boolean(fact.hedged))
        for article_id in fact.sources:
            add(claim, _T(PROV.wasDerivedFrom), self.article(article_id))
        for evidence in fact.evidence:
            add(claim, _T(KG.evidence), self._evidence(evidence))

    def _claim_node(self, fact: Fact) -> ox.NamedNode:
        key = (fact.subject, fact.predicate, fact.object, fact.value, fact.negated, fact.hedged)
        return self.node(id_path("claim", short_hash(*key)))

    def _evidence(self, ev: Evidence) -> ox.NamedNode:
        node = self.node(
            id_path("evidence", short_hash(ev.article_id, ev.start, ev.end, ev.extractor))
        )
        if not self.first_time(node):
            return node
        add, article = self.add, self.article(ev.article_id)
        add(node, TYPE, _T(KG.Evidence))
        add(node, _T(KG.sentence), _text(ev.sentence))
        add(node, _T(NIF.beginIndex), _count(ev.start))
        add(node, _T(NIF.endIndex), _count(ev.end))
        add(node, _T(NIF.referenceContext), article)
        add(node, _T(KG.extractor), _text(ev.extractor))
        add(node, _T(KG.confidence), _decimal(ev.confidence))
        add(node, _T(PROV.wasDerivedFrom), article)
        return node

    def _conflict(self, conflict: Conflict) -> None:
        add = self.add
        node = self.node(id_path("conflict", short_hash(conflict.subject, conflict.predicate)))
        add(node, TYPE, _T(KG.Conflict))
        add(node, LABEL, _text(f"sources disagree on {conflict.predicate}"))
        add(node, _T(KG.conflictSubject), self.node(conflict.subject))
        add(node, _T(KG.conflictProperty), _kg(conflict.predicate))
        for fact in conflict.facts:
            add(node, _T(KG.alternative), self._claim_node(fact))

    def _quote(self, quote) -> None:
        node, add = self.node(quote.id), self.add
        add(node, TYPE, _T(KG.Quote))
        add(node, _T(KG.quoteText), _text(quote.text))
        if quote.speaker:
            add(node, _T(KG.speaker), self.node(quote.speaker))
            add(self.node(quote.speaker), _T(KG.said), node)
        for via in quote.intermediaries:
            add(node, _T(KG.intermediary), self.node(via))
        if quote.event:
            add(node, _T(KG.aboutEvent), self.node(quote.event))
        for i, variant in enumerate(quote.variants):
            vnode, article = (
                self.node(f"{quote.id}/variant/{i + 1}"),
                self.article(variant.article_id),
            )
            add(node, _T(KG.variant), vnode)
            add(node, _T(PROV.wasDerivedFrom), article)
            add(vnode, TYPE, _T(KG.QuoteVariant))
            add(vnode, _T(KG.quoteText), _text(variant.text))
            add(vnode, _T(PROV.wasDerivedFrom), article)
            add(vnode, _T(NIF.beginIndex), _count(variant.start))
            add(vnode, _T(NIF.endIndex), _count(variant.end))
            add(vnode, _T(NIF.referenceContext), article)

    def _duplication(self, dup) -> None:
        add = self.add
        node = self.node(id_path("duplication", short_hash(dup.article_id, dup.duplicate_of)))
        copy, original = self.article(dup.article_id), self.article(dup.duplicate_of)
        add(node, TYPE, _T(KG.Duplication))
        add(node, _T(PROV.wasDerivedFrom), copy)
        add(node, _T(KG.duplicateOf), original)
        add(node, _T(KG.sharedParagraphs), _integer(dup.shared_paragraphs))
        add(node, _T(KG.similarity), _decimal(dup.similarity))
        add(copy, _T(KG.duplicateOf), original)


def _build_time() -> str:
    """Now in UTC, or ``SOURCE_DATE_EPOCH`` when set (the reproducible-builds convention)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = (
        dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc)
        if epoch and epoch.isdigit()
        else dt.datetime.now(dt.timezone.utc)
    )
    return moment.replace(microsecond=0).isoformat()


def _unique_article_paths(extractions) -> dict[str, str]:
    """``article/{slug}`` per article id; a clash of slugs gets a short hash."""
    slugs = Counter(slugify(x.article.id) for x in extractions)
    paths = {}
    for x in extractions:
        slug = slugify(x.article.id)
        if slugs[slug] > 1:
            slug = f"{slug}-{short_hash(x.article.id)[:8]}"
        paths[x.article.id] = f"article/{slug}"
    return paths
