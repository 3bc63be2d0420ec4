"""The offline HTML viewer: one self-contained page drawing the merged graph.

Recipe:
1. collect the canonical entities and events of the merged graph, the fact
   triples between them, and what the side panel shows about each node
   (aliases, roles, sources, evidence sentences, quotes, claims) as plain dicts;
2. lay the nodes out once in Python (:mod:`kg.export.layout`), so the browser
   runs no physics;
3. build the vis-network nodes, edges and options with pyvis;
4. render our own template with vis-network's JS and CSS inlined (pyvis's own
   template loads Bootstrap from a CDN and renders tooltips as HTML).

Article text never reaches the page as markup: the data travels as JSON in a
``<script type="application/json">`` block with ``<``, ``>`` and ``&`` escaped,
the page's script writes it with ``textContent`` only, and a Content Security
Policy allows only the page's own scripts (by hash) and no network access.
"""

from __future__ import annotations

import base64
import calendar
import hashlib
import html
import json
import os
import re
import tempfile
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import rdflib
from pyvis.network import Network
from rdflib import RDF, RDFS, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SKOS

from kg.export.focus import Listed, Reading
from kg.export.layout import compute_layout
from kg.graph.namespace import KG, PREFIXES, SCHEMA
from kg.graph.ontology import inverse_properties

DEFAULT_BASE_IRI = "https://kg.example.org/"
# Above this many edges, curved edges and edges drawn while dragging cost too much.
_LARGE_GRAPH_EDGES = 1500
_PACKAGE = "kg.export"


# 1. Collecting ------------------------------------------------------------


@dataclass(frozen=True)
class NodeType:
    """A class drawn as nodes: its legend label, kind (entity/event) and colour."""

    iri: str
    label: str
    kind: str
    color: str


@dataclass
class ViewerData:
    """Everything the page shows, as JSON-ready values."""

    types: list[NodeType]
    nodes: dict[str, dict[str, Any]]  # iri -> details
    edges: list[dict[str, Any]]
    articles: dict[str, dict[str, Any]]
    timeline: list[str] = field(default_factory=list)


@cache
def _config() -> dict[str, Any]:
    text = resources.files(_PACKAGE).joinpath("templates", "viewer-types.json").read_text("utf-8")
    return json.loads(text)


def _expand(curie: str) -> str:
    prefix, _, local = curie.partition(":")
    if prefix in PREFIXES and not local.startswith("//"):
        return PREFIXES[prefix] + local
    if prefix == "rdf":
        return str(RDF) + local
    return curie


def local_name(iri: str) -> str:
    return re.split(r"[/#]", iri.rstrip("/#"))[-1]


def humanise(name: str) -> str:
    """``signedAgreementWith`` -> ``signed agreement with``."""
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", name).replace("_", " ").lower()


def merged_graph(dataset: rdflib.Dataset, base_iri: str) -> rdflib.Graph:
    """The reconciled graph ``{base}graph/merged``, or the default graph if that is empty."""
    graph = dataset.graph(URIRef(base_iri + "graph/merged"))
    if len(graph) == 0:
        return dataset.default_graph
    return graph


def _node_types(dataset: rdflib.Dataset, graph: rdflib.Graph) -> dict[URIRef, NodeType]:
    """The configured classes, plus their subclasses declared anywhere in the dataset."""
    config = _config()
    known = {
        URIRef(_expand(t["class"])): NodeType(
            _expand(t["class"]), t["label"], t["kind"], t["color"]
        )
        for t in config["types"]
    }
    subclass_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for sub, _, sup, _ in dataset.quads((None, RDFS.subClassOf, None, None)):
        subclass_of[sub].add(sup)
    used = sorted({o for o in graph.objects(None, RDF.type) if isinstance(o, URIRef)})
    palette = config["fallback_colors"]
    types = dict(known)
    for cls in used:
        if cls in known:
            continue
        parent = _known_ancestor(cls, subclass_of, known)
        if parent is not None:
            color = palette[len(types) % len(palette)]
            types[cls] = NodeType(str(cls), local_name(cls), known[parent].kind, color)
    return types


def drawn_classes(used: set[str], subclass_of: dict[str, set[str]]) -> set[str]:
    """The classes among ``used`` drawn as nodes: the configured ones and their subclasses."""
    known = {_expand(t["class"]) for t in _config()["types"]}
    return {c for c in used if c in known or _known_ancestor(c, subclass_of, known) is not None}


