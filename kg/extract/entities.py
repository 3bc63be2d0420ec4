"""Entity mentions: spaCy's NER, tidied and completed with gazetteers and context.

    1. candidates: the model's PERSON/ORG/GPE/LOC/FAC spans ("Lockheed" ORG +
       "Martin" PERSON joined), plus gazetteer names (countries, cities,
       agencies, seats of government) and titled names ("Chancellor Scholz")
       it missed;
    2. tidy each span: cut at line breaks, trim punctuation, possessives and
       brackets left open ("Office (ORR"),
       take titles off people's names, keep "the" where it is part of the
       name ("the Pentagon"), drop title fragments, units, noise and headline
       words; split "Boeing-Air Force" when each half is named on its own;
    3. kinds: the words naming the kind first ("the city of X", "the X
       region", "X coach Jane Doe", data/place_nouns.csv, title_owners.csv),
       then gazetteers (Country, City, Facility, agencies, org suffixes,
       place suffixes: "Quezon City"), groups ("the Beatles"), then the
       nouns around the name ("arms exporter X", "X, a 45-year-old nurse"),
       which also confirm the model's kind; a person's surname that is a
       city's name is the person where it acts ("Lima said");
       dates, measures and time zones ("Sep 10", "Magnitude 6.8", "GMT") are
       no names;
    4. acronyms in parentheses and every other occurrence of a found name
       (in capitals too, on a headline in capitals) become mentions; a part
       of a longer name of the article grows to it;
    5. extents, each one more mention of the entity it wraps: the titled
       phrase ("Apple CEO Steve Jobs", ``PERSON+title``) and the title
       naming its organisation ("Apple CEO", ``PERSON+role``), the
       apposition or age after a name ("Jobs, aged 55", ``NAME+apposition``),
       the words describing it before ("German airline Lufthansa",
       ``NAME+described``) and "City, Region" (``PLACE+region``).  News
       evaluation sets (MEANTIME, ACE) take these phrases as mentions; the
       bare names stay mentions of their own.

Mentions go to ``ctx.mentions``; :mod:`kg.extract.coref` groups them.
"""

from __future__ import annotations

import bisect
import calendar
import functools
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as DocSpan

from kg.extract import gazetteer
from kg.extract.context import ArticleContext
from kg.extract.docindex import doc_index
from kg.extract.nlp import is_common_word
from kg.extract.registry import extractor
from kg.model import (
    CITY,
    COUNTRY,
    FACILITY,
    ORGANIZATION,
    PERSON,
    PLACE,
    PLACE_KINDS,
    Mention,
    Span,
)

# spaCy label -> kg kind; labels not listed (NORP, DATE, MONEY ...) are not entities.
SPACY_KINDS = {
    "PERSON": PERSON,
    "ORG": ORGANIZATION,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": FACILITY,
}
TITLE_LABEL = "PERSON+title"  # the source label of a titled-person mention
REGION_LABEL = "PLACE+region"  # the source label of a "City, Region" mention
APPOSITION_LABEL = "NAME+apposition"  # "Steve Jobs, the chief executive of Apple"
DESCRIBED_LABEL = "NAME+described"  # "German airline Lufthansa", "The former COO, Tim Cook"
ROLE_LABEL = "PERSON+role"  # "Apple CEO" of "Apple CEO Steve Jobs": the title, naming its holder
# Mentions that wrap a name, and which end of theirs the name shares.
EXTENT_ANCHORS = {
    TITLE_LABEL: "end",
    DESCRIBED_LABEL: "end",
    REGION_LABEL: "start",
    APPOSITION_LABEL: "start",
    ROLE_LABEL: "before",
}
EXTENT_LABELS = frozenset(EXTENT_ANCHORS)
_POSSESSIVE = frozenset({"'s", "’s", "'", "’", "s"})
_POSSESSIVE_MARKS = _POSSESSIVE - {"s"}  # the marks alone, as a token after a name
_QUOTES = frozenset("\"'“”‘’«»")
_NICKNAME_QUOTES = frozenset({'"', "“", "”", "'", "‘", "’", "``", "''"})  # Ramon "Jun" Bautista
# Titles a building may be named with ("Princess Basma Teaching Hospital"); not a job's
# ("Chairman Dangote Group Aliko Dangote")
_HONOURING_TITLES = frozenset(
    {"king", "queen", "prince", "princess", "sheikh", "sheikha", "emir", "sultan", "pope"}
    | {"saint", "st", "st.", "cardinal", "archbishop", "president", "general", "sir", "dame"}
)
_MODIFIER_DEPS = frozenset({"compound", "poss", "amod", "nmod", "npadvmod"})
_HEADLINE_MIN_WORDS = 4
_SHOUTED_MIN_LETTERS = 12
_UNIT_MAX_LETTERS = 3
_WEEKDAYS = frozenset(d.lower() for d in (*calendar.day_name, *calendar.day_abbr))
_NAME_JOINERS = frozenset({"and", "&", "of", "for"})  # "Defence and Space Company"
# Capitalised words that begin a surname ("Maria Teresa Dela Cruz", "Ursula von der Leyen")
_SURNAME_PARTICLES = frozenset(
    {"de", "dela", "del", "della", "da", "dos", "das", "van", "von", "di", "du", "la", "le"}
    | {"al", "el", "bin", "ibn", "abu", "ben", "mac", "st", "ter", "ten"}
)
# Words an organisation's initials leave out ("Department of Collegiate Education": DCE)
_LINK_WORDS = _NAME_JOINERS | {"the", "de", "du", "des", "la", "le"}
# Lower-case words inside names ("Cooperativa Garimpeira do Tapajós", "Ludwig van Beethoven")
_NAME_PARTICLES = frozenset(
    {"do", "da", "dos", "das", "de", "del", "della", "di", "du", "des", "van", "von", "der", "den"}
)
_MAX_TITLE_WORDS = 4  # "Chief Cabinet Secretary", "Deputy Prime Minister" before "'s Office"
_MAX_NAME_WORDS = 4  # a person's name after a title: "Alexandria Ocasio-Cortez", "Lee Hsien Loong"
_TITLE_REACH = 8  # words a title may run on past a name inside it ("Secretary of State for ...")
_HEADLINE_CAPITALISED = 0.7
_WORKPLACE_REACH = 4  # "head [of] [food inspection] at X": steps up to the title
_MODIFIER_REACH = 4  # tokens before a name an org modifier may span: "state", "-", "owned"


@dataclass
class _Candidate:
    doc: Doc
    base: int
    start: int  # token indices in ``doc``
    end: int
    kind: str
    label: str  # the model's label, with "+gazetteer" etc. when a rule decided the kind

    @functools.cached_property  # asked for several times; fields are never reassigned
    def span(self) -> DocSpan:
        return self.doc[self.start : self.end]

    @property
    def text(self) -> str:
        return doc_index(self.doc).tokens_text(self.start, self.end)


@extractor(version=59)
def extract_entities(ctx: ArticleContext) -> None:
    """Fill ``ctx.mentions`` with the names of people, organisations and places."""
    gaz = gazetteer.load()
    lines = _Lines(ctx.article.text, gaz)
    candidates: list[_Candidate] = []
    for doc, base in ctx.docs:
        found = [
            _Candidate(doc, base, e.start, e.end, SPACY_KINDS[e.label_], e.label_)
            for e in _join_split_names(doc.ents, gaz)
            if e.label_ in SPACY_KINDS
        ]
        found += _suffixed_names(doc, base, found, gaz)
        found += _gazetteer_hits(doc, base, found, gaz)
        found += _titled_names(doc, base, found, gaz)
        found += _described_names(doc, base, found, gaz)
        found += _appositive_people(doc, base, found, gaz)
        found += _cities_after_in(doc, base, found, gaz)
        for candidate in _grown_over_possessives(_grown_back_over_and(found), gaz):
            candidates.extend(_tidy(candidate, gaz, lines))
    candidates = _dateline_places(ctx, candidates, gaz)
    candidates = _split_joined(candidates, gaz)
    body = _body_words(ctx.docs, lines)
    candidates = [c for raw in candidates for c in _headline_check(raw, lines, body)]
    candidates += _acronyms(candidates)
    candidates += _bare_acronyms(ctx.docs, candidates, gaz)
    candidates = _propagate(ctx.docs, candidates, gaz, lines)
    unique = {(c.base, c.start, c.end): c for c in reversed(candidates)}
    candidates = sorted(unique.values(), key=lambda c: (c.base + c.doc[c.start].idx, -c.end))
    candidates = _surnames(_villages([_with_age(c) for c in candidates], gaz), gaz)
    mentions = [_mention(ctx, c) for c in candidates]
    mentions += [m for c in candidates if c.kind == PERSON for m in _titled(ctx, c, gaz)]
    mentions += [_mention(ctx, c) for c in _with_region(candidates)]
    mentions += [_mention(ctx, c) for c in _extents(candidates, gaz)]
    ctx.mentions.extend(_unique_spans(mentions))


