"""Events and the relations they imply, read from the dependency parse.

    extract_events(ctx)               the registered extractor ("events")
    event_classes() -> EventClasses   verb and noun classes (data/event_classes.json)
    modality(trigger, sent) -> Modality   negation and hedging of one event word
    referred_event(ctx, token, base)  the event a noun such as "the meeting" points back to

Which words report which kind of event lives in ``data/event_classes.json``
and the cues for negation and hedging in ``data/event_cues.json``; users
may extend both.  For each sentence:

1. Verbs are matched against the classes by lemma plus the words that go
   with them ("hold talks", "take part in"); the nouns a pattern uses are
   consumed, so "hold talks" is one event, not two.
2. In reading order, every matched verb and every other event noun ("Li's
   trip to Russia") becomes an :class:`Event` with agent, participants,
   place, time and duration.  A bare "the meeting" points back to the
   latest meeting instead of making a new one, and a second report of an
   event already seen in the article is folded into it.
3. The event's class implies relation claims (``met``, ``visited``,
   ``attended`` ...), negated or hedged exactly as the event is.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain

from spacy import symbols
from spacy.tokens import Span, Token

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.coref import resolve_nominal
from kg.extract.docindex import doc_index
from kg.extract.registry import extractor
from kg.extract.salience import Salience
from kg.extract.time import find_times
from kg.model import (
    COUNTRY,
    ORGANIZATION,
    PERSON,
    PLACE_KINDS,
    Claim,
    Entity,
    Event,
    Evidence,
    Mention,
    TimeValue,
)
from kg.model import Span as TextSpan

__all__ = [
    "Cues",
    "borrowed_subjects",
    "EventClasses",
    "Modality",
    "Sense",
    "cues",
    "event_classes",
    "extract_events",
    "match_verb",
    "modality",
    "noun_sense",
    "referred_event",
    "speech_verbs",
    "story_date",
]

EXTRACTOR_NAME = "events"

# --- dependency label sets -----------------------------------------------------------

# Dependents that open a clause of their own: arguments, negation and times stop there.
_CLAUSE_DEPS = frozenset({"ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl"})
_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_OBJECT_DEPS = frozenset({"dobj", "dative", "oprd"})
# Links along which a governing word's negation or modality reaches the event:
# "refused to criticise" (xcomp), "accused X of mulling" (pcomp, prep).
_CONTROL_DEPS = frozenset({"xcomp", "pcomp", "prep"})
# Links along which a verb without a subject borrows one.
_SUBJECT_SHARING_DEPS = frozenset({"xcomp", "conj", "pcomp", "prep", "advcl", "acomp"})
# Prepositions after people who stand for an organisation ("officials from the ministry").
_MEMBER_LINKS = frozenset({"from", "of", "at"})
# Prepositions whose object takes part in any event ("a drill with NATO").
_PARTICIPANT_PREPS = frozenset({"with", "between", "among"})
# Prepositions whose place object is where the event happened.
_PLACE_PREPS = frozenset({"in", "at", "inside", "near", "above"})
_UNTIL = frozenset({"until", "till", "til"})
# "killed in the earthquake", "died during the floods", "injuries from the storm"
_VICTIM_PREPS = frozenset({"in", "during", "from"})
# "the storm over the budget": what a figure of speech is about
_TOPIC_PREPS = frozenset({"over", "about", "surrounding"})
# "During a meeting with Li, Putin said": the event noun shares the clause's subject.
_SHARED_SUBJECT_PREPS = frozenset({"during", "at", "in", "after", "before", "ahead", "following"})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_PERSONAL_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "it"})
_POSSESSIVE_MARKS = frozenset({"'s", "’s", "'", "’"})
_QUOTE_MARKS = frozenset({'"', "“", "”", "«", "»", "``", "''"})
_TIME_LABELS = frozenset({"DATE", "TIME"})
_DURATION_WORD = re.compile(r"^[\w.]+-(\w+?)s?(?:-long)?$")


# --- the classes and the cues (data files) ---------------------------------------------


@dataclass(frozen=True)
class Sense:
    """One kind of event and the relation it implies from its agent to its object."""

    kind: str  # kg event class local name
    predicate: str | None  # kg property, or None when the event implies no relation
    object: str  # what the predicate points to: "agent", "place", "event" or "none"
    object_preps: frozenset[str] = frozenset()
    symmetric: bool = False
    possessor_object: bool = False
    event_kinds: frozenset[str] = frozenset()
    requires_object: bool = False
    requires_agent: bool = False  # verbs only: "the planes would meet demand" is no meeting
    object_kinds: frozenset[str] = frozenset()  # entity kinds the object may be; empty: any
    requires_clause: bool = False
    # a noun that names an event only as what is attended ("did not attend Thursday's vote")
    attended_only: bool = False
    # verbs that report words: told in the simple past with no time of its own, what they
    # report happened on the story's day (empty: none; see event_classes.json)
    story_verbs: frozenset[str] = frozenset()
    agentless: bool = False  # a disaster: no one in the clause around it caused it
    # the noun names an event only as the subject of one of these verbs, whose
    # clause gives its time and place ("an earthquake struck Morocco on Friday")
    impact_verbs: frozenset[str] = frozenset()
    # verbs whose "in", "during" or "from" names the disaster ("killed in the earthquake")
    victim_verbs: frozenset[str] = frozenset()
    figurative_modifiers: frozenset[str] = frozenset()  # "a political storm"
    literal_modifiers: frozenset[str] = frozenset()  # "flash floods": any other noun is a figure


@dataclass(frozen=True)
class VerbPattern:
    lemma: str
    words: tuple[str, ...]  # particles, prepositions and objects that go with the verb
    sense: Sense


@dataclass(frozen=True)
class EventClasses:
    verbs: dict[str, tuple[VerbPattern, ...]]  # by verb lemma, longest pattern first
    nouns: dict[str, Sense]
    light_verbs: frozenset[str] = frozenset()  # "paid a visit": the subject is the agent


@dataclass(frozen=True)
class Cues:
    negation: frozenset[str]
    negating_verbs: frozenset[str]
    negating_preps: frozenset[str]
    hedge_modals: frozenset[str]
    hedge_verbs: frozenset[str]
    hedge_report_verbs: frozenset[str]
    hedge_adverbs: frozenset[str]
    hedge_phrases: tuple[re.Pattern[str], ...]
    duration_units: frozenset[str]
    measure_nouns: frozenset[str] = frozenset()
    hedge_adjectives: frozenset[str] = frozenset()


def _data_text(name: str) -> str:
    return (resources.files("kg.extract") / "data" / name).read_text(encoding="utf-8")


def word_list(name: str) -> frozenset[str]:
    """The lower-case lines of a word list in ``data/``, without '#' comments."""
    lines = (line.split("#", 1)[0].strip().lower() for line in _data_text(name).splitlines())
    return frozenset(line for line in lines if line)


@functools.lru_cache(maxsize=1)
def speech_verbs() -> frozenset[str]:
    """Lemmas of the verbs that report words (``data/speech_verbs.txt``)."""
    return word_list("speech_verbs.txt")


@functools.lru_cache(maxsize=1)
def event_classes() -> EventClasses:
    """The verb and noun classes of ``data/event_classes.json``."""
    verbs: dict[str, list[VerbPattern]] = {}
    nouns: dict[str, Sense] = {}
    data = json.loads(_data_text("event_classes.json"))
    for entry in data["senses"]:
        sense = Sense(
            kind=entry["kind"],
            predicate=entry.get("predicate"),
            object=entry.get("object", "none"),
            object_preps=frozenset(entry.get("object_preps", ())),
            symmetric=entry.get("symmetric", False),
            possessor_object=entry.get("possessor_object", False),
            event_kinds=frozenset(entry.get("event_kinds", ())),
            requires_object=entry.get("requires_object", False),
            requires_agent=entry.get("requires_agent", False),
            object_kinds=frozenset(entry.get("object_kinds", ())),
            requires_clause=entry.get("requires_clause", False),
            attended_only=entry.get("attended_only", False),
            story_verbs=_story_verbs(entry),
            agentless=entry.get("agentless", False),
            impact_verbs=_lower_set(entry, "impact_verbs"),
            victim_verbs=_lower_set(entry, "victim_verbs"),
            figurative_modifiers=_lower_set(entry, "figurative_modifiers"),
            literal_modifiers=_lower_set(entry, "literal_modifiers"),
        )
        for phrase in entry.get("verbs", ()):
            lemma, *words = phrase.lower().split()
            verbs.setdefault(lemma, []).append(VerbPattern(lemma, tuple(words), sense))
        for noun in entry.get("nouns", ()):
            nouns.setdefault(noun.lower(), sense)
    ordered = {k: tuple(sorted(v, key=lambda p: -len(p.words))) for k, v in verbs.items()}
    light = frozenset(w.lower() for w in data.get("light_verbs", ()))
    return EventClasses(verbs=ordered, nouns=nouns, light_verbs=light)


def _lower_set(entry: dict, key: str) -> frozenset[str]:
    return frozenset(word.lower() for word in entry.get(key, ()))


def _story_verbs(entry: dict) -> frozenset[str]:
    """The verb lemmas ``dated_by_story`` names: all the sense's (true) or those listed."""
    dated = entry.get("dated_by_story", False)
    if dated is True:
        return frozenset(phrase.lower().split()[0] for phrase in entry.get("verbs", ()))
    return frozenset(word.lower() for word in dated or ())