def hidden_predicates() -> set[str]:
    """Properties never drawn as edges."""
    return {_expand(p) for p in _config()["hidden_predicates"]}


def hidden_types() -> set[str]:
    """Classes whose instances the page never shows (the merger's bookkeeping)."""
    return {_expand(c) for c in _config()["hidden_types"]}


def link_caps() -> dict[str, int]:
    """The most links a page capped at --viewer-nodes keeps per subject, by property."""
    return {_expand(p): int(n) for p, n in _config()["link_caps"].items()}


# The lists of a node's panel that a page capped at --viewer-nodes cuts (``listed_caps``).
PANEL_LISTS = ("claims", "quotes", "roles")


def listed_caps() -> dict[str, Listed]:
    """How a page capped at --viewer-nodes cuts the claims, quotes and roles of each node:
    the links by which each links to the node, and how many it keeps."""
    config = _config()["listed_caps"]
    return {
        name: Listed(frozenset(map(_expand, config[name]["links"])), int(config[name]["most"]))
        for name in PANEL_LISTS
    }


# Every property _Reader reads; a capped page keeps only these (and its edges).
_SHOWN = (
    RDF.type, RDF.subject, RDF.predicate, RDF.object,
    RDFS.label, SKOS.prefLabel, SKOS.altLabel, OWL.sameAs, PROV.wasDerivedFrom,
    SCHEMA.name, SCHEMA.headline, SCHEMA.publisher, SCHEMA.url, SCHEMA.datePublished,
    DCTERMS.source, URIRef(PREFIXES["nif"] + "referenceContext"),
    KG.mentionCount, KG.holdsRole, KG.roleHolder, KG.roleOf, KG.roleQualifier,
    KG.date, KG.startDate, KG.endDate, KG.storyDate, KG.timeExpression, KG.duration,
    KG.negated, KG.hedged, KG.hedge, KG.confidence, KG.evidence, KG.sentence,
    KG.speaker, KG.intermediary, KG.aboutEvent, KG.quoteText,
)  # fmt: skip


def shown_predicates() -> set[str]:
    """The properties the page reads: what a page capped at --viewer-nodes keeps."""
    return {str(p) for p in _SHOWN}


def page_reading() -> Reading:
    """What the page reads of a graph and how a capped page cuts it, from viewer-types.json."""
    return Reading(
        drawn_classes,
        shown_predicates(),
        caps=link_caps(),
        listed=listed_caps(),
        inverses=inverse_properties(),
        skipped_types=hidden_types(),
        hidden_predicates=hidden_predicates(),
    )


def _known_ancestor(cls: str, subclass_of: dict, known: dict | set) -> str | None:
    seen, todo = {cls}, sorted(subclass_of.get(cls, ()))
    while todo:
        sup = todo.pop(0)
        if sup in known:
            return sup
        if sup not in seen:
            seen.add(sup)
            todo.extend(sorted(subclass_of.get(sup, ())))
    return None


