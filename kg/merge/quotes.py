"""Quotes across articles: one node per quote, each article's wording a variant."""

from __future__ import annotations

import re
from collections import defaultdict

from kg.ids import id_path, short_hash
from kg.model import CanonicalQuote, LocalRef, MergedCorpus, QuoteVariant
from kg.settings import Settings

_NON_WORD = re.compile(r"\W+")


def quote_key(text: str) -> str:
    return _NON_WORD.sub(" ", text.lower()).strip()


def merge_quotes(corpus: MergedCorpus, settings: Settings) -> None:
    groups: dict[tuple[str | None, str], CanonicalQuote] = {}
    intermediaries: dict[tuple[str | None, str], set[str]] = defaultdict(set)
    for extraction in corpus.extractions:
        article_id = extraction.article.id
        for quote in extraction.quotes:
            speaker = (
                corpus.resolution.get(LocalRef(article_id, quote.speaker))
                if quote.speaker
                else None
            )
            key = (speaker, quote_key(quote.text))
            canonical = groups.get(key)
            if canonical is None:
                canonical = CanonicalQuote(
                    id=id_path("quote", short_hash(*key)), text=quote.text, speaker=speaker
                )
                groups[key] = canonical
            if quote.event and canonical.event is None:
                canonical.event = corpus.resolution.get(LocalRef(article_id, quote.event))
            if quote.intermediary:
                via = corpus.resolution.get(LocalRef(article_id, quote.intermediary))
                if via:
                    intermediaries[key].add(via)
            canonical.variants.append(QuoteVariant(article_id, quote.text, quote.start, quote.end))
    for key, canonical in groups.items():
        canonical.intermediaries = sorted(intermediaries[key])
        canonical.variants.sort(key=lambda v: (v.article_id, v.start))
    corpus.quotes = sorted(groups.values(), key=lambda q: q.id)
