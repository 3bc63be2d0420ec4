"""The SHACL shapes accept the graph DESIGN.md describes and reject broken variants."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pyshacl
import pytest
from rdflib import Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH

import kg.graph.build as build_module
from kg.graph import BuildInfo, QuadFile, build_dataset, graph_batches
from kg.graph.namespace import KG, NIF, PREFIXES
from kg.graph.validate import ValidationResult, ontology_graph, shapes_graph, validate
from kg.merge.resolution import Resolution
from kg.model import (
    Article,
    ArticleExtraction,
    CanonicalEntity,
    CanonicalEvent,
    CanonicalQuote,
    CanonicalRole,
    Conflict,
    Duplication,
    Entity,
    Event,
    Evidence,
    Fact,
    LocalRef,
    Mention,
    MergedCorpus,
    MergeLink,
    QuoteVariant,
    Role,
    Span,
    TimeValue,
)
from kg.settings import Settings

KGSH = Namespace("https://w3id.org/kg-news/shapes#")

# One article, read and merged, in the shape of docs/DESIGN.md.
# The text:  Chinese Defense Minister Li Shangfu met Russian President Vladimir
# Putin in Moscow on Sunday. "Our cooperation is not aimed at third countries," Li said.
VALID_TRIG = (
    "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items())
    + """
@base <https://kg.example.org/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix itsrdf: <http://www.w3.org/2005/11/its/rdf#> .

