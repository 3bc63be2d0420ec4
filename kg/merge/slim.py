"""What the merge reads of an extraction, for corpora too large to hold whole.

    corpus = merge(slim(x) for x in extractions)

The merge makes the same corpus from slim copies as from whole extractions;
only ``corpus.extractions`` are then the slim copies (of type
:class:`~kg.model.SlimExtraction`), and the graph stage takes the whole ones
separately and refuses to go without them (``kg build`` sets them aside on disk, see
:mod:`kg.spill`).  A slim copy keeps every key, name, role, event, claim,
quote and piece of evidence, and drops what only the graph's per-article
part shows:

- the article's text, but for the body paragraphs the duplicate finder
  compares (so offsets no longer point into it), and its content spans;
- each mention's text, offsets and sentence: the merge counts an entity's
  mentions and reads what each was labelled (see ``kind_votes``).
"""

from __future__ import annotations

import dataclasses
from functools import lru_cache

from kg.merge.duplicates import body_paragraphs
from kg.model import ArticleExtraction, Entity, Event, Mention, SlimExtraction


def slim(extraction: ArticleExtraction) -> SlimExtraction:
    """A copy of ``extraction`` with only what :func:`kg.merge.merge` reads."""
    article = dataclasses.replace(
        extraction.article, text="\n".join(body_paragraphs(extraction.article)), content=[]
    )
    kept = {f.name: getattr(extraction, f.name) for f in dataclasses.fields(ArticleExtraction)}
    entities = [_slim_entity(e) for e in extraction.entities]
    events = [_slim_event(e) for e in extraction.events]
    return SlimExtraction(**{**kept, "article": article, "entities": entities, "events": events})


def _slim_entity(entity: Entity) -> Entity:
    mentions = [_label_only(m.kind, m.source_label) for m in entity.mentions]
    return dataclasses.replace(entity, mentions=mentions)


def _slim_event(event: Event) -> Event:
    trigger = event.trigger
    return dataclasses.replace(event, trigger=_label_only(trigger.kind, trigger.source_label))


@lru_cache(maxsize=1024)
def _label_only(kind: str, source_label: str) -> Mention:
    """One shared, frozen mention per (kind, label): a corpus has a few dozen."""
    return Mention(start=0, end=0, text="", kind=kind, source_label=source_label)
