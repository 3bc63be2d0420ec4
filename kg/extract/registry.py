"""Extractors, looked up by versioned name.

An extractor is a function ``(ctx: ArticleContext) -> None`` that reads the
parsed article in ``ctx`` and appends what it finds to ``ctx.extraction``.
It is registered here as ``"name": "module:function"`` and imported only
when used; other packages can add extractors through the ``kg.extractors``
entry-point group.  Each function carries a ``version``: bump it when its
output changes, so that cached extractions are redone.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from importlib.metadata import entry_points
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.extract.context import ArticleContext

Extractor = Callable[["ArticleContext"], None]

# name -> "module:function"; the default pipeline runs them in this order.
REGISTRY: dict[str, str] = {
    "entities": "kg.extract.entities:extract_entities",
    "coreference": "kg.extract.coref:resolve_coreference",
    "roles": "kg.extract.roles:extract_roles",
    "events": "kg.extract.events:extract_events",
    "quotes": "kg.extract.quotes:extract_quotes",
}

DEFAULT_PIPELINE: tuple[str, ...] = tuple(REGISTRY)


def _plugins() -> dict[str, str]:
    return {ep.name: ep.value for ep in entry_points(group="kg.extractors")}


def get(name: str) -> Extractor:
    """The extractor registered as ``name``."""
    target = REGISTRY.get(name) or _plugins().get(name)
    if target is None:
        known = ", ".join(sorted({*REGISTRY, *_plugins()}))
        raise KeyError(f"unknown extractor {name!r}; known: {known}")
    module, _, attr = target.partition(":")
    return getattr(importlib.import_module(module), attr)


def versioned_name(name: str) -> str:
    """``"entities/2"``: the name and version recorded as a claim's extractor."""
    return f"{name}/{getattr(get(name), 'version', 1)}"


def extractor(version: int) -> Callable[[Extractor], Extractor]:
    """Decorator recording an extractor's version on the function."""

    def mark(fn: Extractor) -> Extractor:
        fn.version = version  # type: ignore[attr-defined]
        return fn

    return mark