def _dateline_places(
    ctx: ArticleContext, candidates: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """The names in the dateline ingest found ("KULIM", "NYON, Switzerland") are
    where the story was filed: places, whatever the model read them as, and the
    first of them a name even where the model saw none.

    A name a gazetteer gave its kind keeps it ("UNITED NATIONS (AP) —").
    """
    dateline = ctx.article.dateline
    if dateline is None:
        return candidates

    def inside(c: _Candidate) -> bool:
        return (
            dateline.start <= c.base + c.span.start_char
            and c.base + c.span.end_char <= dateline.end
        )

    def as_place(c: _Candidate) -> _Candidate:
        return _with_kind(c, _known_place_kind(c, gaz) or PLACE, "dateline")

    out = [as_place(c) if inside(c) and "gazetteer" not in c.label else c for c in candidates]
    if not any(inside(c) and c.base + c.span.start_char == dateline.start for c in out):
        first = _dateline_name(ctx, dateline)
        if first is not None:
            out.append(as_place(first))
    return out


def _dateline_name(ctx: ArticleContext, dateline: Span) -> _Candidate | None:
    """The dateline's first name, up to a comma ("HASTINGS" of "HASTINGS, Neb.")."""
    text = ctx.article.text[dateline.start : dateline.end]
    end = dateline.start + len(text.split(",", 1)[0].rstrip())
    for doc, base in ctx.docs:
        span = doc.char_span(dateline.start - base, end - base)
        if span is not None:
            return _Candidate(doc, base, span.start, span.end, PLACE, "dateline")
    return None


def _unique_spans(mentions: list[Mention]) -> list[Mention]:
    """One mention per span: a name first, then the first extent that covers the same text."""
    seen: set[tuple[int, int]] = set()
    out = []
    for m in mentions:
        if (m.start, m.end) not in seen:
            seen.add((m.start, m.end))
            out.append(m)
    return out


def _join_split_names(ents: tuple[DocSpan, ...], gaz: gazetteer.Gazetteer) -> list[DocSpan]:
    """One organisation's name that the model split in two, and people's names it cut.

    Two people's names side by side are one ("Maria Teresa" + "Dela Cruz-Santiago"),
    and so are a name ending in a particle and the name after it ("... do" + "Tapajós").
    "Lockheed" ORG + "Martin" PERSON: an organisation's name is never
    followed straight by a lone surname (a title would stand between them:
    "Apple CEO Cook").  "Amnesty International" ORG + "Kenya" GPE, where the
    place ends the noun phrase the organisation's words modify, is the
    organisation's national branch ("Oxfam America", "Toyota Japan"); a place
    that itself modifies a noun is not ("Reuters Moscow bureau").  A word joined
    to a country by a hyphen names a national body ("Météo-France", read as two
    places), unless the word is a place too ("Austria-Hungary").
    """
    out: list[DocSpan] = []
    for ent in (_with_words_left_out(e, gaz) for e in ents):
        prev = out[-1] if out else None
        adjacent = prev is not None and ent.start == prev.end and prev[-1].whitespace_ == " "
        surname = adjacent and ent.label_ == "PERSON" and len(ent) == 1 and ent[0].is_title
        branch = adjacent and ent.label_ == "GPE" and _modifies(prev, ent)
        split = prev is not None and prev.label_ == "ORG" and (surname or branch)
        if adjacent and prev.label_ == ent.label_ == "PERSON" and _surname_goes_on(prev, ent):
            out[-1] = DocSpan(ent.doc, prev.start, ent.end, label="PERSON")
        elif adjacent and prev[-1].lower_ in _NAME_PARTICLES and prev[-1].is_lower:
            # "Cooperativa Garimpeira do" + "Tapajós": a name does not end in a particle
            out[-1] = DocSpan(ent.doc, prev.start, ent.end, label=prev.label_)
        elif prev is not None and (split or _national_body(prev, ent, gaz)):
            out[-1] = DocSpan(ent.doc, prev.start, ent.end, label="ORG")
        else:
            out.append(ent)
    return out


def _with_words_left_out(ent: DocSpan, gaz: gazetteer.Gazetteer) -> DocSpan:
    """The model's name with the words of it the model left out around it."""
    return _with_last_name(_with_first_name(_titled_in_apposition(ent, gaz), gaz), gaz)


def _titled_in_apposition(ent: DocSpan, gaz: gazetteer.Gazetteer) -> DocSpan:
    """ "Emeka [Nwosu], Kestrel's managing director": a surname the model took for a place
    or a firm, after a given name it left untagged, with someone's title in apposition,
    is a person's name."""
    doc, start = ent.doc, ent.start
    if (
        ent.label_ not in ("GPE", "ORG", "LOC", "NORP")
        or len(ent) != 1
        or _is_listed(ent.text, gaz)
    ):
        return ent
    owned_title = any(
        a.dep_ == "appos"
        and gaz.is_title_word(a.text)
        and any(c.dep_ == "poss" for c in a.children)
        for a in ent.root.children
    )
    while (
        owned_title
        and start > 0
        and doc[start - 1].ent_iob_ == "O"
        and doc[start - 1].dep_ == "compound"
        and _is_name_word(doc[start - 1])
        and not gaz.is_title_word(doc[start - 1].text)
        and _may_be_a_given_name(doc[start - 1], gaz)
    ):
        start -= 1
    return ent if start == ent.start else DocSpan(doc, start, ent.end, label="PERSON")


def _surname_goes_on(first: DocSpan, second: DocSpan) -> bool:
    """ "Maria Teresa" + "Dela Cruz-Santiago": the second begins with a particle and the
    whole is a name's length; "Cillian Murphy Emily Blunt" is a list without commas."""
    words = sum(t.is_alpha for t in first) + sum(t.is_alpha for t in second)
    return second[0].lower_ in _SURNAME_PARTICLES and words <= _MAX_NAME_WORDS + 1


def _national_body(prev: DocSpan, ent: DocSpan, gaz: gazetteer.Gazetteer) -> bool:
    """ "Météo" + "-" + "France": one name, a word and a country joined by a bare hyphen."""
    doc, hyphen = ent.doc, prev.end
    joined = (
        ent.start == hyphen + 1
        and doc[hyphen].text == "-"
        and not prev[-1].whitespace_
        and not doc[hyphen].whitespace_
    )
    return (
        joined
        and prev.label_ in ("GPE", "ORG", "NORP")
        and ent.label_ == "GPE"
        and gaz.country(ent.text) is not None
        and not _is_listed(prev.text, gaz)
    )


def _with_last_name(ent: DocSpan, gaz: gazetteer.Gazetteer) -> DocSpan:
    """ "Maria Consuelo [Reyes] visited": a person's name the model ended before the
    proper noun its words modify, which it left untagged, runs on to that noun; and
    "Emeka [Uchenna]-Obi": before the second half of a double-barrelled surname."""
    doc, end = ent.doc, ent.end
    while ent.label_ == "PERSON" and end < len(doc):
        if _barrel_at(doc, end):
            end += 2
        elif (nickname := _nickname_at(doc, end, gaz)) is not None:
            end = nickname
        elif (
            doc[end - 1].dep_ == "compound"
            and doc[end - 1].head.i == end
            and doc[end].ent_iob_ == "O"
            and _is_name_word(doc[end])
            and not gaz.is_title_word(doc[end].text)
            and not gaz.has_org_suffix(doc[end].text)
            and doc[end].text not in gaz.place_suffixes
        ):
            end += 1
        else:
            break
    return ent if end == ent.end else DocSpan(doc, ent.start, end, label="PERSON")


def _with_first_name(ent: DocSpan, gaz: gazetteer.Gazetteer) -> DocSpan:
    """ "Rhodri [Evans], the Welsh Government's ...": a person's name the model began at
    the surname starts at the untagged given name before it, which modifies it."""
    doc, start = ent.doc, ent.start
    while (
        ent.label_ == "PERSON"
        and start > 0
        and doc[start - 1].ent_iob_ == "O"
        and doc[start - 1].dep_ == "compound"
        and ent.start <= doc[start - 1].head.i < ent.end
        and _is_name_word(doc[start - 1])
        and not gaz.is_title_word(doc[start - 1].text)
        and not _is_calendar_word(doc[start - 1].text, gaz)
        and _may_be_a_given_name(doc[start - 1], gaz)
    ):
        start -= 1
    return ent if start == ent.start else DocSpan(doc, start, ent.end, label="PERSON")


def _may_be_a_given_name(token: Token, gaz: gazetteer.Gazetteer) -> bool:
    """Not a word of the language ("Presenter", "Meanwhile", "Dutchman"), a person noun
    ("Passenger") or a listed place: "Rhodri", "Emeka"."""
    word = token.lower_
    return (
        not is_common_word(word, token.vocab)
        and word not in gaz.person_nouns
        and not _is_listed(token.text, gaz)
    )


def _nickname_at(doc: Doc, start: int, gaz: gazetteer.Gazetteer) -> int | None:
    """Where a name goes on past a quoted nickname: 'Ramon ["Jun" Estrella]-Bautista'."""
    quote = doc[start].text
    if quote not in _NICKNAME_QUOTES or start + 3 >= len(doc):
        return None
    nick, close = doc[start + 1], doc[start + 2]
    if not (nick.is_title and nick.is_alpha and close.text in _NICKNAME_QUOTES):
        return None
    end = start + 3
    while end < len(doc) and _is_name_word(doc[end]) and not gaz.is_title_word(doc[end].text):
        end += 1
    return end if end > start + 3 else None


def _barrel_at(doc: Doc, hyphen: int) -> bool:
    """A bare hyphen at ``hyphen`` joining the name word before to a capitalised one,
    unless the pair modifies a noun after it ("the Harris-Walz ticket": two people)."""
    if hyphen + 1 >= len(doc):
        return False
    second = doc[hyphen + 1]
    return (
        doc[hyphen].text == "-"
        and not doc[hyphen - 1].whitespace_
        and not doc[hyphen].whitespace_
        and doc[hyphen - 1].is_title
        and second.is_title
        and _is_name_word(second)
        and second.ent_iob_ != "B"
        and not (second.head.i > second.i and second.head.pos_ == "NOUN")
    )


def _modifies(words: DocSpan, head: DocSpan) -> bool:
    """Whether ``words`` are compounds of the last word of ``head``, which ends its phrase."""
    last = head[-1]
    return last.dep_ != "compound" and all(
        t.dep_ == "compound" and t.head.i == last.i for t in (words[-1], *head[:-1])
    )


# --- lines: headlines and noise -------------------------------------------------


class _Lines:
    """The article's lines, to tell headline-case and credit lines apart."""

    def __init__(self, text: str, gaz: gazetteer.Gazetteer) -> None:
        self.starts = [0] + [m.end() for m in re.finditer("\n", text)]
        self.text = text
        self._headline: dict[int, bool] = {}
        self._noise: dict[int, list[tuple[int, int]]] = {}  # line -> its noisy spans
        self._shouted: dict[int, bool] = {}
        self._gaz = gaz

    def index(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset) - 1

    def line(self, offset: int) -> str:
        i = self.index(offset)
        end = self.starts[i + 1] - 1 if i + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[i] : end]

    def is_headline(self, offset: int) -> bool:
        i = self.index(offset)
        if i not in self._headline:
            self._headline[i] = _headline_case(self.line(offset))
        return self._headline[i]

    def is_shouted(self, offset: int) -> bool:
        """ "PUTIN MEETS XI IN MOSCOW": a line in capitals, where case tells no names."""
        i = self.index(offset)
        if i not in self._shouted:
            letters = [ch for ch in self.line(offset) if ch.isalpha()]
            upper = sum(ch.isupper() for ch in letters)
            self._shouted[i] = len(letters) >= _SHOUTED_MIN_LETTERS and upper == len(letters)
        return self._shouted[i]

    def is_noise(self, offset: int) -> bool:
        """Is ``offset`` on a credit line, or in the credit a caption ends with?"""
        i = self.index(offset)
        if i not in self._noise:
            self._noise[i] = self._gaz.noise_spans(self.line(offset))
        at = offset - self.starts[i]
        return any(start <= at < end for start, end in self._noise[i])


