"""The kg vocabulary (``ontology/kg.ttl``) and the other vocabularies kg reuses.

``KG`` mirrors ``ontology/kg.ttl`` term for term; ``_fail = True`` makes a
misspelt term raise instead of minting a new IRI.  A test checks that the two
stay in step.
"""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KG_NS = "https://w3id.org/kg-news/ns#"


class KG(DefinedNamespace):
    """kg: the news knowledge-graph vocabulary."""

    _NS = Namespace(KG_NS)
    _fail = True

    # Articles and text
    Article: URIRef  # a news article read from the sources (schema:NewsArticle, nif:Context)
    Mention: URIRef  # a span of an article naming an entity or event (nif:Phrase)
    Evidence: URIRef  # the sentence a claim was read from
    # Entities
    Entity: URIRef  # anything the news talks about by name
    Agent: URIRef  # an entity that can act: person or organisation
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Country: URIRef
    City: URIRef
    Facility: URIRef
    Role: URIRef  # a position held by a person ("defense minister" of China)
    # Events
    Event: URIRef
    Meeting: URIRef
    Visit: URIRef
    Attendance: URIRef
    Statement: URIRef
    Accusation: URIRef
    Denial: URIRef
    Warning: URIRef
    Sanction: URIRef
    Agreement: URIRef
    Exercise: URIRef
    Disaster: URIRef  # a natural disaster striking a place: no agent
    Appointment: URIRef
    Transaction: URIRef
    Conflict: URIRef  # sources disagree on a single-valued slot
    # Provenance and reconciliation
    Claim: URIRef  # one merged fact, reified (rdf:Statement)
    Quote: URIRef
    QuoteVariant: URIRef
    Resolution: URIRef  # the record of one merge decision
    Duplication: URIRef  # two articles sharing text

    # Relations between entities
    met: URIRef
    attended: URIRef
    visited: URIRef
    hosted: URIRef
    accused: URIRef
    denied: URIRef
    warned: URIRef
    sanctioned: URIRef
    signedAgreementWith: URIRef
    criticized: URIRef
    supported: URIRef
    holdsRole: URIRef
    said: URIRef
    # Roles
    roleOf: URIRef  # the organisation or country a role belongs to
    roleHolder: URIRef
    roleQualifier: URIRef
    # Events
    agent: URIRef
    participant: URIRef
    place: URIRef
    date: URIRef
    startDate: URIRef
    endDate: URIRef
    storyDate: URIRef  # what was said with no time of its own: the story's day
    timeExpression: URIRef
    duration: URIRef
    # Quotes
    speaker: URIRef
    intermediary: URIRef
    quoteText: URIRef
    variant: URIRef
    aboutEvent: URIRef
    # Claims, support, conflicts
    support: URIRef
    articleCount: URIRef
    confidence: URIRef
    negated: URIRef
    hedged: URIRef
    hedge: URIRef
    evidence: URIRef
    sentence: URIRef
    extractor: URIRef
    conflictSubject: URIRef
    conflictProperty: URIRef
    alternative: URIRef
    # Entity resolution
    mergedInto: URIRef
    mergedNode: URIRef
    reason: URIRef
    score: URIRef
    metonymyOf: URIRef  # "Washington" as the US government
    # Syndication
    duplicateOf: URIRef
    sharedParagraphs: URIRef
    similarity: URIRef
    # Dataset metadata
    kgVersion: URIRef
    model: URIRef
    modelVersion: URIRef
    setting: URIRef
    mentionCount: URIRef


NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")

PREFIXES = {
    "kg": KG_NS,
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "sem": str(SEM),
    "schema": str(SCHEMA),
    "prov": "http://www.w3.org/ns/prov#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "void": "http://rdfs.org/ns/void#",
}
