"""The scorer itself, on hand-made Datasets: each kind of damage lowers its number."""

from __future__ import annotations

import pytest
from quality_scoring import (
    Summary,
    by_batch,
    norm,
    observe,
    score,
    summarise,
    updated_baseline,
)
from rdflib import RDF, RDFS, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, PROV, SKOS

KG = Namespace("https://w3id.org/kg-news/ns#")
SCHEMA = Namespace("https://schema.org/")
DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
D = Namespace("https://kg.example.org/")
ARTICLE, OTHER = D["article/s"], D["article/other"]
ANN, BOB, TOWN, BOILER = D["person/ann"], D["person/bob"], D["city/town"], D["person/boiler"]
MEETING, ROLE, QUOTE, CLAIM, EVIDENCE = (
    D["event/m"],
    D["role/ann/mayor"],
    D["quote/q"],
    D["claim/c"],
    D["evidence/e"],
)

GOLD = [
    {
        "sample": "s.txt",
        "headline": "Ann Lee meets Bob Stone",
        "published": "2024-01-03",
        "entities": [
            {"name": "Ann Lee", "kind": "Person"},
            {"name": ["Springfield", "Springfield town"], "kind": ["City", "Place"]},
        ],
        "not_entities": ["Photo credit"],
        "roles": [{"person": "Ann Lee", "role": ["mayor"], "of": "Springfield"}],
        "events": [
            {
                "kind": "Meeting",
                "participants": ["Ann Lee", "Bob Stone"],
                "place": "Springfield",
                "date": "2024-01-02",
            }
        ],
        "quotes": [{"speaker": "Ann Lee", "text": "a good day"}],
        "claims": [
            {
                "flag": "negated",
                "subject": "Ann Lee",
                "object": "Bob Stone",
                "predicate": "met",
                "evidence": "did not meet Bob",
            }
        ],
    }
]


def _entity(g: Graph, node: URIRef, kind: str, label: str, article: URIRef = ARTICLE) -> None:
    g.add((node, RDF.type, KG[kind]))
    g.add((node, SKOS.prefLabel, Literal(label)))
    g.add((node, RDFS.label, Literal(label)))
    g.add((node, PROV.wasDerivedFrom, article))


def perfect() -> Dataset:
    """A merged graph holding exactly what GOLD expects."""
    ds = Dataset()
    g = ds.graph(D["graph/merged"])
    for article, source in ((ARTICLE, "samples/s.txt"), (OTHER, "samples/other.txt")):
        g.add((article, RDF.type, KG.Article))
        g.add((article, DCTERMS.source, Literal(source)))
    g.add((ARTICLE, SCHEMA.headline, Literal("Ann Lee meets Bob Stone")))
    g.add((ARTICLE, SCHEMA.datePublished, Literal("2024-01-03", datatype=DATE)))
    _entity(g, ANN, "Person", "Ann Lee")
    _entity(g, BOB, "Person", "Bob Stone")
    _entity(g, TOWN, "City", "Springfield")
    for p, o in ((RDFS.label, Literal("mayor")), (KG.roleHolder, ANN), (KG.roleOf, TOWN)):
        g.add((ROLE, p, o))
    g.add((ROLE, RDF.type, KG.Role))
    g.add((ROLE, PROV.wasDerivedFrom, ARTICLE))
    g.add((MEETING, RDF.type, KG.Meeting))
    g.add((MEETING, PROV.wasDerivedFrom, ARTICLE))
    for p, o in ((KG.agent, ANN), (KG.participant, ANN), (KG.participant, BOB), (KG.place, TOWN)):
        g.add((MEETING, p, o))
    g.add((MEETING, KG.date, Literal("2024-01-02", datatype=DATE)))
    g.add((QUOTE, RDF.type, KG.Quote))
    g.add((QUOTE, KG.quoteText, Literal("It was a good day for the town")))
    g.add((QUOTE, KG.speaker, ANN))
    g.add((QUOTE, PROV.wasDerivedFrom, ARTICLE))
    g.add((CLAIM, RDF.type, KG.Claim))
    g.add((CLAIM, RDF.predicate, KG.met))
    g.add((CLAIM, RDF.subject, ANN))
    g.add((CLAIM, RDF.object, BOB))
    g.add((CLAIM, KG.negated, Literal(True)))
    g.add((CLAIM, KG.hedged, Literal(False)))
    g.add((CLAIM, KG.evidence, EVIDENCE))
    g.add((EVIDENCE, KG.sentence, Literal("Ann Lee did not meet Bob Stone, aides said.")))
    g.add((EVIDENCE, PROV.wasDerivedFrom, ARTICLE))
    return ds


def scored(ds: Dataset) -> Summary:
    return summarise(score(GOLD, observe(ds)))


def test_the_perfect_graph_scores_one_everywhere():
    summary = scored(perfect())
    assert set(summary.recall.values()) == {1.0}
    assert summary.violations == {"not_entities": 0}
    assert summary.failures == []


def _merged(ds: Dataset) -> Graph:
    return ds.graph(D["graph/merged"])


def drop_entity(ds):
    _merged(ds).remove((ANN, None, None))
    _merged(ds).remove((None, None, ANN))


def wrong_kind(ds):
    _merged(ds).remove((TOWN, RDF.type, KG.City))
    _merged(ds).add((TOWN, RDF.type, KG.Organization))


def other_article(ds):
    _merged(ds).remove((TOWN, PROV.wasDerivedFrom, ARTICLE))
    _merged(ds).add((TOWN, PROV.wasDerivedFrom, OTHER))


def wrong_date(ds):
    _merged(ds).set((MEETING, KG.date, Literal("2024-01-01", datatype=DATE)))