@functools.lru_cache(maxsize=1)
def cues() -> Cues:
    """The negation and hedging cues of ``data/event_cues.json``."""
    raw = json.loads(_data_text("event_cues.json"))
    words = {k: frozenset(w.lower() for w in v) for k, v in raw.items() if isinstance(v, list)}
    phrases = sorted(raw["hedge_phrases"], key=len, reverse=True)
    return Cues(
        negation=words["negation"],
        negating_verbs=words["negating_verbs"],
        negating_preps=words["negating_preps"],
        hedge_modals=words["hedge_modals"],
        hedge_verbs=words["hedge_verbs"],
        hedge_report_verbs=words["hedge_report_verbs"],
        hedge_adverbs=words["hedge_adverbs"],
        hedge_adjectives=words.get("hedge_adjectives", frozenset()),
        hedge_phrases=tuple(re.compile(rf"\b{re.escape(p.lower())}\b") for p in phrases),
        duration_units=words["duration_units"],
        measure_nouns=words.get("measure_nouns", frozenset()),
    )


_VERB_POS = frozenset({symbols.VERB, symbols.AUX})  # what match_verb reads
_NOUN_POS = frozenset({symbols.NOUN, symbols.PROPN})  # what noun_sense reads


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _matches(token: Token, word: str) -> bool:
    return _lemma(token) == word or token.lower_ == word


def match_verb(
    token: Token, classes: EventClasses | None = None
) -> tuple[VerbPattern, list[Token]] | None:
    """The longest verb pattern headed by ``token``, and the words it used.

    Each word of a pattern must hang on the verb or on the word matched
    before it: "take part in" matches "took part in the talks" and "took
    part yesterday in the talks", never two unrelated words of the sentence.
    """
    classes = classes or event_classes()
    if token.pos_ not in ("VERB", "AUX"):
        return None
    for pattern in classes.verbs.get(_lemma(token), ()):
        used: list[Token] = []
        for word in pattern.words:
            anchors = [token, *used[-1:]]
            found = next(
                (
                    c
                    for a in anchors
                    for c in a.children
                    if c.dep_ not in _CLAUSE_DEPS
                    and c not in used
                    and _matches(c, word)
                    and not _is_time_phrase(c)
                ),
                None,
            )
            if found is None:
                break
            used.append(found)
        else:
            return pattern, used
    return None


def _is_time_phrase(prep: Token) -> bool:
    """ "agreed on Tuesday": the "on" of a date is not the "on" of "agree on"."""
    return prep.dep_ == "prep" and any(
        p.dep_ == "pobj" and p.ent_type_ in _TIME_LABELS for p in prep.children
    )


def noun_sense(token: Token, classes: EventClasses | None = None) -> Sense | None:
    """The event class a noun names ("meeting", "trip"), if any."""
    classes = classes or event_classes()
    if token.pos_ not in ("NOUN", "PROPN"):
        return None
    return classes.nouns.get(_lemma(token)) or classes.nouns.get(token.lower_)


# --- modality: negation and hedging ----------------------------------------------------


@dataclass(frozen=True)
class Modality:
    negated: bool = False
    hedged: bool = False
    hedge: str | None = None  # the hedging cue as written: "considering", "may"
    negation: str | None = None  # the negation cue as written: "not", "refused"


def modality(trigger: Token, sent: Span, cue_words: Cues | None = None) -> Modality:
    """Is the event named by ``trigger`` denied, or only possible?

    Negation reaches the trigger from the words that govern it inside its
    clause ("did not meet", "refused to criticise", "no mention of a
    meeting").  Hedges come from the same words ("may meet", "considering
    providing"), from a reporting verb whose clause the trigger is in
    ("claims that ..."), and from sentence-wide phrases ("as far as we know").
    """
    cue_words = cue_words or cues()
    negation: str | None = None
    hedge: str | None = None
    for node in _governors(trigger):
        negation = negation or _negation_cue(node, trigger, cue_words)
        hedge = hedge or _hedge_cue(node, trigger, cue_words)
    hedge = hedge or _reported_hedge(trigger, cue_words) or _phrase_hedge(trigger, sent, cue_words)
    return Modality(
        negated=negation is not None, hedged=hedge is not None, hedge=hedge, negation=negation
    )


def _governors(trigger: Token) -> Iterator[Token]:
    """The trigger and the words above it whose negation or modality it inherits."""
    yield trigger
    node = trigger
    is_noun = trigger.pos_ in ("NOUN", "PROPN")
    while node.head != node:
        if (
            node.dep_ in _CONTROL_DEPS
            or (is_noun and node.dep_ in ("pobj", "dobj"))
            or _purpose_clause(node)
        ):
            node = node.head
            yield node
        else:
            break


def _purpose_clause(verb: Token) -> bool:
    """ "may travel to Cairo to meet CAF officials": the meeting is as sure as the trip."""
    children = list(verb.children)
    return (
        verb.dep_ == "advcl"
        and any(c.dep_ == "aux" and c.tag_ == "TO" for c in children)
        and not any(c.dep_ in _SUBJECT_DEPS for c in children)
    )


def _negation_cue(node: Token, trigger: Token, cue_words: Cues) -> str | None:
    if node != trigger:
        if _lemma(node) in cue_words.negating_verbs or node.lower_ in cue_words.negating_preps:
            return node.text
        if node.pos_ in ("VERB", "AUX") and trigger.pos_ in ("NOUN", "PROPN"):
            return None  # "did not attend the meeting" denies the attending, not the meeting
    for child in node.children:
        if child.dep_ == "neg":
            return child.text
        if child.dep_ in _SUBJECT_DEPS and node == trigger:
            # "Neither Putin nor Xi attended", "No leader attended"
            for word in child.children:
                if word.dep_ in ("preconj", "det") and word.lower_ in cue_words.negation:
                    return word.text
        if child.dep_ in ("det", "advmod", "preconj") and child.lower_ in cue_words.negation:
            return child.text
    return None


def _hedge_cue(node: Token, trigger: Token, cue_words: Cues) -> str | None:
    if node != trigger and node.pos_ == "VERB" and _lemma(node) in cue_words.hedge_verbs:
        return node.text
    if node != trigger and node.pos_ == "ADJ" and node.lower_ in cue_words.hedge_adjectives:
        return node.text  # "is due to meet"
    for child in node.children:
        if child.dep_ == "aux" and child.lower_ in cue_words.hedge_modals:
            return child.text
        if child.dep_ == "advmod" and child.lower_ in cue_words.hedge_adverbs:
            return child.text
    return None


