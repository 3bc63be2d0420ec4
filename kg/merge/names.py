"""Name keys: the normalised forms under which entity names are compared.

Every function here is pure and reads its word lists from ``kg/merge/data/``
(loaded once per process by :func:`lexicon`), so the same name always gets
the same key.

    name_key("the Ministry of Defence")  -> "ministry of defense"
    name_key("Apple Inc.", org=True)     -> "apple"
    acronym_of(("united", "states", "air", "force")) -> "usaf"
    skeleton("zelenskyy")                -> "zlnsk"
"""

from __future__ import annotations

import csv
import functools
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from typing import Any

from kg.ids import slugify

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")
_POSSESSIVE = re.compile(r"'s\b")  # "Putin's"
_DOTTED = re.compile(r"\b((?:\w\.){2,})")  # "U.S."
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def data_lines(name: str, package: str = "kg.merge") -> Iterator[str]:
    """The non-blank, non-comment lines of a data file of ``package``."""
    text = (resources.files(package) / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def data_rows(name: str, package: str = "kg.merge") -> Iterator[dict[str, str]]:
    yield from csv.DictReader(data_lines(name, package))


@dataclass(frozen=True)
class Lexicon:
    variants: dict[str, str]  # word -> standard spelling
    legal_forms: frozenset[str]
    stopwords: frozenset[str]
    location_predicates: frozenset[str]
    slots: dict[str, Any]


@functools.cache
def lexicon() -> Lexicon:
    return Lexicon(
        variants={
            r["variant"].lower(): r["standard"].lower() for r in data_rows("spelling_variants.csv")
        },
        legal_forms=frozenset(w.lower() for w in data_lines("legal_forms.txt")),
        stopwords=frozenset(w.lower() for w in data_lines("name_stopwords.txt")),
        location_predicates=frozenset(data_lines("location_predicates.txt")),
        slots=json.loads((resources.files("kg.merge") / "data" / "slots.json").read_text("utf-8")),
    )


def fold(text: str) -> str:
    """Lower case, accents removed, curly apostrophes straightened."""
    if text.isascii():  # most text: nothing to decompose or strip
        return text.lower()
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return _NON_ASCII.sub(_strip_combining, text).lower()


def _strip_combining(match: re.Match) -> str:
    # only non-ASCII runs can hold combining marks: look at those characters alone
    return "".join(c for c in match.group() if not unicodedata.combining(c))


def _folded_words(text: str) -> tuple[str, ...]:
    """Folded words of ``text``; dotted initialisms are joined ("U.S." -> "us")."""
    text = _POSSESSIVE.sub("", fold(text))
    text = _DOTTED.sub(_undot, text)
    words = _WORD.findall(text)
    if "'" in text:
        words = [w.replace("'", "") for w in words]  # never empty: a word starts with a letter
    if words and words[0] == "the":
        words = words[1:]
    return tuple(words)


def _undot(match: re.Match) -> str:
    return match.group(1).replace(".", "")


def _standard(words: tuple[str, ...], org: bool) -> tuple[str, ...]:
    lex = lexicon()
    if lex.variants.keys().isdisjoint(words):  # the usual case, checked at C speed
        standard = list(words)
    else:
        standard = [lex.variants.get(w, w) for w in words]
    if org:
        while len(standard) > 1 and standard[-1] in lex.legal_forms:
            standard.pop()
    return tuple(standard)


# names repeat, so a cache pays; a bounded one (the usual names stay in it) keeps a large
# corpus' rare names from growing memory with every article.  A small one is enough: a
# 10,000-article build took as long with 4,096 names as with 32,768, and peaked 5 MiB lower
NAMES_CACHED = 1 << 12


@functools.lru_cache(maxsize=NAMES_CACHED)
def raw_tokens(name: str) -> tuple[str, ...]:
    """Folded words of ``name``; dotted initialisms are joined ("U.S." -> "us")."""
    return _folded_words(name)


@functools.lru_cache(maxsize=NAMES_CACHED)
def tokens(name: str, *, org: bool = False) -> tuple[str, ...]:
    """Words of ``name`` in standard spelling; an organisation loses its legal form."""
    return _standard(raw_tokens(name), org)


def text_tokens(text: str) -> tuple[str, ...]:
    """``tokens`` for running text (paragraphs, sentences, quotes), which rarely repeats.

    Not cached: kept in the names' cache, every paragraph of a corpus would
    stay in memory and push the names out.
    """
    return _standard(_folded_words(text), False)


def name_key(name: str, *, org: bool = False) -> str:
    """The key two names must share to be the same name."""
    return " ".join(tokens(name, org=org))


def plain_key(name: str) -> str:
    """The key without spelling variants or legal forms: tells "exact" from "variant"."""
    return " ".join(raw_tokens(name))


def is_acronym(name: str) -> bool:
    """ "NATO", "U.S.", "USAF": two to six capitals, dots allowed, nothing else."""
    letters = name.replace(".", "").replace("&", "")
    return 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper()


def acronym_of(words: tuple[str, ...]) -> str | None:
    """Initials of the content words of a name of two or more words."""
    lex = lexicon()
    content = [w for w in words if w not in lex.stopwords]
    if len(content) < 2:
        return None
    return "".join(w[0] for w in content)


def skeleton(word: str) -> str:
    """Consonants only, doubled letters collapsed: a blocking key for spelling variants."""
    return _DOUBLED.sub(r"\1", _VOWELS.sub("", word))


def duration_key(text: str) -> tuple[float | None, str | None]:
    """("three-day") -> (3, "day"); ("two days of talks") -> (2, "day")."""
    slots = lexicon().slots
    words = re.findall(r"[a-z]+|\d+(?:\.\d+)?", fold(text))
    number, unit = None, None
    for word in words:
        if number is None and (word.replace(".", "", 1).isdigit()):
            number = float(word)
        elif number is None and word in slots["number_words"]:
            number = slots["number_words"][word]
        singular = word[:-1] if word.endswith("s") else word
        if unit is None and singular in slots["units"]:
            unit = slots["units"][singular]
    return number, unit


@functools.lru_cache(maxsize=NAMES_CACHED)  # kinds, dates, names: the same slugs again and again
def _slug(text: str) -> str:
    return slugify(text)


def node_id(kind: str, *keys: str) -> str:
    """``kg.ids.id_path(kind, *keys)``, with the slugs of repeated keys cached."""
    return "/".join([_slug(kind), *map(_slug, keys)])