def lost_participant(ds):
    _merged(ds).remove((MEETING, KG.participant, BOB))


def wrong_speaker(ds):
    _merged(ds).set((QUOTE, KG.speaker, BOB))


def not_negated(ds):
    _merged(ds).set((CLAIM, KG.negated, Literal(False)))


def claim_about_another(ds):
    _merged(ds).set((CLAIM, RDF.object, TOWN))


def claim_reversed(ds):
    # met is symmetric: either direction is the same fact
    _merged(ds).set((CLAIM, RDF.subject, BOB))
    _merged(ds).set((CLAIM, RDF.object, ANN))


def role_without_org(ds):
    _merged(ds).remove((ROLE, KG.roleOf, TOWN))


def boilerplate_entity(ds):
    _entity(_merged(ds), BOILER, "Person", "Photo Credit Getty")


def wrong_headline(ds):
    _merged(ds).set((ARTICLE, SCHEMA.headline, Literal("Skip to content")))


# damage -> the recall categories that must drop (all others stay at 1.0)
DAMAGE = [
    (
        drop_entity,
        {"entities", "entity_names", "roles", "events", "event_dates", "quotes", "claims"},
    ),
    (wrong_kind, {"entities"}),
    (other_article, {"entities", "entity_names"}),
    (wrong_date, {"event_dates"}),
    (lost_participant, {"events", "event_dates"}),
    (wrong_speaker, {"quotes"}),
    (not_negated, {"claims"}),
    (claim_about_another, {"claims"}),
    (claim_reversed, set()),
    (role_without_org, {"roles"}),
    (boilerplate_entity, set()),
    (wrong_headline, {"metadata"}),
]


@pytest.mark.parametrize(("damage", "dropped"), DAMAGE, ids=[d.__name__ for d, _ in DAMAGE])
def test_damage_lowers_exactly_its_categories(damage, dropped):
    ds = perfect()
    damage(ds)
    summary = scored(ds)
    assert {c for c, v in summary.recall.items() if v < 1.0} == dropped
    expected_violations = 1 if damage is boilerplate_entity else 0
    assert summary.violations["not_entities"] == expected_violations


def test_a_story_date_dates_an_event_that_states_none():
    ds = perfect()
    _merged(ds).remove((MEETING, KG.date, None))
    assert scored(ds).recall["event_dates"] < 1.0
    _merged(ds).add((MEETING, KG.storyDate, Literal("2024-01-02", datatype=DATE)))
    assert scored(ds).recall["event_dates"] == 1.0


def test_a_stated_date_outranks_the_story_date():
    ds = perfect()
    wrong_date(ds)
    _merged(ds).add((MEETING, KG.storyDate, Literal("2024-01-02", datatype=DATE)))
    summary = scored(ds)
    assert summary.recall["event_dates"] < 1.0
    assert "2024-01-01" in summary.failures[0].got


def test_a_failure_says_what_came_out_instead():
    ds = perfect()
    wrong_kind(ds)
    (failure,) = scored(ds).failures
    assert failure.category == "entities"
    assert "springfield (Organization)" in failure.got


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Köhler’s “plan”", 'köhler\'s "plan"'),
        ("  New\n York ", "new york"),
        ("Ｏｓｌｏ", "oslo"),
        ("Ortúzar", "ORTÚZAR"),
    ],
)
def test_norm_ignores_case_spacing_and_typography(a, b):
    assert norm(a) == norm(b)


def test_norm_keeps_accents():
    assert norm("Ortúzar") != norm("Ortuzar")


def _summary(entities: float, violations: int) -> Summary:
    summary = scored(perfect())
    summary.recall["entities"] = entities
    summary.violations["not_entities"] = violations
    return summary


def test_baseline_update_refuses_to_go_down_and_keeps_the_best():
    old = updated_baseline(None, _summary(0.9, 1))
    with pytest.raises(ValueError, match="entities"):
        updated_baseline(old, _summary(0.8, 1))
    with pytest.raises(ValueError, match="not_entities"):
        updated_baseline(old, _summary(0.9, 2))
    lowered = updated_baseline(old, _summary(0.8, 1), allow_lower=True)
    assert lowered["recall"]["entities"] == 0.8
    assert lowered["best"]["entities"] == 0.9
    raised = updated_baseline(lowered, _summary(0.95, 0))
    assert raised["best"]["entities"] == 0.95
    assert raised["tolerance"] == 0.02
    assert raised["samples"] == 1


def test_new_samples_start_the_best_afresh():
    old = updated_baseline(None, _summary(0.9, 0))
    more = _summary(0.5, 0)
    more.by_sample["other.txt"] = {}
    new = updated_baseline(old, more, allow_lower=True)
    assert new["best"]["entities"] == 0.5
    assert new["samples"] == 2


def test_a_government_answers_to_its_place_names():
    ds = perfect()
    gov, uk = D["organization/uk-government"], D["country/uk"]
    g = _merged(ds)
    _entity(g, uk, "Country", "United Kingdom")
    g.add((uk, SKOS.altLabel, Literal("UK")))
    _entity(g, gov, "Organization", "British government")
    g.add((gov, KG.metonymyOf, Literal("government")))
    g.add((gov, SKOS.related, uk))
    assert observe(ds).named(str(gov), ["UK"])
    assert not observe(ds).named(str(uk), ["British government"])


def test_batches_are_scored_apart():
    second = {**GOLD[0], "sample": "other.txt", "batch": 2, "headline": "Something else"}
    gold = [GOLD[0], second]
    parts = by_batch(gold, score(gold, observe(perfect())))
    assert set(parts) == {1, 2}
    assert parts[1].recall["metadata"] == 1.0
    assert parts[2].recall["entities"] == 0.0  # nothing was read from other.txt