def _headline_case(line: str) -> bool:
    """Title Case Lines Like This: most longer words capitalised, no final full stop."""
    found = re.findall(r"[^\W\d_][\w’'-]*", line)
    long = [w for w in found if len(w) > 3]
    if len(found) < _HEADLINE_MIN_WORDS or not long or line.rstrip().endswith("."):
        return False
    return sum(w[0].isupper() for w in long) / len(long) >= _HEADLINE_CAPITALISED


def _body_words(docs: list[tuple[Doc, int]], lines: _Lines) -> frozenset[str]:
    """Capitalised words of ordinary lines, not at the start of a sentence."""
    found = set()
    for doc, base in docs:
        index = doc_index(doc)
        sentence_starts = set(index.sent_starts)
        for i, word in enumerate(index.words):
            capitalised = word[:1].isupper() and i not in sentence_starts
            if capitalised and not lines.is_headline(base + index.token_starts[i]):
                found.add(word)
    return frozenset(found)


def _headline_check(c: _Candidate, lines: _Lines, body: frozenset[str]) -> list[_Candidate]:
    """On a headline-case line keep only the words the article also uses as names.

    "China Minister Hails 'Strong' Russia Ties" makes the model see names in
    every capitalised word; the body tells which of them are names.
    """
    if not lines.is_headline(c.base + c.doc[c.start].idx) or "gazetteer" in c.label:
        return [c]
    best: tuple[int, int] | None = None
    run_start = None
    for i in range(c.start, c.end + 1):
        known = i < c.end and c.doc[i].text in body
        if known and run_start is None:
            run_start = i
        if not known and run_start is not None:
            if best is None or i - run_start > best[1] - best[0]:
                best = (run_start, i)
            run_start = None
    if best is None:
        return []
    return [replace(c, start=best[0], end=best[1])]


# --- candidates ------------------------------------------------------------------


@dataclass(frozen=True)
class _Pattern:
    tokens: tuple[str, ...]
    kind: str


@functools.lru_cache(maxsize=1)
def _patterns() -> dict[str, list[_Pattern]]:
    """Gazetteer names as token tuples, by first token, longest first."""
    import spacy

    gaz = gazetteer.load()
    tokenizer = spacy.blank("en").tokenizer
    table: dict[str, list[_Pattern]] = {}
    for name, kind in gaz.names():
        tokens = tuple(t.text for t in tokenizer(name))
        table.setdefault(tokens[0], []).append(_Pattern(tokens, kind))
    for patterns in table.values():
        patterns.sort(key=lambda p: -len(p.tokens))
    return table


