"""Hand-built Datasets in the shape of docs/DESIGN.md, for the viewer tests."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass, field

from rdflib import RDF, RDFS, XSD, Dataset, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

from kg.graph.iri import mint_iri
from kg.graph.namespace import KG, SCHEMA

BASE = "https://kg.example.org/"

# Article text that would run if it ever reached the page as markup.
PAYLOAD_NAME = '<img src=x onerror="window.__pwned=1;alert(1)">'
PAYLOAD_SCRIPT = "</script><script>window.__pwned=2;alert(2)</script>"
PAYLOAD_LINK = "javascript:window.__pwned=3;alert(3)"
PAYLOAD_HREF = '<a href="javascript:window.__pwned=4">x</a><svg onload="window.__pwned=5">'


def short_hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


@dataclass
class GraphBuilder:
    """Builds the merged graph of DESIGN.md with rdflib, one call per node."""

    base: str = BASE
    dataset: Dataset = field(default_factory=Dataset)
    entities: list[URIRef] = field(default_factory=list)
    events: list[URIRef] = field(default_factory=list)

    @property
    def graph(self):
        return self.dataset.graph(URIRef(self.base + "graph/merged"))

    def add(self, s, p, o) -> None:
        self.graph.add((s, p, o))

    def article(self, key: str, headline: str, *, publisher=None, date=None, url=None) -> URIRef:
        node = mint_iri(self.base, "article", key)
        self.add(node, RDF.type, KG.Article)
        self.add(node, RDF.type, SCHEMA.NewsArticle)
        self.add(node, SCHEMA.headline, Literal(headline))
        self.add(node, DCTERMS.source, Literal(f"{key}.txt"))
        if publisher is not None:
            self.add(node, SCHEMA.publisher, publisher)
        if date is not None:
            self.add(node, SCHEMA.datePublished, Literal(date, datatype=XSD.date))
        if url is not None:
            self.add(node, SCHEMA.url, Literal(url))
        return node

    def entity(self, cls: URIRef, name: str, *, aliases=(), sources=(), key=None) -> URIRef:
        kind = str(cls).rsplit("#", 1)[-1].lower()
        node = mint_iri(self.base, kind, key or name)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(name))
        self.add(node, SKOS.prefLabel, Literal(name))
        for alias in aliases:
            self.add(node, SKOS.altLabel, Literal(alias))
        for article in sources:
            self.add(node, PROV.wasDerivedFrom, article)
        self.entities.append(node)
        return node

    def role(self, holder: URIRef, label: str, of: URIRef | None = None) -> URIRef:
        node = mint_iri(self.base, "role", str(holder).rsplit("/", 1)[-1], label)
        self.add(node, RDF.type, KG.Role)
        self.add(node, RDFS.label, Literal(label))
        self.add(node, KG.roleHolder, holder)
        if of is not None:
            self.add(node, KG.roleOf, of)
        self.add(holder, KG.holdsRole, node)
        return node

    def event(
        self,
        cls: URIRef,
        label: str,
        *,
        participants=(),
        place=None,
        date=None,
        story_date=None,
        sources=(),
    ) -> URIRef:
        kind = str(cls).rsplit("#", 1)[-1].lower()
        node = mint_iri(self.base, "event", kind, label)
        self.add(node, RDF.type, cls)
        self.add(node, RDFS.label, Literal(label))
        for person in participants:
            self.add(node, KG.participant, person)
        if place is not None:
            self.add(node, KG.place, place)
        if date is not None:
            datatype = {10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(date)]
            self.add(node, KG.date, Literal(date, datatype=datatype))
        if story_date is not None:
            self.add(node, KG.storyDate, Literal(story_date, datatype=XSD.date))
        for article in sources:
            self.add(node, PROV.wasDerivedFrom, article)
        self.events.append(node)
        return node

    def fact(self, s, p, o, *, sentence=None, article=None, negated=False, hedge=None) -> URIRef:
        """A claim with its evidence; asserted as a plain triple unless negated or hedged."""
        claim = mint_iri(self.base, "claim", short_hash(s, p, o))
        if not negated and hedge is None:
            self.add(s, p, o)
        self.add(claim, RDF.type, RDF.Statement)
        self.add(claim, RDF.type, KG.Claim)
        self.add(claim, RDF.subject, s)
        self.add(claim, RDF.predicate, p)
        self.add(claim, RDF.object, o)
        self.add(claim, KG.negated, Literal(negated))
        self.add(claim, KG.hedged, Literal(hedge is not None))
        if hedge is not None:
            self.add(claim, KG.hedge, Literal(hedge))
        if article is not None:
            self.add(claim, PROV.wasDerivedFrom, article)
        if sentence is not None:
            evidence = mint_iri(self.base, "evidence", short_hash(claim, sentence))
            self.add(claim, KG.evidence, evidence)
            self.add(evidence, RDF.type, KG.Evidence)
            self.add(evidence, KG.sentence, Literal(sentence))
            if article is not None:
                self.add(evidence, PROV.wasDerivedFrom, article)
        return claim

    def quote(self, speaker: URIRef, text: str, article: URIRef, about=None) -> URIRef:
        node = mint_iri(self.base, "quote", short_hash(speaker, text))
        self.add(node, RDF.type, KG.Quote)
        self.add(node, KG.quoteText, Literal(text))
        self.add(node, KG.speaker, speaker)
        self.add(speaker, KG.said, node)
        self.add(node, PROV.wasDerivedFrom, article)
        if about is not None:
            self.add(node, KG.aboutEvent, about)
        return node

    @property
    def node_count(self) -> int:
        return len(self.entities) + len(self.events)


def news_graph() -> GraphBuilder:
    """Two articles about a meeting, with roles, quotes, a negated claim and hostile text."""
    g = GraphBuilder()
    tass = g.entity(KG.Organization, "TASS")
    moscow_article = g.article(
        "a-moscow",
        "Defence ministers meet in Moscow",
        publisher=tass,
        date="2023-04-16",
        url="https://news.example.com/a",
    )
    hostile = g.article("b-hostile", "Talks " + PAYLOAD_SCRIPT, date="2023-04-18", url=PAYLOAD_LINK)
    li = g.entity(KG.Person, "Li Shangfu", aliases=["Li"], sources=[moscow_article, hostile])
    shoigu = g.entity(KG.Person, "Sergei Shoigu", aliases=["Shoigu"], sources=[moscow_article])
    china = g.entity(KG.Country, "China", sources=[moscow_article])
    russia = g.entity(KG.Country, "Russia", sources=[moscow_article])
    moscow = g.entity(KG.City, "Moscow", sources=[moscow_article])
    evil = g.entity(KG.Person, PAYLOAD_NAME, aliases=[PAYLOAD_HREF], sources=[hostile], key="evil")
    li_minister = g.role(li, "defense minister", china)
    g.fact(
        li,
        KG.holdsRole,
        li_minister,
        article=moscow_article,
        sentence="Chinese Defense Minister Li Shangfu arrived.",
    )
    g.role(shoigu, "defense minister", russia)
    meeting = g.event(
        KG.Meeting,
        "Li Shangfu meets Sergei Shoigu",
        participants=[li, shoigu],
        place=moscow,
        date="2023-04-16",
        sources=[moscow_article],
    )
    visit = g.event(
        KG.Visit,
        "Li Shangfu visits Russia",
        participants=[li],
        place=russia,
        date="2023-04",
        sources=[moscow_article],
    )
    g.event(KG.Statement, "An undated statement", participants=[evil], sources=[hostile])
    g.fact(
        li,
        KG.met,
        shoigu,
        article=moscow_article,
        sentence="Chinese Defense Minister Li Shangfu met Sergei Shoigu in Moscow on Sunday.",
    )
    g.fact(shoigu, KG.met, li, article=moscow_article)
    g.fact(li, KG.visited, russia, article=moscow_article, sentence="Li is visiting Russia.")
    g.fact(evil, KG.met, li, article=hostile, sentence="He met Li " + PAYLOAD_HREF)
    g.fact(
        shoigu,
        KG.visited,
        china,
        article=hostile,
        negated=True,
        sentence="Shoigu did not visit China.",
    )
    g.quote(li, "Our cooperation is not directed against third countries.", moscow_article, meeting)
    g.quote(evil, "Quote " + PAYLOAD_SCRIPT + PAYLOAD_NAME, hostile)
    assert visit in g.events
    return g


def synthetic_graph(nodes: int, *, seed: int = 7) -> GraphBuilder:
    """``nodes`` canonical nodes (4 in 5 entities, 1 in 5 events) in a sparse, clustered graph."""
    rng = random.Random(seed)
    g = GraphBuilder()
    articles = [
        g.article(f"a{i}", f"Article {i}", date=f"2023-{1 + i % 12:02d}-01") for i in range(50)
    ]
    classes = [KG.Person, KG.Person, KG.Organization, KG.Country, KG.City]
    entity_count = nodes * 4 // 5
    people = []
    for i in range(entity_count):
        node = g.entity(classes[i % 5], f"Entity {i}", sources=[rng.choice(articles)], key=f"e{i}")
        people.append(node)
    for i in range(nodes - entity_count):
        # Events gather participants from one neighbourhood, so the graph has communities.
        centre = rng.randrange(entity_count)
        members = {people[(centre + rng.randrange(-15, 16)) % entity_count] for _ in range(3)}
        g.event(
            KG.Meeting,
            f"Meeting {i}",
            participants=sorted(members),
            date=f"2023-{1 + i % 12:02d}-{1 + i % 28:02d}",
            sources=[rng.choice(articles)],
        )
    for _ in range(entity_count // 2):
        a, b = rng.sample(range(entity_count), 2)
        g.add(people[a], KG.met, people[b])
    return g
