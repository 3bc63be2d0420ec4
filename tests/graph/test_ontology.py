"""ontology/kg.ttl: parses everywhere, matches ``KG``, documents and aligns every term."""

from __future__ import annotations

import pyoxigraph
import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.graph.namespace import KG, NIF, SEM, WD
from kg.graph.ontology import inverse_properties, ontology_file, ontology_graph

KG_NS = str(KG._NS)
PROPERTY_TYPES = (OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
# Classes of kg's own bookkeeping that have no counterpart in other vocabularies.
UNALIGNED_CLASSES = {KG.Conflict, KG.Resolution, KG.Duplication}

# Terms of vocabularies rdflib does not ship, checked by hand against their
# published definitions (NIF 2.0 core, SEM, Wikidata items).
KNOWN_FOREIGN_TERMS = {
    NIF: {"Context", "Phrase", "String", "OffsetBasedString"},
    SEM: {"Event", "Actor", "Place", "hasActor", "hasPlace", "hasTimeStamp"}
    | {"hasBeginTimeStamp", "hasEndTimeStamp"},
    # human, organization, geographic location, country, city, facility, event, meeting,
    # natural disaster
    WD: {"Q5", "Q43229", "Q2221906", "Q6256", "Q515", "Q13226383", "Q1656682", "Q2761147"}
    | {"Q8065"},
}
# Vocabularies rdflib ships as closed term lists.
RDFLIB_VOCABULARIES = (SDO, PROV, FOAF, SKOS, DCTERMS)
CORE_VOCABULARIES = {
    str(XSD): {"string", "integer", "decimal", "double", "boolean", "date", "gYearMonth", "gYear"},
    "http://rdfs.org/ns/void#": {"Dataset"},
    "http://purl.org/vocab/vann/": {"preferredNamespacePrefix", "preferredNamespaceUri"},
}


def _kg_terms(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(KG_NS)} | {
        o
        for o in graph.objects(None, RDFS.isDefinedBy)
        if isinstance(o, URIRef) and str(o).startswith(KG_NS)
    }


def _kg_of_type(graph: Graph, kind: URIRef) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, kind) if str(s).startswith(KG_NS)}


def _classes(graph: Graph) -> set[URIRef]:
    return _kg_of_type(graph, OWL.Class)


def _properties(graph: Graph) -> set[URIRef]:
    return set().union(*(_kg_of_type(graph, kind) for kind in PROPERTY_TYPES))


