"""The plain dataclasses that flow through the pipeline.

    sources -> ingest -> extract -> merge -> graph -> export / query / load

``ingest`` yields :class:`Article`; ``extract`` turns one article into an
:class:`ArticleExtraction`; ``merge`` reconciles many of those into a
:class:`MergedCorpus`; only ``kg.graph`` turns these into RDF.

Offsets (``start``/``end``) are always character offsets into
``Article.text``, the decoded text of the original file, so that a user can
highlight any mention in the source.  Keys (``Entity.key``, ``Event.key``)
are local to one article; the merger maps them to corpus-wide ids.

Every class has ``__slots__``: a large build holds millions of these while
it merges, and an instance without its own ``__dict__`` is smaller (the
merge's state for 3,000 articles: 24.6 instead of 28.1 KiB per article).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import types
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.merge.factstore import FactStore
    from kg.merge.resolution import Resolution

# Entity kinds, the local names of the kg classes they become.
PERSON = "Person"
ORGANIZATION = "Organization"
PLACE = "Place"
COUNTRY = "Country"
CITY = "City"
FACILITY = "Facility"
ENTITY_KINDS = (PERSON, ORGANIZATION, PLACE, COUNTRY, CITY, FACILITY)
PLACE_KINDS = frozenset({PLACE, COUNTRY, CITY, FACILITY})


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int


@dataclass(slots=True)
class Article:
    """One news article as read from the sources."""

    id: str  # stable id: the path relative to the input folder, or ``file.jsonl#L3``
    source: str  # the file it came from, relative to the input folder
    text: str  # decoded text of the original file; every offset points into it
    content: list[Span] = field(default_factory=list)  # the spans that are article body
    title: str | None = None
    published: dt.date | None = None
    publisher: str | None = None
    url: str | None = None
    language: str | None = None
    content_hash: str = ""
    # where the story was filed: the place of the lead's dateline ("NYON, Switzerland"),
    # one of the ``content`` spans
    dateline: Span | None = None

    def content_text(self) -> str:
        """The text with everything outside ``content`` blanked to spaces.

        Blanking instead of cutting keeps every offset identical to the
        original file; newlines are kept so that sentences do not run across
        a removed line.
        """
        chars = [c if c in "\n\r" else " " for c in self.text]
        for span in self.content:
            chars[span.start : span.end] = self.text[span.start : span.end]
        return "".join(chars)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a claim was read: the sentence, its offsets, who read it, how sure."""

    article_id: str
    start: int  # offsets of the sentence
    end: int
    sentence: str
    extractor: str  # versioned name, e.g. ``"events.verbs/1"``
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an entity (or, with ``kind="Event"``, an event)."""

    start: int
    end: int
    text: str
    kind: str  # one of ENTITY_KINDS, or "Event"
    source_label: str = ""  # what the model or rule called it (``GPE``, ``gazetteer`` ...)
    sentence: Span | None = None


@dataclass(slots=True)
class Entity:
    """One real-world entity as seen inside one article."""

    key: str  # article-local: ``e1``, ``e2`` ...
    name: str  # the fullest name used in the article
    kind: str  # one of ENTITY_KINDS
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)  # other surface names, sorted
    metonymy: str | None = None  # "government" when a place name stands for its government


@dataclass(slots=True)
class Role:
    """A position held by a person: "defense minister" of China, "newly appointed"."""

    holder: str  # entity key
    label: str  # normalised: "defense minister"
    organization: str | None = None  # entity key of the country or organisation
    qualifier: str | None = None  # "newly appointed", "since 2018"
    evidence: Evidence | None = None


@dataclass(frozen=True, slots=True)
class TimeValue:
    """A time expression normalised against the publication date.

    ``value`` is an ISO string typed by ``datatype`` (``date``, ``gYearMonth``,
    ``gYear``); an interval also has ``end``.  With no publication date to
    anchor a relative expression, ``value`` is None and only ``text`` is kept.
    """

    text: str
    value: str | None = None
    datatype: str | None = None  # "date" | "gYearMonth" | "gYear"
    end: str | None = None  # last day/month/year of an interval, same datatype
    start_offset: int | None = None
    end_offset: int | None = None


@dataclass(slots=True)
class Event:
    """Something that happened, as reported in one article."""

    key: str  # article-local: ``v1``, ``v2`` ...
    kind: str  # kg event class local name: "Meeting", "Visit", "Statement" ...
    trigger: Mention
    agent: str | None = None  # entity key
    participants: list[str] = field(default_factory=list)  # entity keys, agent excluded
    place: str | None = None  # entity key
    time: TimeValue | None = None
    duration: str | None = None  # as stated: "three-day"
    negated: bool = False
    hedged: bool = False
    evidence: Evidence | None = None
    # no time of its own: the day the story places it on (ISO date; see events.story_date)
    story_date: str | None = None


@dataclass(slots=True)
class Claim:
    """One fact read from an article: ``subject predicate object``.

    ``subject`` and ``object`` are article-local entity/event keys; a literal
    object goes in ``value`` instead (and ``object`` is None).  ``predicate``
    is the local name of a kg property (``met``, ``attended``, ``visited`` ...).
    """

    subject: str
    predicate: str
    object: str | None = None
    value: str | None = None
    negated: bool = False
    hedged: bool = False
    hedge: str | None = None  # the cue: "considering", "claims"
    evidence: Evidence | None = None


@dataclass(slots=True)
class Quote:
    """A direct quote and who said it."""

    text: str
    start: int
    end: int
    speaker: str | None = None  # entity key
    intermediary: str | None = None  # entity key of an agency: "according to TASS"
    event: str | None = None  # event key the quote belongs to
    evidence: Evidence | None = None


@dataclass(slots=True)
class ArticleExtraction:
    """Everything read out of one article.  This is what the cache stores."""

    article: Article
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    roles: list[Role] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def entity(self, key: str) -> Entity:
        for entity in self.entities:
            if entity.key == key:
                return entity
        raise KeyError(key)


@dataclass(slots=True)
class SourceError:
    """An input that could not be read; reported, and the build goes on."""

    source: str
    message: str
    code: str = "KG-IN-000"


# --- merged, corpus-wide ---------------------------------------------------


@dataclass(frozen=True, slots=True)
class LocalRef:
    """An entity or event of one article: ``(article_id, key)``."""

    article_id: str
    key: str


@dataclass(slots=True)
class MergeLink:
    """Why an article-level node was merged into a canonical one."""

    member: LocalRef
    reason: str  # "exact-name", "partial-name", "acronym", "alias-table", "override" ...
    score: float


@dataclass(slots=True)
class CanonicalEntity:
    id: str  # corpus-wide key, slug-safe: used to mint the IRI
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    same_as: list[str] = field(default_factory=list)  # external IRIs (Wikidata ...)
    metonymy: str | None = None
    # for a government named by its places ("Beijing said"): those places' canonical ids
    metonymy_of: list[str] = field(default_factory=list)
    mention_count: int = 0  # the members' mentions, over every article


@dataclass(slots=True)
class CanonicalEvent:
    id: str
    kind: str
    label: str
    agent: str | None = None  # canonical entity id
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    time: TimeValue | None = None
    negated: bool = False
    hedged: bool = False


@dataclass(slots=True)
class CanonicalRole:
    """A position, corpus-wide: "defense minister" of China, held by Li Shangfu."""

    id: str
    holder: str  # canonical entity id
    label: str
    organization: str | None = None  # canonical entity id
    qualifiers: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Fact:
    """A merged claim with everything that supports it."""

    subject: str  # canonical entity/event id
    predicate: str
    object: str | None = None  # canonical id
    value: str | None = None  # literal value (a date, a label, a count)
    datatype: str | None = None  # xsd local name for ``value``
    sources: list[str] = field(default_factory=list)  # article ids, sorted
    evidence: list[Evidence] = field(default_factory=list)
    support: int = 0  # independent reports (syndicated copies count once)
    confidence: float = 0.0
    negated: bool = False
    hedged: bool = False
    hedges: list[str] = field(default_factory=list)  # the cues that hedged it, sorted


@dataclass(slots=True)
class QuoteVariant:
    article_id: str
    text: str
    start: int
    end: int


@dataclass(slots=True)
class CanonicalQuote:
    id: str
    text: str
    speaker: str | None = None
    intermediaries: list[str] = field(default_factory=list)
    event: str | None = None
    variants: list[QuoteVariant] = field(default_factory=list)


@dataclass(slots=True)
class Conflict:
    """Sources disagree on a slot that should have one value."""

    subject: str
    predicate: str
    facts: list[Fact] = field(default_factory=list)  # one per competing value


@dataclass(slots=True)
class Duplication:
    """Two articles that share text (syndication, copying)."""

    article_id: str
    duplicate_of: str
    shared_paragraphs: int
    similarity: float


@dataclass(slots=True)
class MergedCorpus:
    """The reconciled corpus: what the graph stage turns into the merged graph."""

    # in article-id order, read again by each merge step and by the graph stage: a list,
    # or (``kg build``) a kg.spill.ExtractionSpill that reads them back from disk
    extractions: Iterable[ArticleExtraction]
    # which canonical node each article-level entity and event became, and why (its
    # members); a table on disk in ``kg build``, as it grows with every article
    resolution: Resolution
    article_ids: list[str] = field(default_factory=list)  # in the same order
    # sorted by id; lists while the merge makes them, then (``kg build``) a
    # kg.merge.scratchdb.PickledList on disk once no later merge step reads them
    entities: Sequence[CanonicalEntity] = field(default_factory=list)
    events: Sequence[CanonicalEvent] = field(default_factory=list)
    roles: Sequence[CanonicalRole] = field(default_factory=list)
    # sorted by key; a FactStore on disk in a merge, a list for a hand-made corpus
    facts: FactStore | list[Fact] = field(default_factory=list)
    quotes: Sequence[CanonicalQuote] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    duplications: Sequence[Duplication] = field(default_factory=list)
    # (article_id, local key) of a place that acts -> canonical id of its government
    actors: dict[LocalRef, str] = field(default_factory=dict)


# --- (de)serialisation for the cache and for worker processes ---------------


def to_dict(obj: Any) -> Any:
    """A JSON-ready form of any model object (dates as ISO strings)."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_dict(v) for k, v in obj.items()}
    if isinstance(obj, dt.date):
        return obj.isoformat()
    return obj


def from_dict(cls: type, data: Any) -> Any:
    """Rebuild a model object written by :func:`to_dict`."""
    if data is None:
        return None
    kwargs = {}
    for name, hint in _field_hints(cls):
        if name in data:
            kwargs[name] = _coerce(hint, data[name])
    return cls(**kwargs)


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """``(field name, resolved type)`` pairs; resolving them is slow, so once per class."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


def _coerce(hint: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in typing.get_args(hint) if a is not type(None)]
        return _coerce(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(hint)
        return [_coerce(item, v) for v in value]
    if hint is dt.date:
        return dt.date.fromisoformat(value)
    if dataclasses.is_dataclass(hint):
        return from_dict(hint, value)
    return value
