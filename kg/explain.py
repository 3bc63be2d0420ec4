"""Why a node is what it is: its mentions, the merges behind it, its facts and sources.

    explanation = explain(read_dataset(Path("output/graph.trig")), "person/li-shangfu")
    print(render(explanation))

Everything is read from a built graph (see docs/DESIGN.md): mentions from
the article graphs (``itsrdf:taIdentRef`` an article-level node that is
``owl:sameAs`` the canonical one), merges from ``kg:Resolution`` records,
facts from the ``kg:Claim`` nodes with their ``kg:evidence``, and conflicts
from ``kg:Conflict``.  Nothing is re-extracted.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rdflib import OWL, RDF, RDFS, SKOS, Dataset, URIRef
from rdflib.namespace import DCTERMS
from rdflib.term import Node

from kg.graph.io import base_iri_of
from kg.graph.namespace import ITSRDF, KG, NIF

# a full stop ends a sentence unless it ends a title or an initial ("Gen.", "U.S.")
_SENTENCE_END = re.compile(r"(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})(?<!\b[A-Z])[.!?]\s|\n")


@dataclass
class MentionInfo:
    article: str
    start: int
    end: int
    text: str
    sentence: str


@dataclass
class MergeInfo:
    article: str
    node: str
    reason: str
    score: float


@dataclass
class FactInfo:
    subject: str
    predicate: str
    object: str
    support: int
    articles: int
    confidence: float
    negated: bool
    hedged: bool
    sources: list[str] = field(default_factory=list)
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (article, sentence)


@dataclass
class Explanation:
    iri: str
    types: list[str]
    label: str | None
    aliases: list[str]
    same_as: list[str]
    mentions: list[MentionInfo]
    merges: list[MergeInfo]
    facts: list[FactInfo]
    conflicts: list[str]

    def to_dict(self) -> dict:
        return asdict(self)


class NotInGraph(LookupError):
    """The IRI names nothing in the graph."""


def resolve_iri(dataset: Dataset, text: str) -> URIRef:
    """A full IRI as given, or an id path (``person/li-shangfu``) under the graph's base."""
    if "://" in text:
        return URIRef(text)
    merged = _merged(dataset)
    return URIRef(base_iri_of(merged) + text.lstrip("/"))


def explain(dataset: Dataset, iri: str) -> Explanation:
    node = resolve_iri(dataset, iri)
    merged = _merged(dataset)
    if (node, None, None) not in merged and (None, None, node) not in merged:
        raise NotInGraph(f"{node} is not in the graph")
    sources = {a: str(s) for a, _, s, _ in dataset.quads((None, DCTERMS.source, None, None))}
    return Explanation(
        iri=str(node),
        types=sorted(_short(t) for t in merged.objects(node, RDF.type)),
        label=_text(merged.value(node, RDFS.label)),
        aliases=sorted(str(a) for a in merged.objects(node, SKOS.altLabel)),
        same_as=sorted(str(s) for s in merged.objects(node, OWL.sameAs)),
        mentions=_mentions(dataset, merged, node, sources),
        merges=_merges(merged, node, sources),
        facts=_facts(merged, node, sources),
        conflicts=sorted(
            _text(merged.value(c, RDFS.label)) or str(c)
            for c in merged.subjects(KG.conflictSubject, node)
        ),
    )


def _merged(dataset: Dataset):
    for graph in dataset.graphs():
        if str(graph.identifier).endswith("graph/merged"):
            return graph
    return dataset.default_graph


def _locals(merged, node: Node) -> set[Node]:
    return set(merged.subjects(OWL.sameAs, node)) | set(merged.subjects(KG.mergedInto, node))


