"""SQLite databases for what the merge keeps that grows with every article.

They live in the build's scratch folder (or in memory, for a merge of a
list), are written by one build and read back by it, and go with the folder,
so they need no journal and no syncing: a build that dies loses nothing
that the next build would read.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

IN_MEMORY = ":memory:"
CACHE_KIB = 8 * 1024  # SQLite's page cache: what one database may take of memory


def connect(path: Path | str, schema: str) -> sqlite3.Connection:
    """A new database at ``path`` with the tables of ``schema``."""
    # the graph stage may read from another thread than the one that wrote
    db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
    db.executescript(
        f"PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-{CACHE_KIB};" + schema
    )
    return db


def write(db: sqlite3.Connection, statement: str, rows: list[tuple]) -> None:
    """Run ``statement`` for each of ``rows``, in one transaction rather than one each."""
    if rows:
        db.execute("BEGIN")
        try:
            db.executemany(statement, rows)
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")