def _reported_hedge(trigger: Token, cue_words: Cues) -> str | None:
    """ "X claims (that) Y met Z", "claims that ...": the reported clause is not asserted."""
    node = trigger
    while node.head != node:
        head = node.head
        if node.dep_ == "ccomp" and _lemma(head) in cue_words.hedge_report_verbs:
            return head.text
        if node.dep_ == "acl" and _lemma(head) in cue_words.hedge_report_verbs:
            return head.text  # the noun: "claims that Beijing is arming Moscow"
        node = head
    return None


def _phrase_hedge(trigger: Token, sent: Span, cue_words: Cues) -> str | None:
    """ "As far as we know, they haven't crossed": the phrase hedges its own clause
    and the clauses below it, not the "he told" it is quoted by."""
    text = doc_index(sent.doc).text_of(sent).lower().replace("’", "'")
    if not _any_of(cue_words.hedge_phrases).search(text):
        return None  # most sentences hold no hedging phrase: one scan instead of one each
    for pattern in cue_words.hedge_phrases:
        for found in pattern.finditer(text):
            first = sent.char_span(found.start(), found.end(), alignment_mode="expand")
            if first is not None and _clause_head(first[0]) in (trigger, *trigger.ancestors):
                return found.group(0)
    return None


@functools.lru_cache(maxsize=4)
def _any_of(patterns: tuple[re.Pattern[str], ...]) -> re.Pattern[str]:
    """A pattern that matches somewhere exactly when one of ``patterns`` does."""
    return re.compile("|".join(f"(?:{p.pattern})" for p in patterns))


def _clause_head(token: Token) -> Token:
    node = token
    while node.dep_ not in _CLAUSE_DEPS and node.head != node:
        node = node.head
    return node


# --- the extractor ---------------------------------------------------------------------


@extractor(version=36)
def extract_events(ctx: ArticleContext) -> None:
    """Append events and the relation claims they imply to ``ctx.extraction``."""
    reader = _EventReader(ctx, event_classes(), cues(), Salience(ctx))
    for sent, base in ctx.sentences():
        reader.read_sentence(sent, base)
    reader.date_by_story()


def referred_event(ctx: ArticleContext, token: Token, base: int) -> Event | None:
    """The event a noun like "the meeting" names: the latest of its kind up to there."""
    sense = noun_sense(token)
    if sense is None:
        return None
    offset = base + token.idx
    for event in reversed(ctx.extraction.events):
        if event.kind == sense.kind and event.trigger.start <= offset:
            return event
    return None


@dataclass
class _Args:
    """The entities filling an event's slots, and how sure we are of them."""

    agents: list[str] = field(default_factory=list)
    objects: list[str] = field(default_factory=list)  # what the predicate points to
    participants: list[str] = field(default_factory=list)
    place: str | None = None
    via_pronoun: bool = False
    has_subject: bool = True  # False for "Meet the Press": no one is said to act
    borrowed: bool = False  # the agent was taken from the surrounding clause

    def entities(self) -> set[str]:
        return {*self.agents, *self.objects, *self.participants, *filter(None, [self.place])}

    def others(self) -> list[str]:
        """Everyone taking part besides the agent."""
        return _unique([*self.agents[1:], *self.objects, *self.participants])