<graph/merged> {
    <graph/merged> a void:Dataset ;
        kg:kgVersion "0.1.0" ; kg:model "en_core_web_sm" ; kg:modelVersion "3.8.0" ;
        kg:setting "min_support=1" .

    <article/tass-0416> a kg:Article, schema:NewsArticle, nif:Context ;
        dcterms:source "tass/0416.txt" ;
        schema:headline "Li Shangfu meets Putin" ;
        schema:publisher <organization/tass> ;
        schema:datePublished "2023-04-17"^^xsd:date ;
        schema:url <https://tass.example/0416> ;
        dcterms:language "en" .

    <organization/tass> a kg:Organization ; rdfs:label "TASS" ; skos:prefLabel "TASS" .

    <person/li-shangfu> a kg:Person ;
        rdfs:label "Li Shangfu" ; skos:prefLabel "Li Shangfu" ; skos:altLabel "Li" ;
        prov:wasDerivedFrom <article/tass-0416> ; kg:mentionCount 2 ;
        owl:sameAs <http://www.wikidata.org/entity/Q7183553> ;
        kg:holdsRole <role/li-shangfu/defense-minister--china> ;
        kg:said <quote/q1> ;
        kg:met <person/vladimir-putin> .
    <person/vladimir-putin> a kg:Person ;
        rdfs:label "Vladimir Putin" ; skos:prefLabel "Vladimir Putin" ;
        prov:wasDerivedFrom <article/tass-0416> ; kg:mentionCount 1 ;
        kg:met <person/li-shangfu> .
    <country/china> a kg:Country ; rdfs:label "China" ; skos:prefLabel "China" .
    <city/moscow> a kg:City ; rdfs:label "Moscow" ; skos:prefLabel "Moscow"@en ;
        kg:mentionCount 1 .

    <role/li-shangfu/defense-minister--china> a kg:Role ;
        rdfs:label "defense minister" ;
        kg:roleHolder <person/li-shangfu> ;
        kg:roleOf <country/china> ;
        kg:roleQualifier "newly appointed" .

    <event/meeting/li-shangfu-vladimir-putin-2023-04-16> a kg:Meeting ;
        rdfs:label "Li Shangfu meets Vladimir Putin" ;
        kg:agent <person/li-shangfu> ;
        kg:participant <person/li-shangfu>, <person/vladimir-putin> ;
        kg:place <city/moscow> ;
        kg:date "2023-04-16"^^xsd:date ;
        kg:timeExpression "on Sunday" ;
        prov:wasDerivedFrom <article/tass-0416> .

    <claim/c1> a rdf:Statement, kg:Claim ;
        rdf:subject <person/li-shangfu> ; rdf:predicate kg:met ;
        rdf:object <person/vladimir-putin> ;
        prov:wasDerivedFrom <article/tass-0416> ;
        kg:support 1 ; kg:articleCount 1 ; kg:confidence 0.9 ;
        kg:negated false ; kg:hedged false ;
        kg:evidence <evidence/e1> .
    <claim/c2> a rdf:Statement, kg:Claim ;
        rdf:subject <event/meeting/li-shangfu-vladimir-putin-2023-04-16> ;
        rdf:predicate kg:date ; rdf:object "2023-04-16"^^xsd:date ;
        prov:wasDerivedFrom <article/tass-0416> ;
        kg:support 1 ; kg:articleCount 1 ; kg:confidence 0.8 ;
        kg:evidence <evidence/e1> .
    <claim/c3> a rdf:Statement, kg:Claim ;
        rdf:subject <event/meeting/li-shangfu-vladimir-putin-2023-04-16> ;
        rdf:predicate kg:date ; rdf:object "2023-04-15"^^xsd:date ;
        prov:wasDerivedFrom <article/tass-0416> ;
        kg:support 1 ; kg:articleCount 1 ; kg:confidence 0.4 ;
        kg:hedged true ; kg:hedge "reportedly" ;
        kg:evidence <evidence/e1> .
    <evidence/e1> a kg:Evidence ;
        kg:sentence \"\"\"Chinese Defense Minister Li Shangfu met Russian President Vladimir \
Putin in Moscow on Sunday.\"\"\" ;
        nif:beginIndex "0"^^xsd:nonNegativeInteger ; nif:endIndex "93"^^xsd:nonNegativeInteger ;
        nif:referenceContext <article/tass-0416> ;
        kg:extractor "events.verbs/1" ; kg:confidence 0.9 ;
        prov:wasDerivedFrom <article/tass-0416> .

    <conflict/k1> a kg:Conflict ;
        kg:conflictSubject <event/meeting/li-shangfu-vladimir-putin-2023-04-16> ;
        kg:conflictProperty kg:date ;
        kg:alternative <claim/c2>, <claim/c3> .

    <quote/q1> a kg:Quote ;
        kg:quoteText "Our cooperation is not aimed at third countries," ;
        kg:speaker <person/li-shangfu> ;
        kg:intermediary <organization/tass> ;
        kg:aboutEvent <event/meeting/li-shangfu-vladimir-putin-2023-04-16> ;
        kg:variant <quote/q1/tass-0416> ;
        prov:wasDerivedFrom <article/tass-0416> .
    <quote/q1/tass-0416> a kg:QuoteVariant ;
        kg:quoteText "Our cooperation is not aimed at third countries," ;
        prov:wasDerivedFrom <article/tass-0416> ;
        nif:beginIndex "95"^^xsd:nonNegativeInteger ; nif:endIndex "143"^^xsd:nonNegativeInteger .

    <resolution/tass-0416/e1> a kg:Resolution ;
        kg:mergedNode <article/tass-0416/entity/e1> ;
        kg:mergedInto <person/li-shangfu> ;
        kg:reason "exact-name" ; kg:score 1.0 .
    <article/tass-0416/entity/e1> owl:sameAs <person/li-shangfu> .

    <duplication/d1> a kg:Duplication ;
        kg:duplicateOf <article/tass-0416> ;
        kg:sharedParagraphs 3 ; kg:similarity 0.82 .
}

