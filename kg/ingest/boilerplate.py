"""Which lines of a news text are the article body.

Scraped text carries page chrome, sign-up forms, donation appeals, photo
credits and teasers of other stories.  None of it may become an entity or a
fact, so only the body goes into ``Article.content``; the rest stays in the
text (offsets!) but outside the content spans.

The rules work on lines:

1. Each line gets a kind from its own features: a boilerplate pattern
   (``data/boilerplate.txt``), a dateline or byline (``data/metadata.txt``),
   a section header ("MORE NEWS"), a teaser ("Explainer: ..."), prose (a
   sentence of some length with closing punctuation), a long line cut off in
   mid-sentence (a teaser excerpt), or a short line (headline, subheading,
   navigation).  Short lines repeated in the text are boilerplate.
2. The body starts at the first prose line.  The headline is the first of
   the last run of headline-like lines above the first byline or dateline
   (or above the body); everything above the headline is page chrome.
3. The body ends at a section header, or at boilerplate after which junk
   outweighs prose, and in any case at the last prose line: what trails
   after it (lists of links, forms, teasers) is not body.
4. Inside the body, boilerplate lines, datelines, bylines and teasers are
   left out; a dateline opening the lead ("MOSCOW (Reuters) - ", "TORONTO —")
   is cut off it, its place kept as a paragraph of its own (``Layout.dateline``).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import pairwise

from kg.ingest import patterns
from kg.ingest.lines import Line, join_wrapped, split_lines
from kg.ingest.metadata import MetadataRules
from kg.model import Span

PATTERN_FILE = "boilerplate.txt"

BLANK = "blank"
JUNK = "junk"  # boilerplate: never body
META = "meta"  # dateline or byline
SECTION = "section"  # header of a list of other stories
TEASER = "teaser"  # link to another story
PROSE = "prose"  # a paragraph of the article
SHORT = "short"  # headline, subheading, or navigation
_OUT_OF_BODY = frozenset({JUNK, META, SECTION, TEASER})
# Kinds that can end the body when junk outweighs the prose after them.  Not
# plain junk: a newsletter prompt often sits in the middle of an article.
_ENDS_BODY = frozenset({SECTION, TEASER})

# Prose: at least this many words and closing punctuation.
MIN_PROSE_WORDS = 4
# A line this long that stops without punctuation was cut off: a teaser excerpt.
MIN_TRUNCATED_WORDS = 15
# [short] patterns apply to lines of at most this many words.
MAX_SHORT_JUNK_WORDS = 12
# Repeated lines are boilerplate when they are no longer than this and are not sentences.
MAX_REPEATED_WORDS = 12
# A headline has this many words (FALLBACK_HEADLINE_WORDS when no line has
# MIN_HEADLINE_WORDS); a standfirst under it has MIN_HEADLINE_WORDS too.
MIN_HEADLINE_WORDS = 4
FALLBACK_HEADLINE_WORDS = 3
MAX_HEADLINE_WORDS = 30
# The body paragraphs searched for the lead's dateline: a standfirst may come first.
LEAD_PARAGRAPHS = 3
# Boilerplate ends the body when at most this much prose follows it ...
MAX_PROSE_AFTER_JUNK = 2
# ... and junk lines after it outnumber that prose this many times (and at least MIN_JUNK_AFTER).
JUNK_TO_PROSE_RATIO = 2
MIN_JUNK_AFTER = 3

# Lines whose kind is remembered (see BoilerplateRules.pattern_kind).
_KIND_CACHE_SIZE = 4096
_MAX_CACHED_CHARS = 1000

_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$|[\"”»][.!?]?$")
_ENDS_MID_SENTENCE = re.compile(r"[\w,’']$")


@dataclass
class Layout:
    """The lines of a text sorted into body and the rest."""

    lines: list[Line]
    kinds: list[str]
    body: list[Span] = field(default_factory=list)
    headline: Line | None = None
    body_start: int = 0  # index of the first body paragraph
    metadata_lines: list[Line] = field(default_factory=list)
    # the lead: the first body paragraph, or the one after a standfirst that opens with a dateline
    lead: Line | None = None
    dateline: Span | None = None  # the place of the lead's dateline, a body span of its own


class BoilerplateRules:
    """The boilerplate patterns, compiled once for a set of pattern files."""

    def __init__(self, extra_files: tuple[str, ...] = (), metadata: MetadataRules | None = None):
        sections = patterns.load(PATTERN_FILE, extra_files)
        self.junk = sections.get("junk", ())
        self.short_junk = sections.get("short", ())
        self.section = sections.get("section", ())
        self.teaser = sections.get("teaser", ())
        self.trailer = sections.get("trailer", ())
        self.metadata = metadata or MetadataRules(extra_files)
        # The patterns are the costly part of ingest, and a line is judged
        # twice (before and after wrapped lines are joined); page chrome also
        # repeats across the articles of one site.  The kind depends on the
        # text alone, so it is remembered by text.
        self._remembered_kind = functools.lru_cache(maxsize=_KIND_CACHE_SIZE)(self._judge_text)

    def kind(self, line: Line) -> str:
        """The kind of one line, judged by itself."""
        if line.blank:
            return BLANK
        marked = self.pattern_kind(line)
        if marked is not None:
            return marked
        words = len(line.words)
        if words >= MIN_PROSE_WORDS and _ENDS_SENTENCE.search(line.text):
            return PROSE
        if words >= MIN_TRUNCATED_WORDS and _ENDS_MID_SENTENCE.search(line.text):
            return JUNK
        return SHORT

    def pattern_kind(self, line: Line) -> str | None:
        """JUNK, META, SECTION or TEASER when a pattern marks the line, else None."""
        if len(line.text) > _MAX_CACHED_CHARS:  # rare; keeps the cache small
            return self._judge_text(line.text)
        return self._remembered_kind(line.text)

    def _judge_text(self, text: str) -> str | None:
        line = Line(0, 0, len(text), text)
        if self.is_junk(line):
            return JUNK
        if self.metadata.is_metadata_line(line):
            return META
        if patterns.search_any(self.section, line.text):
            return SECTION
        if patterns.search_any(self.teaser, line.text):
            return TEASER
        return None

    def without_trailer(self, line: Line) -> Line:
        """The line with an end marker ("... refunds. Enditem") cut off its end."""
        found = patterns.search_any(self.trailer, line.text) if self.trailer else None
        if found is None:
            return line
        text = line.text[: found.start()].rstrip()
        return Line(line.index, line.start, line.start + len(text), text)

    def stands_alone(self, line: Line) -> bool:
        """Lines never merged into a wrapped paragraph: those a pattern marks."""
        return not line.blank and self.pattern_kind(line) is not None

    def is_junk(self, line: Line) -> bool:
        if patterns.search_any(self.junk, line.text):
            return True
        return (
            len(line.words) <= MAX_SHORT_JUNK_WORDS
            and patterns.search_any(self.short_junk, line.text) is not None
        )


def layout(text: str, rules: BoilerplateRules) -> Layout:
    """Sort the lines of ``text`` into body and boilerplate."""
    lines = [rules.without_trailer(line) for line in split_lines(text)]
    lines = join_wrapped(lines, text, rules.stands_alone)
    kinds = [rules.kind(line) for line in lines]
    _headline_above_metadata(lines, kinds, rules)
    body_start = _first(kinds, PROSE)
    if body_start is None:
        return _unjudged(lines, kinds)
    _mark_repeated(lines, kinds, body_start)
    headline = _headline(lines, kinds, body_start)
    end = _body_end(kinds, body_start)
    keep = _head_lines(lines, kinds, headline, body_start)
    keep += [line for line in lines[body_start:end] if kinds[line.index] in (PROSE, SHORT)]
    result = Layout(lines, kinds, headline=headline, body_start=body_start)
    result.metadata_lines = [line for line in lines if kinds[line.index] == META]
    leads = [line for line in keep if line.index >= body_start][:LEAD_PARAGRAPHS]
    result.body, result.lead, result.dateline = _cut_datelines(keep, leads, rules.metadata)
    return result


def _headline_above_metadata(lines: list[Line], kinds: list[str], rules: BoilerplateRules) -> None:
    """A long line without a full stop just above a byline or dateline is a headline.

    Elsewhere such a line is a teaser cut off mid-sentence; above the
    article's own metadata it is the long headline of the article itself.
    """
    following = [line for line in lines if not line.blank]
    for line, after in pairwise(following):
        truncated = kinds[line.index] == JUNK and rules.pattern_kind(line) is None
        if truncated and kinds[after.index] == META and len(line.words) <= MAX_HEADLINE_WORDS:
            kinds[line.index] = SHORT


def _first(kinds: list[str], kind: str) -> int | None:
    return next((i for i, k in enumerate(kinds) if k == kind), None)


def _unjudged(lines: list[Line], kinds: list[str]) -> Layout:
    """No prose line at all: keep every line that is not plainly boilerplate."""
    keep = [line.span for line in lines if kinds[line.index] in (SHORT, TEASER, SECTION)]
    meta = [line for line in lines if kinds[line.index] == META]
    return Layout(lines, kinds, body=keep, body_start=len(lines), metadata_lines=meta)


def _normalised(text: str) -> str:
    return " ".join(text.lower().split())


def _mark_repeated(lines: list[Line], kinds: list[str], body_start: int) -> None:
    """Short lines seen more than once are forms and link lists, not body.

    Above the body a repeated line may be the headline shown twice, so only
    its later copies go there (see :func:`_head_lines`).  Sentences are kept:
    a short reply ("I agree.") can well be said twice.
    """
    counts = Counter(_normalised(line.text) for line in lines if not line.blank)
    for line in lines[body_start:]:
        if (
            not line.blank
            and counts[_normalised(line.text)] > 1
            and len(line.words) <= MAX_REPEATED_WORDS
            and not _ENDS_SENTENCE.search(line.text)
        ):
            kinds[line.index] = JUNK


def _headline(lines: list[Line], kinds: list[str], body_start: int) -> Line | None:
    """The first line of the last run of headline-like lines before the byline or body.

    A headline sits just above the byline or dateline, or above the body, with
    at most a standfirst under it; taglines and menus come earlier and are
    separated from it by navigation lines.
    """
    anchor = next(
        (line.index for line in lines[:body_start] if kinds[line.index] == META), body_start
    )
    for minimum in (MIN_HEADLINE_WORDS, FALLBACK_HEADLINE_WORDS):
        runs = _runs(
            lines[:anchor], functools.partial(_headline_like, kinds=kinds, minimum=minimum)
        )
        if runs:
            return runs[-1][0]
    return None


def _headline_like(line: Line, kinds: list[str], minimum: int) -> bool:
    return kinds[line.index] in (SHORT, TEASER) and minimum <= len(line.words) <= MAX_HEADLINE_WORDS


def _runs(lines: list[Line], wanted: Callable[[Line], bool]) -> list[list[Line]]:
    """Runs of consecutive non-blank lines that are ``wanted``."""
    runs: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line.blank:
            continue
        if wanted(line):
            current.append(line)
        elif current:
            runs.append(current)
            current = []
    if current:
        runs.append(current)
    return runs


def _head_lines(
    lines: list[Line], kinds: list[str], headline: Line | None, body_start: int
) -> list[Line]:
    """Above the body: the headline, and standfirst-like lines between it and the body."""
    if headline is None:
        return []
    keep = [headline]
    seen = {_normalised(headline.text)}
    for line in lines[headline.index + 1 : body_start]:
        text = _normalised(line.text)
        standfirst = kinds[line.index] == SHORT and len(line.words) >= MIN_HEADLINE_WORDS
        if standfirst and text not in seen:
            keep.append(line)
            seen.add(text)
    return keep


def _body_end(kinds: list[str], body_start: int) -> int:
    """Index just past the last body line."""
    prose_after = _suffix_counts(kinds, PROSE)
    junk_after = _suffix_counts(kinds, *_OUT_OF_BODY)
    prose_before = 0
    end = len(kinds)
    for i in range(body_start, len(kinds)):
        if kinds[i] == PROSE:
            prose_before += 1
        elif _ends_body(kinds[i], prose_before, prose_after[i + 1], junk_after[i + 1]):
            end = i
            break
    last_prose = max(i for i in range(body_start, end) if kinds[i] == PROSE)
    return last_prose + 1


def _ends_body(kind: str, prose_before: int, prose_after: int, junk_after: int) -> bool:
    """A section header with less body after it than before; or a teaser or
    section header after which junk outweighs prose."""
    if kind == SECTION and prose_after <= prose_before:
        return True
    if kind not in _ENDS_BODY or prose_after > MAX_PROSE_AFTER_JUNK:
        return False
    return junk_after >= max(MIN_JUNK_AFTER, JUNK_TO_PROSE_RATIO * prose_after)


def _suffix_counts(kinds: list[str], *wanted: str) -> list[int]:
    """``counts[i]``: how many lines from ``i`` on have one of the ``wanted`` kinds."""
    counts = [0] * (len(kinds) + 1)
    for i in range(len(kinds) - 1, -1, -1):
        counts[i] = counts[i + 1] + (kinds[i] in wanted)
    return counts


def _cut_datelines(
    keep: list[Line], leads: list[Line], rules: MetadataRules
) -> tuple[list[Span], Line | None, Span | None]:
    """The kept lines' spans without their datelines, the lead, and its dateline's place.

    The lead is the first of ``leads`` to open with a dateline (a standfirst
    may come first), else the first of them.  The place stays in the body as
    a paragraph of its own ("NYON, Switzerland"), so that it is read as a name
    and never as the subject of the sentence after it; the agency and the
    dash go.
    """
    body: list[Span] = []
    lead, place = None, None
    for line in keep:
        searched = place is None and line in leads
        match = rules.dateline_prefix(line.text, lead=searched)
        if match is None:
            body.append(line.span)
            continue
        named = _place_span(line, match) if searched else None
        if named is not None:
            lead, place = line, named
            body.append(named)
        body.append(Span(line.start + match.end(), line.end))
    return body, lead or next(iter(leads), None), place


def _place_span(line: Line, match: re.Match[str]) -> Span | None:
    """Where the dateline's place group lies in the text; None without one ("(CNN) —")."""
    if not match.groupdict().get("place"):
        return None
    start, end = match.span("place")
    return Span(line.start + start, line.start + end)