@dataclass
class _EventReader:
    ctx: ArticleContext
    classes: EventClasses
    cue_words: Cues
    references: Salience  # what pronouns and descriptions refer to
    salient: str | None = None  # the event last named, for "X was also present"
    times: list[TimeValue] = field(default_factory=list)  # every time expression read so far
    undated: list[tuple[str, int]] = field(default_factory=list)  # (event key, offset)

    @property
    def extractor_name(self) -> str:
        return f"{EXTRACTOR_NAME}/{extract_events.version}"  # type: ignore[attr-defined]

    def read_sentence(self, sent: Span, base: int) -> None:
        # 1. verb patterns, and the nouns they use; only verbs and nouns whose words
        # the classes list can name events, so no Token is made for the other words
        doc, index = sent.doc, doc_index(sent.doc)
        pos, lemmas, lowers = index.pos, index.lemmas_lower, index.lowers
        verbs, nouns = self.classes.verbs, self.classes.nouns
        tokens = [
            doc[i]
            for i in range(sent.start, sent.end)
            if (pos[i] in _VERB_POS and lemmas[i] in verbs)
            or (pos[i] in _NOUN_POS and (lemmas[i] in nouns or lowers[i] in nouns))
        ]
        verb_matches: dict[int, tuple[VerbPattern, list[Token]]] = {}
        for token in tokens:
            match = match_verb(token, self.classes)
            if match is not None:
                verb_matches[token.i] = match
        consumed = {t.i for _, used in verb_matches.values() for t in used}
        # 2. events in reading order
        reading = _Sentence(sent, base, find_times(sent, self.ctx.article.published, offset=base))
        self.times += reading.times
        for token in tokens:
            if token.i in verb_matches:
                self._verb_event(reading, token, *verb_matches[token.i])
            elif token.i not in consumed and _names_event(noun_sense(token, self.classes)):
                self._noun_event_once(reading, token)

    # --- verbs -------------------------------------------------------------------

    def _verb_event(
        self, reading: _Sentence, verb: Token, pattern: VerbPattern, used: list[Token]
    ) -> None:
        sense = pattern.sense
        if sense.requires_clause and not _introduces_speech(verb):
            return
        args = self._verb_args(verb, used, sense, reading.base)
        if not args.has_subject or (sense.requires_agent and not args.agents):
            return
        mood = modality(verb, reading.sent, self.cue_words)
        if sense.object == "event":
            target = self._attended_event(reading, verb, used, sense)
            if target is not None:
                confidence = 0.75 if args.via_pronoun else 0.85
                evidence = self._evidence(reading, confidence)
                self._attend(target, args, mood, evidence)
            return
        if sense.requires_object and not args.objects:
            return
        confidence = _verb_confidence(args)
        evidence = self._evidence(reading, confidence)
        event = Event(
            key="",
            kind=sense.kind,
            trigger=_trigger(verb, reading),
            agent=args.agents[0] if args.agents else None,
            participants=args.others(),
            place=args.place,
            time=_verb_time(verb, reading),
            duration=_duration(verb, self.cue_words),
            negated=mood.negated,
            hedged=mood.hedged,
            evidence=evidence,
        )
        key = self._add(event, into=self._told_again(used, sense, event))
        if _lemma(verb) in sense.story_verbs and event.time is None and verb.tag_ == "VBD":
            told = self._event(key) or event  # an earlier report it was folded into
            self.undated.append((key, told.trigger.start))
        self._claims(sense, key, args, mood, evidence)

    def _verb_args(self, verb: Token, used: list[Token], sense: Sense, base: int) -> _Args:
        args = _Args()
        children = [c for c in verb.children if c not in used]
        by_phrase = [p for c in children if c.dep_ == "agent" for p in _pobjs(c)]
        passive = bool(by_phrase) or any(c.dep_ in ("nsubjpass", "auxpass") for c in children)
        objects = [
            c
            for c in children
            if c.dep_ in _OBJECT_DEPS and c.pos_ != "ADP" and not _is_relativizer(c)
        ]
        if passive:
            agents = by_phrase
            objects += [c for c in children if c.dep_ == "nsubjpass"]
        else:
            agents = [c for c in children if c.dep_ in _SUBJECT_DEPS] or borrowed_subjects(verb)
        args.has_subject = bool(agents) or passive
        args.agents = self._keys(agents, base, args)
        object_keys = self._keys(objects, base, args)
        if sense.possessor_object and not object_keys:
            object_keys = self._keys(_possessors(objects), base, args)
        self._slot_objects(object_keys, sense, args)
        # prepositions on the verb and on the pattern's words: "travel to X", "talks with X"
        # "sold drones to Russia": the parser may call "to" a dative
        preps = [p for t in (verb, *used) for p in t.children if _is_preposition(p)]
        # "sold drones to Russia": the recipient may hang on the object
        preps += [
            p
            for o in objects
            for p in o.children
            if p.dep_ == "prep" and p.lower_ in sense.object_preps and sense.object == "agent"
        ]
        for prep in _unique_tokens(preps):
            self._prep_args(prep, sense, base, args)
        if sense.object == "place" and not args.objects:
            # "visit the Al Ain plant", "the company's smelter in Morowali": where the site is
            sites = [o for o in objects if o.pos_ == "NOUN" and _lemma(o) in _site_nouns()]
            # "travelled to the ceremony in Dublin": the destination is where it is held
            goals = [p for prep in preps if prep.lower_ in sense.object_preps for p in _pobjs(prep)]
            if (where := self._site_place(sites, base)) is not None:
                args.objects.append(where)
                args.place = args.place or where
            elif (destination := self._nested_place(goals, base)) is not None:
                args.objects.append(destination)
                args.place = destination
        if args.place is None:
            pobjs = [p for prep in preps for p in _pobjs(prep)]
            args.place = self._nested_place([*objects, *used, *pobjs], base)
        if args.place is None:
            args.place = self._where_clause_place(verb, base)
        return args

    def _where_clause_place(self, verb: Token, base: int) -> str | None:
        """ "in Valparaíso, where she said ...": the place the clause hangs on."""
        if verb.dep_ != "relcl" or not any(c.lower_ == "where" for c in verb.children):
            return None
        entity = self.ctx.entity_of_token(verb.head, base)
        return entity.key if entity is not None and entity.kind in PLACE_KINDS else None

    def _slot_objects(self, keys: list[str], sense: Sense, args: _Args) -> None:
        """Direct objects: the predicate's object, or mere participants."""
        if sense.object_kinds:
            keys = [k for k in keys if self.ctx.extraction.entity(k).kind in sense.object_kinds]
        if sense.object == "place":
            for key in keys:
                if self._is_place(key):
                    args.objects.append(key)
                    args.place = args.place or key
                elif self._is_site(key):
                    args.objects.append(key)  # "visited the museum": no place of the event
                else:
                    args.participants.append(key)
        elif sense.object == "agent":
            args.objects += keys
        else:
            args.participants += keys

    def _prep_args(self, prep: Token, sense: Sense, base: int, args: _Args) -> None:
        word = prep.lower_
        pobjs = [c for c in prep.children if c.dep_ == "pobj"]
        for key in self._keys(pobjs, base, args):
            is_place = self._is_place(key)
            if sense.object == "place" and is_place and word in sense.object_preps:
                args.objects.append(key)
                if word == "to" or args.place is None:
                    args.place = key  # "visit to Moscow" beats "in the capital of ..."
            elif is_place and word in _PLACE_PREPS:
                args.place = args.place or key
            elif word in sense.object_preps and sense.object == "agent":
                args.objects.append(key)
            elif word in sense.object_preps or word in _PARTICIPANT_PREPS:
                args.participants.append(key)
        if word in _PLACE_PREPS and args.place is None:
            args.place = self._possessor_place(pobjs, base)

    def _nested_place(self, tokens: list[Token], base: int) -> str | None:
        """ "met Li, China's defence minister, in Moscow": "in" hangs on the object."""
        for token in tokens:
            for prep in token.children:
                if prep.dep_ == "prep" and prep.lower_ in _PLACE_PREPS:
                    for pobj in _pobjs(prep):
                        entity = self.ctx.entity_of_token(pobj, base)
                        if entity is not None and entity.kind in PLACE_KINDS:
                            return entity.key
        return None

    def _impact_verbs(self, noun: Token, sense: Sense, base: int) -> list[Token]:
        """The verbs a disaster noun strikes with (none for a figure of speech or a name)."""
        node = _storm_name(noun)
        if node is None or _figurative(noun, sense) or self._owned_by_an_agent(noun, base):
            return []
        if any(self._names_a_topic(c, sense, base) for c in noun.children):
            return []
        return _impact_verbs(node, sense)

    def _names_a_topic(self, modifier: Token, sense: Sense, base: int) -> bool:
        """ "the Brexit earthquake", "a Twitter storm": a name before the noun that is
        not where it struck ("the Kerala floods")."""
        if modifier.dep_ != "compound" or modifier.pos_ != "PROPN":
            return False
        if modifier.lower_ in sense.literal_modifiers:
            return False  # "Tropical Storm Alberto"
        entity = self.ctx.entity_of_token(modifier, base)
        return entity is None or entity.kind not in PLACE_KINDS

    def _owned_by_an_agent(self, noun: Token, base: int) -> bool:
        """ "Labour's landslide", "United's goal drought": a figure; "Japan's
        earthquake" or "last week's floods" are not."""
        for owner in _possessors([noun]):
            entity = self.ctx.entity_of_token(owner, base)
            if entity is not None and entity.kind not in PLACE_KINDS:
                return True
        return False

    def _clause_place(self, verb: Token, noun: Token, base: int) -> str | None:
        """The first place named in the verb's own clause: "struck central Morocco",
        "tore through the vineyards of the Côte de Beaune", "Japan was hit by"; not
        where the disaster came from ("a storm from the Atlantic hit Ireland")."""
        origin = {t.i for c in noun.children if c.lower_ == "from" for t in c.subtree}
        for token in sorted(_clause_tokens(verb), key=lambda t: t.i):
            if token.i in origin:
                continue
            entity = self.ctx.entity_of_token(token, base)
            if entity is not None and entity.kind in PLACE_KINDS:
                return entity.key
        return None

    def _possessor_place(self, pobjs: list[Token], base: int) -> str | None:
        """ "at Moscow's Kremlin" when the Kremlin is no place entity: Moscow."""
        for owner in _possessors(pobjs):
            entity = self.ctx.entity_of_token(owner, base)
            if entity is not None and entity.kind in PLACE_KINDS:
                return entity.key
        return None

    def _attended_event(
        self, reading: _Sentence, verb: Token, used: list[Token], sense: Sense
    ) -> str | None:
        """The event attended: an event noun near the verb, or the one last named.

        "joined the meeting", "present at the talks", "the meeting, attended
        by X"; "X was also present" has no object and points back to the
        event the article was last talking about.
        """
        candidates = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        candidates += [
            p
            for t in (verb, *used)
            for c in t.children
            if c.dep_ == "prep"
            for p in c.children
            if p.dep_ == "pobj"
        ]
        if verb.dep_ in ("acl", "relcl"):
            candidates.append(verb.head)  # "the meeting, attended by X"
        nouns = [c for c in candidates if c.pos_ in ("NOUN", "PROPN") and c not in used]
        for noun in nouns:
            if noun_sense(noun, self.classes) is not None:
                return self._noun_event_once(reading, noun)
        if nouns:
            return None  # "joined NATO": not an event
        salient = self._event(self.salient) if self.salient else None
        if salient is not None and salient.kind in sense.event_kinds:
            return salient.key
        return None

    def _attend(self, event_key: str, args: _Args, mood: Modality, evidence: Evidence) -> None:
        event = self._event(event_key)
        assert event is not None
        for key in args.agents:
            if not mood.negated and key != event.agent and key not in event.participants:
                event.participants.append(key)
            self._claim(key, "attended", event_key, mood, evidence)

    # --- nouns -------------------------------------------------------------------

    def _noun_event_once(self, reading: _Sentence, noun: Token) -> str | None:
        if noun.i not in reading.noun_events:
            reading.noun_events[noun.i] = self._noun_event(reading, noun)
        return reading.noun_events[noun.i]

    def _noun_event(self, reading: _Sentence, noun: Token) -> str | None:
        sense = noun_sense(noun, self.classes)
        assert sense is not None
        args = self._noun_args(noun, sense, reading.base)
        time = _time_of(noun, reading) or self._light_verb_time(noun, reading)
        moods = noun
        if sense.impact_verbs:
            verbs = self._impact_verbs(noun, sense, reading.base)
            if not verbs:
                return None  # "a storm of criticism", "the Seattle Storm", "the storm over"
            # "forced thousands to flee on Tuesday": the verb it governs may hold the date
            governed = [c for v in verbs for c in v.children if c.dep_ == "xcomp"]
            times = (_verb_time(v, reading) for v in [*verbs, *governed])
            time = time or next(filter(None, times), None)
            places = (self._clause_place(v, noun, reading.base) for v in verbs)
            args.place = args.place or next(filter(None, places), None)
            moods = verbs[0]  # "a storm could hit Ireland": the verb says how sure
        duration = _duration(noun, self.cue_words)
        previous = self._latest(sense.kind)
        if previous is not None and _is_definite(noun) and _refers_back(args, time, previous):
            # "the meeting", "the talks in Geneva": the latest event of its kind
            self._fill(previous, time, duration)
            previous.place = previous.place or args.place
            self.salient = previous.key
            return previous.key
        if sense.attended_only:
            # the occasion took place whoever stayed away: its attendee is no agent,
            # and "did not attend the vote" denies the attending, not the vote
            mood = Modality()
        else:
            if not sense.agentless:
                self._borrow_agent(noun, args, reading.base)
            if not (args.entities() or time or duration):
                return None
            mood = modality(moods, reading.sent, self.cue_words)
        if sense.requires_object and not args.objects:
            return None
        confidence = 0.6 * (0.8 if args.via_pronoun else 1.0) * (0.8 if args.borrowed else 1.0)
        evidence = self._evidence(reading, confidence)
        event = Event(
            key="",
            kind=sense.kind,
            trigger=_trigger(noun, reading),
            agent=args.agents[0] if args.agents else None,
            participants=args.others(),
            place=args.place,
            time=time,
            duration=duration,
            negated=mood.negated,
            hedged=mood.hedged,
            evidence=evidence,
        )
        key = self._add(event)
        self._claims(sense, key, args, mood, evidence)
        return key

    def _noun_args(self, noun: Token, sense: Sense, base: int) -> _Args:
        args = _Args()
        # "Li's trip", "a visit by Xi", "an official visit of China's leader Xi"
        owners = _possessors([noun])
        owner_preps = {"by"} | ({"of"} - sense.object_preps)  # "the acquisition of X": X is bought
        owners += [
            p
            for c in noun.children
            if c.dep_ == "agent" or c.lower_ in owner_preps
            for p in c.children
            if p.dep_ == "pobj" and self._is_actor(p, base)
        ]
        subjects = _clause_subjects(noun)
        pronouns_only = owners and all(o.lower_ in _PERSONAL_PRONOUNS for o in owners)
        if subjects and pronouns_only and noun.i < subjects[0].i:
            owners = subjects  # "During his visit, Xi said": "his" looks ahead to Xi
        args.agents = self._keys(owners, base, args)
        preps = [c for c in noun.children if c.dep_ == "prep"]
        for prep in preps:
            self._prep_args(prep, sense, base, args)
        if args.place is None:
            # "a meeting of the Society in London": "in" hangs on the owner
            args.place = self._nested_place([p for prep in preps for p in _pobjs(prep)], base)
        args.objects = [k for k in args.objects if k not in args.agents]
        return args

    def _borrow_agent(self, noun: Token, args: _Args, base: int) -> None:
        """No owner named: the subject of the clause around the noun is the agent."""
        if args.agents:
            return
        subjects = _clause_subjects(noun) or self._light_verb_subjects(noun)
        args.agents = [k for k in self._keys(subjects, base, args) if k not in args.objects]
        args.borrowed = bool(args.agents)
        args.participants = [k for k in args.participants if k not in args.agents]

    def _light_verb_subjects(self, noun: Token) -> list[Token]:
        """ "Putin paid a visit", "Li is considering a trip": the subject makes the trip."""
        noun = self._measured(noun)
        verb = noun.head
        if noun.dep_ != "dobj" or _lemma(verb) not in (
            self.classes.light_verbs | self.cue_words.hedge_verbs
        ):
            return []
        return [c for c in verb.children if c.dep_ in _SUBJECT_DEPS] or borrowed_subjects(verb)

    def _light_verb_time(self, noun: Token, reading: _Sentence) -> TimeValue | None:
        """ "completed its acquisition of X in October": the verb carries the date."""
        noun = self._measured(noun)
        verb = noun.head
        if noun.dep_ != "dobj" or _lemma(verb) not in self.classes.light_verbs:
            return None
        return _verb_time(verb, reading)

    def _measured(self, noun: Token) -> Token:
        """ "began two weeks of drills", "held a round of talks": the noun measuring
        out the event (``measure_nouns``) stands in its place before the verb."""
        node = noun
        while (
            node.dep_ == "pobj"
            and node.head.lower_ == "of"
            and node.head.head.lower_ in self.cue_words.measure_nouns
        ):
            node = node.head.head
        return node

    def _is_actor(self, token: Token, base: int) -> bool:
        entity = self.ctx.entity_of_token(token, base)
        return entity is not None and entity.kind not in PLACE_KINDS

    # --- entities ----------------------------------------------------------------

    def _keys(self, tokens: Iterable[Token], base: int, args: _Args) -> list[str]:
        """Entity keys of noun-phrase heads and the heads joined to them by "and"."""
        keys: list[str] = []
        for token in tokens:
            if _is_relativizer(token) and token.head.dep_ == "relcl":
                token = token.head.head  # "Pearce, who sued the town": Pearce
            for member in (token, *token.conjuncts, *_appositive_conjuncts(token)):
                found, via_pronoun = self._entity_keys(member, base)
                for key in found:
                    if key not in keys:
                        keys.append(key)
                        args.via_pronoun |= via_pronoun
        return keys

    def _entity_keys(self, token: Token, base: int) -> tuple[list[str], bool]:
        """The entities a noun phrase names, or refers to (then True: less sure)."""
        entity = self.ctx.head_entity(token, base) or self._modifier_entity(token, base)
        if entity is not None:
            return [entity.key], False
        group = self.references.group(token)
        if group:
            return [e.key for e in group], True  # "the two leaders"
        if token.lower_ in _PERSONAL_PRONOUNS or _acting_it(token):
            entity = self.references.pronoun(token)
        elif (represented := self._represented(token, base)) is not None:
            entity = represented  # "met officials from the ministry": the ministry
        elif (governed := self._governed(token, base)) is not None:
            entity = governed  # "South Sudan's government": South Sudan, acting
        elif token.pos_ == "NOUN" and _is_definite(token):
            # "met the Russian leader": the holder of that role, if the article named one;
            # "the company said": the organisation the text is about
            entity = (
                resolve_nominal(self.ctx, token.doc[token.left_edge.i : token.i + 1], base)
                or self.references.description(token)
                or self.references.named_before(token)
            )
        if entity is not None:
            return [entity.key], True
        return [], False

    def _represented(self, token: Token, base: int) -> Entity | None:
        """The organisation or country that people named by a member noun stand for:
        "officials from the Ministry of Health", "investigators of the commission"."""
        if token.pos_ != "NOUN" or _lemma(token) not in _member_nouns():
            return None
        # "ESA officials", "agency officials"; "the association's leaders" (several people
        # stand for it, one is only himself)
        owners = [
            c
            for c in token.children
            if c.dep_ == "compound" or (c.dep_ == "poss" and token.tag_ == "NNS")
        ]
        named = (self.ctx.entity_of_token(c, base) for c in owners)
        described = (self.references.organisation_called(c) for c in owners if c.pos_ == "NOUN")
        # an organisation's name beats a noun that only describes ("union leaders from
        # Codelco"); a place does not ("party officials from Hubei": the party's)
        member = self._member_of(token, base)
        local = member is not None and member.kind in PLACE_KINDS
        ranked = chain(named, [None if local else member], described, [member])
        return next((e for e in ranked if e is not None and e.kind != PERSON), None)

    def _member_of(self, token: Token, base: int) -> Entity | None:
        """The organisation after a member noun: "officials from the Ministry of Health"."""
        links = [c for c in token.children if c.dep_ == "prep" and c.lower_ in _MEMBER_LINKS]
        if not links and token.dep_ == "dobj":
            # "met [officials] from the ministry", the parser hanging "from" on the verb
            verb_preps = [c for c in token.head.children if c.dep_ == "prep"]
            links = [c for c in verb_preps if c.i == token.i + 1 and c.lower_ == "from"]
        for prep in links:
            for pobj in (c for c in prep.children if c.dep_ == "pobj"):
                entity = self.ctx.entity_of_token(pobj, base)
                if entity is not None and entity.kind != PERSON:
                    return entity
        return None

    def _governed(self, token: Token, base: int) -> Entity | None:
        """The place whose government a noun names: "South Sudan's government", "the
        Lima authorities", "the Faroese government" (a country the article names)."""
        if token.pos_ != "NOUN" or _lemma(token) not in _government_nouns():
            return None
        for child in token.children:
            if child.dep_ in ("poss", "compound"):
                entity = self.ctx.entity_of_token(child, base)
                if entity is not None and entity.kind in PLACE_KINDS:
                    return entity
            elif child.dep_ == "amod" and (country := self._demonym_alone(token, child)):
                entity = self.ctx.country(country)
                if entity is not None:
                    return entity
        return None

    @staticmethod
    def _demonym_alone(noun: Token, adjective: Token) -> str | None:
        """The country of a demonym that alone says whose government a noun names: not
        "the Iraqi Kurdish authorities", "the pro-Russian government", "in exile"."""
        others = [c for c in noun.children if c.dep_ in ("amod", "compound") and c != adjective]
        prefixed = adjective.i > 0 and adjective.doc[adjective.i - 1].text == "-"
        exiled = any(t.lower_ == "exile" for t in noun.subtree)
        if others or prefixed or exiled:
            return None
        return gazetteer.load().demonym(adjective.text)

    def _modifier_entity(self, token: Token, base: int) -> Entity | None:
        """A name in apposition, or a name modifying a name or an organisation noun:
        "President Xi", "the Teamsters union" (``data/org_nouns.txt``)."""
        org_noun = token.pos_ == "NOUN" and _lemma(token) in gazetteer.load().org_nouns
        for child in token.children:
            if child.dep_ == "appos" or (
                child.dep_ == "compound" and (token.pos_ == "PROPN" or org_noun)
            ):
                entity = self.ctx.entity_of_token(child, base)
                if entity is not None and not (org_noun and entity.kind in PLACE_KINDS):
                    return entity  # but "the Berlin office" is not Berlin
        return None

    def _site_place(self, sites: list[Token], base: int) -> str | None:
        """The place a site lies in ("the smelter in Morowali"), else the one it is named
        after ("the Al Ain plant"); a country names whom an embassy serves, not where it is."""
        nested = self._nested_place(sites, base)
        if nested is not None:
            return nested
        for site in sites:
            for child in site.children:
                if child.dep_ == "compound":
                    entity = self.ctx.entity_of_token(child, base)
                    if entity is not None and entity.kind in PLACE_KINDS - {COUNTRY}:
                        return entity.key
        return None

    def _is_place(self, key: str) -> bool:
        return self.ctx.extraction.entity(key).kind in PLACE_KINDS

    def _is_site(self, key: str) -> bool:
        """An organisation whose name says it is a building: "the Silesian Silver Museum"."""
        entity = self.ctx.extraction.entity(key)
        words = entity.name.lower().split()
        return entity.kind == ORGANIZATION and bool(words) and words[-1] in _site_nouns()

    # --- events and claims ---------------------------------------------------

    def date_by_story(self) -> None:
        """Give what was said with no time of its own the day the story had reached."""
        published = self.ctx.article.published
        for key, offset in self.undated:
            event = self._event(key)
            if event is not None and event.time is None and not (event.negated or event.hedged):
                event.story_date = story_date(self.times, offset, published)

    def _evidence(self, reading: _Sentence, confidence: float) -> Evidence:
        return self.ctx.evidence(reading.sent, reading.base, self.extractor_name, confidence)

    def _event(self, key: str | None) -> Event | None:
        return next((e for e in self.ctx.extraction.events if e.key == key), None)

    def _latest(self, kind: str) -> Event | None:
        return next((e for e in reversed(self.ctx.extraction.events) if e.kind == kind), None)

    def _fill(self, event: Event, time: TimeValue | None, duration: str | None) -> None:
        event.time = event.time or time
        event.duration = event.duration or duration

    def _told_again(self, used: list[Token], sense: Sense, event: Event) -> Event | None:
        """ "Moldova and Romania signed an agreement on Monday. The deal was signed by
        X and Y": a definite noun of the verb's pattern names the latest such event."""
        if not any(
            _is_definite(t) and (named := noun_sense(t, self.classes)) and named.kind == sense.kind
            for t in used
        ):
            return None
        latest = self._latest(sense.kind)
        same_mood = latest is not None and (latest.negated, latest.hedged) == (
            event.negated,
            event.hedged,
        )
        return latest if same_mood and not _dates_clash(latest.time, event.time) else None

    def _add(self, event: Event, into: Event | None = None) -> str:
        """Append the event, or fold it into an earlier report of the same event."""
        same = into or _same_event(self.ctx.extraction.events, event)
        if same is not None:
            _fold(same, event)
            key = same.key
        else:
            event.key = key = self.ctx.new_key("v")
            self.ctx.extraction.events.append(event)
        if event.kind != "Statement":
            self.salient = key
        return key

    def _claims(
        self, sense: Sense, event_key: str, args: _Args, mood: Modality, evidence: Evidence
    ) -> None:
        if sense.predicate is None or not args.agents:
            return
        agent, *others = args.agents
        targets = [*args.objects, *(others if sense.symmetric else ())]
        for target in _unique(targets):
            if target != agent:
                self._claim(agent, sense.predicate, target, mood, evidence)

    def _claim(
        self, subject: str, predicate: str, obj: str, mood: Modality, evidence: Evidence
    ) -> None:
        self.ctx.extraction.claims.append(
            Claim(
                subject=subject,
                predicate=predicate,
                object=obj,
                negated=mood.negated,
                hedged=mood.hedged,
                hedge=mood.hedge,
                evidence=evidence,
            )
        )


