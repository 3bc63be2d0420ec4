"""Sidecar metadata: ``a.txt.meta.json`` beside ``a.txt`` overrides what was detected.

Its keys are the JSON Lines fields: ``url``, ``title``, ``published``
(an ISO date or a date as news pages write it), ``publisher``.  Other keys
are ignored.  A broken sidecar (not JSON, not an object, an unreadable date)
does not stop the article: it is read without the sidecar (or without the
broken field) and the problem is reported as ``KG-IN-011`` after it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.ingest.readers import JSONL_FIELDS, clean_metadata


@dataclass
class Sidecar:
    fields: dict[str, Any] = field(default_factory=dict)
    problem: str | None = None  # why (part of) the sidecar was ignored


def read_sidecar(path: Path) -> Sidecar | None:
    """The sidecar at ``path``, or None when there is none."""
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return Sidecar(problem=f"not valid JSON ({str(exc).split(':')[0]})")
    if not isinstance(data, dict):
        return Sidecar(problem="not a JSON object")
    fields = clean_metadata(data)
    unusable = [name for name in JSONL_FIELDS if data.get(name) is not None and name not in fields]
    problem = f"unusable value for {', '.join(unusable)}" if unusable else None
    return Sidecar(fields=fields, problem=problem)