def _gazetteer_hits(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """Listed names the model did not tag, unless they are part of a longer name."""
    table = _patterns()
    words = doc_index(doc).words
    taken = {i for c in found for i in range(c.start, c.end)}
    hits = []
    i = 0
    while i < len(words):
        patterns = table.get(words[i])
        match = _match_at(words, i, patterns) if patterns else None
        if match and not taken.intersection(range(i, i + len(match.tokens))):
            end = i + len(match.tokens)
            if not _inside_longer_name(doc, i, end, gaz):
                hits.append(_Candidate(doc, base, i, end, match.kind, "gazetteer"))
                i = end
                continue
        i += 1
    return hits


def _suffixed_names(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "Japan Maritime Self-Defense Force": capitalised words ending in an
    organisation suffix (data/org_suffixes.txt) that the model left untagged.

    Listed names inside the run ("Japan") are part of it, so the run is
    looked for before the gazetteer's names.
    """
    taken = {i for c in found for i in range(c.start, c.end)}
    hits = []
    for i, token in enumerate(doc):
        if i in taken or not token.is_title or not gaz.has_org_suffix(token.text):
            continue
        start = i
        while start > 0 and start - 1 not in taken and _joins_name(doc, start - 1):
            start -= 1
        while start < i and not doc[start].is_title:  # a hyphen cannot begin a name
            start += 1
        start = _title_before(doc, start, taken, gaz)
        whole = not _propn_in_capitals(doc, i + 1) and not _joined_on(doc, start)
        if i - start >= 1 and whole:
            hits.append(_Candidate(doc, base, start, i + 1, ORGANIZATION, "ORG+suffix"))
    return hits


def _title_before(doc: Doc, start: int, taken: set[int], gaz: gazetteer.Gazetteer) -> int:
    """Where a name starting at ``start`` begins if a capitalised title and its possessive
    mark come first: "the Prime Minister's Office", "the Auditor General's Department"."""
    first = _title_ending_at(doc, start - 1, gaz)
    if first is None or any(j in taken for j in range(first, start)):
        return start
    return first


def _title_ending_at(doc: Doc, mark: int, gaz: gazetteer.Gazetteer) -> int | None:
    """The first token of the longest capitalised title right before the possessive
    mark at ``mark`` ("Prime Minister" of "Prime Minister's"), if there is one."""
    if mark < 1 or doc[mark].text not in ("'s", "’s") or doc[mark - 1].whitespace_:
        return None
    for first in range(max(0, mark - _MAX_TITLE_WORDS), mark):
        head = [t.text for t in doc[first:mark]]
        title = gaz.title_at(head, 0)
        if title is not None and title.end == len(head) and head[0][:1].isupper():
            return first
    return None


def _joins_name(doc: Doc, i: int) -> bool:
    """Whether token ``i`` continues a name to its right: a capitalised word, the
    hyphen of "Self-Defense", the apostrophe of "Dockers'"."""
    token = doc[i]
    if "\n" in token.whitespace_:
        return False
    if token.text == "-":
        return not token.whitespace_ and i > 0 and not doc[i - 1].whitespace_
    if token.text in ("'", "’"):  # "General Dockers' Union": a plural's apostrophe
        return i > 0 and not doc[i - 1].whitespace_ and doc[i - 1].lower_.endswith("s")
    return token.pos_ == "PROPN" and token.is_title


def _propn_in_capitals(doc: Doc, i: int) -> bool:
    """Whether token ``i`` is a proper noun in capitals ("Space Company EADS N.V.")."""
    return 0 <= i < len(doc) and doc[i].pos_ == "PROPN" and doc[i].text[:1].isupper()


def _joined_on(doc: Doc, start: int) -> bool:
    """Whether a name ending at ``start`` is joined on ("Defence and Space Company"):
    the run is then only the end of a longer name, whose start is unclear."""
    joined = start >= 2 and doc[start - 1].lower_ in _NAME_JOINERS
    return joined and _propn_in_capitals(doc, start - 2)


def _titled_names(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "Chancellor Scholz", "Dr Fauci", "the museum's head of collections, Anders
    Berg": capitalised names right after a title (or a title and a comma), untagged.

    The small model misses people in some positions (objects, lists); a role
    title or honorific before a proper noun says it is a person.
    """
    words = doc_index(doc).words

    def titles(token: Token) -> bool:  # "Minister X", or "the museum's head of collections, X"
        if token.is_upper and len(token) <= 2:
            return False  # "MP Police": Madhya Pradesh's; "MP Materials": a company
        return gaz.is_title_word(words[token.i]) or (
            token.text == "," and title_start(doc, token.i, gaz) is not None
        )

    hits = []
    for start, end in _untagged_names_after(doc, found, titles):
        i = _past_title_words(doc, start, end, gaz)  # "Minister of Foreign [Affairs] ..."
        after_comma = doc[i - 1].text == ","
        titled = title_start(doc, i - 1 if after_comma else i, gaz) is not None
        if not titled or _is_listed(doc[i:end].text, gaz) or _is_calendar_word(words[i], gaz):
            continue
        honours = doc[i - 1].lower_ in _HONOURING_TITLES
        if not after_comma and honours and _names_a_building(doc[i:end].text, gaz):
            # "Princess Basma Teaching Hospital", "King Faisal Specialist Hospital": the
            # title is the first word of a name given in someone's honour
            hits.append(_Candidate(doc, base, i - 1, end, ORGANIZATION, "ORG+titled"))
            continue
        surname = next((k for k, c in enumerate(found) if c.start == end), None)
        if surname is not None and found[surname].kind == PERSON:
            # "Director-General Folake [Adebanjo]": the model's person lacks the first name
            found[surname] = replace(found[surname], start=i)
        else:
            hits.append(_Candidate(doc, base, i, end, PERSON, "PERSON+titled"))
    return hits


def _names_a_building(name: str, gaz: gazetteer.Gazetteer) -> bool:
    return len(name.split()) > 1 and (
        gaz.has_org_suffix(name) or gaz.place_suffix_kind(name) == FACILITY
    )


def _past_title_words(doc: Doc, start: int, end: int, gaz: gazetteer.Gazetteer) -> int:
    """Where the name begins in a run of capitalised words: past the title's last
    words when the title runs into it ("Minister of Foreign Affairs Ana Ruiz")."""
    for k in range(end - 1, start, -1):
        if title_start(doc, k, gaz) is not None:
            return k
    return start


def _described_names(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "Danish shipping group Maersk", "chipmaker Nvidia": a name right after an
    organisation noun (data/org_nouns.txt), untagged by the model, is an organisation."""
    words = doc_index(doc).words

    def describes(token: Token) -> bool:
        return token.pos_ == "NOUN" and token.lemma_.lower() in gaz.org_nouns

    return [
        _Candidate(doc, base, i, end, ORGANIZATION, "ORG+noun")
        for i, end in _untagged_names_after(doc, found, describes)
        if not (
            _is_listed(doc[i:end].text, gaz)
            or _is_calendar_word(words[i], gaz)
            or gaz.is_title_word(words[i])
        )
    ]


def _appositive_people(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "Sergiu Arion, the director general of Moldelectrica, said": a full name the
    model missed, with a role title or a person's noun in apposition, is a person."""
    words = doc_index(doc).words
    hits = []
    for i, end in _untagged_names_after(doc, found, lambda token: True):
        if end - i < 2 or end + 1 >= len(doc) or doc[end].text != ",":
            continue
        if _is_listed(doc[i:end].text, gaz) or gaz.is_title_word(words[i]):
            continue
        if any(_describes_a_person(head, end + 1, gaz) for head in doc[i:end].root.children):
            hits.append(_Candidate(doc, base, i, end, PERSON, "PERSON+appositive"))
    return hits


def _cities_after_in(
    doc: Doc, base: int, found: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "the Severn Institute for Genomic Medicine in Cardiff": a city GeoNames knows,
    which the model left untagged, where "in" governs it."""
    words = doc_index(doc).words
    return [
        _Candidate(doc, base, i, end, CITY, "NAME+geonames")
        for i, end in _untagged_names_after(doc, found, lambda token: token.lower_ == "in")
        if doc[i:end].root.dep_ == "pobj"
        and gaz.is_world_city(doc[i:end].text)
        and not _is_calendar_word(words[i], gaz)
        and not gaz.is_title_word(words[i])
    ]


def _describes_a_person(head: Token, start: int, gaz: gazetteer.Gazetteer) -> bool:
    """Whether ``head`` is an apposition starting at token ``start`` whose noun, or a
    noun before it, is a role title or a person's ("the director general", "an analyst")."""
    if head.dep_ != "appos" or head.left_edge.i != start:
        return False
    return any(_names_a_role(t, gaz) for t in head.doc[start : head.i + 1])


def _names_a_role(token: Token, gaz: gazetteer.Gazetteer) -> bool:
    """A role title's word or a person's noun: "director", "analyst"."""
    return gaz.is_title_word(token.text) or token.lemma_.lower() in gaz.person_nouns


def _untagged_names_after(
    doc: Doc, found: list[_Candidate], before: Callable[[Token], bool]
) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each run of capitalised proper nouns (at most
    ``_MAX_NAME_WORDS``, on one line) that no candidate covers and that follows
    a token ``before`` accepts."""
    taken = {i for c in found for i in range(c.start, c.end)}
    i = 1
    while i < len(doc):
        if i in taken or not _is_name_word(doc[i]) or not before(doc[i - 1]):
            i += 1
            continue
        end = i + 1
        while end < len(doc) and end - i < _MAX_NAME_WORDS and end not in taken:
            if not _is_name_word(doc[end]) or "\n" in doc[end - 1].whitespace_:
                break
            end += 1
        yield i, end
        i = end


def _is_listed(name: str, gaz: gazetteer.Gazetteer) -> bool:
    """Whether a gazetteer lists ``name`` as a country, city, division, agency or seat."""
    return bool(
        gaz.country(name)
        or gaz.is_city(name)
        or gaz.is_division(name)
        or gaz.agency(name)
        or gaz.seat(name)
    )


def _is_calendar_word(word: str, gaz: gazetteer.Gazetteer) -> bool:
    """ "said the company Monday": a day or a month is no name."""
    low = word.lower().rstrip(".")
    return low in gaz.months or low in _WEEKDAYS


def _is_name_word(token: Token) -> bool:
    return token.pos_ == "PROPN" and token.is_title and token.is_alpha


def _match_at(words: list[str], i: int, patterns: list[_Pattern]) -> _Pattern | None:
    for pattern in patterns:
        n = len(pattern.tokens)
        if tuple(words[i : i + n]) == pattern.tokens:
            return pattern
    return None


def _inside_longer_name(doc: Doc, start: int, end: int, gaz: gazetteer.Gazetteer) -> bool:
    before = doc[start - 1] if start > 0 else None
    after = doc[end] if end < len(doc) else None
    if after is not None and title_before_person(doc, end, gaz) is not None:
        after = None  # "Millbrook Mayor Jane Doe": the title starts after the name
    for token in (before, after):
        if token is not None and token.pos_ == "PROPN" and token.text[:1].isupper():
            if token is before and token.is_sent_start:
                continue
            return True
    return False


# --- tidying ---------------------------------------------------------------------


def _tidy(c: _Candidate, gaz: gazetteer.Gazetteer, lines: _Lines) -> list[_Candidate]:
    out = []
    for piece in _split_lines(c):
        piece = _cut_before_title(_cut_trailer(_cut_possessive(piece, gaz), gaz), gaz)
        piece = _cut_portfolio(piece, gaz) if piece is not None else None
        piece = _trim(piece, gaz) if piece is not None else None
        if piece is None or lines.is_noise(piece.base + piece.doc[piece.start].idx):
            continue
        if _is_title_fragment(piece, gaz) or not _looks_like_name(piece):
            continue
        if piece.end - piece.start == 1 and gaz.demonym(piece.text):
            continue  # "Russian", "Ukrainian": adjectives, not names
        if _is_date_or_measure(piece, gaz):
            continue
        piece = _with_facility_noun(_decide_kind(piece, gaz), gaz)
        out.append(_article(piece))
    return out


def _with_facility_noun(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """ "Keflavík airport", "the Svartsengi power plant", "Evin prison": a place's or
    a one-word name and the lower-case noun after it that names a facility
    (facility_nouns.txt) are one facility.  An organisation's name is not grown
    ("the Intel plant" is Intel's), nor a city's or a country's ("Paris airport
    workers": the city stays named)."""
    if c.kind == ORGANIZATION or (c.kind == PERSON and c.end - c.start > 1):
        return c
    if gaz.country(c.text) or gaz.is_city(c.text):
        return c
    doc = c.doc
    for size in (3, 2, 1):
        words = doc[c.end : c.end + size]
        if len(words) < size or not all(t.is_lower and t.is_alpha for t in words):
            continue
        if words.text.lower() in gaz.facility_nouns:
            return replace(c, end=c.end + size, kind=FACILITY, label=f"{c.label}+facility")
    return c


def _split_joined(candidates: list[_Candidate], gaz: gazetteer.Gazetteer) -> list[_Candidate]:
    """ "Boeing-Air Force contract": two names joined by a hyphen, when the article
    names each of them on its own; "Rolls-Royce" stays whole."""
    known = {_bare_words(c.span) for c in candidates}
    out = []
    for c in candidates:
        pieces = _split_at_hyphen(c, known)
        if len(pieces) > 1:  # each piece's kind is decided afresh
            pieces = [_decide_kind(replace(p, label=p.label.split("+")[0]), gaz) for p in pieces]
        out.extend(pieces)
    return out


def _split_at_hyphen(c: _Candidate, known: set[tuple[str, ...]]) -> list[_Candidate]:
    doc = c.doc
    for k in range(c.start + 1, c.end - 1):
        joined = doc[k].text == "-" and not doc[k - 1].whitespace_ and not doc[k].whitespace_
        left, right = doc[c.start : k], doc[k + 1 : c.end]
        if joined and _bare_words(left) in known and _bare_words(right) in known:
            return [replace(c, end=k), replace(c, start=k + 1)]
    return [c]


def _bare_words(span: DocSpan) -> tuple[str, ...]:
    return tuple(t.text for t in span if t.lower_ != "the")


def _split_lines(c: _Candidate) -> list[_Candidate]:
    """A span running over a line break is two names (or a name and a credit)."""
    pieces, start = [], c.start
    for i in range(c.start, c.end):
        if "\n" in c.doc[i].text or c.doc[i].is_space:
            if i > start:
                pieces.append(replace(c, start=start, end=i))
            start = i + 1
        elif "\n" in c.doc[i].whitespace_ and i + 1 < c.end:
            pieces.append(replace(c, start=start, end=i + 1))
            start = i + 1
    if c.end > start:
        pieces.append(replace(c, start=start, end=c.end))
    return pieces


def _cut_possessive(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """ "China's Foreign Ministry": two names; the first is kept, the second if it is one.

    The second part survives only when it ends in an organisation suffix;
    "Apple Computer's Mac OS" keeps "Apple Computer" alone.  A plural's bare
    apostrophe before a lone suffix is inside one name ("Workers' Party").
    """
    for i in range(c.start + 1, c.end - 1):
        if c.doc[i].text in _POSSESSIVE:
            if _possessive_inside_name(c.doc, i, gaz):
                continue  # "Equatoria People's Movement", "St James's University Hospital"
            tail = c.doc[i + 1 : c.end]
            if c.doc[i].text in ("'", "’") and len(tail) == 1 and gaz.has_org_suffix(tail.text):
                return c  # "the General Dockers' Union", "Workers' Party": one name
            if (start := _office_of_a_title(c, i, gaz)) is not None:
                return replace(c, start=start, kind=ORGANIZATION, label=f"{c.label}+suffix")
            if gaz.has_org_suffix(tail.text) and tail[0].text[:1].isupper():
                return replace(c, start=i + 1, kind=ORGANIZATION, label=f"{c.label}+suffix")
            return replace(c, end=i)
    return c


def _office_of_a_title(c: _Candidate, i: int, gaz: gazetteer.Gazetteer) -> int | None:
    """ "the Prime Minister's Office", "the Auditor General's Department": a title, its
    mark at ``i``, then capitalised words ending in an organisation suffix are one name.

    Where it starts: the title's first word, or the candidate's "the" before it, or
    the capitalised words before it ("the Federal Public Prosecutor's Office").  The
    model may have begun the name inside the title ("General's Office").
    """
    tail = c.doc[i + 1 : c.end]
    if not (all(t.is_title for t in tail) and gaz.has_org_suffix(tail.text)):
        return None
    first = _title_ending_at(c.doc, i, gaz)
    words = c.start + (c.doc[c.start].lower_ == "the")
    if first is None or not all(t.is_title for t in c.doc[words:first]):
        return None
    return min(first, c.start)


def _possessive_inside_name(doc: Doc, i: int, gaz: gazetteer.Gazetteer) -> bool:
    """Is the possessive mark at ``i`` inside one name, before a capitalised word?"""
    words = gaz.possessive_name_words
    return (
        1 <= i < len(doc) - 1
        and doc[i + 1].is_title
        and (doc[i - 1].lower_ in words or (i >= 2 and doc[i - 2].lower_ in words))
    )


def _grown_back_over_and(found: list[_Candidate]) -> list[_Candidate]:
    """ "the Maritime and Port Authority of Singapore", which the model began at "Port":
    capitalised words joined on by "and", after "the", begin an organisation's name
    when no other name holds them."""
    taken = {i for c in found for i in range(c.start, c.end)}
    return [_back_over_and(c, taken) for c in found]


def _back_over_and(c: _Candidate, taken: set[int]) -> _Candidate:
    doc, joiner = c.doc, c.start - 1
    if c.kind != ORGANIZATION or joiner < 2 or doc[joiner].lower_ != "and":
        return c
    first = joiner
    while first > 0 and doc[first - 1].is_title and first - 1 not in taken:
        first -= 1
    if first == joiner or first == 0 or doc[first - 1].lower_ != "the":
        return c
    return replace(c, start=first)


def _grown_over_possessives(found: list[_Candidate], gaz: gazetteer.Gazetteer) -> list[_Candidate]:
    """Each name grown over a possessive inside it; the names it then covers go."""
    grown = [_grow_over_possessive(c, gaz) for c in found]
    wider = [(g.start, g.end) for g, c in zip(grown, found, strict=True) if g.end > c.end]
    return [
        g
        for g in grown
        if not any(s <= g.start and g.end <= e and (s, e) != (g.start, g.end) for s, e in wider)
    ]


def _grow_over_possessive(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """ "Equatoria People's" the model ended at the mark: the name goes on, over the
    capitalised words after it ("Movement")."""
    doc, end = c.doc, c.end
    mark = end - 1 if doc[end - 1].text in _POSSESSIVE else end
    if mark >= len(doc) or doc[mark].text not in _POSSESSIVE or mark == c.start:
        return c
    if not _possessive_inside_name(doc, mark, gaz):
        return c
    end = mark + 1
    while end < len(doc) and doc[end].is_title and doc[end].pos_ == "PROPN":
        end += 1
    return replace(c, end=end) if end > mark + 1 else c


def _cut_trailer(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    for i in range(c.start + 1, c.end):
        if c.doc[i].text in gaz.trailers:
            return replace(c, end=i)
    return c


def _cut_before_title(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate | None:
    """ "Boeing Executive" of "Boeing Executive Vice President Scott Carson": the name ends
    where a title running past it begins."""
    if c is None or c.kind == PERSON:
        return c
    words = doc_index(c.doc).words[c.start : c.end + 4]
    for i in range(1, c.end - c.start):
        title = gaz.title_at(words, i)
        runs_past = title is not None and c.start + title.end > c.end
        if runs_past and c.doc[c.start + i].text[0].isupper():
            if words[i - 1].lower() in _NAME_JOINERS:  # "Business and Trade Secretary"
                return None  # portfolio words of the title, no name
            return replace(c, end=c.start + i)
    return c


def _cut_portfolio(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """ "the Air Force" of "Secretary of the Air Force for Acquisition Marvin Sambur".

    After "<title> of", a name is the office's owner; "for ..." names the
    portfolio (and often the holder), not more of the owner's name.
    """
    doc = c.doc
    i = c.start - 1 if c.start > 0 and doc[c.start - 1].lower_ == "the" else c.start
    if i < 2 or doc[i - 1].lower_ != "of" or not gaz.is_title_word(doc[i - 2].text):
        return c
    cut = next((k for k in range(c.start + 1, c.end) if doc[k].lower_ == "for"), None)
    return replace(c, end=cut) if cut is not None else c


def _trim(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate | None:
    start, end, doc = c.start, c.end, c.doc
    while start < end and _is_edge_junk(doc[start]):
        start += 1
    while end > start and (_is_edge_junk(doc[end - 1]) or doc[end - 1].text in _POSSESSIVE):
        end -= 1
    if end > start and doc[end - 1].lower_ in _SCALE_WORDS:
        # "fines Rapidão 210 million reais": an amount is no part of a name
        end -= 1
        while end > start and (doc[end - 1].like_num or doc[end - 1].is_currency):
            end -= 1
    if c.kind == PERSON:  # "President Xi Jinping": the title is not the name
        words = doc_index(doc).words[start:end]
        title = gaz.title_at(words, 0)
        if title is not None and title.end < len(words):
            start += title.end
    start, end = _balanced(doc, start, end)
    if end <= start:
        return None
    return replace(c, start=start, end=end)


_SCALE_WORDS = frozenset({"hundred", "thousand", "million", "billion", "trillion"})


def _balanced(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """ "Office (FCDO": a bracket opened in the name and closed after it is not part of it."""
    for i in range(start, end):
        if doc[i].text == "(" and not any(t.text == ")" for t in doc[i + 1 : end]):
            end = i
            break
        if doc[i].text == ")" and not any(t.text == "(" for t in doc[start:i]):
            start = i + 1
    while end > start and _is_edge_junk(doc[end - 1]):
        end -= 1
    return start, end


def _is_edge_junk(token: Token) -> bool:
    if token.text in _QUOTES or token.is_space:
        return True
    return token.is_punct and not (len(token.text) > 1 and token.text.endswith("."))


def _is_title_fragment(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """ "Defence" in "Russian Defence Minister ...", "State" in "Secretary of State"."""
    index = doc_index(c.doc)
    sent = index.sentence_of(c.start)
    offset = max(sent.start, c.start - 3)  # a title starts at most 3 words before the name
    words = index.words[offset : min(sent.end, c.end + _TITLE_REACH)]
    for i in range(0, c.end - offset):
        title = gaz.title_at(words, i)
        if title and title.start + offset <= c.start and c.end <= title.end + offset:
            return True
    return False


def _looks_like_name(c: _Candidate) -> bool:
    text = c.text
    letters = sum(ch.isalpha() for ch in text)
    if letters < 2 or not any(ch.isupper() for ch in text) or _is_unit(c):
        return False  # "X." alone is an initial or a letter, not a name
    return c.doc[c.end - 1].text[:1].isupper() or c.doc[c.end - 1].like_num or c.end - c.start > 1


def _is_date_or_measure(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """ "Sep 10" in a dateline, "Magnitude 6.8": a month before a day, or a person's
    name with a number in it, is no name."""
    doc = c.doc
    after = doc[c.end] if c.end < len(doc) else None
    month = c.end - c.start == 1 and c.text.lower().rstrip(".") in gaz.months
    if month and after is not None and after.like_num:
        return True
    return c.kind == PERSON and any(ch.isdigit() for ch in c.text)


def _is_unit(c: _Candidate) -> bool:
    """ "16 GB of storage", "a 5 MW plant": a short capitalised word after a number
    that heads its phrase is a unit ("3 BBC reporters" modifies a noun: a name)."""
    token = c.doc[c.start]
    prev = c.doc[c.start - 1] if c.start > 0 else None
    short = c.end - c.start == 1 and token.is_upper and len(token.text) <= _UNIT_MAX_LETTERS
    if prev is None or not short:
        return False
    if _is_clock_time(prev):  # "08:42 GMT", "5:00 PM UTC": a time zone
        return True
    return prev.like_num and token.dep_ not in _MODIFIER_DEPS


def _is_clock_time(token: Token) -> bool:
    """A time of day, or its last word: "08:42", "7am", "PM"."""
    text = token.lower_.replace(".", "")
    return bool(re.fullmatch(r"\d{1,2}([:.]\d\d)?(am|pm)?|am|pm", text)) and (
        ":" in text or not text.isdigit()
    )


def _decide_kind(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """Words that name the kind first, then gazetteers, then the nouns around the name.

    "the city of X", "the X region" and "X coach Jane Doe" say what X is in
    this article, whatever a gazetteer lists under the same name.
    """
    name = c.text
    frame = _place_frame(c, gaz)
    if frame is not None:
        return _with_kind(c, frame, "frame")
    multi_token_person = c.kind == PERSON and c.end - c.start > 1
    if gaz.country(name) and not multi_token_person:
        return _with_kind(c, COUNTRY, "gazetteer")
    if gaz.seat(name):
        return _with_kind(c, FACILITY, "gazetteer")
    if gaz.agency(name):
        return _with_kind(c, ORGANIZATION, "gazetteer")
    owner = _owner_kind(c, gaz) or _owner_after_title(c, gaz)
    if owner is not None:
        return _with_kind(c, owner, "owner")
    if c.kind != ORGANIZATION and _takes_plural_verb(c):
        return _with_kind(c, ORGANIZATION, "plural-verb")
    if gaz.is_city(name) and not multi_token_person:
        return _with_kind(c, CITY, "gazetteer")
    if gaz.is_division(name):  # the whole name: "Tamil Nadu" read as a person is none
        return _with_kind(c, PLACE, "gazetteer")
    if (c.kind == PLACE or _in_place_slot(c, gaz)) and gaz.is_world_city(name):
        # "signed in Alor Setar", "will not visit Bukhara", read as a person
        return _with_kind(c, CITY, "geonames")
    if gaz.has_org_suffix(name) and c.end - c.start > 1:
        return _with_kind(c, ORGANIZATION, "suffix")
    if c.kind == PERSON and _is_group_name(c):
        return _with_kind(c, ORGANIZATION, "group")
    if c.kind == PERSON and _has_acronym_word(c):
        return _with_kind(c, ORGANIZATION, "acronym")
    suffix = gaz.place_suffix_kind(name)
    if suffix is not None and (
        c.kind in (PERSON, PLACE) or suffix == FACILITY or gaz.is_unit_name(name)
    ):
        # "Ho Chi Minh City"; "Heathrow Airport" is a place however the model read it
        return _with_kind(c, suffix, "suffix")
    context = _context_kind(c, gaz)
    if context is not None and (context != c.kind or c.kind == ORGANIZATION):
        # a confirming noun ("airline, Ryanair") is evidence too: it outvotes the model
        return _with_kind(c, context, "context")
    return c


def _cue_kind(c: _Candidate, gaz: gazetteer.Gazetteer) -> _Candidate:
    """The kind the words around this occurrence give, if any: another occurrence of a
    name found earlier may say more ("the city of X" after "X said")."""
    frame = _place_frame(c, gaz)
    if frame is not None:
        return _with_kind(c, frame, "frame")
    if gaz.country(c.text) or gaz.seat(c.text) or gaz.agency(c.text):
        return c
    owner = _owner_kind(c, gaz)
    if owner is not None:
        return _with_kind(c, owner, "owner")
    if c.kind != ORGANIZATION and _takes_plural_verb(c):
        return _with_kind(c, ORGANIZATION, "plural-verb")
    context = _context_kind(c, gaz)
    if context is not None and not (gaz.is_city(c.text) and context != PERSON):
        return _with_kind(c, context, "context")
    return c


def _takes_plural_verb(c: _Candidate) -> bool:
    """ "Torino have sacked their coach", "Barcelona are top": one proper name as the
    subject of a plural verb is a team or a company, as British English writes them.

    Names joined by "and" take a plural verb anyway, and a plural name
    ("the Smiths") is left to :func:`_is_group_name`.  A person's full name
    stays a person: there the parser missed the "and" ("Putin and Minister Li
    Shangfu have hailed").
    """
    if c.kind == PERSON and c.end - c.start > 1:
        return False
    root = c.span.root
    if root.tag_ != "NNP" or root.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if any(child.dep_ == "conj" for child in root.children) or root.head.dep_ == "conj":
        return False
    verb = root.head
    finite = next((t for t in verb.children if t.dep_ in ("aux", "auxpass")), verb)
    return finite.i > root.i and (finite.tag_ == "VBP" or finite.lower_ == "were")


def _is_group_name(c: _Candidate) -> bool:
    """ "the Beatles", "the Rolling Stones": "the" and a plural proper noun name a group."""
    the = c.doc[c.start].lower_ == "the" or (c.start > 0 and c.doc[c.start - 1].lower_ == "the")
    return the and c.doc[c.end - 1].tag_ == "NNPS"


def _owner_after_title(c: _Candidate, gaz: gazetteer.Gazetteer) -> str | None:
    """ "the mayor of Lavreotiki", "chief executive of Vistula Energia": the title's
    owner is a place or an organisation (title_owners.csv), never a person."""
    root = c.span.root
    if c.kind not in (PERSON, ORGANIZATION) or root.dep_ != "pobj":
        return None
    of, title = root.head, root.head.head
    if of.lower_ != "of" or title.pos_ != "NOUN" or of.i != title.i + 1:
        return None
    words = [t.text for t in c.doc[title.left_edge.i : title.i + 1]]
    owner = gaz.title_owner(words)
    if owner == "place":
        return _known_place_kind(c, gaz) or PLACE
    return ORGANIZATION if owner == "organization" and c.kind == PERSON else None


def _in_place_slot(
    c: _Candidate, gaz: gazetteer.Gazetteer, preps: frozenset[str] = frozenset({"in"})
) -> bool:
    """The name is where something is or someone goes: "in Alor Setar", "visit Bukhara",
    "in São Paulo and Belo Horizonte"."""
    root = c.span.root
    while root.dep_ == "conj" and root.head is not root:
        root = root.head
    if root.dep_ == "dobj":
        return root.head.lemma_.lower() in gaz.place_verbs
    return root.dep_ == "pobj" and root.head.lower_ in preps


# prepositions of where, for a name seen only after them ("the slopes above X")
_WHERE_PREPS = frozenset({"in", "above", "below", "outside", "beyond", "near", "over", "into"})


def _villages(candidates: list[_Candidate], gaz: gazetteer.Gazetteer) -> list[_Candidate]:
    """ "over Meursault, Pommard and Volnay", "the slopes above Meursault", "has not
    visited Meursault": a one-word name the model read as a person's, listed with a
    place of the article where places stand, and seen nowhere but where places stand,
    is a place no gazetteer lists.  A person is visited, ranked above another or
    believed in, but not listed with towns; nor is a word of a person's full name."""
    names = {t.text for c in candidates if c.kind == PERSON and c.end - c.start > 1 for t in c.span}
    place_names = {c.text for c in candidates if c.kind in PLACE_KINDS}
    seen: dict[str, list[_Candidate]] = defaultdict(list)
    for c in candidates:
        if c.end - c.start == 1:
            seen[c.text].append(c)
    places = {
        text
        for text, group in seen.items()
        if text not in names
        and all(c.kind == PERSON and c.label == "PERSON" for c in group)
        and all(_in_place_slot(c, gaz, _WHERE_PREPS) for c in group)
        and any(t.text in place_names for c in group for t in c.span.root.conjuncts)
    }
    return [_with_kind(c, PLACE, "slot") if c.text in places else c for c in candidates]


def _has_acronym_word(c: _Candidate) -> bool:
    """ "ETH Zurich", "UBS Warburg", "the NCCU": a word in capitals, alone or beside a
    capitalised one, names an institution; people's names carry initials, not acronyms."""
    words = [t for t in c.span if t.is_alpha]
    if len(words) == 1 and words[0].is_upper and len(words[0]) >= 3:
        return any(t.is_lower for t in c.span.sent)  # "the NCCU", not a headline in capitals
    return any(t.is_upper and len(t) >= 3 for t in words) and any(t.is_title for t in words)


def _with_kind(c: _Candidate, kind: str, rule: str) -> _Candidate:
    label = c.label if rule in c.label else f"{c.label}+{rule}"
    return replace(c, kind=kind, label=label)


def _context_kind(c: _Candidate, gaz: gazetteer.Gazetteer) -> str | None:
    """The kind the surrounding nouns give: "arms exporter X", "X, a city in ...",
    "X, a 38-year-old lawyer", "Captain Jane Doe", "state-owned X"."""
    titled = _after_title(c, gaz) or _title_in_apposition(c, gaz)
    if c.kind != PERSON and titled and _reads_as_full_name(c):
        return PERSON
    if _after_org_modifier(c, gaz):
        return ORGANIZATION
    if c.kind == PLACE and _workplace(c, gaz):
        return ORGANIZATION
    for noun in _describing_nouns(c):
        word = noun.lemma_.lower()
        if word in gaz.person_nouns and c.kind == PERSON and _reads_as_full_name(c):
            return None  # a person's noun bears the model out ("investor Michael Brandt")
        if word in gaz.org_nouns:
            return ORGANIZATION
        if word in gaz.place_nouns and c.kind != PERSON:
            return gaz.place_nouns[word]
        if c.kind != PERSON and _is_aged(noun):
            return PERSON  # "X, a 45-year-old nurse"
        if word in gaz.person_nouns and c.kind != PERSON and _reads_as_full_name(c):
            return PERSON
    return None


def _after_org_modifier(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """ "state-owned Codelco", "Nasdaq-listed Lumora": the words right before the name
    say who owns it or where it trades, which only an organisation has."""
    before = c.doc[max(0, c.start - _MODIFIER_REACH) : c.start].text.lower()
    return any(
        before.endswith(m) if m.startswith("-") else before == m or before.endswith(f" {m}")
        for m in gaz.org_modifiers
    )


def _workplace(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """ "head of food inspection at Dubai Municipality", "an analyst at Expert-Grup": the
    name a role is held at (a title or a person's noun, up the phrase) is an employer."""
    root = c.span.root
    if root.dep_ != "pobj" or root.head.lower_ != "at":
        return False
    noun = root.head.head
    for _ in range(_WORKPLACE_REACH):
        if noun.pos_ == "NOUN" and _names_a_role(noun, gaz):
            return True
        if noun.dep_ not in ("pobj", "prep") or noun.head is noun:
            return False
        noun = noun.head
    return False


def _after_title(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """A one-word title, capitalised as before a name, stands right before it."""
    before = c.start - 1
    return before >= 0 and c.doc[before].is_title and (c.doc[before].lower_,) in gaz.titles


def _title_in_apposition(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """ "Rhodri Evans, the Welsh Government's Cabinet Secretary for Education": a title
    capitalised as a person's is in apposition (a firm's is not: "the market leader")."""
    start = c.end + 1
    if start >= len(c.doc) or c.doc[c.end].text != ",":
        return False
    return any(
        head.dep_ == "appos"
        and head.left_edge.i == start
        and head.is_title
        and gaz.is_title_word(head.text)
        for head in c.span.root.children
    )


def _is_aged(noun: Token) -> bool:
    """ "a 38-year-old lawyer": the noun phrase gives an age."""
    return _AGE_PHRASE.search(noun.doc[noun.left_edge.i : noun.i + 1].text.lower()) is not None


def _reads_as_full_name(c: _Candidate) -> bool:
    """ "First Last": a person noun describes it as a person.

    "Nvidia, the market leader": a one-word name with a role noun is as often a firm.
    """
    words = [t for t in c.span if t.is_alpha]
    return len(words) >= 2 and all(t.is_title for t in words)


def _owner_kind(c: _Candidate, gaz: gazetteer.Gazetteer) -> str | None:
    """ "Benfica coach Jane Doe", "Millbrook Mayor Jane Doe", "Skyhaven's chief
    executive, Jane Doe": the name owning the title of the person after it is an
    organisation or a place, never a person (but see :func:`_surnames`)."""
    start = c.end
    possessive = start < len(c.doc) and c.doc[start].text in _POSSESSIVE_MARKS
    if possessive:
        start += 1
    title = title_before_person(c.doc, start, gaz, comma=possessive)
    if title is None:
        return None
    owner = gaz.title_owner(doc_index(c.doc).words[start : start + title.end])
    if owner == "organization":
        return ORGANIZATION
    if owner == "place":
        return c.kind if c.kind in PLACE_KINDS else PLACE
    if owner == "institution" and c.kind == PERSON:
        return ORGANIZATION
    return None


def title_before_person(doc: Doc, i: int, gaz: gazetteer.Gazetteer, *, comma: bool = False):
    """The role title starting at token ``i`` and running up to a person's name, if any.

    "[president] Nuno Valente", "[Chief Executive] Jane Doe"; with ``comma``
    also "[chief executive], Jane Doe".  Honorifics alone ("Mr") and titles
    running into no name are none.
    """
    words = doc_index(doc).words[i : i + _TITLE_REACH]
    title = gaz.title_at(words, 0) if words else None
    if title is None or title.honorific_only or i + title.end >= len(doc):
        return None
    after = i + title.end
    if comma and doc[after].text == "," and after + 1 < len(doc):
        after += 1
    name = doc[after]
    if name.ent_type_ == "PERSON" or (_is_name_word(name) and name.ent_type_ == ""):
        return title
    return None


def _place_frame(c: _Candidate, gaz: gazetteer.Gazetteer) -> str | None:
    """ "the city of X", "the province of X", "the X region": the noun says which place.

    Only a lower-case noun with nothing else before it but "the" and nouns that
    say what kind of place it is names X ("the fishing town of X"; "the largest
    city of Brazil", "the capital of France" do not).
    """
    root = c.span.root
    head = root.head
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.i == head.i - 1:
        noun = head.head
        others = [
            t
            for t in noun.children
            if t.i < noun.i and t.lower_ != "the" and not (t.dep_ == "compound" and t.is_lower)
        ]
        if noun.text in gaz.naming_place_nouns and not others:
            return gaz.place_nouns[noun.text]
    compound = root.dep_ == "compound" and head.i == c.end and head.text in gaz.place_nouns
    if compound and not any(t.dep_ == "prep" and t.lower_ == "of" for t in head.children):
        kind = gaz.place_nouns[head.text]
        return kind if kind == PLACE else None  # "the Tigray region"
    if _before_place_hyphen_word(c, gaz):  # "Aberdeen-based", "Lagos-born"
        return _known_place_kind(c, gaz)
    one_word = c.end - c.start == 1
    if c.kind == PERSON and one_word and _where_clause(root) and _in_where_slot(c, gaz):
        # "has not visited Ramtha, where 19 cases were reported", where places stand
        # ("talks with Erdogan, where": the talks' place; "joined Acme, where": a firm)
        return _known_place_kind(c, gaz) or PLACE
    return None


def _in_where_slot(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    return _in_place_slot(c, gaz, _WHERE_PREPS | {"at"})


def _where_clause(root: Token) -> bool:
    return any(
        clause.dep_ == "relcl" and any(w.lower_ == "where" for w in clause.children)
        for clause in root.children
    )


def _known_place_kind(c: _Candidate, gaz: gazetteer.Gazetteer) -> str | None:
    """The place kind a gazetteer gives the name, if any ("Intel-based Mac": none)."""
    name = c.text
    if gaz.country(name):
        return COUNTRY
    if gaz.is_city(name) or gaz.is_world_city(name):
        return CITY
    return PLACE if gaz.is_division(name) or c.kind in PLACE_KINDS else None


def _before_place_hyphen_word(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    doc, end = c.doc, c.end
    return (
        end + 1 < len(doc)
        and doc[end].text == "-"
        and not doc[end].whitespace_
        and doc[end + 1].lower_ in gaz.place_hyphen_words
    )


def _describing_nouns(c: _Candidate) -> list[Token]:
    """Common nouns right before the name or in apposition to it."""
    doc, nouns = c.doc, []
    before = c.start - 1
    if before >= 0 and doc[before].text == "," and before > 0:
        before -= 1
    if before >= 0 and doc[before].pos_ == "NOUN":
        nouns.append(doc[before])
    root = c.span.root
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        nouns.append(root.head)
    nouns.extend(child for child in root.children if child.dep_ == "appos" and child.pos_ == "NOUN")
    return nouns


def _article(c: _Candidate) -> _Candidate:
    """Keep "the" when it belongs to the name ("the Pentagon", "the EU").

    It does not when the name only modifies what follows ("the Northrop
    Grumman plan") or is a possessive ("the Air Force's interests").
    """
    doc = c.doc
    has_the = doc[c.start].lower_ == "the"
    start = c.start + 1 if has_the else c.start
    if start >= c.end:
        return c
    wants_the = c.kind != PERSON and _is_whole_noun_phrase(doc, start, c.end)
    prev = doc[start - 1] if start > 0 else None
    if wants_the and prev is not None and prev.lower_ == "the":
        return replace(c, start=start - 1)
    return replace(c, start=start)


def _is_whole_noun_phrase(doc: Doc, start: int, end: int) -> bool:
    if end < len(doc) and doc[end].text in _POSSESSIVE:
        return False
    if end < len(doc) and doc[end].text == "(":  # "the European Union (EU)"
        return True
    root = doc[start:end].root
    return root.dep_ not in _MODIFIER_DEPS


# --- more mentions: acronyms, repeated names, titled people ------------------------


def _acronyms(candidates: list[_Candidate]) -> list[_Candidate]:
    """ "Central Intelligence Agency (CIA)": the acronym names the same thing."""
    out = []
    for c in candidates:
        doc, i = c.doc, c.end
        if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")":
            acronym = doc[i + 1].text
            if _is_acronym_of(acronym, c.text) and c.kind != PERSON:
                out.append(replace(c, start=i + 1, end=i + 2, label=f"{c.label}+acronym"))
    return out


def _bare_acronyms(
    docs: list[tuple[Doc, int]], candidates: list[_Candidate], gaz: gazetteer.Gazetteer
) -> list[_Candidate]:
    """ "The ACSC warned" after "the Australian Cyber Security Centre": capitals that are
    exactly the initials of an organisation the article names, with no brackets."""
    initials: dict[str, _Candidate] = {}
    for c in candidates:
        words = [w for w in re.findall(r"[A-Za-z][\w]*", c.text) if w.lower() not in _LINK_WORDS]
        # three words at least: two letters ("MP", "PM", "GP") stand for too many things
        if c.kind == ORGANIZATION and len(words) > 2 and all(w[0].isupper() for w in words):
            initials.setdefault("".join(w[0] for w in words), c)
    taken = {(id(c.doc), i) for c in candidates for i in range(c.start, c.end)}
    out = []
    for doc, base in docs:
        for token in doc:
            named = initials.get(token.text)
            if named is None or gaz.is_title_word(token.text):
                continue  # "CEO": a title
            if token.dep_ == "compound" and token.head.pos_ == "NOUN":
                continue  # "IT staff", "HR chief"
            if token.is_alpha and (id(doc), token.i) not in taken:
                out.append(
                    replace(
                        named,
                        doc=doc,
                        base=base,
                        start=token.i,
                        end=token.i + 1,
                        label=f"{named.label}+acronym",
                    )
                )
    return out


def _is_acronym_of(acronym: str, name: str) -> bool:
    """Each letter of the acronym starts a word of the name, in order."""
    letters = [ch for ch in acronym if ch.isalpha()]
    if not 2 <= len(letters) <= 8 or not acronym.replace(".", "").replace("&", "").isupper():
        return False
    initials = [w[0].upper() for w in re.findall(r"[A-Za-z][\w]*", name)]
    if not initials or initials[0] == "T" and name[:4].lower() == "the ":
        initials = initials[1:]
    if not initials or initials[0] != letters[0]:
        return False
    it = iter(initials)
    return all(any(ch == init for init in it) for ch in letters)


def _propagate(
    docs: list[tuple[Doc, int]],
    candidates: list[_Candidate],
    gaz: gazetteer.Gazetteer,
    lines: _Lines,
) -> list[_Candidate]:
    """The candidates, with other occurrences of their names which the model missed.

    A person's single names count too ("Djamal" after "Jusman Syafii Djamal").
    A part of a longer name of the article found alone where the whole name
    is written ("Northrop" of "Northrop Grumman KC-45") grows to the whole.
    """
    table, names = _name_table(candidates, gaz)
    out, grown = [], set()
    for doc, base in docs:
        owner = {i: c for c in candidates if c.doc is doc for i in range(c.start, c.end)}
        words, starts = doc_index(doc).words, doc_index(doc).token_starts
        i = 0
        while i < len(words):
            # str.isupper is how spaCy sets Token.is_upper
            shouted = words[i].isupper() and lines.is_shouted(base + starts[i])
            options = table.get(words[i].title() if shouted else words[i], ())
            if not options:  # no name found begins with this word
                i += 1
                continue
            tokens, inside = _name_at(doc, i, options, owner, gaz, shouted)
            if tokens and _titles_a_name(doc, i, tokens, gaz):
                tokens = None  # "King Charles" in a story that also names Billie Jean King
            if tokens and not lines.is_noise(base + starts[i]):
                kind, label = names[tokens]
                found = _Candidate(doc, base, i, i + len(tokens), kind, label.split("+")[0])
                found = _cue_kind(replace(found, label=f"{found.label}+repeat"), gaz)
                out.append(_article(found))
                grown.update(id(c) for c in inside)
                i += len(tokens)
                continue
            i += 1
    return [c for c in candidates if id(c) not in grown] + out


def _titles_a_name(doc: Doc, i: int, tokens: tuple[str, ...], gaz: gazetteer.Gazetteer) -> bool:
    """A one-word name that is also a title, standing before another name: the title."""
    after = i + len(tokens)
    return (
        len(tokens) == 1
        and gaz.is_title_word(tokens[0])
        and after < len(doc)
        and _is_name_word(doc[after])
    )


def _name_table(
    candidates: list[_Candidate], gaz: gazetteer.Gazetteer
) -> tuple[dict[str, list[tuple[str, ...]]], dict[tuple[str, ...], tuple[str, str]]]:
    """Names found, by first token and longest first; and each name's kind and label."""
    names: dict[tuple[str, ...], tuple[str, str]] = {}
    for c in candidates:
        tokens = _bare_words(c.span)
        if tokens:
            names.setdefault(tokens, (c.kind, c.label))
        if c.kind == PERSON and len(tokens) > 1:
            for n, token in enumerate(tokens):
                # a surname that is also a title ("Billie Jean King", "Ted Bishop") is
                # the person's when it ends the name, not when a title starts it
                surname = n == len(tokens) - 1 and not gaz.is_title_word(tokens[0])
                if (
                    len(token) > 1
                    and token[0].isupper()
                    and (surname or not gaz.is_title_word(token))
                ):
                    names.setdefault((token,), (PERSON, "PERSON"))
            # a surname of several words: "Albuquerque Neto" of "Rodrigo Albuquerque Neto"
            for n in range(1, len(tokens) - 1):
                if tokens[n][:1].isupper() and not gaz.is_title_word(tokens[n]):
                    names.setdefault(tokens[n:], (PERSON, "PERSON"))
    table: dict[str, list[tuple[str, ...]]] = {}
    for tokens in sorted(names, key=len, reverse=True):
        table.setdefault(tokens[0], []).append(tokens)
    return table, names


def _name_at(
    doc: Doc,
    i: int,
    options,
    owner: dict[int, _Candidate],
    gaz: gazetteer.Gazetteer,
    shouted: bool = False,
) -> tuple[tuple[str, ...] | None, list[_Candidate]]:
    """The longest known name at token ``i``, and the shorter candidates it swallows.

    Free tokens take a name unless it is part of a longer one; a candidate
    may only grow to a name that starts where it starts.  On a line in
    capitals the name is matched in capitals ("PUTIN" for "Putin").
    """
    for tokens in options:
        end = i + len(tokens)
        written = tuple(doc_index(doc).words[i:end])
        if written != (tuple(t.upper() for t in tokens) if shouted else tokens):
            continue
        inside = list({id(c): c for k in range(i, end) if (c := owner.get(k))}.values())
        if not inside and (shouted or not _inside_longer_name(doc, i, end, gaz)):
            return tokens, []
        grows = all(c.start >= i and c.end <= end and c.end - c.start < end - i for c in inside)
        if inside and grows and _bare_words(inside[0].span)[:1] == tokens[:1]:
            return tokens, inside
    return None, []


def _with_region(candidates: list[_Candidate]) -> list[_Candidate]:
    """ "Mobile, Alabama", "Toulouse, France": a place with the region it lies in.

    News evaluation sets take the pair as one mention of the first place; it
    is added beside the two single names, source label ``PLACE+region``.
    """
    places = {(c.doc, c.start): c for c in candidates if c.kind in (CITY, PLACE, COUNTRY)}
    out = []
    for c in candidates:
        if c.kind not in (CITY, PLACE) or c.end >= len(c.doc) or c.doc[c.end].text != ",":
            continue
        region = places.get((c.doc, c.end + 1))
        if region is None or region.kind == CITY:
            continue
        after = c.doc[region.end] if region.end < len(c.doc) else None
        if after is None or not (after.text[:1].isupper() and after.pos_ == "PROPN"):
            out.append(replace(c, end=region.end, label=REGION_LABEL))
    return out


# --- extents: appositions and descriptions ------------------------------------------

_AGE_WORDS = frozenset({"aged", "age"})
_ACTOR_DEPS = frozenset({"nsubj", "nsubjpass", "poss"})
_AGE_PHRASE = re.compile(r"\b\d+ ?- ?years? ?- ?old\b")  # "a 38-year-old lawyer"
_TIME_ENTS = frozenset({"DATE", "TIME"})  # "tomorrow Airbus" is no description
_MAX_AGE = 120
_DESCRIPTION_POS = frozenset({"DET", "ADJ", "NOUN", "PROPN", "NUM", "CCONJ", "PRON", "PART"})


def _extents(candidates: list[_Candidate], gaz: gazetteer.Gazetteer) -> list[_Candidate]:
    """Names with the apposition or description around them, as one more mention each.

    "Steve Jobs, the chief executive officer of Apple", "Jobs, aged 55",
    "German airline Lufthansa", "The former chief operating officer, Tim
    Cook": news evaluation sets (MEANTIME, ACE) take the whole noun phrase
    as a mention of the entity the name heads; the bare name stays a mention.
    """
    names = {(id(c.doc), i) for c in candidates for i in range(c.start, c.end)}
    out = []
    for c in candidates:
        after = _apposition(c, names, gaz)
        before = _description(c, names, gaz)
        out += [e for e in (after, before) if e is not None and "\n" not in e.text.strip()]
    return out


def _apposition(
    c: _Candidate, names: set[tuple[int, int]], gaz: gazetteer.Gazetteer
) -> _Candidate | None:
    """The name and the noun phrase (or age) after its comma."""
    doc, comma = c.doc, c.end
    if comma + 1 >= len(doc) or doc[comma].text != ",":
        return None
    age_end = _age_end(doc, comma + 1)
    if age_end is not None and c.kind == PERSON:
        return replace(c, end=age_end, label=APPOSITION_LABEL)
    for head in c.span.root.children:
        if head.dep_ != "appos" or head.left_edge.i != comma + 1 or (id(doc), head.i) in names:
            continue
        if head.pos_ != "NOUN" and not gaz.is_title_word(head.text):
            return None
        end = head.right_edge.i + 1
        while end > head.i + 1 and _is_edge_junk(doc[end - 1]):
            end -= 1
        return replace(c, end=end, label=APPOSITION_LABEL)
    return None


def _with_age(c: _Candidate) -> _Candidate:
    """A name with an age in apposition ("Papermaster, 49") is a person, whatever the model said."""
    if c.kind != ORGANIZATION or c.end + 1 >= len(c.doc) or c.doc[c.end].text != ",":
        return c
    if _age_end(c.doc, c.end + 1) is None:
        return c
    return _with_kind(c, PERSON, "age")


def _surnames(candidates: list[_Candidate], gaz: gazetteer.Gazetteer) -> list[_Candidate]:
    """ "Medina did not visit ..." after "President Alberto Medina": a surname of a person
    of the article, alone as the subject or owner of something, or as whom someone meets
    or speaks with ("is expected to meet Hale", "talks with Hale"), is that person even
    where a place has the same name ("in Medina", "captured Medina" stay places), or where
    the title it owns made it an organisation ("Putin's defence minister" after "Vladimir
    Putin")."""
    surnames = {
        c.doc[c.end - 1].text for c in candidates if c.kind == PERSON and c.end - c.start > 1
    }
    out = []
    for c in candidates:
        owner = c.kind == ORGANIZATION and c.label.startswith("PERSON") and "+owner" in c.label
        alone = c.end - c.start == 1 and (c.kind in (CITY, PLACE) or owner)
        if alone and c.text in surnames and _acts_or_is_met(c, gaz):
            c = _with_kind(c, PERSON, "surname")
        out.append(c)
    return out


def _acts_or_is_met(c: _Candidate, gaz: gazetteer.Gazetteer) -> bool:
    """The subject or owner of something, whom someone meets (meeting_verbs.txt) or talks
    with; or a name the model read as a person's that only a verb of going made a town
    ("visited Jackson in hospital" after "Kerry Jackson")."""
    root = c.span.root
    if root.dep_ in _ACTOR_DEPS:
        return True
    if root.dep_ == "dobj":
        verb = root.head.lemma_.lower()
        read_as_person = c.label.startswith("PERSON")
        return verb in gaz.meeting_verbs or (verb in gaz.place_verbs and read_as_person)
    return root.dep_ == "pobj" and root.head.lower_ == "with"


def _age_end(doc: Doc, i: int) -> int | None:
    """After "Jobs, ": the end of "aged 55" or "49" when that is all the apposition says."""
    if i < len(doc) and doc[i].lower_ in _AGE_WORDS:
        i += 1
    if i >= len(doc) or not doc[i].text.isdigit() or not 0 < int(doc[i].text) <= _MAX_AGE:
        return None
    closed = i + 1 == len(doc) or doc[i + 1].text in {",", ".", ";", ")"} or doc[i + 1].is_space
    return i + 1 if closed else None


def _description(
    c: _Candidate, names: set[tuple[int, int]], gaz: gazetteer.Gazetteer
) -> _Candidate | None:
    """The noun phrase the name heads, with what describes it before it.

    "aircraft manufacturer Boeing" (a common noun modifying the name) and
    "its parent company, EADS" (a noun phrase the name is in apposition to).
    A person's title right before the name is left to :func:`_titled`.
    """
    doc, root = c.doc, c.span.root
    head = root.head
    if root.dep_ == "appos" and c.start >= 2 and doc[c.start - 1].text == ",":
        fronted = head.i < c.start - 1 and (id(doc), head.i) not in names
        if fronted and (head.pos_ == "NOUN" or gaz.is_title_word(head.text)):
            between = doc[head.i + 1 : c.start - 1]
            if all(head.is_ancestor(t) and not t.is_space for t in between):
                start = _described_from(doc, head.i, head.left_edge.i)
                return replace(c, start=start, label=DESCRIBED_LABEL)
        return None
    if c.kind == PERSON and c.start >= 2 and doc[c.start - 1].text == ",":
        title = title_start(doc, c.start - 1, gaz)  # "The former COO, Tim Cook"
        if title is not None:
            start, _ = _title_owner(doc, title, gaz)
            if start > 0 and doc[start - 1].tag_ in ("DT", "PRP$"):
                start -= 1
            return replace(c, start=start, label=DESCRIBED_LABEL)
    if c.kind == PERSON and title_start(doc, c.start, gaz) is not None:
        return None
    owner = _possessive_owner(c, names)
    if owner is not None:
        return replace(c, start=owner, label=DESCRIBED_LABEL)
    prev = doc[c.start - 1] if c.start > 0 else None
    if prev is not None and c.kind in PLACE_KINDS and prev.lower_ in gaz.place_modifiers:
        return replace(c, start=prev.i, label=DESCRIBED_LABEL)  # "central London"
    if prev is None or prev.pos_ != "NOUN" or not prev.text.islower():
        return None
    if root.dep_ in _MODIFIER_DEPS or prev.ent_type_ in _TIME_ENTS:
        return None
    if not c.start <= prev.head.i < c.end:
        return None
    # "Airbus parent EADS"; with no left dependent before the name, the description starts at prev
    leftmost = min((t.left_edge.i for t in root.lefts if t.i < c.start), default=prev.i)
    return replace(c, start=_described_from(doc, prev.i, leftmost), label=DESCRIBED_LABEL)


def _possessive_owner(c: _Candidate, names: set[tuple[int, int]]) -> int | None:
    """Where the name owning this one begins: "Singapore's Changi Airport"."""
    doc, i = c.doc, c.start - 1
    if c.kind == PERSON or i < 1 or doc[i].text not in _POSSESSIVE or doc[i - 1].whitespace_:
        return None
    if c.span.root.dep_ in _MODIFIER_DEPS:  # "China's Foreign Ministry spokesman"
        return None
    start = i
    while start > 0 and (id(doc), start - 1) in names and "\n" not in doc[start - 1].whitespace_:
        start -= 1
    if start == i:
        return None
    if start > 0 and doc[start - 1].lower_ == "the":
        start -= 1
    return start


def _described_from(doc: Doc, head: int, leftmost: int) -> int:
    """Where the words describing a name begin: back from ``head`` to ``leftmost`` at most."""
    start = head
    while start > leftmost and _describes(doc[start - 1]):
        start -= 1
    while start < head and doc[start].pos_ in ("CCONJ", "PART"):
        start += 1
    return start


def _describes(token: Token) -> bool:
    """Whether ``token`` can be part of the words describing a name before it."""
    if token.is_space or "\n" in token.whitespace_:
        return False
    return token.pos_ in _DESCRIPTION_POS or token.text == "-"


def _titled(ctx: ArticleContext, c: _Candidate, gaz: gazetteer.Gazetteer) -> list[Mention]:
    """ "Apple CEO Steve Jobs", "President Vladimir Putin", "Mr. Lee": the whole phrase.

    News evaluation sets (MEANTIME, ACE) take a titled name with its title
    as one mention; the bare name stays a mention of its own.  A title that
    names its organisation ("Apple CEO") is a mention of the person too.
    """
    start = title_start(c.doc, c.start, gaz)
    if start is None:
        return []
    start, owned = _title_owner(c.doc, start, gaz)
    found = [_mention(ctx, replace(c, start=start, label=TITLE_LABEL))]
    if owned:
        found.append(_mention(ctx, replace(c, start=start, end=c.start, label=ROLE_LABEL)))
    return found


def _title_owner(doc: Doc, start: int, gaz: gazetteer.Gazetteer) -> tuple[int, bool]:
    """Where the title at ``start`` begins with its owner ("Apple", "Russian", "company"
    CEO), and whether the owner is a name."""
    before = start - 1
    if before < 0:
        return start, False
    owned = doc[before].ent_type_ in ("ORG", "GPE")
    if owned or gaz.demonym(doc[before].text) or doc[before].lower_ in gaz.org_nouns:
        start = before
        while start > 0 and doc[start - 1].ent_type_ == doc[before].ent_type_ != "":
            start -= 1
    return start, owned


def title_start(doc: Doc, name_start: int, gaz: gazetteer.Gazetteer) -> int | None:
    """Where a role title ending right before the token ``name_start`` begins, if any."""
    memo = doc_index(doc).memo  # entities and roles ask again for the same names
    key = ("title_start", name_start, id(gaz))
    if key not in memo:
        memo[key] = _title_start(doc, name_start, gaz)
    return memo[key]  # type: ignore[return-value]


def _title_start(doc: Doc, name_start: int, gaz: gazetteer.Gazetteer) -> int | None:
    index = doc_index(doc)
    # a title starts at most 8 words back, and inside the sentence
    first = max(index.sentence_of(name_start).start, name_start - 8)
    words = index.words[first:name_start]
    for i in range(len(words)):
        title = gaz.title_at(words, i)
        if title is not None and title.end == len(words):
            return first + i
    return None


def _mention(ctx: ArticleContext, c: _Candidate) -> Mention:
    index = doc_index(c.doc)
    start = c.base + index.token_starts[c.start]
    end = c.base + index.token_starts[c.end - 1] + len(index.words[c.end - 1])
    sent_start, sent_end = index.sentence_extent(c.start)
    return Mention(
        start=start,
        end=end,
        text=ctx.article.text[start:end],
        kind=c.kind,
        source_label=c.label,
        sentence=Span(c.base + sent_start, c.base + sent_end),
    )


__all__ = [
    "EXTENT_LABELS",
    "REGION_LABEL",
    "SPACY_KINDS",
    "TITLE_LABEL",
    "extract_entities",
    "title_start",
]