class _Reader:
    """Reads the merged graph into the plain dicts of :class:`ViewerData`."""

    def __init__(
        self,
        dataset: rdflib.Dataset,
        base_iri: str,
        totals: Mapping[str, Mapping[str, int]],
        left_out: Mapping[str, Mapping[str, int]],
    ) -> None:
        self.dataset = dataset
        self.totals = totals
        self.left_out = left_out
        self.graph = merged_graph(dataset, base_iri)
        self.types = _node_types(dataset, self.graph)
        priority = list(self.types)
        self.rank = {cls: i for i, cls in enumerate(priority)}
        self.hidden = {URIRef(p) for p in hidden_predicates()}

    # small helpers
    def label(self, term: rdflib.term.Node) -> str:
        if isinstance(term, Literal):
            return str(term)
        for prop in (RDFS.label, SKOS.prefLabel, SCHEMA.name, SCHEMA.headline):
            value = self.graph.value(term, prop)
            if value is not None:
                return str(value)
        return local_name(str(term))

    @cache  # noqa: B019 - one reader per page, dropped with it
    def property_label(self, prop: URIRef) -> str:
        for _, _, value, _ in self.dataset.quads((prop, RDFS.label, None, None)):
            return str(value)
        return humanise(local_name(str(prop)))

    def texts(self, subject: rdflib.term.Node, prop: URIRef) -> list[str]:
        return sorted({str(o) for o in self.graph.objects(subject, prop)})

    def more(self, subject: rdflib.term.Node, prop: URIRef) -> int:
        """How many ``prop`` links of ``subject`` a capped page left out."""
        total = self.totals.get(str(subject), {}).get(str(prop))
        return total - len(set(self.graph.objects(subject, prop))) if total else 0

    def articles_of(self, subject: rdflib.term.Node) -> list[str]:
        sources = self.graph.objects(subject, PROV.wasDerivedFrom)
        return sorted(str(a) for a in sources if a in self.article_set)

    # the collection itself
    def read(self) -> ViewerData:
        self.article_set = set(self.graph.subjects(RDF.type, KG.Article))
        articles = {str(a): self.article(a) for a in sorted(self.article_set)}
        node_type = self.node_types()
        claims = self.claims()
        self.claims_by_triple = claims
        nodes = {str(n): self.node(n, node_type[n]) for n in sorted(node_type)}
        edges = self.edges(node_type, claims, nodes)
        self.attach_claims(claims, nodes, edges)
        self.attach_quotes(nodes)
        if self.totals:  # capped: a source and an evidence sentence kept may differ in article
            articles = {a: v for a, v in articles.items() if a in _cited(nodes, edges)}
        types_used = sorted({t for t in node_type.values()}, key=lambda t: self.rank[URIRef(t.iri)])
        timeline = sorted(
            (iri for iri, n in nodes.items() if n.get("dateStart")),
            key=lambda iri: (nodes[iri]["dateStart"], nodes[iri]["label"], iri),
        )
        return ViewerData(types_used, nodes, edges, articles, timeline)

    def article(self, article: URIRef) -> dict[str, Any]:
        publisher = self.graph.value(article, SCHEMA.publisher)
        url = self.graph.value(article, SCHEMA.url)
        return {
            "headline": str(
                self.graph.value(article, SCHEMA.headline)
                or self.graph.value(article, DCTERMS.source)
                or local_name(article)
            ),
            "publisher": self.label(publisher) if publisher is not None else "",
            "date": str(self.graph.value(article, SCHEMA.datePublished) or ""),
            "source": str(self.graph.value(article, DCTERMS.source) or ""),
            "url": safe_url(str(url)) if url is not None else "",
        }

    def node_types(self) -> dict[URIRef, NodeType]:
        found: dict[URIRef, NodeType] = {}
        for subject, cls in self.graph.subject_objects(RDF.type):
            if not isinstance(subject, URIRef) or cls not in self.types:
                continue
            if subject in self.article_set:
                continue  # a publisher typed as an article would be odd, but not a node
            current = found.get(subject)
            if current is None or self.rank[cls] < self.rank[URIRef(current.iri)]:
                found[subject] = self.types[cls]
        return found

    def node(self, node: URIRef, node_type: NodeType) -> dict[str, Any]:
        label = self.label(node)
        details: dict[str, Any] = {
            "label": label,
            "type": node_type.label,
            "kind": node_type.kind,
            "aliases": [a for a in self.texts(node, SKOS.altLabel) if a != label],
            "roles": self.roles(node),
            "sources": self.articles_of(node),
            "sameAs": self.texts(node, OWL.sameAs),
            "facts": [],
            "claims": [],
            "quotes": [],
        }
        _note_more(details, "moreSources", self.more(node, PROV.wasDerivedFrom))
        left_out = self.left_out.get(str(node), {})
        for name in PANEL_LISTS:
            _note_more(details, "more" + name.capitalize(), left_out.get(name, 0))
        mentions = self.graph.value(node, KG.mentionCount)
        if mentions is not None:
            details["mentions"] = int(mentions) if str(mentions).isdigit() else 0
        if node_type.kind == "event":
            details.update(self.when(node))
        return details

    def roles(self, holder: URIRef) -> list[dict[str, Any]]:
        """Each role held, with the evidence of the claim that holder holds it."""
        roles = set(self.graph.objects(holder, KG.holdsRole))
        roles |= set(self.graph.subjects(KG.roleHolder, holder))
        found = []
        for role in roles:
            claims = self.claims_by_triple.get((str(holder), str(KG.holdsRole), str(role)), [])
            evidence = {(e["article"], e["sentence"]): e for c in claims for e in c["evidence"]}
            entry = {
                "text": self.role_text(role),
                "evidence": [evidence[k] for k in sorted(evidence)],
            }
            _note_more(entry, "moreEvidence", sum(c.get("moreEvidence", 0) for c in claims))
            found.append(entry)
        return sorted(found, key=lambda r: r["text"])

    def role_text(self, role: rdflib.term.Node) -> str:
        text = self.label(role)
        of = self.graph.value(role, KG.roleOf)
        if of is not None:
            text += " of " + self.label(of)
        qualifiers = self.texts(role, KG.roleQualifier)
        if qualifiers:
            text += " (" + ", ".join(qualifiers) + ")"
        return text

    def when(self, event: URIRef) -> dict[str, str]:
        date = self.graph.value(event, KG.date)
        start = self.graph.value(event, KG.startDate) or date
        end = self.graph.value(event, KG.endDate) or date
        found: dict[str, str] = {}
        if date is not None or start is not None:
            found["date"] = str(date if date is not None else start)
            if end is not None and end != start:
                found["date"] = f"{start} – {end}"
        bounds = date_bounds(str(start)) if start is not None else None
        last = date_bounds(str(end)) if end is not None else None
        if bounds and last:
            found["dateStart"], found["dateEnd"] = bounds[0], last[1]
        stories = sorted(str(v) for v in self.graph.objects(event, KG.storyDate))
        if "date" not in found and stories:
            # not stated, so shown as what it is and kept off the timeline
            found["date"] = f"{stories[0]} (the story's day)"
        for key, prop in (("timeExpression", KG.timeExpression), ("duration", KG.duration)):
            values = self.texts(event, prop)
            if values:
                found[key] = "; ".join(values)
        return found

    def claims(self) -> dict[tuple[str, str, str], list[dict[str, Any]]]:
        """Claim nodes keyed by (subject, predicate, object) as strings."""
        found: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
        for claim in sorted(self.graph.subjects(RDF.type, RDF.Statement)):
            s = self.graph.value(claim, RDF.subject)
            p = self.graph.value(claim, RDF.predicate)
            o = self.graph.value(claim, RDF.object)
            if s is None or p is None or o is None:
                continue
            found[(str(s), str(p), str(o))].append(self.claim(claim, s, p, o))
        return found

    def claim(self, claim: URIRef, s: Any, p: Any, o: Any) -> dict[str, Any]:
        flags = []
        if self.graph.value(claim, KG.negated) == Literal(True):
            flags.append("negated")
        if self.graph.value(claim, KG.hedged) == Literal(True):
            hedges = self.texts(claim, KG.hedge)
            flags.append("hedged" + (f" ({', '.join(hedges)})" if hedges else ""))
        confidence = self.graph.value(claim, KG.confidence)
        found = {
            "text": f"{self.label(s)} {self.property_label(p)} {self.object_text(o)}",
            "subject": str(s),
            "object": str(o),
            "flags": flags,
            "confidence": str(confidence) if confidence is not None else "",
            "sources": self.articles_of(claim),
            "evidence": self.evidence(claim),
        }
        _note_more(found, "moreSources", self.more(claim, PROV.wasDerivedFrom))
        _note_more(found, "moreEvidence", self.more(claim, KG.evidence))
        return found

    def object_text(self, term: rdflib.term.Node) -> str:
        if (term, RDF.type, KG.Role) in self.graph:
            return self.role_text(term)
        return self.label(term)

    def evidence(self, claim: URIRef) -> list[dict[str, str]]:
        found = []
        for evidence in self.graph.objects(claim, KG.evidence):
            article = self.graph.value(evidence, PROV.wasDerivedFrom) or self.graph.value(
                evidence, URIRef(PREFIXES["nif"] + "referenceContext")
            )
            for sentence in self.texts(evidence, KG.sentence):
                found.append({"sentence": sentence, "article": str(article or "")})
        return sorted(found, key=lambda e: (e["article"], e["sentence"]))

    def edges(
        self,
        node_type: dict[URIRef, NodeType],
        claims: dict[tuple[str, str, str], list[dict[str, Any]]],
        nodes: dict[str, dict[str, Any]],
    ) -> list[dict[str, Any]]:
        """Fact triples between drawn nodes, with their evidence sentences.

        Facts between the same two nodes share one edge ("agent, participant"),
        and a fact stated both ways (A met B, B met A) is one edge with two arrows.
        """
        labels: dict[tuple[str, str], set[str]] = defaultdict(set)
        evidence: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
        more: dict[tuple[str, str], int] = defaultdict(int)
        for s, p, o in self.graph:
            if s not in node_type or o not in node_type or p in self.hidden or s == o:
                continue
            pair = (str(s), str(o))
            labels[pair].add(self.property_label(p))
            for claim in claims.get((str(s), str(p), str(o)), []):
                evidence[pair].extend(claim["evidence"])
                more[pair] += claim.get("moreEvidence", 0)
        edges = []
        for (s, o), names in sorted(labels.items()):
            both = labels.get((o, s)) == names
            if both and o < s:
                continue  # drawn once, from the other end
            found = {(e["article"], e["sentence"]): e for e in evidence[(s, o)]}
            if both:
                found.update({(e["article"], e["sentence"]): e for e in evidence[(o, s)]})
            edge = {
                "from": s,
                "to": o,
                "label": ", ".join(sorted(names)),
                "both": both,
                "evidence": [found[key] for key in sorted(found)],
            }
            _note_more(edge, "moreEvidence", more[(s, o)] + (more[(o, s)] if both else 0))
            edges.append(edge)
        for index, edge in enumerate(edges):
            nodes[edge["from"]]["facts"].append(index)
            nodes[edge["to"]]["facts"].append(index)
        return edges

    def attach_claims(
        self,
        claims: dict[tuple[str, str, str], list[dict[str, Any]]],
        nodes: dict[str, dict[str, Any]],
        edges: list[dict[str, Any]],
    ) -> None:
        """Claims shown nowhere else (negated, hedged, literal values) go to the panel.

        Asserted facts show their evidence on their edge, and roles on the role.
        """
        drawn = {(e["from"], e["to"]) for e in edges} | {(e["to"], e["from"]) for e in edges}
        for (s, p, o), group in sorted(claims.items()):
            for claim in group:
                shown = (s, o) in drawn or p == str(KG.holdsRole)
                if shown and not claim["flags"]:
                    continue
                for end in sorted({s, o}):
                    if end in nodes:
                        nodes[end]["claims"].append(claim)

    def attach_quotes(self, nodes: dict[str, dict[str, Any]]) -> None:
        """Each quote goes to its speaker, the agency it came through, and its event."""
        for quote in sorted(self.graph.subjects(RDF.type, KG.Quote)):
            speaker = self.graph.value(quote, KG.speaker)
            intermediary = self.graph.value(quote, KG.intermediary)
            about = self.graph.value(quote, KG.aboutEvent)
            entry = {
                "text": " / ".join(self.texts(quote, KG.quoteText)),
                "speaker": self.label(speaker) if speaker is not None else "",
                "speakerId": str(speaker) if speaker is not None else "",
                "via": self.label(intermediary) if intermediary is not None else "",
                "sources": self.articles_of(quote),
            }
            _note_more(entry, "moreSources", self.more(quote, PROV.wasDerivedFrom))
            for end in sorted({str(t) for t in (speaker, intermediary, about) if t is not None}):
                if end in nodes:
                    nodes[end]["quotes"].append(entry)