@dataclass
class _Sentence:
    """One sentence being read: its time expressions and the event nouns seen so far."""

    sent: Span
    base: int
    times: list[TimeValue]
    noun_events: dict[int, str | None] = field(default_factory=dict)


# --- helpers ---------------------------------------------------------------------------


def story_date(times: Iterable[TimeValue], offset: int, published: dt.date | None) -> str | None:
    """The day a story has reached at ``offset``, for what it tells there with no time.

    News tells what was said on the day of the news: the latest day a time
    expression before ``offset`` names, if it is the publication day or the
    day before ("reshuffled his cabinet on Monday evening ... Ono told
    reporters" in a Tuesday-morning story), else the publication day.
    """
    if published is None:
        return None
    first, last = (published - dt.timedelta(days=1)).isoformat(), published.isoformat()
    days = [
        t.value
        for t in times
        if t.value
        and t.datatype == "date"
        and t.end is None
        and first <= t.value <= last
        and t.start_offset is not None
        and t.start_offset < offset
    ]
    return max(days, default=last)


def _verb_confidence(args: _Args) -> float:
    if not args.entities():
        return 0.5  # nothing named: the event is reported, its actors are not
    confidence = 0.9 if args.agents and (args.objects or args.participants) else 0.8
    return confidence * (0.8 if args.via_pronoun else 1.0)


