"""Which files to read, under which ids, in which order."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kg.ingest.errors import source_error
from kg.model import SourceError

SIDECAR_SUFFIX = ".meta.json"


@dataclass(frozen=True)
class SourceFile:
    """A file to read: where it is, and its id (path relative to the folder given)."""

    path: Path
    source: str  # relative path with forward slashes; for a file given directly, its name
    named_directly: bool = False  # given on the command line, not found in a folder

    @property
    def suffix(self) -> str:
        return self.path.suffix.lower()

    @property
    def sidecar(self) -> Path:
        return self.path.with_name(self.path.name + SIDECAR_SUFFIX)


def discover(
    paths: Iterable[str | Path], readable: frozenset[str]
) -> Iterator[SourceFile | SourceError]:
    """The files under ``paths``, sorted by source; problems as :class:`SourceError`.

    Folders are searched recursively; hidden files and folders and sidecars
    are skipped, and so are files whose extension is not in ``readable``
    (a folder may hold anything).  Only a list of paths is held in memory.
    """
    found: dict[str, SourceFile] = {}
    problems: list[SourceError] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            candidates = _walk(path, readable)
        elif path.is_file():
            candidates = [SourceFile(path, source_id(path.name), named_directly=True)]
        else:
            problems.append(source_error(str(raw), "KG-IN-001", path=str(raw)))
            continue
        for candidate in candidates:
            if candidate.source in found:
                other = found[candidate.source].path
                problems.append(
                    source_error(str(candidate.path), "KG-IN-013", id=candidate.source, other=other)
                )
            else:
                found[candidate.source] = candidate
    yield from problems
    for source in sorted(found):
        yield found[source]


def source_id(name: str) -> str:
    """``name`` as an article id; bytes that are not UTF-8 are spelled out (``caf\\xe9.txt``).

    A file name that is not UTF-8 reaches Python with lone surrogates in it,
    which no UTF-8 output (an IRI, Turtle, a hash) can hold.
    """
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def _walk(folder: Path, readable: frozenset[str]) -> list[SourceFile]:
    files = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            path = Path(root, name)
            if path.suffix.lower() in readable:
                files.append(SourceFile(path, source_id(path.relative_to(folder).as_posix())))
    return files