<graph/article/tass-0416> {
    <article/tass-0416> a kg:Article, schema:NewsArticle, nif:Context ;
        dcterms:source "tass/0416.txt" ;
        nif:isString \"\"\"Chinese Defense Minister Li Shangfu met Russian President \
Vladimir Putin in Moscow on Sunday. "Our cooperation is not aimed at third countries," \
Li said.\"\"\" .

    <article/tass-0416/entity/e1> a kg:Person ;
        rdfs:label "Li Shangfu" ; skos:prefLabel "Li Shangfu" ;
        kg:met <article/tass-0416/entity/e2> .
    <article/tass-0416/entity/e2> a kg:Person ; rdfs:label "Vladimir Putin" ;
        skos:prefLabel "Vladimir Putin" .
    <article/tass-0416/event/v1> a kg:Meeting ; rdfs:label "Li Shangfu meets Vladimir Putin" ;
        kg:participant <article/tass-0416/entity/e1> .

    <article/tass-0416#char=25,35> a nif:Phrase, kg:Mention, nif:OffsetBasedString ;
        nif:beginIndex "25"^^xsd:nonNegativeInteger ; nif:endIndex "35"^^xsd:nonNegativeInteger ;
        nif:anchorOf "Li Shangfu" ;
        nif:referenceContext <article/tass-0416> ;
        itsrdf:taIdentRef <article/tass-0416/entity/e1> .
    <article/tass-0416#char=36,39> a nif:Phrase, kg:Mention, nif:OffsetBasedString ;
        nif:beginIndex "36"^^xsd:nonNegativeInteger ; nif:endIndex "39"^^xsd:nonNegativeInteger ;
        nif:anchorOf "met" ;
        nif:referenceContext <article/tass-0416> ;
        itsrdf:taIdentRef <article/tass-0416/event/v1> .
}
"""
)

PREFIX_LINES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()) + (
    "BASE <https://kg.example.org/>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
    "PREFIX itsrdf: <http://www.w3.org/2005/11/its/rdf#>\n"
)
MERGED = "GRAPH <graph/merged>"
ARTICLE_GRAPH = "GRAPH <graph/article/tass-0416>"
MEETING = "<event/meeting/li-shangfu-vladimir-putin-2023-04-16>"
MENTION = "<article/tass-0416#char=25,35>"
ROLE = "<role/li-shangfu/defense-minister--china>"


def _dataset(update: str = "") -> Dataset:
    dataset = Dataset()
    dataset.parse(data=VALID_TRIG, format="trig")
    if update:
        dataset.update(PREFIX_LINES + update)
    return dataset


def _replace(graph: str, subject: str, predicate: str, new_object: str) -> str:
    """A SPARQL update that swaps the value of ``subject predicate`` for ``new_object``."""
    return (
        f"DELETE {{ {graph} {{ {subject} {predicate} ?old }} }} "
        f"INSERT {{ {graph} {{ {subject} {predicate} {new_object} }} }} "
        f"WHERE {{ {graph} {{ {subject} {predicate} ?old }} }}"
    )


def _drop(graph: str, subject: str, predicate: str) -> str:
    return f"DELETE WHERE {{ {graph} {{ {subject} {predicate} ?old }} }}"


def _add(graph: str, triples: str) -> str:
    return f"INSERT DATA {{ {graph} {{ {triples} }} }}"


def _paths(result: ValidationResult) -> set[URIRef]:
    """The sh:resultPath of every violation (a blank node for complex paths)."""
    graph = result.report_graph
    assert graph is not None
    return {
        graph.value(r, SH.resultPath)
        for r in graph.subjects(SH.resultSeverity, SH.Violation)
        if graph.value(r, SH.resultPath) is not None
    }


def test_valid_graph_conforms() -> None:
    result = validate(_dataset())
    assert result.conforms, result.report
    assert result.violations == 0


def test_single_graph_is_accepted_as_input() -> None:
    union = Graph()
    for s, p, o, _ in _dataset().quads((None, None, None, None)):
        union.add((s, p, o))
    assert validate(union).conforms


BROKEN = [
    (
        "date as a plain string",
        _replace(MERGED, MEETING, "kg:date", '"2023-04-16"'),
        KG.date,
    ),
    (
        "date as a dateTime",
        _replace(MERGED, MEETING, "kg:date", '"2023-04-16T10:00:00"^^xsd:dateTime'),
        KG.date,
    ),
    (
        "ill-formed xsd:date",
        _replace(MERGED, MEETING, "kg:date", '"2023-13-45"^^xsd:date'),
        KG.date,
    ),
    (
        "two dates on one event and no conflict",
        _add(MERGED, f'{MEETING} kg:date "2023"^^xsd:gYear .')
        + " ; "
        + "DELETE WHERE { GRAPH <graph/merged> { <conflict/k1> ?p ?o } }",
        KG.date,
    ),
    (
        "two durations on one event and no conflict",
        _add(MERGED, f'{MEETING} kg:duration "two-day", "three-day" .'),
        KG.duration,
    ),
    (
        "place is a person",
        _replace(MERGED, MEETING, "kg:place", "<person/vladimir-putin>"),
        KG.place,
    ),
    (
        "participant is a literal",
        _add(MERGED, f'{MEETING} kg:participant "Putin" .'),
        KG.participant,
    ),
    (
        "agent is not a participant",
        _replace(MERGED, MEETING, "kg:agent", "<person/vladimir-putin>")
        + " ; "
        + _drop(MERGED, MEETING, "kg:participant"),
        KG.agent,
    ),
    (
        "event without a label",
        _drop(MERGED, MEETING, "rdfs:label"),
        RDFS.label,
    ),
    (
        "claim without prov:wasDerivedFrom",
        _drop(MERGED, "<claim/c1>", "prov:wasDerivedFrom"),
        URIRef(PREFIXES["prov"] + "wasDerivedFrom"),
    ),
    (
        "claim without evidence",
        _drop(MERGED, "<claim/c1>", "kg:evidence"),
        KG.evidence,
    ),
    (
        "confidence above 1",
        _replace(MERGED, "<claim/c1>", "kg:confidence", "1.5"),
        KG.confidence,
    ),
    (
        "confidence as a double",
        _replace(MERGED, "<claim/c1>", "kg:confidence", '"0.9"^^xsd:double'),
        KG.confidence,
    ),
    (
        "support of zero",
        _replace(MERGED, "<claim/c1>", "kg:support", "0"),
        KG.support,
    ),
    (
        "support above the article count",
        _replace(MERGED, "<claim/c1>", "kg:support", "2"),
        KG.support,
    ),
    (
        "claim with two subjects",
        _add(MERGED, "<claim/c1> rdf:subject <person/vladimir-putin> ."),
        RDF.subject,
    ),
    (
        "claim with a literal predicate",
        _replace(MERGED, "<claim/c1>", "rdf:predicate", '"met"'),
        RDF.predicate,
    ),
    (
        "claim negated as a string",
        _replace(MERGED, "<claim/c1>", "kg:negated", '"false"'),
        KG.negated,
    ),
    (
        "hedged claim asserted as a plain triple",
        _add(MERGED, f'{MEETING} kg:date "2023-04-15"^^xsd:date .'),
        KG.hedged,
    ),
    (
        "mention whose anchorOf does not match the text",
        _replace(ARTICLE_GRAPH, MENTION, "nif:anchorOf", '"Li Shangf"'),
        NIF.anchorOf,
    ),
    (
        "mention offsets typed xsd:int",
        _replace(ARTICLE_GRAPH, MENTION, "nif:beginIndex", '"25"^^xsd:int'),
        NIF.beginIndex,
    ),
    (
        "mention with begin after end",
        _replace(ARTICLE_GRAPH, MENTION, "nif:beginIndex", '"40"^^xsd:nonNegativeInteger'),
        NIF.beginIndex,
    ),
    (
        "mention without a context",
        _drop(ARTICLE_GRAPH, MENTION, "nif:referenceContext"),
        NIF.referenceContext,
    ),
    (
        "mention pointing at a literal",
        _replace(ARTICLE_GRAPH, MENTION, "itsrdf:taIdentRef", '"e1"'),
        URIRef("http://www.w3.org/2005/11/its/rdf#taIdentRef"),
    ),
    (
        "mention IRI that does not match its offsets",
        _replace(ARTICLE_GRAPH, MENTION, "nif:endIndex", '"36"^^xsd:nonNegativeInteger')
        + " ; "
        + _replace(ARTICLE_GRAPH, MENTION, "nif:anchorOf", '"Li Shangfu "'),
        NIF.referenceContext,
    ),
    (
        "person without prefLabel",
        _drop(MERGED, "<person/li-shangfu>", "skos:prefLabel"),
        URIRef(PREFIXES["skos"] + "prefLabel"),
    ),
    (
        "article-level person without prefLabel",
        _drop(ARTICLE_GRAPH, "<article/tass-0416/entity/e2>", "skos:prefLabel"),
        URIRef(PREFIXES["skos"] + "prefLabel"),
    ),
    (
        "person with two prefLabels",
        _add(MERGED, '<person/li-shangfu> skos:prefLabel "Li" .'),
        URIRef(PREFIXES["skos"] + "prefLabel"),
    ),
    (
        "person without rdfs:label",
        _drop(MERGED, "<person/vladimir-putin>", "rdfs:label"),
        RDFS.label,
    ),
    (
        "sameAs a literal",
        _add(MERGED, '<person/li-shangfu> owl:sameAs "Q7183553" .'),
        URIRef(PREFIXES["owl"] + "sameAs"),
    ),
    (
        "role without a holder",
        _drop(MERGED, "<role/li-shangfu/defense-minister--china>", "kg:roleHolder"),
        KG.roleHolder,
    ),
    (
        "role held by a country",
        _replace(MERGED, ROLE, "kg:roleHolder", "<country/china>"),
        KG.roleHolder,
    ),
    (
        "article without source",
        _drop(MERGED, "<article/tass-0416>", "dcterms:source")
        + " ; "
        + _drop(ARTICLE_GRAPH, "<article/tass-0416>", "dcterms:source"),
        URIRef(PREFIXES["dcterms"] + "source"),
    ),
    (
        "article published as a string",
        _replace(MERGED, "<article/tass-0416>", "schema:datePublished", '"2023-04-17"'),
        URIRef(PREFIXES["schema"] + "datePublished"),
    ),
    (
        "quote with two texts",
        _add(MERGED, '<quote/q1> kg:quoteText "Our cooperation" .'),
        KG.quoteText,
    ),
    (
        "quote whose speaker did not say it",
        _drop(MERGED, "<person/li-shangfu>", "kg:said"),
        None,  # the path is the inverse of kg:said: a blank node
    ),
    (
        "quote variant without its article",
        _drop(MERGED, "<quote/q1/tass-0416>", "prov:wasDerivedFrom"),
        URIRef(PREFIXES["prov"] + "wasDerivedFrom"),
    ),
    (
        "conflict with a single alternative",
        _drop(MERGED, "<conflict/k1>", "kg:alternative")
        + " ; "
        + _add(MERGED, "<conflict/k1> kg:alternative <claim/c2> ."),
        KG.alternative,
    ),
    (
        "resolution score above 1",
        _replace(MERGED, "<resolution/tass-0416/e1>", "kg:score", "1.2"),
        KG.score,
    ),
    (
        "resolution without a reason",
        _drop(MERGED, "<resolution/tass-0416/e1>", "kg:reason"),
        KG.reason,
    ),
    (
        "merged node not sameAs its canonical node",
        _drop(MERGED, "<article/tass-0416/entity/e1>", "owl:sameAs"),
        KG.mergedNode,
    ),
    (
        "duplication without similarity",
        _drop(MERGED, "<duplication/d1>", "kg:similarity"),
        KG.similarity,
    ),
    (
        "fact pointing at a literal",
        _add(MERGED, '<person/li-shangfu> kg:visited "Moscow" .'),
        KG.visited,
    ),
    (
        "role of an event",
        _replace(MERGED, ROLE, "kg:roleOf", MEETING),
        KG.roleOf,
    ),
    (
        "evidence offsets missing",
        _drop(MERGED, "<evidence/e1>", "nif:endIndex"),
        NIF.endIndex,
    ),
]


@pytest.mark.parametrize(
    ("update", "path"), [case[1:] for case in BROKEN], ids=[case[0] for case in BROKEN]
)
def test_broken_variant_fails_on_its_path(update: str, path: URIRef | None) -> None:
    result = validate(_dataset(update))
    assert not result.conforms
    assert result.violations >= 1
    if path is not None:
        assert path in _paths(result), result.report


def test_event_without_date_or_place_is_valid() -> None:
    update = _drop(MERGED, MEETING, "kg:date") + " ; " + _drop(MERGED, MEETING, "kg:place")
    update += " ; " + _drop(MERGED, "<conflict/k1>", "kg:alternative")
    update += " ; " + "DELETE WHERE { GRAPH <graph/merged> { <conflict/k1> ?p ?o } }"
    assert validate(_dataset(update)).conforms


def test_conflicting_dates_are_valid_when_a_conflict_records_them() -> None:
    update = _add(MERGED, f'{MEETING} kg:date "2023-04-15"^^xsd:date .')
    update += " ; " + _replace(MERGED, "<claim/c3>", "kg:hedged", "false")
    assert validate(_dataset(update)).conforms


def test_role_of_the_person_it_serves_is_valid() -> None:
    # "His lawyer, Yaw Boateng": the lawyer's role is the client's
    assert validate(
        _dataset(_replace(MERGED, ROLE, "kg:roleOf", "<person/vladimir-putin>"))
    ).conforms


def test_person_without_role_or_quote_is_valid() -> None:
    update = f"DELETE WHERE {{ {MERGED} {{ {ROLE} ?p ?o }} }}"
    update += " ; " + _drop(MERGED, "<person/li-shangfu>", "kg:holdsRole")
    assert validate(_dataset(update)).conforms


@pytest.mark.parametrize(
    "value",
    ['"2023-04-16"^^xsd:date', '"2023-04"^^xsd:gYearMonth', '"2023"^^xsd:gYear'],
)
def test_every_date_precision_is_valid(value: str) -> None:
    update = _replace(MERGED, MEETING, "kg:date", value)
    # c2 records the value the merged graph asserts; keep the two in step.
    update += " ; " + _replace(MERGED, "<claim/c2>", "rdf:object", value)
    assert validate(_dataset(update)).conforms


def test_every_constraint_has_a_message() -> None:
    """Each shape holding a constraint, and each SPARQL constraint, says what went wrong."""
    shapes = shapes_graph()
    not_constraints = {RDF.type, RDFS.comment, SH.message, SH.path, SH.property, SH.sparql}
    not_constraints |= {SH.targetClass, SH.targetSubjectsOf, SH.prefixes}
    top = set(shapes.subjects(SH.targetClass, None)) | set(shapes.subjects(SH.targetSubjectsOf))
    for shape in top | set(shapes.objects(None, SH.property)):
        if set(shapes.predicates(shape)) - not_constraints:
            assert shapes.value(shape, SH.message) is not None, shapes.cbd(shape).serialize()
    for constraint in shapes.objects(None, SH.sparql):
        assert shapes.value(constraint, SH.message) is not None


def test_every_kg_class_is_targeted_by_a_shape() -> None:
    ontology = ontology_graph()
    targeted = set(shapes_graph().objects(None, SH.targetClass))
    kg_classes = {
        c for c in ontology.subjects(RDF.type, OWL.Class) if str(c).startswith(str(KG._NS))
    }
    covered = set().union(*(ontology.transitive_subjects(RDFS.subClassOf, t) for t in targeted))
    assert kg_classes - covered == set()


@pytest.mark.parametrize(
    "case",
    [
        "mention whose anchorOf does not match the text",
        "mention IRI that does not match its offsets",
        "agent is not a participant",
        "hedged claim asserted as a plain triple",
        "merged node not sameAs its canonical node",
    ],
)
def test_sparql_constraints_agree_with_pyshacl(case: str) -> None:
    """kg runs SHACL-SPARQL once per constraint; pyshacl once per focus node: same results."""
    (update,) = [u for name, u, _ in BROKEN if name == case]
    graph = Graph()
    for s, p, o, _ in _dataset(update).quads((None, None, None, None)):
        graph.add((s, p, o))
    _, report, _ = pyshacl.validate(
        graph, shacl_graph=shapes_graph(), ont_graph=ontology_graph(), inference="none"
    )
    theirs = _sparql_results(report)
    ours = _sparql_results(validate(graph).report_graph)
    assert theirs and ours == theirs


def _sparql_results(report: Graph | None) -> set[tuple]:
    assert report is not None
    return {
        (report.value(r, SH.focusNode), report.value(r, SH.resultPath))
        for r in report.subjects(SH.sourceConstraintComponent, SH.SPARQLConstraintComponent)
    }


# --- the graph stage's own output ---------------------------------------------
# The seed corpus does not yet produce every kind of node (events, quotes,
# conflicts, duplications), so a small merged corpus is written out by hand
# and put through the real kg.graph.build_dataset.

TEXT = (
    "Chinese Defense Minister Li Shangfu met Russian President Vladimir Putin in Moscow "
    'on Sunday. "Our cooperation is not aimed at third countries," Li said.'
)
A, B = "tass/0416.txt", "xinhua/0416.txt"


def _mention(text: str, kind: str) -> Mention:
    start = TEXT.index(text)
    return Mention(start, start + len(text), text, kind)


def _evidence(article_id: str, extractor: str = "events.verbs/1") -> Evidence:
    end = TEXT.index("Sunday.") + len("Sunday.")
    return Evidence(article_id, 0, end, TEXT[:end], extractor, 0.9)


def _extraction(article_id: str) -> ArticleExtraction:
    article = Article(
        id=article_id,
        source=article_id,
        text=TEXT,
        content=[Span(0, len(TEXT))],
        title="Li Shangfu meets Putin",
        published=dt.date(2023, 4, 17),
        publisher="TASS",
        language="en",
    )
    entities = [
        Entity("e1", "Li Shangfu", "Person", [_mention("Li Shangfu", "Person")]),
        Entity("e2", "Vladimir Putin", "Person", [_mention("Vladimir Putin", "Person")]),
        Entity("e3", "Moscow", "City", [_mention("Moscow", "City")]),
    ]
    meeting = Event(
        "v1",
        "Meeting",
        _mention("met", "Event"),
        agent="e1",
        participants=["e2"],
        place="e3",
        time=TimeValue("on Sunday", "2023-04-16", "date"),
        evidence=_evidence(article_id),
    )
    role = Role("e1", "defense minister", evidence=_evidence(article_id, "roles/1"))
    return ArticleExtraction(article, entities, [meeting], [role])


def _fact(subject: str, predicate: str, obj: str | None = None, **kw) -> Fact:
    return Fact(
        subject=subject,
        predicate=predicate,
        object=obj,
        sources=[A, B],
        evidence=[_evidence(A), _evidence(B)],
        support=2,
        confidence=0.95,
        **kw,
    )


def _corpus() -> MergedCorpus:
    li, putin, moscow = "person/li-shangfu", "person/vladimir-putin", "city/moscow"
    meeting = "event/meeting/li-shangfu-vladimir-putin"
    keys = {"e1": li, "e2": putin, "e3": moscow, "v1": meeting}
    resolution = Resolution()
    for key, canonical in keys.items():
        resolution.add(canonical, [MergeLink(LocalRef(a, key), "exact-name", 1.0) for a in (A, B)])
    date_a = _fact(meeting, "date", value="2023-04-16", datatype="date")
    date_b = _fact(meeting, "date", value="2023-04-15", datatype="date")
    quote_start = TEXT.index("Our")
    quote_text = "Our cooperation is not aimed at third countries,"
    extractions = [_extraction(A), _extraction(B)]
    said = {k: sum(len(x.entity(k).mentions) for x in extractions) for k in ("e1", "e2", "e3")}
    return MergedCorpus(
        extractions=extractions,
        resolution=resolution,
        article_ids=[A, B],
        entities=[
            CanonicalEntity(li, "Li Shangfu", "Person", ["Li"], mention_count=said["e1"]),
            CanonicalEntity(putin, "Vladimir Putin", "Person", [], mention_count=said["e2"]),
            CanonicalEntity(moscow, "Moscow", "City", [], mention_count=said["e3"]),
        ],
        events=[
            CanonicalEvent(
                meeting,
                "Meeting",
                "Li Shangfu meets Vladimir Putin",
                agent=li,
                participants=[li, putin],
                place=moscow,
                time=TimeValue("on Sunday", "2023-04-16", "date"),
            )
        ],
        roles=[CanonicalRole("role/li-shangfu/defense-minister", li, "defense minister", None)],
        facts=[
            _fact(li, "met", putin),
            _fact(putin, "met", li),
            _fact(li, "attended", meeting),
            _fact(li, "visited", moscow, negated=True),
            _fact(li, "holdsRole", "role/li-shangfu/defense-minister"),
            _fact(putin, "visited", moscow, hedged=True, hedges=["reportedly"]),
            date_a,
            date_b,
        ],
        quotes=[
            CanonicalQuote(
                "quote/li-shangfu/our-cooperation",
                quote_text,
                speaker=li,
                event=meeting,
                variants=[
                    QuoteVariant(a, quote_text, quote_start, quote_start + len(quote_text))
                    for a in (A, B)
                ],
            )
        ],
        conflicts=[Conflict(meeting, "date", [date_a, date_b])],
        duplications=[Duplication(B, A, 2, 0.93)],
    )


def _graph_stage_dataset() -> Dataset:
    return build_dataset(_corpus(), Settings(), BuildInfo("0.1.0", "en_core_web_sm", "3.8.0"))


def test_graph_stage_output_uses_every_node_kind() -> None:
    dataset = _graph_stage_dataset()
    used = {o for _, p, o, _ in dataset.quads((None, RDF.type, None, None))}
    wanted = {KG.Article, KG.Mention, KG.Person, KG.City, KG.Meeting, KG.Claim, KG.Evidence}
    wanted |= {KG.Quote, KG.QuoteVariant, KG.Conflict, KG.Resolution, KG.Duplication, KG.Role}
    assert wanted - used == set()


def test_graph_stage_output_conforms() -> None:
    result = validate(_graph_stage_dataset())
    assert result.conforms, result.report


def test_one_reading_at_two_confidences_is_two_evidence_nodes_each_with_its_own() -> None:
    """One rule may read two events in one sentence, unsure of one: two pieces of evidence."""
    corpus = _corpus()
    unsure = dataclasses.replace(_evidence(A), confidence=0.6)
    corpus.facts[2].evidence = [unsure, _evidence(B)]  # "attended"; "met" keeps A at 0.9
    dataset = build_dataset(corpus, Settings(), BuildInfo("0.1.0", "en_core_web_sm", "3.8.0"))
    confidences = {}
    for node, _, _, _ in dataset.quads((None, RDF.type, KG.Evidence, None)):
        values = {str(c) for _, _, c, _ in dataset.quads((node, KG.confidence, None, None))}
        context = next(dataset.quads((node, NIF.referenceContext, None, None)))[2]
        confidences.setdefault(str(context), []).append(values)
    assert all(len(values) == 1 for nodes in confidences.values() for values in nodes)
    assert [["0.600"], ["0.900"]] in [sorted(map(sorted, n)) for n in confidences.values()]
    assert validate(dataset).conforms


def test_evidence_described_again_after_it_left_the_recent_ones_is_the_same_graph(
    tmp_path, monkeypatch
) -> None:
    """The graph stage remembers the last few evidence nodes only; the sort drops repeats."""
    info, settings = BuildInfo("0.1.0", "en_core_web_sm", "3.8.0"), Settings()

    def sorted_lines(name: str) -> tuple[list[str], int]:
        emitted = sum(len(t) for _, t in graph_batches(_corpus(), settings, info))
        (tmp_path / name).mkdir()
        with QuadFile.write(graph_batches(_corpus(), settings, info), tmp_path / name) as out:
            return out.path.read_text(encoding="utf-8").splitlines(), emitted

    remembered, once = sorted_lines("all")
    monkeypatch.setattr(build_module, "RECENT_EVIDENCE", 0)
    forgotten, again = sorted_lines("none")
    assert again > once  # evidence nodes were described more than once
    assert forgotten == remembered


def test_graph_stage_output_breaks_when_a_mention_is_wrong() -> None:
    dataset = _graph_stage_dataset()
    mention, _, _, graph = next(dataset.quads((None, RDF.type, KG.Mention, None)))
    dataset.graph(graph).set((mention, NIF.anchorOf, Literal("not the text")))
    assert not validate(dataset).conforms
