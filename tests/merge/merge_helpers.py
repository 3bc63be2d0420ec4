"""Hand-built extractions for the merge tests (no spaCy)."""

from __future__ import annotations

import datetime as dt

from kg.model import (
    Article,
    ArticleExtraction,
    Claim,
    Entity,
    Event,
    Evidence,
    Mention,
    Quote,
    Role,
    TimeValue,
)


class ArticleBuilder:
    """Writes an article's extraction by hand: entities, events, roles, claims, quotes.

    Entities are given as (name, kind) with optional mention labels; mentions
    get offsets in a synthetic text so that graphs built from them are valid.
    """

    def __init__(self, article_id: str, published: str | None = None, text: str = "") -> None:
        self.article = Article(
            id=article_id,
            source=article_id,
            text=text or f"Text of {article_id}.",
            published=dt.date.fromisoformat(published) if published else None,
            content_hash=article_id,
        )
        self.extraction = ArticleExtraction(article=self.article)
        self._keys: dict[str, str] = {}

    def entity(
        self,
        name: str,
        kind: str,
        *,
        aliases: tuple[str, ...] = (),
        labels: tuple[str, ...] = (),
        metonymy: str | None = None,
    ) -> str:
        key = f"e{len(self.extraction.entities) + 1}"
        labels = labels or (_default_label(kind),)
        mentions = [
            Mention(0, min(len(name), len(self.article.text)), name, kind, lab) for lab in labels
        ]
        self.extraction.entities.append(
            Entity(key, name, kind, mentions, sorted(aliases), metonymy=metonymy)
        )
        self._keys[name] = key
        return key

    def key(self, name: str) -> str:
        return self._keys[name]

    def evidence(self, sentence: str, confidence: float = 0.9) -> Evidence:
        return Evidence(self.article.id, 0, len(sentence), sentence, "test/1", confidence)

    def event(
        self,
        kind: str,
        *,
        agent: str | None = None,
        participants: tuple[str, ...] = (),
        place: str | None = None,
        date: str | None = None,
        time_text: str = "",
        story_date: str | None = None,
        duration: str | None = None,
        negated: bool = False,
        hedged: bool = False,
        sentence: str = "",
    ) -> str:
        key = f"v{len(self.extraction.events) + 1}"
        datatype = None if date is None else {10: "date", 7: "gYearMonth", 4: "gYear"}[len(date)]
        time = TimeValue(time_text or (date or ""), date, datatype) if (date or time_text) else None
        self.extraction.events.append(
            Event(
                key=key,
                kind=kind,
                trigger=Mention(0, 1, kind.lower(), "Event"),
                agent=self._keys[agent] if agent else None,
                participants=[self._keys[p] for p in participants],
                place=self._keys[place] if place else None,
                time=time,
                duration=duration,
                negated=negated,
                hedged=hedged,
                evidence=self.evidence(sentence or f"{agent} {kind} {participants}"),
                story_date=story_date,
            )
        )
        return key

    def role(self, holder: str, label: str, organization: str | None = None) -> None:
        self.extraction.roles.append(
            Role(self._keys[holder], label, self._keys[organization] if organization else None)
        )

    def claim(
        self,
        subject: str,
        predicate: str,
        obj: str | None = None,
        *,
        value: str | None = None,
        negated: bool = False,
        hedged: bool = False,
        hedge: str | None = None,
        sentence: str = "",
    ) -> None:
        self.extraction.claims.append(
            Claim(
                subject=self._keys[subject],
                predicate=predicate,
                object=self._keys[obj] if obj else None,
                value=value,
                negated=negated,
                hedged=hedged or hedge is not None,
                hedge=hedge,
                evidence=self.evidence(sentence or f"{subject} {predicate} {obj or value}."),
            )
        )

    def quote(
        self, text: str, speaker: str | None, start: int = 0, event: str | None = None
    ) -> None:
        self.extraction.quotes.append(
            Quote(
                text=text,
                start=start,
                end=start + len(text),
                speaker=self._keys[speaker] if speaker else None,
                event=event,
            )
        )

    def build(self) -> ArticleExtraction:
        return self.extraction


def _default_label(kind: str) -> str:
    return {"Person": "PERSON", "Organization": "ORG"}.get(kind, "GPE")
