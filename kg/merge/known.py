"""Known entities: tables of names, aliases, kinds and external IRIs.

A table is a CSV file with the columns ``name,kind,iri,aliases`` (aliases
separated by ``|``; ``kind`` one of the kg entity kinds; lines starting with
``#`` are comments)::

    name,kind,iri,aliases
    Central Intelligence Agency,Organization,http://www.wikidata.org/entity/Q37230,CIA|the Agency

Users list theirs in ``Settings.known_entities``.  One table always ships:
the countries of ``kg/extract/data/countries.csv`` (names, official and
common names from pycountry) with their ISO 3166 alpha-2 and alpha-3 codes
as aliases and their GeoNames IRI (``kg/merge/data/country_links.csv``).
An entity whose name or alias matches a row, with a compatible kind, is
resolved to that row: it takes the row's name and ``owl:sameAs`` its IRI.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.merge.names import data_rows, is_acronym, name_key
from kg.model import COUNTRY, ENTITY_KINDS, ORGANIZATION, PLACE_KINDS


@dataclass(frozen=True)
class KnownEntity:
    name: str
    kind: str
    iri: str | None
    aliases: tuple[str, ...] = ()
    capital: str | None = None  # for countries: the capital's name


def family(kind: str) -> str:
    """Kinds that may name the same thing: the Place family, or the kind itself."""
    return "Place" if kind in PLACE_KINDS else kind


@dataclass
class KnownTable:
    entries: list[KnownEntity]

    def __post_init__(self) -> None:
        # (family, key) -> entry indices; exact names first, then aliases
        self._names: dict[tuple[str, str], list[int]] = {}
        self._aliases: dict[tuple[str, str], list[int]] = {}
        for i, entry in enumerate(self.entries):
            org = entry.kind == ORGANIZATION
            fam = family(entry.kind)
            self._names.setdefault((fam, name_key(entry.name, org=org)), []).append(i)
            for alias in entry.aliases:
                if is_acronym(alias) or len(alias) > 2:
                    key = (fam, name_key(alias, org=org))
                    self._aliases.setdefault(key, []).append(i)

    def lookup(self, name: str, kind: str) -> tuple[int, str] | None:
        """The one entry ``name`` denotes for an entity of ``kind``: (index, "name"|"alias")."""
        fam, org = family(kind), kind == ORGANIZATION
        key = (fam, name_key(name, org=org))
        for where, index in (("name", self._names), ("alias", self._aliases)):
            found = sorted(set(index.get(key, ())))
            if len(found) == 1:
                # a short code must be written as one: "US", not "us"
                if where == "alias" and len(key[1]) <= 3 and not is_acronym(name.strip()):
                    return None
                return found[0], where
            if len(found) > 1:
                return None  # ambiguous: two known entities share the name
        return None

    def capitals(self) -> dict[str, int]:
        """Capital name key -> the country entry it is the capital of."""
        return {name_key(e.capital): i for i, e in enumerate(self.entries) if e.capital}


def read_table(path: Path) -> list[KnownEntity]:
    """A user's known-entities CSV (see the module docs)."""
    with path.open(encoding="utf-8", newline="") as fh:
        lines = [line for line in fh if line.strip() and not line.lstrip().startswith("#")]
    return [_entry(row, path) for row in csv.DictReader(lines)]


def _entry(row: dict[str, str], path: Path) -> KnownEntity:
    kind = (row.get("kind") or "").strip()
    if kind not in ENTITY_KINDS:
        raise ValueError(f"{path}: unknown kind {kind!r} for {row.get('name')!r}")
    aliases = tuple(a.strip() for a in (row.get("aliases") or "").split("|") if a.strip())
    return KnownEntity(
        name=row["name"].strip(),
        kind=kind,
        iri=(row.get("iri") or "").strip() or None,
        aliases=aliases,
    )


@functools.cache
def country_table() -> tuple[KnownEntity, ...]:
    """The shipped countries: extract's country names joined with their GeoNames links."""
    links = {r["iso2"]: r for r in data_rows("country_links.csv")}
    entries = []
    for row in data_rows("countries.csv", package="kg.extract"):
        link = links.get(row["iso2"], {})
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        aliases += [code for code in (row["iso2"], link.get("iso3")) if code]
        entries.append(
            KnownEntity(
                name=row["country"],
                kind=COUNTRY,
                iri=link.get("iri") or None,
                aliases=tuple(aliases),
                capital=link.get("capital") or None,
            )
        )
    return tuple(entries)


def load_known(paths: Iterable[Path]) -> KnownTable:
    """The shipped countries plus the user's tables (whose rows come first)."""
    entries: list[KnownEntity] = []
    for path in paths:
        entries.extend(read_table(Path(path)))
    # a user's row for a country replaces the shipped one
    taken = {(family(e.kind), name_key(e.name)) for e in entries}
    entries.extend(e for e in country_table() if (family(e.kind), name_key(e.name)) not in taken)
    return KnownTable(entries)