def _cited(nodes: dict[str, dict[str, Any]], edges: list[dict[str, Any]]) -> set[str]:
    """Every article the page's nodes, edges, claims, roles and quotes point to."""
    found: set[str] = set()
    for node in nodes.values():
        found.update(node["sources"])
        for part in node["claims"] + node["quotes"] + node["roles"]:
            found.update(part.get("sources", ()))
            found.update(e["article"] for e in part.get("evidence", ()))
    for edge in edges:
        found.update(e["article"] for e in edge["evidence"])
    return found


def _note_more(entry: dict[str, Any], key: str, count: int) -> None:
    """Say how many a capped page left out; an uncapped page's data stays as it was."""
    if count > 0:
        entry[key] = count


def safe_url(url: str) -> str:
    """``url`` if it is an http(s) URL, else "" (no ``javascript:`` or ``data:`` links)."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return ""
    return url.strip() if parts.scheme.lower() in {"http", "https"} and parts.netloc else ""


_DATE = re.compile(r"^(-?\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


def date_bounds(value: str) -> tuple[str, str] | None:
    """First and last ISO day covered by an xsd:date, gYearMonth or gYear value."""
    match = _DATE.match(value.strip())
    if not match:
        return None
    year, month, day = match.groups()
    if day:
        return f"{year}-{month}-{day}", f"{year}-{month}-{day}"
    if month:
        last = calendar.monthrange(int(year), int(month))[1] if int(month) in range(1, 13) else 31
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


def collect(
    dataset: rdflib.Dataset,
    *,
    base_iri: str = DEFAULT_BASE_IRI,
    totals: Mapping[str, Mapping[str, int]] | None = None,
    left_out: Mapping[str, Mapping[str, int]] | None = None,
) -> ViewerData:
    """The nodes, edges and details the page shows, read from ``dataset``.

    When ``dataset`` holds only part of a graph (see :mod:`kg.export.focus`),
    ``totals[subject][property]`` is how many links of ``subject`` by
    ``property`` the whole graph has, and ``left_out[node][list]`` how many
    of the node's ``claims``, ``quotes`` or ``roles`` the part leaves out;
    the page then says how many more there are.
    """
    return _Reader(dataset, base_iri, totals or {}, left_out or {}).read()


# 2.-3. Layout and vis-network data ---------------------------------------------


def tooltip(
    details: dict[str, Any], articles: dict[str, dict[str, Any]], edges: list[dict[str, Any]]
) -> str:
    """The plain-text hover text of a node."""
    lines = [f"{details['label']} ({details['type']})"]
    if details.get("date"):
        lines.append("date: " + details["date"])
    if details["aliases"]:
        lines.append("also: " + ", ".join(details["aliases"][:8]))
    lines += ["role: " + role["text"] for role in details["roles"][:5]]
    headlines = [articles[a]["headline"] for a in details["sources"] if a in articles]
    if headlines:
        count = len(headlines) + details.get("moreSources", 0)
        lines.append(f"sources ({count}): " + "; ".join(headlines[:3]))
    sentences = [e["sentence"] for f in details["facts"] for e in edges[f]["evidence"]]
    lines += ["“" + s + "”" for s in sentences[:2]]
    lines += ["quote: “" + q["text"] + "”" for q in details["quotes"][:2]]
    counts = (len(details["facts"]), len(details["quotes"]))
    lines.append(f"{counts[0]} facts, {counts[1]} quotes — click for details")
    return "\n".join(_clip(line, 240) for line in lines)


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def build_network(data: ViewerData, *, seed: int = 0) -> Network:
    """The pyvis network: positioned nodes, labelled edges, physics off."""
    shapes = _config()["shapes"]
    colors = {t.label: t.color for t in data.types}
    order = sorted(data.nodes, key=lambda iri: (data.nodes[iri]["type"], iri))
    positions = compute_layout(order, [(e["from"], e["to"]) for e in data.edges], seed=seed)
    degree: dict[str, int] = defaultdict(int)
    for edge in data.edges:
        degree[edge["from"]] += 1
        degree[edge["to"]] += 1
    net = Network(directed=True)
    for iri in sorted(data.nodes):
        details = data.nodes[iri]
        x, y = positions[iri]
        net.add_node(
            iri,
            label=_clip(details["label"], 60) or " ",
            shape=shapes.get(details["kind"], "dot"),
            color=colors[details["type"]],
            x=x,
            y=y,
            value=max(details.get("mentions", 0), degree[iri], 1),
            type=details["type"],
        )
    for i, edge in enumerate(data.edges):
        net.add_edge(
            edge["from"],
            edge["to"],
            id=f"e{i}",
            label=_clip(edge["label"], 40),
            arrows="to, from" if edge["both"] else "to",
        )
    net.set_options(json.dumps(vis_options(len(data.edges))))
    return net


def vis_options(edge_count: int) -> dict[str, Any]:
    large = edge_count > _LARGE_GRAPH_EDGES
    return {
        "autoResize": True,
        "layout": {"improvedLayout": False, "randomSeed": 0},
        "physics": {"enabled": False},
        "interaction": {
            "hover": True,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "multiselect": True,
        },
        "nodes": {
            "scaling": {
                "min": 8,
                "max": 26,
                "label": {"enabled": True, "min": 12, "max": 24, "drawThreshold": 7},
            },
            "font": {"size": 13, "face": "sans-serif", "color": "#1d2733"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False if large else {"enabled": True, "type": "continuous"},
            "font": {"size": 10, "align": "middle", "color": "#55606e", "strokeWidth": 3},
            "color": {"color": "#a7b1bd", "highlight": "#1d2733", "hover": "#1d2733"},
            "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
            "width": 1,
        },
    }


# 4. The page ----------------------------------------------------------------


def _template(name: str) -> str:
    return resources.files(_PACKAGE).joinpath("templates", name).read_text("utf-8")


@cache
def _vis_assets() -> tuple[str, str]:
    """vis-network's JS and CSS as shipped inside the pyvis package."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "templates" / "lib" / "vis-9.1.2"
    js = (lib / "vis-network.min.js").read_text("utf-8")
    css = (lib / "vis-network.css").read_text("utf-8")
    return js.replace("</script", "<\\/script"), css.replace("</style", "<\\/style")