def test_parses_with_rdflib_and_oxigraph() -> None:
    path = ontology_file("kg.ttl")
    quads = list(pyoxigraph.parse(path=str(path), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(ontology_graph()) > 0


def test_has_an_ontology_header() -> None:
    graph = ontology_graph()
    (ontology,) = graph.subjects(RDF.type, OWL.Ontology)
    for prop in (RDFS.label, RDFS.comment, OWL.versionInfo, DCTERMS.license, DCTERMS.description):
        assert graph.value(ontology, prop) is not None, prop
    assert "LICENSE-2.0" in str(graph.value(ontology, DCTERMS.license))


def test_every_term_of_kg_namespace_is_defined() -> None:
    defined = _classes(ontology_graph()) | _properties(ontology_graph())
    declared = {KG[name] for name in KG.__annotations__}
    assert declared - defined == set()


def test_every_kg_term_of_the_ontology_is_in_the_namespace() -> None:
    declared = {KG[name] for name in KG.__annotations__}
    assert _kg_terms(ontology_graph()) - declared == set()


def test_terms_are_declared_once_as_class_or_property() -> None:
    graph = ontology_graph()
    assert _classes(graph) & _properties(graph) == set()
    for prop in _properties(graph):
        kinds = {k for k in PROPERTY_TYPES if (prop, RDF.type, k) in graph}
        assert len(kinds) == 1, prop


@pytest.mark.parametrize("name", sorted(KG.__annotations__))
def test_term_has_english_label_and_comment(name: str) -> None:
    graph = ontology_graph()
    labels = list(graph.objects(KG[name], RDFS.label))
    assert any(label.language == "en" for label in labels), name
    comment = graph.value(KG[name], RDFS.comment)
    assert comment is not None and len(str(comment)) > 10, name


def test_every_property_has_domain_and_range() -> None:
    graph = ontology_graph()
    for prop in _properties(graph):
        assert graph.value(prop, RDFS.domain) is not None, prop
        assert graph.value(prop, RDFS.range) is not None, prop


def test_object_and_datatype_properties_have_fitting_ranges() -> None:
    graph = ontology_graph()
    for prop in _kg_of_type(graph, OWL.DatatypeProperty):
        rng = graph.value(prop, RDFS.range)
        members = list(graph.items(graph.value(rng, OWL.unionOf))) if rng not in XSD else [rng]
        assert members and all(str(m).startswith(str(XSD)) for m in members), prop
    for prop in _kg_of_type(graph, OWL.ObjectProperty):
        rng = graph.value(prop, RDFS.range)
        assert not str(rng).startswith(str(XSD)), prop


def test_every_class_is_aligned_or_placed_in_the_hierarchy() -> None:
    graph = ontology_graph()
    for cls in _classes(graph) - UNALIGNED_CLASSES:
        links = set(graph.objects(cls, RDFS.subClassOf)) | set(
            graph.objects(cls, OWL.equivalentClass)
        )
        assert links, cls
    for cls in UNALIGNED_CLASSES:
        assert (cls, RDFS.subClassOf, None) not in graph, f"{cls} is aligned now: update the test"


def test_event_kinds_are_events() -> None:
    graph = ontology_graph()
    kinds = [
        "Meeting",
        "Visit",
        "Attendance",
        "Statement",
        "Accusation",
        "Denial",
        "Warning",
        "Sanction",
    ]
    kinds += ["Agreement", "Exercise", "Disaster", "Appointment", "Transaction"]
    events = set(graph.transitive_subjects(RDFS.subClassOf, KG.Event))
    assert {KG[k] for k in kinds} <= events


@pytest.mark.parametrize(
    ("subject", "relation", "target"),
    [
        (KG.Person, RDFS.subClassOf, SDO.Person),
        (KG.Person, RDFS.subClassOf, FOAF.Person),
        (KG.Person, RDFS.subClassOf, KG.Agent),
        (KG.Event, RDFS.subClassOf, SEM.Event),
        (KG.Event, RDFS.subClassOf, SDO.Event),
        (KG.Article, RDFS.subClassOf, SDO.NewsArticle),
        (KG.Article, RDFS.subClassOf, NIF.Context),
        (KG.Mention, RDFS.subClassOf, NIF.Phrase),
        (KG.Claim, RDFS.subClassOf, RDF.Statement),
        (KG.Quote, RDFS.subClassOf, SDO.Quotation),
        (KG.participant, RDFS.subPropertyOf, SEM.hasActor),
        (KG.place, RDFS.subPropertyOf, SEM.hasPlace),
        (KG.agent, RDFS.subPropertyOf, KG.participant),
        (KG.speaker, RDFS.subPropertyOf, PROV.wasAttributedTo),
        (KG.said, OWL.inverseOf, KG.speaker),
        (KG.holdsRole, OWL.inverseOf, KG.roleHolder),
        (KG.met, RDF.type, OWL.SymmetricProperty),
    ],
)
def test_key_alignments(subject: URIRef, relation: URIRef, target: URIRef) -> None:
    assert (subject, relation, target) in ontology_graph()


def _foreign_terms(graph: Graph) -> set[URIRef]:
    terms = set()
    for s, p, o in graph:
        if p in (RDFS.isDefinedBy, RDFS.seeAlso, DCTERMS.license):
            continue
        terms.update(t for t in (s, p, o) if isinstance(t, URIRef))
    return {t for t in terms if not str(t).startswith(KG_NS) and "w3id.org/kg-news" not in t}


def _known(term: URIRef) -> bool:
    for vocabulary in (RDF, RDFS, OWL, *RDFLIB_VOCABULARIES):
        namespace = str(vocabulary._NS)
        if term.startswith(namespace):
            return term[len(namespace) :] in vocabulary.__annotations__
    for namespace, names in {**KNOWN_FOREIGN_TERMS, **CORE_VOCABULARIES}.items():
        if term.startswith(str(namespace)):
            return term[len(str(namespace)) :] in names
    return False


def test_every_foreign_term_exists() -> None:
    unknown = sorted(t for t in _foreign_terms(ontology_graph()) if not _known(t))
    assert unknown == []


@pytest.mark.parametrize(
    "term",
    [SDO.Persn, NIF.Sentense, SEM.hasActors, WD.Q1, URIRef("http://example.org/x")],
)
def test_the_foreign_term_check_rejects_made_up_terms(term: URIRef) -> None:
    assert not _known(term)


def test_inverse_properties_are_read_both_ways_round() -> None:
    inverses = inverse_properties()
    assert inverses[str(KG.holdsRole)] == str(KG.roleHolder)
    assert inverses[str(KG.roleHolder)] == str(KG.holdsRole)
    declared = set(ontology_graph().subject_objects(OWL.inverseOf))
    assert len(inverses) == 2 * len(declared) > 0
