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

The merge lets go of each part of a slim copy once its last step has read
it (the paragraphs after the duplicate finder, the entities after entity
resolution ...): ``corpus.extractions`` then keeps each article's metadata
alone, and from the merge on a build holds what it merged, not what it read.

Equal strings in a slim copy are one object, and with a ``strings`` table
kept for the whole build, equal strings across slim copies too:

    strings: dict[str, str] = {}
    corpus = merge(slim(x, strings) for x in extractions)

An article's extraction, decoded from the cache or made by spaCy, holds
about 200 strings, most of them repeated: the keys (``e1``), kinds,
extractor names and evidence sentences of its claims, roles and events, and
the names and labels that other articles use too.  Across a corpus only
about 12 per article are new, so shared strings make slim copies a third
smaller (16 -> 11 KiB per article, the merge's results with them).
"""

from __future__ import annotations

import dataclasses
from functools import cache, lru_cache
from typing import Any

from kg.merge.duplicates import body_paragraphs
from kg.model import ArticleExtraction, Mention, SlimExtraction


def slim(extraction: ArticleExtraction, strings: dict[str, str] | None = None) -> SlimExtraction:
    """A copy of ``extraction`` with only what :func:`kg.merge.merge` reads.

    Its strings are taken from ``strings`` where an equal one is there, and
    added to it where not (a new table for this copy alone if None).
    """
    article = dataclasses.replace(extraction.article, text="", content=[])
    kept = {f.name: getattr(extraction, f.name) for f in dataclasses.fields(ArticleExtraction)}
    thin = _thin(SlimExtraction(**{**kept, "article": article}), {} if strings is None else strings)
    # after sharing: an article's paragraphs are its own, and the table would keep them
    thin.article.text = "\n".join(body_paragraphs(extraction.article))
    return thin


def _thin(value: Any, strings: dict[str, str]) -> Any:
    """``value``, or a copy of it whose strings are the equal ones in ``strings`` and
    whose mentions are label-only.

    Objects with nothing to change are kept, not copied.
    """
    kind = type(value)
    if kind is str:
        return strings.setdefault(value, value)
    if kind is list:
        return [_thin(item, strings) for item in value]
    if kind is Mention:
        return _label_only(value.kind, value.source_label)
    names = _field_names(kind)
    if not names:
        return value
    old = [getattr(value, name) for name in names]
    new = [_thin(item, strings) for item in old]
    if all(a is b for a, b in zip(old, new, strict=True)):
        return value
    return kind(**dict(zip(names, new, strict=True)))


@lru_cache(maxsize=1024)
def _label_only(kind: str, source_label: str) -> Mention:
    """One shared, frozen mention per (kind, label) for every build: a corpus has a few dozen.

    Its strings are not in any build's table, and need not be.
    """
    return Mention(start=0, end=0, text="", kind=kind, source_label=source_label)


@cache
def _field_names(kind: type) -> tuple[str, ...]:
    """The fields of a dataclass; none for any other type (dates among them)."""
    if not dataclasses.is_dataclass(kind):
        return ()
    return tuple(f.name for f in dataclasses.fields(kind))