def json_for_script(value: Any) -> str:
    """JSON safe inside a ``<script>`` element: no ``<``, ``>``, ``&`` or line separators."""
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escape in (
        ("<", "\\u003c"),
        (">", "\\u003e"),
        ("&", "\\u0026"),
        ("\u2028", "\\u2028"),
        ("\u2029", "\\u2029"),
    ):
        text = text.replace(char, escape)
    return text


def _script_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def page_data(data: ViewerData, net: Network, title: str) -> dict[str, Any]:
    nodes = [dict(n) for n in net.nodes]
    edges = [dict(e) for e in net.edges]
    for node in nodes:
        node["tooltip"] = tooltip(data.nodes[node["id"]], data.articles, data.edges)
    for edge, fact in zip(edges, data.edges, strict=True):
        ends = (data.nodes[fact["from"]]["label"], data.nodes[fact["to"]]["label"])
        arrow = " ↔ " if fact["both"] else " → "
        lines = [ends[0] + arrow + fact["label"] + arrow + ends[1]]
        lines += ["“" + _clip(e["sentence"], 240) + "”" for e in fact["evidence"][:3]]
        edge["tooltip"] = "\n".join(lines)
    counts: dict[str, int] = defaultdict(int)
    for details in data.nodes.values():
        counts[details["type"]] += 1
    return {
        "title": title,
        "types": [
            {"id": t.label, "kind": t.kind, "color": t.color, "count": counts[t.label]}
            for t in data.types
        ],
        "nodes": nodes,
        "edges": edges,
        "facts": [
            {k: e[k] for k in ("from", "to", "label", "both", "evidence", "moreEvidence") if k in e}
            for e in data.edges
        ],
        "details": data.nodes,
        "articles": data.articles,
        "timeline": data.timeline,
        "options": net.options,
    }


