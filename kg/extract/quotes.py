"""Direct quotes and who said them.

    extract_quotes(ctx)              the registered extractor ("quotes")
    quote_spans(text) -> list[tuple[int, int]]   offsets of quoted words in a text

For every quotation (curly, straight or guillemet double quotes; single
quotes too when they close inside a sentence):

1. Find the speech verb it belongs to: the verb whose clause the quote is
   ("“...,” he said", "said that he “chose Russia”"), else the nearest
   speech verb of the sentences it touches (``data/speech_verbs.txt``), or
   "according to X".  No attribution and at most three words: a scare quote
   ("a “no-limits” partnership"), skipped.
2. The speaker is the verb's subject: a name, a pronoun ("he said": the
   person the text was last about) or a role ("the Russian president
   said"); "according to TASS" and "released by the Kremlin" name the
   intermediary when someone else spoke.
3. The quote belongs to the event named in its attribution ("during the
   meeting") or else to the speech act itself, a Statement event.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.coref import resolve_nominal
from kg.extract.docindex import DocIndex, doc_index
from kg.extract.events import (
    borrowed_subjects,
    noun_sense,
    referred_event,
    speech_verbs,
    word_list,
)
from kg.extract.registry import extractor
from kg.extract.salience import Salience
from kg.model import PERSON, Entity, Event, Mention, Quote
from kg.model import Span as TextSpan

__all__ = ["extract_quotes", "quote_spans", "speech_verbs"]

EXTRACTOR_NAME = "quotes"
SCARE_QUOTE_WORDS = 3  # a quote this short with no one saying it is a scare quote

# Pairs that need no care: the opening and closing marks differ.
_PAIRED = (
    re.compile(r"“([^“”\n]+)”"),
    re.compile(r"«([^«»\n]+)»"),
    re.compile(r"„([^„“”\n]+)[“”]"),
    # single quotes: opening after a space or bracket, closing before a non-letter,
    # so that "Li’s" and "countries’ ties" are apostrophes; and never before a digit,
    # so that "the ’90s" is an elision
    re.compile(r"(?<![\w’'])‘(?!\d)([^‘’\n]+?)’(?!\w)"),
    re.compile(r"(?<![\w’'])'(?=[^\s\d])([^'\n]+?)(?<=\S)'(?!\w)"),
)
_DOUBLE_PAIRS = 3  # the first three of _PAIRED; single quotes after them
_STRAIGHT_MARK = re.compile('"')
_TRAILING = " \t,;:"
_PERSONAL = frozenset({"he", "she", "him", "her"})
_SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "acl", "xcomp"})
_PREDICATE_DEPS = frozenset({"acomp", "attr", "oprd"})  # "was “good”", "is “a disgrace”"
_REPORT_DEPTH = 3  # clauses between a speech verb and a predicate it reports


@functools.lru_cache(maxsize=1)
def relay_verbs() -> frozenset[str]:
    """Lemmas of the verbs whose "by" phrase passes a quote on (``data/relay_verbs.txt``)."""
    return word_list("relay_verbs.txt")


def quote_spans(text: str, *, singles: bool = True) -> list[tuple[int, int]]:
    """``(start, end)`` of the words inside each pair of quotation marks (double ones
    only, without ``singles``).

    Straight double quotes pair up in order within a line; an unpaired
    opening mark (a quote running on into the next paragraph) is left out.
    Quotes inside other quotes are left to the outer one.
    """
    patterns = _PAIRED if singles else _PAIRED[:_DOUBLE_PAIRS]
    found = [(m.start(1), m.end(1)) for pattern in patterns for m in pattern.finditer(text)]
    offset = 0
    for line in text.split("\n"):
        marks = [m.start() for m in _STRAIGHT_MARK.finditer(line)]
        for open_, close in zip(marks[::2], marks[1::2], strict=False):
            if close > open_ + 1:
                found.append((offset + open_ + 1, offset + close))
        offset += len(line) + 1
    found.sort(key=lambda s: (s[0], -s[1]))
    outer: list[tuple[int, int]] = []
    for start, end in found:
        if not outer or start >= outer[-1][1]:
            outer.append((start, end))
    return outer


# --- the extractor ---------------------------------------------------------------------


@extractor(version=11)
def extract_quotes(ctx: ArticleContext) -> None:
    """Append each direct quote with its speaker, intermediary and event."""
    reader = _QuoteReader(ctx, Salience(ctx))
    for doc, base in ctx.docs:
        sents = doc_index(doc)
        spans = quote_spans(sents.text)
        # what hides a speech verb: double quotes only ("'90s ... players'" are no quote)
        doubles = quote_spans(sents.text, singles=False) if spans else []
        for start, end in spans:
            quote = reader.read(sents, base, start, end, doubles)
            if quote is not None:
                ctx.extraction.quotes.append(quote)


@dataclass
class _Attribution:
    verb: Token | None  # the speech verb, if any
    sentence: Span  # the sentence the attribution is in
    according_to: Token | None = None  # the head of X in "according to X"


@dataclass
class _QuoteReader:
    ctx: ArticleContext
    references: Salience  # what "he" and "the company" refer to
    _last: Quote | None = None  # the quote read last, for quotes that run on

    @property
    def extractor_name(self) -> str:
        return f"{EXTRACTOR_NAME}/{extract_quotes.version}"  # type: ignore[attr-defined]

    def read(
        self, sents: DocIndex, base: int, start: int, end: int, doubles: list[tuple[int, int]]
    ) -> Quote | None:
        doc = sents.doc
        start, end = _trim(sents.text, start, end)
        inside = doc.char_span(start, end, alignment_mode="expand")
        if inside is None or len(inside) == 0 or not sents.text[start:end].strip():
            return None
        attribution = _attribution(sents, inside, doubles)
        if attribution is None:
            # a quote running on from the one before ("“A,” he said. “B.”"); else
            # no one is said to say it: a scare quote or a title
            return self._continued(sents, base, start, end, inside)
        speaker = self._speaker(attribution, inside, base)
        intermediary = self._intermediary(attribution, base, speaker)
        if speaker is None and intermediary is not None and attribution.verb is None:
            speaker, intermediary = intermediary, None  # "... “text”, according to TASS"
        if _is_scare_quote(inside, attribution):
            return None
        confidence = 0.9 if speaker is not None else 0.5
        evidence = self.ctx.evidence(attribution.sentence, base, self.extractor_name, confidence)
        quote = Quote(
            text=sents.text[start:end],
            start=base + start,
            end=base + end,
            speaker=speaker.key if speaker else None,
            intermediary=intermediary.key if intermediary else None,
            event=self._event(attribution, inside, base, speaker, evidence),
            evidence=evidence,
        )
        self._last = quote
        return quote

    def _continued(
        self, sents: DocIndex, base: int, start: int, end: int, inside: Span
    ) -> Quote | None:
        """A whole quoted sentence right after an attributed quote: the same speaker."""
        last = self._last
        if last is None or last.evidence is None or last.speaker is None:
            return None
        between = self.ctx.article.text[max(last.end, last.evidence.end) : base + start]
        if between.strip(' \t\n\r“”"«».,') or _word_count(inside) <= SCARE_QUOTE_WORDS:
            return None
        sent = sents.sentence_of(inside.start)
        evidence = self.ctx.evidence(sent, base, self.extractor_name, 0.7)
        quote = Quote(
            text=sents.text[start:end],
            start=base + start,
            end=base + end,
            speaker=last.speaker,
            intermediary=last.intermediary,
            event=last.event,
            evidence=evidence,
        )
        self._last = quote
        return quote

    # --- who spoke ---------------------------------------------------------------

    def _speaker(self, attribution: _Attribution, inside: Span, base: int) -> Entity | None:
        verb = attribution.verb
        if verb is None:
            return self._entity(attribution.according_to, base)
        if any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children):
            # "it was said by X": the "by" phrase speaks, not the subject
            subjects = [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]
        else:
            subjects = [c for c in verb.children if c.dep_ == "nsubj" and not _within(c, inside)]
        subjects = subjects or [s for s in borrowed_subjects(verb) if not _within(s, inside)]
        # '“...,” said Putin': some parses make the name an object
        subjects += [
            c
            for c in verb.children
            if c.dep_ in ("dobj", "attr") and c.i > verb.i and c.i > inside.end
        ]
        for subject in subjects:
            if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
                subject = verb.head  # "Blinken, who said ..."
            entity = self._entity(subject, base)
            if entity is not None:
                return entity
        if verb.dep_ == "conj" and (outer := self._outer_speaker(verb, inside, base)):
            return outer
        according = self._entity(attribution.according_to, base)
        return according if according is not None and according.kind == PERSON else None

    def _outer_speaker(self, verb: Token, inside: Span, base: int) -> Entity | None:
        """ "Aas denied that staff were paid less and called the demands '...'": the
        parser joined "called" to the reported clause; the person who reports it
        speaks."""
        node = verb.head
        while node.dep_ in ("conj", "ccomp") and node.head != node:
            node = node.head
            subjects = [c for c in node.children if c.dep_ == "nsubj" and not _within(c, inside)]
            for subject in subjects:
                entity = self._entity(subject, base)
                if entity is not None and entity.kind == PERSON:
                    return entity
        return None

    def _entity(self, token: Token | None, base: int) -> Entity | None:
        """The entity a noun phrase names, a pronoun points to, or a role describes."""
        if token is None:
            return None
        entity = self.ctx.head_entity(token, base)
        if entity is not None:
            return entity
        for child in token.children:
            if child.dep_ in ("appos", "compound"):
                entity = self.ctx.entity_of_token(child, base)
                if entity is not None:
                    return entity
        if token.lower_ in _PERSONAL:
            return self.references.pronoun(token)
        if token.pos_ == "NOUN" and (source := self._source_of(token, base)) is not None:
            return source  # "a statement by Boeing said", "a statement from the Kremlin said"
        if token.pos_ == "NOUN":
            nominal = token.doc[token.left_edge.i : token.i + 1]
            holder = resolve_nominal(self.ctx, nominal, base)
            if holder is None and _is_definite_title(nominal):
                # "the secretary general said": no role recorded, so whom the text is about
                holder = self.references.about(token, frozenset({PERSON}))
            return holder or self.references.description(token)  # "the company said"
        return None

    def _source_of(self, noun: Token, base: int) -> Entity | None:
        for prep in noun.children:
            if prep.lower_ in ("by", "from") or prep.dep_ == "agent":
                for pobj in _pobjs(prep):
                    entity = self._entity(pobj, base)
                    if entity is not None:
                        return entity
        return None

    def _intermediary(
        self, attribution: _Attribution, base: int, speaker: Entity | None
    ) -> Entity | None:
        """ "according to TASS", "in a statement released by the Kremlin"."""
        candidates = [attribution.according_to]
        if attribution.verb is not None:
            candidates += _relayed_by(attribution.verb)
        for token in candidates:
            entity = self._entity(token, base) if token is not None else None
            if entity is not None and entity.kind != PERSON and entity != speaker:
                return entity
        return None

    # --- which event ---------------------------------------------------------------

    def _event(
        self,
        attribution: _Attribution,
        inside: Span,
        base: int,
        speaker: Entity | None,
        evidence,
    ) -> str | None:
        verb = attribution.verb
        if verb is None:
            return None
        # "said in comments opening the meeting", "said during his visit"
        for token in verb.subtree:
            if not _within(token, inside) and token != verb and noun_sense(token) is not None:
                event = referred_event(self.ctx, token, base)
                if event is not None and event.kind != "Statement":
                    return event.key
        start = base + verb.idx
        for event in self.ctx.extraction.events:
            if event.trigger.start == start:
                if event.kind == "Statement" and speaker is not None:
                    event.agent = speaker.key  # the quote's attribution knows better
                return event.key
        if speaker is None:
            return None
        return self._new_statement(verb, attribution.sentence, base, speaker, evidence)

    def _new_statement(
        self, verb: Token, evidence_sentence: Span, base: int, speaker: Entity, evidence
    ) -> str:
        sent = evidence_sentence
        sent_start = base + sent.start_char
        start = base + verb.idx
        event = Event(
            key=self.ctx.new_key("v"),
            kind="Statement",
            trigger=Mention(
                start=start,
                end=start + len(verb.text),
                text=verb.text,
                kind="Event",
                source_label="verb",
                sentence=TextSpan(
                    sent_start, sent_start + len(doc_index(sent.doc).text_of(sent).rstrip())
                ),
            ),
            agent=speaker.key,
            evidence=evidence,
        )
        self.ctx.extraction.events.append(event)
        return event.key


# --- finding the attribution --------------------------------------------------------


def _attribution(
    sents: DocIndex, inside: Span, quoted: list[tuple[int, int]]
) -> _Attribution | None:
    """The speech verb, or "according to", that the quote belongs to; ``quoted`` are the
    text's double-quoted spans, where no speech verb is the narrator's."""
    verbs = speech_verbs()
    # 1. the verb whose clause the quote is: "said that he “chose Russia”"
    for token in inside:
        if token.head.i < inside.start or token.head.i >= inside.end:
            for ancestor in _ancestors(token, 4):
                if _within(ancestor, inside) or _other_paragraph(ancestor, inside):
                    continue
                if ancestor.pos_ in ("VERB", "AUX") and ancestor.lemma_.lower() in verbs:
                    sent = sents.sentence_of(ancestor.i)
                    return _Attribution(ancestor, sent, _according_to(sent, inside))
    # 2. the nearest speech verb around the quote: "“...” \n he said"
    sentences = list(_nearby_sentences(sents, inside))
    candidates = [
        (t, s)
        for s in sentences
        for t in s
        if t.pos_ in ("VERB", "AUX")
        and t.lemma_.lower() in verbs
        and not _within(t, inside)
        and not _quoted(t, quoted)
        and not _other_paragraph(t, inside)
    ]
    if candidates:
        verb, sent = min(candidates, key=lambda c: _distance(c[0], inside))
        return _Attribution(verb, sent, _according_to(sent, inside))
    # 3. "according to X" alone
    for sent in sentences:
        according = _according_to(sent, inside)
        if according is not None:
            return _Attribution(None, sent, according)
    return None


def _nearby_sentences(sents: DocIndex, inside: Span) -> Iterator[Span]:
    """The sentences the quote touches, the one before if it ends with a colon,
    and the one right after when the quote ends its own."""
    doc = sents.doc
    first, last = sents.sentence_index(inside.start), sents.sentence_index(inside.end - 1)
    if first > 0 and sents.text_of(sents.sents[first - 1]).rstrip().endswith(":"):
        yield sents.sents[first - 1]
    yield from sents.sents[first : last + 1]
    after_start = sents.sents[last].end
    if after_start < len(doc) and sents.text[
        inside.end_char : sents.token_starts[after_start]
    ].strip() in (
        "",
        *"”\"»'’,.",
        ",”",
        ".”",
        ',"',
        '."',
    ):
        yield sents.sents[last + 1]


def _according_to(sent: Span, inside: Span) -> Token | None:
    for token in sent:
        if token.lower_ == "according" and not _within(token, inside):
            for to in token.children:
                if to.lower_ == "to":
                    pobjs = [c for c in to.children if c.dep_ == "pobj"]
                    if pobjs:
                        return pobjs[0]
    return None


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _relayed_by(verb: Token) -> list[Token]:
    """ "said in a statement released by the Kremlin" -> the Kremlin."""
    found = []
    for token in verb.subtree:
        if token.dep_ == "agent" and token.head.lemma_.lower() in relay_verbs():
            found += [c for c in token.children if c.dep_ == "pobj"]
    return found


# --- small helpers ---------------------------------------------------------------------


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Without surrounding spaces and the comma that stands in for a full stop."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAILING:
        end -= 1
    return start, end


_BLANK_LINE = re.compile(r"\n[^\S\n]*\n")


def _other_paragraph(token: Token, inside: Span) -> bool:
    """A blank line between the word and the quote: the parser joined two paragraphs."""
    first, last = sorted((token.i, inside.start))
    return _BLANK_LINE.search(doc_index(token.doc).tokens_text(first, last)) is not None


def _is_definite_title(nominal: Span) -> bool:
    """ "the secretary general", "the Russian president": a role, not a name."""
    if nominal[0].lower_ != "the":
        return False
    words = [t.text for t in nominal]
    titles = gazetteer.load()
    return any(titles.title_at(words, i) is not None for i in range(1, len(words)))


def _within(token: Token, inside: Span) -> bool:
    return inside.start <= token.i < inside.end


def _quoted(token: Token, quoted: list[tuple[int, int]]) -> bool:
    """Is the token inside one of the text's quotes?  Counting the marks before it in
    its sentence would not do: a quote of two sentences closes in the second one."""
    at = bisect.bisect_right(quoted, (token.idx, len(token.doc.text))) - 1
    return at >= 0 and quoted[at][0] <= token.idx < quoted[at][1]


def _ancestors(token: Token, depth: int) -> Iterator[Token]:
    node = token
    for _ in range(depth):
        if node.head == node:
            return
        node = node.head
        yield node


def _distance(token: Token, inside: Span) -> int:
    if token.i >= inside.end:
        return token.idx - inside.end_char
    return inside.start_char - token.idx


def _is_scare_quote(inside: Span, attribution: _Attribution) -> bool:
    """A few words that say nothing by themselves ("a “no-limits” partnership").

    Short quotes count as said only when they hold a verb ("he “chose
    Russia”") or are what the speech verb says: "called it “unacceptable”",
    "described the talks as “constructive”" (after the verb's object, not
    before the noun they qualify), or what a clause it reports predicates:
    "said the deal was “good for all”".
    """
    if _word_count(inside) > SCARE_QUOTE_WORDS:
        return False
    if any(t.pos_ in ("VERB", "AUX") for t in inside):
        return False
    verb = attribution.verb
    if verb is None:
        return True
    outer = [t for t in inside if not t.is_punct and not _within(t.head, inside)]
    if any(_is_reported_predicate(t, verb) for t in outer):
        return False
    heads = [t.head for t in outer]
    return not any(h == verb or (h.head == verb and h.i < inside.start) for h in heads)


def _is_reported_predicate(token: Token, verb: Token) -> bool:
    """Is the token what a clause reported by ``verb`` says its subject is?"""
    if token.dep_ not in _PREDICATE_DEPS:
        return False
    node = token.head
    for _ in range(_REPORT_DEPTH):
        if node == verb:
            return True
        if node.dep_ not in ("ccomp", "conj") or node.head == node:
            return False
        node = node.head
    return node == verb


def _word_count(span: Span) -> int:
    return sum(1 for t in span if not t.is_punct and not t.is_space)
