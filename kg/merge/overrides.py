"""Overrides: a user's must-link and cannot-link decisions, honoured by the next build.

The file is TOML, named by ``Settings.overrides`` (``overrides = "..."`` in
kg.toml, ``KG_OVERRIDES``, or ``kg build --overrides FILE``); there is no
implicit default, so a build never changes because of a file it was not told
about.  Each entry names two or more entities by name or by IRI::

    # the same person, whatever the names say
    must_link = [
      ["Li Shangfu", "Gen. Li"],
    ]
    # never the same, however alike the names
    cannot_link = [
      ["https://kg.example.org/person/li-shangfu", "Li Keqiang"],
    ]

A name selects every article-level entity with that name or alias (compared
as name keys: case, accents, "the" and spelling variants do not matter).  An
IRI (or an id such as ``person/li-shangfu``) selects the entities whose kind
and name give that id, i.e. the canonical node the IRI named in the build
it was copied from.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ConfigError
from kg.ids import slugify
from kg.merge.names import name_key

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib


@dataclass(frozen=True)
class Selector:
    """One way of naming an entity in an override: a name key or an id path."""

    text: str

    @property
    def id_path(self) -> tuple[str, str] | None:
        """(kind slug, name slug) if the text is an IRI or an id path."""
        text = self.text.strip()
        if "://" in text:
            text = text.split("://", 1)[1].split("/", 1)[-1]
        parts = [p for p in text.split("/") if p]
        if len(parts) >= 2 and "/" in self.text and " " not in self.text:
            return slugify(parts[-2]), parts[-1].lower()
        return None

    def matches(self, kind: str, names: list[str]) -> bool:
        path = self.id_path
        if path is not None:
            kind_slug, name_slug = path
            return slugify(kind) == kind_slug and any(slugify(n) == name_slug for n in names)
        key = name_key(self.text)
        return any(name_key(n) == key for n in names)


@dataclass
class Overrides:
    must_link: list[tuple[Selector, ...]] = field(default_factory=list)
    cannot_link: list[tuple[Selector, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.must_link or self.cannot_link)


def load_overrides(path: Path | None) -> Overrides:
    """The overrides in ``path``; none when ``path`` is None."""
    if path is None:
        return Overrides()
    try:
        with Path(path).open("rb") as fh:
            data = tomllib.load(fh)
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"overrides file {path}: {exc}") from exc
    return Overrides(
        must_link=_groups(data.get("must_link", []), path, "must_link"),
        cannot_link=_groups(data.get("cannot_link", []), path, "cannot_link"),
    )


def _groups(items: object, path: Path, name: str) -> list[tuple[Selector, ...]]:
    if not isinstance(items, list) or not all(
        isinstance(group, list) and len(group) >= 2 and all(isinstance(x, str) for x in group)
        for group in items
    ):
        raise ConfigError(f"overrides file {path}: {name} must be a list of lists of 2+ names")
    return [tuple(Selector(x) for x in group) for group in items]
