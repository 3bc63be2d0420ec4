"""Reading a gold folder: ``docs/<topic>/<id>.txt`` and ``gold.jsonl``.

The format is the one of ``/work/shared/eval/meantime-en`` (see its README):
one JSON object a line with the document (its path relative to ``docs/``),
character offsets into the file's text, the covered text, the chain (the
real-world entity, shared across documents), the type and whether the
mention is a name.
"""

from __future__ import annotations

import bisect
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TypeVar

# The types whose named mentions kg is asked to find (PRO and FIN are not kg's kinds).
ENTITY_TYPES = frozenset({"PER", "ORG", "LOC"})


@dataclass(frozen=True)
class GoldMention:
    doc: str
    start: int
    end: int
    text: str
    chain: str
    type: str
    named: bool


@dataclass(frozen=True)
class GoldSet:
    """The documents (id -> text) and every gold mention, in file order."""

    texts: dict[str, str]
    mentions: tuple[GoldMention, ...]

    def named_entities(self) -> list[GoldMention]:
        """The mentions kg is scored on: named PER, ORG and LOC."""
        return [m for m in self.mentions if m.named and m.type in ENTITY_TYPES]


class Located(Protocol):
    @property
    def doc(self) -> str: ...
    @property
    def start(self) -> int: ...


M = TypeVar("M", bound=Located)


class GoldError(ValueError):
    """A gold folder that does not follow the format."""


def read_gold(gold_dir: Path) -> GoldSet:
    """Read ``gold_dir/docs`` and ``gold_dir/gold.jsonl``, checking every offset."""
    docs_dir = gold_dir / "docs"
    if not docs_dir.is_dir():
        raise GoldError(f"{gold_dir}: no docs/ folder")
    texts = {
        path.relative_to(docs_dir).as_posix(): read_text(path)
        for path in sorted(docs_dir.rglob("*.txt"))
    }
    gold_file = gold_dir / "gold.jsonl"
    if not gold_file.is_file():
        raise GoldError(f"{gold_dir}: no gold.jsonl")
    mentions = []
    with gold_file.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if line.strip():
                mentions.append(_parse_line(line, texts, f"{gold_file}:{number}"))
    return GoldSet(texts, tuple(mentions))


def read_text(path: Path) -> str:
    """A document's text exactly as Python reads it, newlines untranslated.

    Offsets are ``str`` indices into this text, so ``\\r\\n`` must not be
    folded to ``\\n``.
    """
    return path.read_bytes().decode("utf-8")


def _parse_line(line: str, texts: dict[str, str], where: str) -> GoldMention:
    try:
        row = json.loads(line)
        mention = GoldMention(
            doc=row["doc"],
            start=int(row["start"]),
            end=int(row["end"]),
            text=row["text"],
            chain=str(row["chain"]),
            type=row["type"],
            named=bool(row["named"]),
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise GoldError(f"{where}: not a gold mention ({exc})") from exc
    text = texts.get(mention.doc)
    if text is None:
        raise GoldError(f"{where}: document {mention.doc!r} is not in docs/")
    if text[mention.start : mention.end] != mention.text:
        raise GoldError(
            f"{where}: offsets {mention.start}-{mention.end} cover "
            f"{text[mention.start : mention.end]!r}, not {mention.text!r}"
        )
    return mention


def on_annotated_lines(gold: GoldSet, mentions: Sequence[M]) -> list[M]:
    """The (system) mentions starting on a line that holds a gold mention of any type.

    MEANTIME annotates only some sentences (one a line), so a name found on
    another line says nothing about precision.
    """
    annotated = annotated_lines(gold)
    starts = {doc: line_starts(text) for doc, text in gold.texts.items()}
    return [
        m
        for m in mentions
        if m.doc in starts and (m.doc, line_of(starts[m.doc], m.start)) in annotated
    ]


def annotated_lines(gold: GoldSet) -> set[tuple[str, int]]:
    starts = {doc: line_starts(text) for doc, text in gold.texts.items()}
    return {(m.doc, line_of(starts[m.doc], m.start)) for m in gold.mentions}


def line_starts(text: str) -> list[int]:
    """The offset where each line begins (a line ends at ``\\n``)."""
    return [0] + [i + 1 for i, char in enumerate(text) if char == "\n"]


def line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset) - 1
