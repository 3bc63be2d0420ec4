"""SQLite databases for what the merge keeps that grows with every article.

They live in the build's scratch folder (or in memory, for a merge of a
list), are written by one build and read back by it, and go with the folder,
so they need no journal and no syncing: a build that dies loses nothing
that the next build would read.

A build keeps several open at once (the resolution, the facts, the finished
lists), and each one's page cache fills as it is written.  So besides each
database's own cap, SQLite's heap has one budget for all of them together
(its process-wide soft heap limit): what the caches take stays the same
however many databases a build opens and however large they grow.
"""

from __future__ import annotations

import pickle
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TypeVar, overload

IN_MEMORY = ":memory:"
# SQLite's page cache: what one database may take of memory.  The files are
# read back by the process that wrote them, mostly from the system's file cache,
# so a larger cache saves little time (a 10,000-article build took as long with
# 8 MiB per database and a 16 MiB budget) and costs memory every build keeps.
CACHE_KIB = 2 * 1024
HEAP_BUDGET = 4 * 2**20  # bytes of SQLite's heap, all databases of the process together
_BATCH_ROWS = 10_000
_BATCH_BYTES = 1 << 20  # a batch of large items (facts with their evidence) ends sooner

T = TypeVar("T")


def connect(path: Path | str, schema: str) -> sqlite3.Connection:
    """A new database at ``path`` with the tables of ``schema``."""
    # the graph stage may read from another thread than the one that wrote
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    db.executescript(
        f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-{CACHE_KIB};" + schema
    )
    _keep_within_budget(db)
    return db


def discard(db: sqlite3.Connection, path: Path | str) -> None:
    """Close ``db`` and delete its file (if it has one): a table that lives for one step."""
    db.close()
    if path != IN_MEMORY:
        Path(path).unlink(missing_ok=True)


def _keep_within_budget(db: sqlite3.Connection) -> None:
    """Lower SQLite's soft heap limit to ``HEAP_BUDGET``, or leave a lower one alone.

    The limit holds for every connection of the process: a program that set a
    tighter one for its own databases keeps it.  SQLite meets it by dropping
    pages from the caches, not by failing.
    """
    (limit,) = db.execute("PRAGMA soft_heap_limit").fetchone()
    if limit == 0 or limit > HEAP_BUDGET:  # 0: no limit
        db.execute(f"PRAGMA soft_heap_limit={HEAP_BUDGET}")


def write(db: sqlite3.Connection, statement: str, rows: Iterable[tuple]) -> None:
    """Run ``statement`` for each of ``rows``, in one transaction rather than one each.

    ``rows`` may be a stream, which SQLite takes one row at a time.
    """
    if not isinstance(rows, Sequence) or rows:
        db.execute("BEGIN")
        try:
            db.executemany(statement, rows)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")


class PickledList(Sequence[T]):
    """A finished list that waits on disk: its items pickled, one row each, in order.

    What a merge step makes and only the graph stage reads again (canonical
    entities, events, roles, quotes) goes here once the later steps are done
    with it, so memory does not hold it through the rest of the build.
    """

    def __init__(
        self, items: Iterable[T], where: Path | str | sqlite3.Connection = IN_MEMORY
    ) -> None:
        """Store ``items`` in a new database at ``where``, or in an open one's ``item`` table."""
        schema = "CREATE TABLE item (position INTEGER PRIMARY KEY, item BLOB NOT NULL);"
        if isinstance(where, sqlite3.Connection):
            self._db = where
            self._db.execute(schema)
        else:
            self._db = connect(where, schema)
        insert, batch, size, count = "INSERT INTO item VALUES (?, ?)", [], 0, 0
        for count, item in enumerate(items, 1):
            blob = pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
            batch.append((count - 1, blob))
            size += len(blob)
            if len(batch) >= _BATCH_ROWS or size >= _BATCH_BYTES:
                write(self._db, insert, batch)
                batch, size = [], 0
        write(self._db, insert, batch)
        self._length = count

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> T: ...
    @overload
    def __getitem__(self, index: slice) -> list[T]: ...
    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        position = index + self._length if index < 0 else index
        if not 0 <= position < self._length:
            raise IndexError(index)
        (blob,) = self._db.execute(
            "SELECT item FROM item WHERE position = ?", (position,)
        ).fetchone()
        return pickle.loads(blob)

    def __iter__(self) -> Iterator[T]:
        for (blob,) in self._db.execute("SELECT item FROM item ORDER BY position"):
            yield pickle.loads(blob)

    def close(self) -> None:
        self._db.close()
