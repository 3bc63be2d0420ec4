"""Entity mentions: spaCy's NER, tidied into kg's entity kinds."""

from __future__ import annotations

import re

from spacy.tokens import Span

from kg.extract.context import ArticleContext
from kg.extract.registry import extractor
from kg.model import CITY, COUNTRY, FACILITY, ORGANIZATION, PERSON, PLACE, Mention

# spaCy label -> kg kind; labels not listed (NORP, DATE, MONEY ...) are not entities.
SPACY_KINDS = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": FACILITY,
}
_POSSESSIVE = re.compile(r"(?:['’]s?|[.,;:])$")


@extractor(version=1)
def extract_entities(ctx: ArticleContext) -> None:
    """Fill ``ctx.mentions`` from the named entities of every sentence."""
    for sent, base in ctx.sentences():
        for ent in sent.ents:
            mention = _mention(ent, base)
            if mention is not None:
                ctx.mentions.append(mention)


def _mention(ent: Span, base: int) -> Mention | None:
    kind = SPACY_KINDS.get(ent.label_)
    if kind is None:
        return None
    text = ent.text
    trimmed = _POSSESSIVE.sub("", text).rstrip()
    if len(trimmed) < 2 or not any(c.isupper() for c in trimmed):
        return None
    start = base + ent.start_char
    sent = ent.sent
    return Mention(
        start=start,
        end=start + len(trimmed),
        text=trimmed,
        kind=kind,
        source_label=ent.label_,
        sentence=_span(sent, base),
    )


def _span(sent: Span, base: int):
    from kg.model import Span as TextSpan

    return TextSpan(base + sent.start_char, base + sent.start_char + len(sent.text.rstrip()))


__all__ = ["CITY", "COUNTRY", "SPACY_KINDS", "extract_entities"]