def borrowed_subjects(verb: Token) -> list[Token]:
    """The subject of a verb that has none of its own.

    "refused to criticise" (xcomp: the subject of "refused"), "warned
    Beijing against supplying" (the object of "warned"), "visited Russia and
    met Putin" (conj), "the minister who met Putin" (relcl: the noun), "a
    firm making chips" (an active participle: the noun), "said the police
    had acted lawfully and denied that ..." (a reporting verb joined to the
    clause it follows reports for the first speaker).
    """
    speaker = _coordinated_speaker(verb)
    if speaker:
        return speaker
    node = verb
    for _ in range(4):
        if node.dep_ == "relcl" or (node.dep_ == "acl" and _is_active_participle(node)):
            return [node.head]
        if node.dep_ not in _SUBJECT_SHARING_DEPS or node.head == node:
            return []
        controlled = node.dep_ in ("xcomp", "pcomp", "prep")
        node = node.head
        if controlled and node.pos_ == "VERB":
            objects = [c for c in node.children if c.dep_ == "dobj" and not _is_relativizer(c)]
            if objects and node.dep_ != "prep":
                return objects
        # "Biden is expected to meet": the passive subject of the raising verb acts
        subjects = [c for c in node.children if c.dep_ in _SUBJECT_DEPS or c.dep_ == "nsubjpass"]
        if subjects and verb.tag_ == "VBG" and _reporter_acts(verb, node):
            # "recommended that the deal be prohibited, warning of higher prices": the
            # parser hangs the participle on the passive it reports; the reporter warns
            subjects = [c for c in node.head.children if c.dep_ in _SUBJECT_DEPS]
        if subjects:
            return subjects
    return []


