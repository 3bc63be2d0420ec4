"""What the graph stage emits satisfies the shapes, for every kind of node.

The seed corpus does not yet produce every kind of node (events, quotes,
conflicts, duplications), so a small merged corpus is written out by hand
here and put through the real :func:`kg.graph.build_dataset`.
"""

from __future__ import annotations

import datetime as dt

from rdflib import Literal
from rdflib.namespace import RDF

from kg.graph import BuildInfo, build_dataset
from kg.graph.namespace import KG, NIF
from kg.graph.validate import validate
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
    links = {k: [MergeLink(LocalRef(a, k), "exact-name", 1.0) for a in (A, B)] for k in keys}
    date_a = _fact(meeting, "date", value="2023-04-16", datatype="date")
    date_b = _fact(meeting, "date", value="2023-04-15", datatype="date")
    quote_start = TEXT.index("Our")
    quote_text = "Our cooperation is not aimed at third countries,"
    return MergedCorpus(
        extractions=[_extraction(A), _extraction(B)],
        entities=[
            CanonicalEntity(li, "Li Shangfu", "Person", ["Li"], links["e1"]),
            CanonicalEntity(putin, "Vladimir Putin", "Person", [], links["e2"]),
            CanonicalEntity(moscow, "Moscow", "City", [], links["e3"]),
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
                members=links["v1"],
            )
        ],
        roles=[CanonicalRole("role/li-shangfu/defense-minister", li, "defense minister", None)],
        facts=[
            _fact(li, "met", putin),
            _fact(putin, "met", li),
            _fact(li, "attended", meeting),
            _fact(li, "visited", moscow, negated=True),
            _fact(li, "holdsRole", "role/li-shangfu/defense-minister"),
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
        resolution={LocalRef(a, k): v for a in (A, B) for k, v in keys.items()},
    )


def _dataset():
    return build_dataset(_corpus(), Settings(), BuildInfo("0.1.0", "en_core_web_sm", "3.8.0"))


def test_graph_stage_output_uses_every_node_kind() -> None:
    dataset = _dataset()
    used = {o for _, p, o, _ in dataset.quads((None, RDF.type, None, None))}
    wanted = {KG.Article, KG.Mention, KG.Person, KG.City, KG.Meeting, KG.Claim, KG.Evidence}
    wanted |= {KG.Quote, KG.QuoteVariant, KG.Conflict, KG.Resolution, KG.Duplication, KG.Role}
    assert wanted - used == set()


def test_graph_stage_output_conforms() -> None:
    result = validate(_dataset())
    assert result.conforms, result.report


def test_graph_stage_output_breaks_when_a_mention_is_wrong() -> None:
    dataset = _dataset()
    mention, _, _, graph = next(dataset.quads((None, RDF.type, KG.Mention, None)))
    dataset.graph(graph).set((mention, NIF.anchorOf, Literal("not the text")))
    assert not validate(dataset).conforms
