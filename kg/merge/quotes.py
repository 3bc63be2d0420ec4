"""Quotes across articles: one node per quote, each article's wording a variant.

Two quotes are one when the speaker is the same and the words are: compared
as normalised text (case, punctuation, spelling variants ignored) with
rapidfuzz's token-set ratio, which scores a trimmed quote against the full
one as equal.  A looser match still counts when the two share enough
content words, which catches another translation of the same remark
("They surpass the military-political alliances of the Cold War era" /
"outperform the military-political unions of the Cold War era").
Candidates come from an index of each speaker's content words.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz

from kg.ids import short_hash
from kg.merge.events import actor
from kg.merge.names import node_id, text_tokens
from kg.merge.shared import OneCopy
from kg.model import CanonicalQuote, LocalRef, MergedCorpus, Quote, QuoteVariant
from kg.settings import Settings

SAME_QUOTE = 85.0  # token-set ratio at which two quotes are one
TRANSLATION = 65.0  # lower ratio accepted when enough content words are shared
SHARED_WORDS = 4
MIN_TRIMMED_WORDS = 4  # a fragment shorter than this must match nearly whole
CONTENT_WORD = 4  # letters: shorter words are not indexed
MAX_BLOCK = 200  # an index word shared by more quotes says nothing


@dataclass(slots=True)
class _Group:
    number: int
    speaker: str | None
    quotes: list[tuple[str, Quote, str]] = field(default_factory=list)  # article, quote, text
    texts: dict[str, None] = field(default_factory=dict)  # distinct texts, in order: copies repeat


def quote_key(text: str) -> str:
    return " ".join(text_tokens(text))


def merge_quotes(corpus: MergedCorpus, settings: Settings) -> None:
    groups: list[_Group] = []
    # speaker -> content word -> the groups with it (per speaker: no key tuple per word)
    index: dict[str | None, dict[str, list[int]]] = defaultdict(dict)
    one = OneCopy(corpus.article_ids)  # texts and words repeat across copies and quotes
    for extraction in corpus.extractions:
        article_id = one(extraction.article.id)
        for quote in sorted(extraction.quotes, key=lambda q: (q.start, q.end)):
            speaker = actor(corpus, article_id, quote.speaker)
            text = one(quote_key(quote.text))
            words = {one(w) for w in text.split() if len(w) >= CONTENT_WORD}
            words_index = index[speaker]
            group = _find(groups, words_index, text, words)
            if group is None:
                group = _Group(len(groups), speaker)
                groups.append(group)
            for word in words:
                holders = words_index.setdefault(word, [])
                if len(holders) < MAX_BLOCK and group.number not in holders:
                    holders.append(group.number)
            # what the canonical quote reads of it: not its evidence (the graph's is the variant)
            kept = dataclasses.replace(quote, text=one(quote.text), evidence=None)
            group.quotes.append((article_id, kept, text))
            group.texts[text] = None
    corpus.quotes = sorted(_canonicals(corpus, groups), key=lambda q: q.id)


def _canonicals(corpus: MergedCorpus, groups: list[_Group]) -> Iterator[CanonicalQuote]:
    """Each group's canonical quote, in group order, each group let go once it is read."""
    groups.reverse()
    while groups:
        yield _canonical(corpus, groups.pop())


def same_quote(a: str, b: str, shared: int = 0) -> bool:
    """Normalised quote texts that are one quote (trimmed, or translated again)."""
    if a == b:
        return True
    shorter = min(len(a.split()), len(b.split()))
    ratio = fuzz.token_set_ratio(a, b)
    if shorter < MIN_TRIMMED_WORDS:
        return fuzz.ratio(a, b) >= SAME_QUOTE
    return ratio >= SAME_QUOTE or (ratio >= TRANSLATION and shared >= SHARED_WORDS)


def _find(groups, words_index, text: str, words: set[str]) -> _Group | None:
    """The first group of the speaker's (``words_index``) that ``text`` is a wording of."""
    counts: Counter[int] = Counter()
    for word in words:
        counts.update(words_index.get(word, ()))
    for number, shared in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        group = groups[number]
        if any(same_quote(text, other, shared) for other in group.texts):
            return group
    return None


def _key_of(group: _Group, text: str) -> str:
    """``quote_key(text)`` for a text of the group: normalised when it was read."""
    return next(key for _, quote, key in group.quotes if quote.text == text)


def _canonical(corpus: MergedCorpus, group: _Group) -> CanonicalQuote:
    texts = Counter(q.text for _, q, _ in group.quotes)
    text = sorted(texts, key=lambda t: (-texts[t], -len(t), t))[0]
    intermediaries, event = set(), None
    for article_id, quote, _ in group.quotes:
        if quote.intermediary and (
            via := corpus.resolution.get(LocalRef(article_id, quote.intermediary))
        ):
            intermediaries.add(via)
        if quote.event and event is None:
            event = corpus.resolution.get(LocalRef(article_id, quote.event))
    variants = sorted(
        (QuoteVariant(a, q.text, q.start, q.end) for a, q, _ in group.quotes),
        key=lambda v: (v.article_id, v.start),
    )
    return CanonicalQuote(
        id=node_id("quote", short_hash(group.speaker, _key_of(group, text))),
        text=text,
        speaker=group.speaker,
        intermediaries=sorted(intermediaries),
        event=event,
        variants=variants,
    )