def _reporter_acts(participle: Token, passive: Token) -> bool:
    """Is a participle hung on a reported passive the reporter's? Not when the passive's
    subject is a name ("police said Reid was arrested, threatening officers": Reid
    threatened), unless the participle points back at it ("..., accusing him")."""
    if not _reported_passive(passive):
        return False
    named = any(c.dep_ == "nsubjpass" and c.pos_ == "PROPN" for c in passive.children)
    points_back = any(
        c.dep_ == "dobj" and c.lower_ in _OBJECT_PRONOUNS for c in participle.children
    )
    return not named or points_back


def _reported_passive(verb: Token) -> bool:
    """A passive clause with no "by", reported by the verb above it."""
    children = list(verb.children)
    return (
        verb.dep_ == "ccomp"
        and any(c.dep_ == "nsubjpass" for c in children)
        and not any(c.dep_ == "agent" for c in children)
    )


def _is_active_participle(verb: Token) -> bool:
    """ "a firm making chips", "Acme, ..., announced on Monday a new drug": the noun acts.
    A passive participle ("the startup backed by X") says what was done to it."""
    return verb.tag_ == "VBG" or any(c.dep_ == "dobj" for c in verb.children)


def _coordinated_speaker(verb: Token) -> list[Token]:
    """ "X said officers had acted lawfully and denied that ...": the parser joins
    "denied" to the reported clause, but a reporting verb with a clause of its own
    goes on with the speaker's account."""
    head = verb.head
    if verb.dep_ != "conj" or head.dep_ != "ccomp" or verb.i < head.i:
        return []
    verbs = speech_verbs()
    reports = _lemma(verb) in verbs and any(c.dep_ == "ccomp" for c in verb.children)
    if not reports or _lemma(head.head) not in verbs:
        return []
    return [c for c in head.head.children if c.dep_ in _SUBJECT_DEPS]


def _is_preposition(token: Token) -> bool:
    return token.dep_ == "prep" or (token.dep_ == "dative" and token.pos_ == "ADP")


def _pobjs(prep: Token) -> list[Token]:
    return [c for c in prep.children if c.dep_ == "pobj"]


def _is_relativizer(token: Token) -> bool:
    """ "information that China was considering": "that" is no participant."""
    return token.tag_ in ("WDT", "WP") or token.lower_ == "that"


def _acting_it(token: Token) -> bool:
    """ "It warned that lava could reach the plant": "It" opening a sentence as the
    subject of an event verb goes on about what the sentences before were about.

    Inside a sentence it is as often what that sentence is about ("Washington accused
    Beijing ... claims it denied"), which the subject before it would not give.
    ("It is expected" has no event verb, "it was agreed" no active subject.)
    """
    return token.lower_ == "it" and token.dep_ == "nsubj" and token.i == token.sent.start


def _appositive_conjuncts(token: Token) -> list[Token]:
    """ "by Moldova's energy minister, Victor Rusu, and [Andrei Popescu]": the parser
    joins the second name to the first one's apposition, not to the noun."""
    return [c for a in token.children if a.dep_ == "appos" for c in a.conjuncts]


def _clause_subjects(noun: Token) -> list[Token]:
    """ "During a meeting with Li, Putin said": Putin took part in the meeting.

    Also through "of" ("during two days of talks"), and a passive verb's "by".
    """
    node = noun
    for _ in range(2):
        if node.dep_ == "pobj" and node.head.lower_ == "of" and node.head.head.pos_ == "NOUN":
            node = node.head.head
    if node.dep_ != "pobj" or node.head.lower_ not in _SHARED_SUBJECT_PREPS:
        return []
    verb = node.head.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    subjects = [c for c in verb.children if c.dep_ in _SUBJECT_DEPS]
    # "The deal was signed by X and Y after a meeting": a passive verb's actors
    return subjects or [p for c in verb.children if c.dep_ == "agent" for p in _pobjs(c)]


def _possessors(tokens: Iterable[Token]) -> list[Token]:
    """ "Li's trip" -> Li; also when the parser hangs "Xi's" on the noun as a subject."""
    owners = []
    for token in tokens:
        for child in token.children:
            if child.dep_ == "poss" or any(
                g.dep_ == "case" and g.text in _POSSESSIVE_MARKS for g in child.children
            ):
                owners.append(child)
    return owners


def _introduces_speech(verb: Token) -> bool:
    """Does the verb report words: a clause, or a quote around it?"""
    if verb.dep_ == "parataxis":
        return True
    return any(
        c.dep_ in ("ccomp", "parataxis") or (c.dep_ == "punct" and c.text in _QUOTE_MARKS)
        for c in verb.children
    )


@functools.lru_cache(maxsize=1)
def _member_nouns() -> frozenset[str]:
    return word_list("member_nouns.txt")


@functools.lru_cache(maxsize=1)
def _site_nouns() -> frozenset[str]:
    return word_list("site_nouns.txt")


@functools.lru_cache(maxsize=1)
def _government_nouns() -> frozenset[str]:
    return word_list("government_nouns.txt")


def _names_event(sense: Sense | None) -> bool:
    """Does a noun of this sense name an event wherever it stands?"""
    return sense is not None and not sense.attended_only


def _impact_verbs(node: Token, sense: Sense) -> list[Token]:
    """The verbs a disaster strikes with: as their subject ("an earthquake struck"),
    their passive's agent ("was hit by a typhoon"), in a relative clause ("an
    earthquake that struck"), or as where victims died ("killed in the earthquake")."""
    while node.dep_ == "conj":  # "floods and landslides killed"
        node = node.head
    verbs = [c for c in node.children if c.dep_ == "relcl" and _relative_subject(c)]
    if node.dep_ in ("nsubj", "nsubjpass"):
        verbs.append(node.head)  # and "a typhoon is expected to hit Okinawa"
        verbs += [c for c in node.head.children if c.dep_ == "xcomp"]
    elif node.dep_ == "pobj" and node.head.dep_ == "agent":
        verbs.append(node.head.head)
    found = [v for v in verbs if _lemma(v) in sense.impact_verbs]
    if node.dep_ == "pobj" and node.head.lower_ in _VICTIM_PREPS:
        verb = node.head.head
        found += [verb] if _lemma(verb) in sense.victim_verbs else []
    return found


def _storm_name(noun: Token) -> Token | None:
    """The word that stands for the disaster in the sentence: the noun, or the name it
    begins ("Hurricane Helene hit Florida").  None for a capitalised noun that names
    something else ("the Seattle Storm", "the Eurofighter Typhoon")."""
    head = noun.head
    if noun.is_title and noun.dep_ == "compound" and head.i == noun.i + 1 and head.is_title:
        return head
    return noun if not noun.is_title or noun.is_sent_start else None


def _figurative(noun: Token, sense: Sense) -> bool:
    """ "a storm of criticism", "the storm over the budget", "a political storm",
    "the tariff storm": words that make a disaster noun a figure of speech.

    "of" measures unless a name, a number or a determiner follows ("the eruption of
    Mount Etna", "an earthquake of magnitude 6.8", "the storm of the century").
    """
    for child in noun.children:
        dep, word = child.dep_, child.lower_
        if (
            (dep in ("prep", "acl") and word in _TOPIC_PREPS)
            or (dep == "prep" and word == "of" and not all(map(_names_or_counts, _pobjs(child))))
            or (dep == "amod" and word in sense.figurative_modifiers)
            or (dep == "compound" and child.pos_ == "NOUN" and not _literal(child, sense))
        ):
            return True
    return False