def render_html(
    dataset: rdflib.Dataset,
    *,
    title: str = "kg",
    base_iri: str = DEFAULT_BASE_IRI,
    totals: Mapping[str, Mapping[str, int]] | None = None,
    left_out: Mapping[str, Mapping[str, int]] | None = None,
) -> str:
    """The whole viewer page for ``dataset`` as one self-contained HTML string."""
    data = collect(dataset, base_iri=base_iri, totals=totals, left_out=left_out)
    net = build_network(data)
    vis_js, vis_css = _vis_assets()
    app_js = _template("viewer.js")
    scripts = (vis_js, app_js)
    csp = (
        "default-src 'none'; "
        f"script-src {' '.join(_script_hash(s) for s in scripts)}; "
        "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    replacements = {
        "@@CSP@@": html.escape(csp),
        "@@TITLE@@": html.escape(title),
        "@@VIS_CSS@@": vis_css,
        "@@APP_CSS@@": _template("viewer.css"),
        "@@DATA@@": json_for_script(page_data(data, net, title)),
        "@@VIS_JS@@": vis_js,
        "@@APP_JS@@": app_js,
    }
    page = _template("viewer.html")
    # One pass, so a marker-like string inside the data or the scripts is left alone.
    pattern = re.compile("|".join(re.escape(k) for k in replacements))
    return pattern.sub(lambda m: replacements[m.group(0)], page)


def write_html(
    dataset: rdflib.Dataset,
    path: Path,
    *,
    title: str = "kg",
    base_iri: str = DEFAULT_BASE_IRI,
    totals: Mapping[str, Mapping[str, int]] | None = None,
    left_out: Mapping[str, Mapping[str, int]] | None = None,
) -> None:
    """Write the viewer page to ``path`` atomically (temp file + rename)."""
    path = Path(path)
    page = render_html(dataset, title=title, base_iri=base_iri, totals=totals, left_out=left_out)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes it private; a page is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
