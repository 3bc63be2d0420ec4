"""Extractions set aside on disk while the merge runs, read back in article order.

    with ExtractionSpill.create(output_dir) as spill:
        for extraction in extractions:
            spill.add(extraction)
        corpus = merge(spill)            # each step reads them back, in article order
        for extraction in spill:         # whole again, sorted by article id
            ...

Each step of the merge reads a small part of each article's extraction, and
the graph stage needs all of it again: the text, every mention, every offset.
Held in memory from the first article to the last, those cost a build about
40 KiB per article; on disk they cost about 10 KiB, reading them back is
cheaper than keeping copies, and the memory stays with what the merge keeps.

The file is pickled: it lives only in this build's scratch folder, is read
back by the process that wrote it, and loads several times faster than JSON.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path
from typing import Protocol, TypeVar

from kg.model import ArticleExtraction
from kg.scratch import ScratchFolder


class _Closeable(Protocol):
    def close(self) -> None: ...


C = TypeVar("C", bound=_Closeable)


class ExtractionSpill:
    """An append-only file of extractions, iterated in article-id order."""

    def __init__(self, scratch: ScratchFolder) -> None:
        self.scratch = scratch
        self.path = scratch.folder / "extractions.pickle"
        try:
            self._file = self.path.open("wb")
        except BaseException:
            scratch.remove()
            raise
        # (article id, arrival number, offset, length): arrival breaks ties as a stable sort would
        self._index: list[tuple[str, int, int, int]] = []
        self._companions: list[_Closeable] = []

    @property
    def folder(self) -> Path:
        """The spill's scratch folder, for other files of the build that live as long."""
        return self.scratch.folder

    def keep(self, companion: C) -> C:
        """Close ``companion`` (a file in :attr:`folder`) when the spill closes; return it."""
        self._companions.append(companion)
        return companion

    @classmethod
    def create(cls, directory: Path | None = None) -> ExtractionSpill:
        """A spill in a new scratch folder in ``directory`` (default: the temp folder)."""
        return cls(ScratchFolder.create(directory))

    def add(self, extraction: ArticleExtraction) -> ArticleExtraction:
        """Write ``extraction`` out; return it, for use in a stream."""
        blob = pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL)
        offset = self._file.tell()
        self._file.write(blob)
        self._index.append((extraction.article.id, len(self._index), offset, len(blob)))
        return extraction

    def __len__(self) -> int:
        return len(self._index)

    def __iter__(self) -> Iterator[ArticleExtraction]:
        """Every extraction added so far, sorted by article id (then by arrival)."""
        self._file.flush()
        with self.path.open("rb") as fh:
            for _, _, offset, length in sorted(self._index):
                fh.seek(offset)
                yield pickle.loads(fh.read(length))

    def close(self) -> None:
        try:
            for companion in reversed(self._companions):
                companion.close()
            self._file.close()  # flushes, so may fail on a full disk: the folder goes anyway
        finally:
            self.scratch.remove()

    def __enter__(self) -> ExtractionSpill:
        return self

    def __exit__(self, kind: type[BaseException] | None, *exc: object) -> None:
        try:
            self.close()
        except OSError:
            if kind is None:
                raise  # else the error already on its way says more