def _mentions(dataset: Dataset, merged, node: Node, sources) -> list[MentionInfo]:
    local = set(merged.subjects(OWL.sameAs, node)) | {node}
    found = []
    for graph in dataset.graphs():
        for mention, _, target in graph.triples((None, ITSRDF.taIdentRef, None)):
            if target not in local:
                continue
            article = graph.value(mention, NIF.referenceContext)
            start = int(graph.value(mention, NIF.beginIndex).toPython())
            end = int(graph.value(mention, NIF.endIndex).toPython())
            text = graph.value(article, NIF.isString)
            found.append(
                MentionInfo(
                    article=sources.get(article, str(article)),
                    start=start,
                    end=end,
                    text=str(graph.value(mention, NIF.anchorOf)),
                    sentence=sentence_around(str(text), start, end) if text else "",
                )
            )
    return sorted(found, key=lambda m: (m.article, m.start, m.end))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence (or line) holding ``text[start:end]``."""
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    begin = before[-1] if before else 0
    after = _SENTENCE_END.search(text, end)
    stop = after.start() + 1 if after else len(text)
    return " ".join(text[begin:stop].split())


def _merges(merged, node: Node, sources) -> list[MergeInfo]:
    found = []
    for record in merged.subjects(KG.mergedInto, node):
        local = merged.value(record, KG.mergedNode)
        article = _article_of(str(local), sources)
        found.append(
            MergeInfo(
                article=article,
                node=str(local),
                reason=str(merged.value(record, KG.reason)),
                score=float(merged.value(record, KG.score).toPython()),
            )
        )
    return sorted(found, key=lambda m: (m.article, m.node))


def _article_of(local: str, sources: dict) -> str:
    for article, source in sources.items():
        if local.startswith(str(article) + "/"):
            return source
    return local


def _facts(merged, node: Node, sources) -> list[FactInfo]:
    claims = set(merged.subjects(RDF.subject, node)) | set(merged.subjects(RDF.object, node))
    found = []
    for claim in claims:
        if (claim, RDF.type, KG.Claim) not in merged:
            continue
        evidence = []
        for ev in merged.objects(claim, KG.evidence):
            article = merged.value(ev, NIF.referenceContext)
            evidence.append(
                (sources.get(article, str(article)), str(merged.value(ev, KG.sentence)))
            )
        found.append(
            FactInfo(
                subject=_name(merged, merged.value(claim, RDF.subject)),
                predicate=_short(merged.value(claim, RDF.predicate)),
                object=_name(merged, merged.value(claim, RDF.object)),
                support=int(_number(merged.value(claim, KG.support))),
                articles=int(_number(merged.value(claim, KG.articleCount))),
                confidence=float(_number(merged.value(claim, KG.confidence))),
                negated=bool(_number(merged.value(claim, KG.negated), False)),
                hedged=bool(_number(merged.value(claim, KG.hedged), False)),
                sources=sorted(
                    sources.get(a, str(a)) for a in merged.objects(claim, _PROV_DERIVED)
                ),
                evidence=sorted(evidence),
            )
        )
    return sorted(found, key=lambda f: (f.predicate, f.subject, f.object, f.negated, f.hedged))


_PROV_DERIVED = URIRef("http://www.w3.org/ns/prov#wasDerivedFrom")


def _number(value, default=0):
    return value.toPython() if value is not None else default


def _name(merged, value) -> str:
    if isinstance(value, URIRef):
        label = merged.value(value, RDFS.label)
        return f"{label} <{value}>" if label is not None else f"<{value}>"
    return str(value)


def _short(value) -> str:
    text = str(value)
    return re.split(r"[#/]", text)[-1] if text.startswith(str(KG)) else text


def _text(value) -> str | None:
    return str(value) if value is not None else None


def render(explanation: Explanation) -> str:
    """The explanation as plain text for a terminal."""
    e = explanation
    lines = [f"{e.label or e.iri}  <{e.iri}>", f"  types: {', '.join(e.types) or '-'}"]
    if e.aliases:
        lines.append(f"  also called: {', '.join(e.aliases)}")
    lines += [f"  same as: {s}" for s in e.same_as]
    lines.append(f"\nmentions ({len(e.mentions)})")
    for m in e.mentions:
        lines.append(f"  {m.article} [{m.start}:{m.end}] {m.text!r}")
        if m.sentence:
            lines.append(f"      {m.sentence}")
    lines.append(f"\nmerges ({len(e.merges)})")
    for g in e.merges:
        lines.append(f"  {g.article}  {g.node.rsplit('/', 2)[-1]}  {g.reason}  {g.score:.3f}")
    lines.append(f"\nfacts ({len(e.facts)})")
    for f in e.facts:
        flags = "".join([" NOT" if f.negated else "", " (hedged)" if f.hedged else ""])
        lines.append(
            f"  {f.subject} {f.predicate}{flags} {f.object}"
            f"  support {f.support}, articles {f.articles}, confidence {f.confidence:.3f}"
        )
        for source in f.sources:
            lines.append(f"      from {source}")
        for article, sentence in f.evidence:
            lines.append(f"      {article}: {sentence}")
    if e.conflicts:
        lines.append(f"\nconflicts ({len(e.conflicts)})")
        lines += [f"  {c}" for c in e.conflicts]
    return "\n".join(lines) + "\n"