def _literal(modifier: Token, sense: Sense) -> bool:
    return modifier.lower_ in sense.literal_modifiers or _counted(modifier)


def _names_or_counts(token: Token) -> bool:
    return token.pos_ == "PROPN" or _counted(token) or any(c.dep_ == "det" for c in token.children)


def _counted(token: Token) -> bool:
    """ "6.8-magnitude", "magnitude 6.8": a measure, not a figure."""
    return token.like_num or any(c.like_num for c in token.children)


def _relative_subject(verb: Token) -> bool:
    return any(c.dep_ == "nsubj" and _is_relativizer(c) for c in verb.children)


def _is_definite(noun: Token) -> bool:
    return any(
        (c.dep_ == "det" and c.lower_ in _DEFINITE) or c.dep_ == "poss" for c in noun.children
    )


def _trigger(token: Token, reading: _Sentence) -> Mention:
    start = reading.base + token.idx
    sent_start, sent_end = doc_index(token.doc).sentence_extent(reading.sent.start)
    return Mention(
        start=start,
        end=start + len(token.text),
        text=token.text,
        kind="Event",
        source_label=token.pos_.lower(),
        sentence=TextSpan(reading.base + sent_start, reading.base + sent_end),
    )


def _clause_tokens(head: Token) -> list[Token]:
    """The head's words, without the clauses hanging off it.

    A verb below the head opens a clause of its own even where the parser says
    otherwise: "his first trip since taking office in October" is not dated October.
    """
    out = [head]
    for child in head.children:
        if child.dep_ not in _CLAUSE_DEPS and child.pos_ != "VERB" and not _ends_it(child):
            out.extend(_clause_tokens(child))
    return out


def _ends_it(child: Token) -> bool:
    """ "warning of heavy rain until the weekend": when it stops, not when it happened."""
    return child.dep_ == "prep" and child.lower_ in _UNTIL


def _time_of(head: Token, reading: _Sentence) -> TimeValue | None:
    """The time expression attached to the head's clause.

    For a noun that is the subject of its verb ("The meeting on Sunday
    came ..."), the verb's own time modifiers count too.
    """
    if not reading.times:
        return None
    tokens = _clause_tokens(head)
    if head.pos_ in ("NOUN", "PROPN") and head.dep_ in ("nsubj", "nsubjpass"):
        verb = head.head  # its own "Sunday" or "on Sunday", not "weeks after X last month"
        for child in verb.children:
            if child.dep_ == "npadvmod":
                tokens.append(child)
            elif child.dep_ == "prep":
                tokens += [p for p in child.children if p.dep_ == "pobj"]
    return _time_among(tokens, reading)


def _time_among(tokens: Iterable[Token], reading: _Sentence) -> TimeValue | None:
    """The first time expression starting or ending at one of the tokens."""
    tokens = list(tokens)
    starts = {reading.base + t.idx for t in tokens}
    ends = {reading.base + t.idx + len(t.text) for t in tokens}
    for time in reading.times:
        if time.start_offset in starts or time.end_offset in ends:
            return time
    return None


def _verb_time(verb: Token, reading: _Sentence) -> TimeValue | None:
    """The verb's own time, else the time it shares with the words around it."""
    if not reading.times:
        return None
    return (
        _time_of(verb, reading)
        or _reported_time(verb, reading)
        or _conjoined_time(verb, reading)
        or _governor_time(verb, reading)
        or _participle_time(verb, reading)
    )


def _reported_time(verb: Token, reading: _Sentence) -> TimeValue | None:
    """ "said on Wednesday it would cut jobs": a time between the verb and the
    subject of the clause it reports is the verb's, wherever the parser hung it."""
    for clause in verb.children:
        subjects = [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
        if clause.dep_ == "ccomp" and subjects and verb.i < subjects[0].left_edge.i:
            between = verb.doc[verb.i + 1 : subjects[0].left_edge.i]
            return _time_among(between, reading)
    return None


def _conjoined_time(verb: Token, reading: _Sentence) -> TimeValue | None:
    """ "visited Russia on April 16 and met Putin": the second verb shares the date."""
    return _time_of(verb.head, reading) if verb.dep_ == "conj" else None


def _governor_time(verb: Token, reading: _Sentence) -> TimeValue | None:
    """ "agreed on Tuesday to buy X", "decided last week to sell": the verb that
    takes the event as its complement dates it."""
    return _time_of(verb.head, reading) if verb.dep_ == "xcomp" else None


def _participle_time(verb: Token, reading: _Sentence) -> TimeValue | None:
    """ "recommended on Nov. 12 that the deal be prohibited, warning of ...": a
    participle tacked on to a clause happens when that clause's verb did."""
    if verb.tag_ != "VBG" or verb.dep_ != "advcl":
        return None
    head = verb.head.head if _reporter_acts(verb, verb.head) else verb.head
    return _time_of(head, reading)


def _duration(head: Token, cue_words: Cues) -> str | None:
    """As written: "three-day visit", "two days of talks", "met for three hours"."""
    for child in head.children:
        match = _DURATION_WORD.match(child.lower_)
        if match and match.group(1) in cue_words.duration_units:
            return child.text
        if child.dep_ in ("compound", "amod", "nmod") and _lemma(child) in cue_words.duration_units:
            counts = [c for c in child.children if c.dep_ == "nummod"]
            if counts:  # "three - day", split by the tokenizer
                return head.doc[counts[0].i : child.i + 1].text
    units = []
    if head.dep_ == "pobj" and head.head.lower_ == "of":
        units.append(head.head.head)  # "two days of talks"
    # "met for three hours", "a visit of three days"
    units += [p for c in head.children if c.lower_ in ("for", "of") for p in _pobjs(c)]
    for unit in units:
        counts = [c for c in unit.children if c.dep_ == "nummod"]
        if _lemma(unit) in cue_words.duration_units and counts:
            return f"{counts[0].text} {unit.text}"
    return None


def _same_event(events: list[Event], new: Event) -> Event | None:
    """An earlier event of the article that ``new`` reports again, if any.

    Same kind, same polarity and hedging, no clash of dates, and the entities of one
    are all among those of the other ("Putin's meeting with Li" and "Putin
    has met Li in Moscow").
    """
    new_entities = _event_entities(new)
    if not new_entities or new.kind == "Statement":  # each statement is its own speech act
        return None
    for old in reversed(events):
        if old.kind != new.kind or (old.negated, old.hedged) != (new.negated, new.hedged):
            continue
        if _dates_clash(old.time, new.time):
            continue
        old_entities = _event_entities(old)
        if new_entities <= old_entities or (old_entities and old_entities <= new_entities):
            return old
    return None


def _refers_back(args: _Args, time: TimeValue | None, previous: Event) -> bool:
    """Does a definite event noun name no one new, only at most a place and a date
    that agree with the latest event of its kind?"""
    if args.agents or args.objects or args.participants:
        return False
    if args.place and previous.place and args.place != previous.place:
        return False
    return not _dates_clash(previous.time, time)


def _dates_clash(a: TimeValue | None, b: TimeValue | None) -> bool:
    return bool(a and b and a.value and b.value and a.value != b.value)


def _event_entities(event: Event) -> set[str]:
    return {k for k in (event.agent, *event.participants, event.place) if k}


def _fold(old: Event, new: Event) -> None:
    if old.agent is None and new.agent is not None:
        old.agent = new.agent
    for key in (new.agent, *new.participants):
        if key and key not in old.participants:
            old.participants.append(key)
    old.participants[:] = [k for k in old.participants if k != old.agent]
    old.place = old.place or new.place
    old.time = old.time or new.time
    old.duration = old.duration or new.duration


def _unique(keys: Iterable[str | None]) -> list[str]:
    return list(dict.fromkeys(k for k in keys if k))


def _unique_tokens(tokens: Iterable[Token]) -> list[Token]:
    return list({t.i: t for t in tokens}.values())
