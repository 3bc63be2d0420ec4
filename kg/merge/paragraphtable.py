"""The paragraphs the duplicate finder compares, kept on disk while it runs.

    table = ParagraphTable(folder / "paragraphs.sqlite")   # or ParagraphTable() in memory
    table.add(article, ["normalised paragraph", ...])      # once per article, in order
    for bucket in table.buckets(): ...                     # paragraphs sharing a sketch hash
    table.owner(paragraph)                                 # -> (article, index, text number)
    table.text(number), table.length(number)

Every body paragraph of every article is compared, so held in memory their
texts, sketches and sketch buckets made the duplicate finder the largest
peak of a build (6 KiB per article).  Here each distinct text and its sketch
hashes are rows of a SQLite table and the buckets come back sorted from it;
memory holds a few numbers per paragraph (its article, position and text)
and the length of each distinct text.
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Callable, Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from pathlib import Path

from kg.merge.scratchdb import IN_MEMORY, connect, discard, write

_SCHEMA = """
CREATE TABLE text (number INTEGER PRIMARY KEY, digest BLOB UNIQUE NOT NULL, body TEXT NOT NULL);
CREATE TABLE sketch (hash INTEGER NOT NULL, text INTEGER NOT NULL);
CREATE TABLE paragraph (number INTEGER PRIMARY KEY, text INTEGER NOT NULL);
CREATE TABLE member (root INTEGER NOT NULL, paragraph INTEGER NOT NULL);
CREATE TABLE shared (late INTEGER NOT NULL, early INTEGER NOT NULL, chars INTEGER NOT NULL);
"""
_BUFFER_TEXTS = 5_000


class ParagraphTable:
    """Paragraphs by article, each distinct text stored once with its sketch."""

    def __init__(self, sketch: Callable[[str], list[int]], path: Path | str = IN_MEMORY) -> None:
        self._db = connect(path, _SCHEMA)
        self._path = path
        self._sketch = sketch
        self._articles = array("q")  # paragraph -> article number
        self._indexes = array("q")  # paragraph -> index in its article
        self._texts = array("q")  # paragraph -> text number
        self._lengths = array("q")  # text number -> length
        self._pending: dict[bytes, int] = {}  # digest -> number of texts not yet written
        self._rows: tuple[list, list] = ([], [])  # texts and sketch hashes not yet written

    def add(self, article: int, texts: list[str]) -> None:
        """The long-enough paragraphs of ``article``, normalised, in order."""
        digests = [hashlib.blake2b(text.encode(), digest_size=16).digest() for text in texts]
        known = self._numbers(set(digests))
        for index, (text, digest) in enumerate(zip(texts, digests, strict=True)):
            number = known.get(digest)
            if number is None:
                number = known[digest] = self._new_text(text, digest)
            self._articles.append(article)
            self._indexes.append(index)
            self._texts.append(number)

    def buckets(self) -> Iterator[list[int]]:
        """The paragraphs sharing each sketch hash, in paragraph order; hashes of one left out."""
        self._flush()
        write(self._db, "INSERT INTO paragraph VALUES (?, ?)", enumerate(self._texts))
        self._db.execute("CREATE INDEX paragraph_by_text ON paragraph (text)")
        rows = self._db.execute(
            "SELECT s.hash, p.number FROM sketch s JOIN paragraph p ON p.text = s.text"
            " ORDER BY s.hash, p.number"
        )
        for _, group in groupby(rows, key=lambda row: row[0]):
            bucket = [paragraph for _, paragraph in group]
            if len(bucket) > 1:
                yield bucket

    def clusters(self, root: Callable[[int], int]) -> Iterator[list[int]]:
        """The paragraphs grouped by ``root(paragraph)``, in groups of two or more, root first.

        The groups come back sorted from the table, not gathered in memory.
        """
        members = ((r, p) for p in range(len(self)) if (r := root(p)) != p)
        write(self._db, "INSERT INTO member VALUES (?, ?)", members)  # now, not when first read
        rows = self._db.execute("SELECT root, paragraph FROM member ORDER BY root, paragraph")
        return ([first, *(p for _, p in group)] for first, group in groupby(rows, itemgetter(0)))

    def tally(self, shares: Iterable[tuple[int, int, int]]) -> Iterator[tuple[int, int, int, int]]:
        """``(late, early, chars)`` rows added up per pair of articles, in pair order.

        Yields ``(late, early, rows, chars)``: how many paragraphs the pair
        shares, and how many characters.
        """
        write(self._db, "INSERT INTO shared VALUES (?, ?, ?)", shares)
        yield from self._db.execute(
            "SELECT late, early, count(*), sum(chars) FROM shared"
            " GROUP BY late, early ORDER BY late, early"
        )

    def owner(self, paragraph: int) -> tuple[int, int, int]:
        """The article, index in it, and text number of ``paragraph``."""
        return self._articles[paragraph], self._indexes[paragraph], self._texts[paragraph]

    def text(self, number: int) -> str:
        self._flush()
        return self._db.execute("SELECT body FROM text WHERE number = ?", (number,)).fetchone()[0]

    def length(self, number: int) -> int:
        return self._lengths[number]

    def __len__(self) -> int:
        return len(self._texts)

    def close(self) -> None:
        """Close the table and delete its file: it lives only while duplicates are sought."""
        discard(self._db, self._path)

    def _numbers(self, digests: set[bytes]) -> dict[bytes, int]:
        found = {d: self._pending[d] for d in digests if d in self._pending}
        asked = [d for d in digests if d not in found]
        if asked:
            marks = ", ".join("?" * len(asked))
            query = f"SELECT digest, number FROM text WHERE digest IN ({marks})"
            found.update(self._db.execute(query, asked))
        return found

    def _new_text(self, text: str, digest: bytes) -> int:
        number = len(self._lengths)
        self._lengths.append(len(text))
        self._pending[digest] = number
        texts, hashes = self._rows
        texts.append((number, digest, text))
        hashes.extend((h, number) for h in self._sketch(text))
        if len(texts) >= _BUFFER_TEXTS:
            self._flush()
        return number

    def _flush(self) -> None:
        texts, hashes = self._rows
        if not texts:  # text() calls this for every comparison; most find nothing waiting
            return
        write(self._db, "INSERT INTO text VALUES (?, ?, ?)", texts)
        write(self._db, "INSERT INTO sketch VALUES (?, ?)", hashes)
        self._rows = ([], [])
        self._pending.clear()
