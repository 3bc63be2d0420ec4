"""What the merger's decisions look like in the graph: conflicts, governments, resolutions."""

from __future__ import annotations

from pathlib import Path

from merge_helpers import ArticleBuilder
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, SKOS, XSD

from kg.graph import BuildInfo, build_dataset
from kg.graph.build import merged_graph_iri
from kg.graph.namespace import KG
from kg.merge import merge
from kg.query import run
from kg.settings import DEFAULT_BASE_IRI, Settings

ROOT = Path(__file__).resolve().parents[2]
BASE = DEFAULT_BASE_IRI


def dataset_of(extractions):
    settings = Settings()
    return build_dataset(merge(extractions, settings), settings, BuildInfo("test", "none", "0"))


def test_conflicts_query_finds_both_dates_with_their_sources() -> None:
    reports = []
    for i, date in enumerate(["2023-04-16", "2023-04-17"]):
        b = ArticleBuilder(f"a{i}.txt")
        b.entity("Vladimir Putin", "Person")
        b.entity("Li Shangfu", "Person")
        b.event("Meeting", agent="Vladimir Putin", participants=("Li Shangfu",), date=date)
        reports.append(b.build())
    query = (ROOT / "queries" / "conflicts.rq").read_text(encoding="utf-8")
    result = run(query, dataset_of(reports))
    rows = [
        {
            name: (v.value if v is not None else None)
            for name, v in zip(result.variables, row, strict=True)
        }
        for row in result.rows
    ]
    values = {(r["value"], r["article"].rsplit("/", 1)[-1]) for r in rows}
    assert values == {("2023-04-16", "a0-txt"), ("2023-04-17", "a1-txt")}
    assert {r["property"] for r in rows} == {str(KG.date)}


def test_story_dates_are_kept_apart_from_stated_dates_and_never_conflict() -> None:
    # one statement, told on the 16th in one story and with no time in two others
    reports = []
    for i, (date, story) in enumerate(
        [("2023-04-16", None), (None, "2023-04-17"), (None, "2023-04-16")]
    ):
        b = ArticleBuilder(f"a{i}.txt")
        b.entity("Vladimir Putin", "Person")
        b.event("Statement", agent="Vladimir Putin", date=date, story_date=story)
        reports.append(b.build())
    ds = dataset_of(reports)
    merged = ds.graph(merged_graph_iri(BASE))
    (event,) = set(merged.subjects(KG.storyDate, None))
    assert set(merged.objects(event, KG.date)) == {Literal("2023-04-16", datatype=XSD.date)}
    assert set(merged.objects(event, KG.storyDate)) == {
        Literal("2023-04-16", datatype=XSD.date),
        Literal("2023-04-17", datatype=XSD.date),
    }
    assert not set(merged.subjects(KG.conflictSubject, event))


def test_government_node_is_linked_to_its_places() -> None:
    b = ArticleBuilder("a.txt")
    b.entity("Beijing", "City", metonymy="government")
    b.entity("Washington", "City", metonymy="government")
    b.claim("Washington", "accused", "Beijing")
    ds = dataset_of([b.build()])
    merged = ds.graph(merged_graph_iri(BASE))
    government = URIRef(BASE + "organization/chinese-government")
    assert (government, KG.metonymyOf, Literal("government")) in merged
    assert (government, SKOS.related, URIRef(BASE + "city/beijing")) in merged
    assert (URIRef(BASE + "organization/american-government"), KG.accused, government) in merged


def test_resolution_records_carry_reason_and_score() -> None:
    extractions = []
    for i, name in enumerate(["Central Intelligence Agency", "CIA"]):
        b = ArticleBuilder(f"a{i}.txt")
        b.entity(name, "Organization")
        extractions.append(b.build())
    ds = dataset_of(extractions)
    merged = ds.graph(merged_graph_iri(BASE))
    cia = URIRef(BASE + "organization/central-intelligence-agency")
    reasons = {
        str(merged.value(r, KG.reason)): float(merged.value(r, KG.score).toPython())
        for r in merged.subjects(KG.mergedInto, cia)
    }
    assert reasons == {"exact-name": 1.0, "acronym": 0.9}
    assert len(set(merged.subjects(OWL.sameAs, cia))) == 2


def test_a_hedged_claim_carries_the_cues_that_hedged_it() -> None:
    articles = []
    for article_id, cue in [("a", "considering"), ("b", "reportedly"), ("c", "considering")]:
        b = ArticleBuilder(article_id)
        b.entity("Vladimir Putin", "Person")
        b.entity("Beijing", "City")
        b.claim("Vladimir Putin", "visited", "Beijing", hedge=cue)
        articles.append(b.build())
    corpus = merge(articles)
    (visit,) = [f for f in corpus.facts if f.predicate == "visited"]
    assert (visit.hedged, visit.hedges) == (True, ["considering", "reportedly"])
    dataset = dataset_of(articles)
    merged = dataset.graph(merged_graph_iri(DEFAULT_BASE_IRI))
    (claim,) = merged.subjects(KG.hedged, Literal(True))
    assert sorted(map(str, merged.objects(claim, KG.hedge))) == ["considering", "reportedly"]
