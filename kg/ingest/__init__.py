"""ingest: files and folders in, :class:`kg.model.Article` (or :class:`SourceError`) out.

    from kg.ingest import read_articles
    for item in read_articles(["sources/"]):
        ...

See :func:`read_articles` for what is read and how; error codes are listed
in :mod:`kg.ingest.errors`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.ingest.article import finish
from kg.ingest.discover import SourceFile, discover
from kg.ingest.errors import source_error
from kg.ingest.readers import READERS
from kg.model import Article, SourceError
from kg.settings import Settings

__all__ = ["read_articles", "READERS"]


def read_articles(
    paths: Iterable[str | Path], settings: Settings | None = None
) -> Iterator[Article | SourceError]:
    """Read every article under ``paths`` (files or folders), one at a time.

    - Folders are searched recursively.  Hidden files and folders, sidecars
      (``*.meta.json``) and files with an extension no reader knows are
      skipped quietly; a file named directly with such an extension is
      reported (``KG-IN-002``).
    - Order: by source path (the id of a file), then by line number inside a
      JSON Lines file; errors about the paths themselves come first.
    - ``Article.id`` / ``source``: the path relative to the folder given, or
      the file's name when the file is given directly, with ``/``; a JSON
      Lines record has id ``file.jsonl#L<n>``.
    - Nothing raises: every problem is yielded as a :class:`SourceError`.
    """
    settings = settings or Settings()
    for item in discover(paths, frozenset(READERS)):
        if isinstance(item, SourceError):
            yield item
        else:
            yield from _read_file(item, settings)


def _read_file(file: SourceFile, settings: Settings) -> Iterator[Article | SourceError]:
    reader = READERS.get(file.suffix)
    if reader is None:
        known = ", ".join(sorted(READERS))
        yield source_error(file.source, "KG-IN-002", suffix=file.suffix, known=known)
        return
    try:
        for item in reader(file, settings):
            if isinstance(item, SourceError):
                yield item
            else:
                yield from finish(item, file, settings)
    except Exception as exc:  # a bug must not stop the build: report it and go on
        yield source_error(file.source, "KG-IN-099", error=f"{type(exc).__name__}: {exc}")
