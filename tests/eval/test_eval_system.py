"""System mentions: read from kg's graph, and the spaCy baseline."""

from __future__ import annotations

from eval_graphs import BASE, build_dataset

from kg.eval.system import SystemMention, baseline_mentions, graph_mentions
from kg.graph.namespace import KG


def test_graph_mentions_read_offsets_document_type_and_canonical_node():
    dataset = build_dataset(
        [
            ("news/a.txt", 38, 46, KG.Person, "jane-doe", "person/jane-doe"),
            ("news/a.txt", 67, 72, KG.City, "paris", "city/paris"),
            ("news/b.txt", 43, 47, KG.Organization, "acme", None),
        ]
    )
    assert graph_mentions(dataset) == [
        SystemMention("news/a.txt", 38, 46, "PER", BASE + "person/jane-doe"),
        SystemMention("news/a.txt", 67, 72, "LOC", BASE + "city/paris"),
        # no owl:sameAs: the article-level node is its own cluster
        SystemMention("news/b.txt", 43, 47, "ORG", BASE + "article/news-b-txt/entity/acme"),
    ]


def test_event_mentions_are_left_out():
    dataset = build_dataset([("news/a.txt", 47, 53, KG.Appointment, "joined", "event/x")])
    assert graph_mentions(dataset) == []


def test_same_as_is_followed_through_external_iris():
    # Two canonical nodes the merger kept apart, both linked to one Wikidata item,
    # denote one entity.
    wikidata = "http://www.wikidata.org/entity/Q1"
    dataset = build_dataset(
        [
            ("news/a.txt", 38, 46, KG.Person, "jane-doe", "person/jane-doe"),
            ("news/b.txt", 29, 37, KG.Person, "jane-doe", "person/j-doe"),
        ],
        same_as=[("person/jane-doe", wikidata), ("person/j-doe", wikidata)],
    )
    clusters = {m.cluster for m in graph_mentions(dataset)}
    # the representative is a kg node, not the external IRI
    assert clusters == {BASE + "person/j-doe"}


def test_baseline_keeps_people_organisations_and_places_only(nlp):
    texts = {"x.txt": "The French minister Jean Dupont met Google officials in Berlin."}
    mentions = baseline_mentions(texts, nlp)
    text = texts["x.txt"]
    found = {(text[m.start : m.end], m.type) for m in mentions}
    assert ("French", "LOC") not in found and all(t != "French" for t, _ in found)  # NORP
    assert ("Berlin", "LOC") in found
    assert all(m.cluster == text[m.start : m.end] for m in mentions)
    assert {m.type for m in mentions} <= {"PER", "ORG", "LOC"}
