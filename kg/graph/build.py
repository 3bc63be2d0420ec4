"""Turn the merged corpus into an rdflib Dataset (see docs/DESIGN.md, "The graph").

One merged named graph (the reconciled knowledge) and one named graph per
article (what was read from it alone).  No blank nodes: every node has an IRI
that is a pure function of the corpus, so output is byte-identical.
"""

from __future__ import annotations

import datetime as dt
import os
from collections import Counter
from dataclasses import dataclass

from rdflib import OWL, RDF, RDFS, SKOS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, VOID

from kg.graph.iri import iri
from kg.graph.namespace import ITSRDF, KG, NIF, PREFIXES, SCHEMA
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


def build_dataset(corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> Dataset:
    """The merged graph plus one graph per article, as a Dataset."""
    return _Builder(corpus, settings, info).build()


class _Builder:
    def __init__(self, corpus: MergedCorpus, settings: Settings, info: BuildInfo) -> None:
        self.corpus = corpus
        self.base = settings.base_iri
        self.settings = settings
        self.info = info
        self.ds = Dataset()
        for prefix, ns in PREFIXES.items():
            self.ds.bind(prefix, ns)
        self.ds.bind("", self.base)
        self.merged = self.ds.graph(merged_graph_iri(self.base))
        self.article_paths = _unique_article_paths(corpus.extractions)
        self.kinds = {e.id: e.kind for e in corpus.entities}
        self.kinds.update({e.id: e.kind for e in corpus.events})

    def node(self, ident: str) -> URIRef:
        return iri(self.base, ident)

    def article(self, article_id: str) -> URIRef:
        return self.node(self.article_paths[article_id])

    def build(self) -> Dataset:
        self._dataset_metadata()
        for extraction in self.corpus.extractions:
            self._article(extraction)
        for entity in self.corpus.entities:
            self._entity(entity)
        for role in self.corpus.roles:
            self._role(role)
        for event in self.corpus.events:
            self._event(event)
        for fact in self.corpus.facts:
            self._fact(fact)
        for conflict in self.corpus.conflicts:
            self._conflict(conflict)
        for quote in self.corpus.quotes:
            self._quote(quote)
        for dup in self.corpus.duplications:
            self._duplication(dup)
        return self.ds

    # --- metadata and articles -------------------------------------------

    def _dataset_metadata(self) -> None:
        g, me = self.merged, merged_graph_iri(self.base)
        g.add((me, RDF.type, VOID.Dataset))
        g.add((me, RDFS.label, Literal("kg merged graph")))
        g.add((me, KG.kgVersion, Literal(self.info.kg_version)))
        g.add((me, KG.model, Literal(self.info.model)))
        g.add((me, KG.modelVersion, Literal(self.info.model_version)))
        for name, value in self.settings.public_items():
            g.add((me, KG.setting, Literal(f"{name}={value}")))
        if self.settings.provenance_time:  # off by default: a timestamp breaks identical output
            g.add((me, PROV.generatedAtTime, Literal(_build_time(), datatype=XSD.dateTime)))

    def _article(self, extraction: ArticleExtraction) -> None:
        article, node, g = extraction.article, self.article(extraction.article.id), self.merged
        for cls in ARTICLE_TYPES:
            g.add((node, RDF.type, cls))
        g.add((node, DCTERMS.source, Literal(article.source)))
        g.add((node, DCTERMS.identifier, Literal(article.id)))
        g.add((node, RDFS.label, Literal(article.title or article.id)))
        if article.title:
            g.add((node, SCHEMA.headline, Literal(article.title)))
        if article.published:
            g.add(
                (
                    node,
                    SCHEMA.datePublished,
                    Literal(article.published.isoformat(), datatype=XSD.date),
                )
            )
        if article.url:
            g.add((node, SCHEMA.url, Literal(article.url, datatype=XSD.anyURI)))
        if article.language:
            g.add((node, DCTERMS.language, Literal(article.language)))
        if article.publisher:
            publisher = self.node(id_path("organization", article.publisher))
            g.add((node, SCHEMA.publisher, publisher))
            if (publisher, RDF.type, KG.Organization) not in g:
                self._labels(publisher, KG.Organization, article.publisher, [])
        self._article_graph(extraction)

    def _article_graph(self, extraction: ArticleExtraction) -> None:
        article_id = extraction.article.id
        path = self.article_paths[article_id]
        ag = self.ds.graph(iri(self.base, f"graph/{path}"))
        context = self.article(article_id)
        for cls in ARTICLE_TYPES:
            ag.add((context, RDF.type, cls))
        ag.add((context, NIF.isString, Literal(extraction.article.text)))
        local = {}
        for entity in extraction.entities:
            node = self.node(f"{path}/entity/{slugify(entity.key)}")
            local[entity.key] = node
            self._labels(node, KG[entity.kind], entity.name, entity.aliases, graph=ag)
            self._resolution(LocalRef(article_id, entity.key), node)
            for mention in entity.mentions:
                self._mention(ag, context, mention, node)
        for event in extraction.events:
            node = self.node(f"{path}/event/{slugify(event.key)}")
            local[event.key] = node
            ag.add((node, RDF.type, KG[event.kind]))
            ag.add((node, RDFS.label, Literal(event.trigger.text)))
            self._resolution(LocalRef(article_id, event.key), node)
            self._mention(ag, context, event.trigger, node)
            for key in filter(None, [event.agent, *event.participants]):
                if key in local:
                    ag.add((node, KG.participant, local[key]))
        for claim in extraction.claims:
            if claim.negated or claim.hedged or claim.object not in local:
                continue
            if claim.subject in local:
                ag.add((local[claim.subject], KG[claim.predicate], local[claim.object]))

    def _mention(self, ag: Graph, context: URIRef, mention, target: URIRef) -> None:
        node = URIRef(f"{context}#char={mention.start},{mention.end}")
        for cls in MENTION_TYPES:
            ag.add((node, RDF.type, cls))
        ag.add((node, NIF.beginIndex, Literal(mention.start, datatype=XSD.nonNegativeInteger)))
        ag.add((node, NIF.endIndex, Literal(mention.end, datatype=XSD.nonNegativeInteger)))
        ag.add((node, NIF.anchorOf, Literal(mention.text)))
        ag.add((node, NIF.referenceContext, context))
        ag.add((node, ITSRDF.taIdentRef, target))

    def _resolution(self, ref: LocalRef, local: URIRef) -> None:
        canonical = self.corpus.resolution.get(ref)
        if canonical is None:
            return
        link = self._links.get(ref)
        target = self.node(canonical)
        g = self.merged
        g.add((local, OWL.sameAs, target))
        article_slug = self.article_paths[ref.article_id].split("/", 1)[1]
        node = self.node(f"resolution/{article_slug}/{slugify(ref.key)}")
        g.add((node, RDF.type, KG.Resolution))
        g.add((node, KG.mergedNode, local))
        g.add((node, KG.mergedInto, target))
        g.add((node, KG.reason, Literal(link.reason if link else "single")))
        g.add((node, KG.score, _decimal(link.score if link else 1.0)))

    @property
    def _links(self):
        if not hasattr(self, "_link_index"):
            self._link_index = {
                link.member: link
                for item in (*self.corpus.entities, *self.corpus.events)
                for link in item.members
            }
        return self._link_index

    # --- canonical nodes ---------------------------------------------------

    def _labels(self, node: URIRef, cls: URIRef, name: str, aliases, graph: Graph | None = None):
        g = graph if graph is not None else self.merged
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(name)))
        g.add((node, SKOS.prefLabel, Literal(name)))
        for alias in aliases:
            if alias != name:
                g.add((node, SKOS.altLabel, Literal(alias)))

    def _entity(self, entity: CanonicalEntity) -> None:
        node, g = self.node(entity.id), self.merged
        self._labels(node, KG[entity.kind], entity.name, entity.aliases)
        for external in entity.same_as:
            g.add((node, OWL.sameAs, URIRef(external)))
        if entity.metonymy:  # a government named by its places ("Beijing said")
            g.add((node, KG.metonymyOf, Literal(entity.metonymy)))
        for place in entity.metonymy_of:
            g.add((node, SKOS.related, self.node(place)))
        articles = sorted({link.member.article_id for link in entity.members})
        for article_id in articles:
            g.add((node, PROV.wasDerivedFrom, self.article(article_id)))
        count = sum(
            len(x.entity(link.member.key).mentions)
            for link in entity.members
            for x in self._extraction(link.member.article_id)
        )
        g.add((node, KG.mentionCount, Literal(count)))

    def _extraction(self, article_id: str):
        if not hasattr(self, "_by_article"):
            self._by_article = {x.article.id: x for x in self.corpus.extractions}
        found = self._by_article.get(article_id)
        return [found] if found else []

    def _role(self, role) -> None:
        node, g = self.node(role.id), self.merged
        g.add((node, RDF.type, KG.Role))
        g.add((node, RDFS.label, Literal(role.label)))
        g.add((node, SKOS.prefLabel, Literal(role.label)))
        g.add((node, KG.roleHolder, self.node(role.holder)))
        if role.organization:
            g.add((node, KG.roleOf, self.node(role.organization)))
        for qualifier in role.qualifiers:
            g.add((node, KG.roleQualifier, Literal(qualifier)))
        for article_id in role.sources:
            g.add((node, PROV.wasDerivedFrom, self.article(article_id)))

    def _event(self, event: CanonicalEvent) -> None:
        node, g = self.node(event.id), self.merged
        g.add((node, RDF.type, KG[event.kind]))
        g.add((node, RDFS.label, Literal(event.label)))
        if event.time is not None:
            g.add((node, KG.timeExpression, Literal(event.time.text)))
            if event.time.end and event.time.value:
                dtype = XSD[event.time.datatype or "date"]
                g.add((node, KG.startDate, Literal(event.time.value, datatype=dtype)))
                g.add((node, KG.endDate, Literal(event.time.end, datatype=dtype)))
        for article_id in sorted({link.member.article_id for link in event.members}):
            g.add((node, PROV.wasDerivedFrom, self.article(article_id)))

    # --- facts and their provenance ------------------------------------------

    def _object(self, fact: Fact):
        if fact.object is not None:
            return self.node(fact.object)
        if fact.datatype:
            return Literal(fact.value, datatype=XSD[fact.datatype])
        return Literal(fact.value)

    def _fact(self, fact: Fact) -> None:
        g = self.merged
        subject, predicate, obj = self.node(fact.subject), KG[fact.predicate], self._object(fact)
        if not (fact.negated or fact.hedged):
            g.add((subject, predicate, obj))
        claim = self._claim_node(fact)
        g.add((claim, RDF.type, RDF.Statement))
        g.add((claim, RDF.type, KG.Claim))
        g.add((claim, RDF.subject, subject))
        g.add((claim, RDF.predicate, predicate))
        g.add((claim, RDF.object, obj))
        g.add((claim, KG.support, Literal(max(fact.support, 1))))
        g.add((claim, KG.articleCount, Literal(len(fact.sources))))
        g.add((claim, KG.confidence, _decimal(fact.confidence)))
        g.add((claim, KG.negated, Literal(fact.negated)))
        g.add((claim, KG.hedged, Literal(fact.hedged)))
        for article_id in fact.sources:
            g.add((claim, PROV.wasDerivedFrom, self.article(article_id)))
        for evidence in fact.evidence:
            g.add((claim, KG.evidence, self._evidence(evidence)))

    def _claim_node(self, fact: Fact) -> URIRef:
        key = (fact.subject, fact.predicate, fact.object, fact.value, fact.negated, fact.hedged)
        return self.node(id_path("claim", short_hash(*key)))

    def _evidence(self, ev: Evidence) -> URIRef:
        node = self.node(
            id_path("evidence", short_hash(ev.article_id, ev.start, ev.end, ev.extractor))
        )
        g = self.merged
        if (node, RDF.type, KG.Evidence) in g:
            return node
        g.add((node, RDF.type, KG.Evidence))
        g.add((node, KG.sentence, Literal(ev.sentence)))
        g.add((node, NIF.beginIndex, Literal(ev.start, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.endIndex, Literal(ev.end, datatype=XSD.nonNegativeInteger)))
        g.add((node, NIF.referenceContext, self.article(ev.article_id)))
        g.add((node, KG.extractor, Literal(ev.extractor)))
        g.add((node, KG.confidence, _decimal(ev.confidence)))
        g.add((node, PROV.wasDerivedFrom, self.article(ev.article_id)))
        return node

    def _conflict(self, conflict: Conflict) -> None:
        g = self.merged
        node = self.node(id_path("conflict", short_hash(conflict.subject, conflict.predicate)))
        g.add((node, RDF.type, KG.Conflict))
        g.add((node, RDFS.label, Literal(f"sources disagree on {conflict.predicate}")))
        g.add((node, KG.conflictSubject, self.node(conflict.subject)))
        g.add((node, KG.conflictProperty, KG[conflict.predicate]))
        for fact in conflict.facts:
            g.add((node, KG.alternative, self._claim_node(fact)))

    def _quote(self, quote) -> None:
        node, g = self.node(quote.id), self.merged
        g.add((node, RDF.type, KG.Quote))
        g.add((node, KG.quoteText, Literal(quote.text)))
        if quote.speaker:
            g.add((node, KG.speaker, self.node(quote.speaker)))
            g.add((self.node(quote.speaker), KG.said, node))
        for via in quote.intermediaries:
            g.add((node, KG.intermediary, self.node(via)))
        if quote.event:
            g.add((node, KG.aboutEvent, self.node(quote.event)))
        for i, variant in enumerate(quote.variants):
            vnode = self.node(f"{quote.id}/variant/{i + 1}")
            g.add((node, KG.variant, vnode))
            g.add((node, PROV.wasDerivedFrom, self.article(variant.article_id)))
            g.add((vnode, RDF.type, KG.QuoteVariant))
            g.add((vnode, KG.quoteText, Literal(variant.text)))
            g.add((vnode, PROV.wasDerivedFrom, self.article(variant.article_id)))
            g.add((vnode, NIF.beginIndex, Literal(variant.start, datatype=XSD.nonNegativeInteger)))
            g.add((vnode, NIF.endIndex, Literal(variant.end, datatype=XSD.nonNegativeInteger)))
            g.add((vnode, NIF.referenceContext, self.article(variant.article_id)))

    def _duplication(self, dup) -> None:
        g = self.merged
        node = self.node(id_path("duplication", short_hash(dup.article_id, dup.duplicate_of)))
        g.add((node, RDF.type, KG.Duplication))
        g.add((node, PROV.wasDerivedFrom, self.article(dup.article_id)))
        g.add((node, KG.duplicateOf, self.article(dup.duplicate_of)))
        g.add((node, KG.sharedParagraphs, Literal(dup.shared_paragraphs)))
        g.add((node, KG.similarity, _decimal(dup.similarity)))
        g.add((self.article(dup.article_id), KG.duplicateOf, self.article(dup.duplicate_of)))


def _decimal(value: float) -> Literal:
    return Literal(f"{value:.3f}", datatype=XSD.decimal)


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
