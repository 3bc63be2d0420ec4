"""The resolution: which canonical node each article-level entity and event became, and why.

    resolution = Resolution(folder / "resolution.sqlite")   # or Resolution() in memory
    resolution.add(canonical_id, links)                     # MergeLinks, once per node
    resolution.get(LocalRef("003", "e2"))                   # -> "person/vladimir-putin"
    resolution.link(LocalRef("003", "e2"))                  # -> MergeLink(reason, score)
    resolution.members("person/vladimir-putin")             # its MergeLinks, by article
    resolution.articles("person/vladimir-putin")            # the articles it came from

There is one link per entity and event of every article (about 18 per
article in news), so of everything the merge keeps, these are what grow
fastest with the corpus: held as a dict and as every node's member list they
cost a build 3 KiB per article.  Here they are rows of a SQLite table, in
the build's scratch folder next to the spill, so memory holds only SQLite's
page cache.  The later merge steps and the graph stage ask for the links of
one article after another, in article order; the links of the article asked
for last are kept at hand, so each article costs one query.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.merge.scratchdb import IN_MEMORY, connect, write
from kg.model import LocalRef, MergeLink

_SCHEMA = """
CREATE TABLE link (
    article TEXT NOT NULL,
    key TEXT NOT NULL,
    canonical TEXT NOT NULL,
    reason TEXT NOT NULL,
    score REAL NOT NULL,
    PRIMARY KEY (article, key)
) WITHOUT ROWID;
CREATE INDEX link_by_canonical ON link (canonical, article, key);
"""


class Resolution:
    """A table of :class:`MergeLink` rows, one per article-level node, on disk or in memory."""

    def __init__(self, path: Path | str = IN_MEMORY) -> None:
        self._db = connect(path, _SCHEMA)
        self._article: str | None = None  # the article whose links are at hand
        self._at_hand: dict[str, tuple[str, str, float]] = {}

    def add(self, canonical: str, links: Iterable[MergeLink]) -> None:
        """Record that the ``links``' members were merged into ``canonical``."""
        rows = ((m.member.article_id, m.member.key, canonical, m.reason, m.score) for m in links)
        try:
            write(self._db, "INSERT INTO link VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.IntegrityError as error:
            raise ValueError(f"a node merged twice, the second time into {canonical}") from error
        self._article = None

    def get(self, ref: LocalRef) -> str | None:
        """The canonical id ``ref`` was merged into, if it was."""
        row = self._of_article(ref.article_id).get(ref.key)
        return row[0] if row else None

    def link(self, ref: LocalRef) -> MergeLink | None:
        """Why ``ref`` was merged: the reason and score of its link."""
        row = self._of_article(ref.article_id).get(ref.key)
        return MergeLink(ref, row[1], row[2]) if row else None

    def members(self, canonical: str) -> list[MergeLink]:
        """The links into ``canonical``, sorted by article and key."""
        rows = self._db.execute(
            "SELECT article, key, reason, score FROM link WHERE canonical = ?"
            " ORDER BY article, key",
            (canonical,),
        )
        return [MergeLink(LocalRef(a, k), reason, score) for a, k, reason, score in rows]

    def articles(self, canonical: str) -> list[str]:
        """The articles whose nodes were merged into ``canonical``, sorted."""
        rows = self._db.execute(
            "SELECT DISTINCT article FROM link WHERE canonical = ? ORDER BY article", (canonical,)
        )
        return [article for (article,) in rows]

    def __getitem__(self, ref: LocalRef) -> str:
        found = self.get(ref)
        if found is None:
            raise KeyError(ref)
        return found

    def __contains__(self, ref: object) -> bool:
        return isinstance(ref, LocalRef) and self.get(ref) is not None

    def __iter__(self) -> Iterator[LocalRef]:
        """Every merged node, sorted by article and key."""
        for article, key in self._db.execute("SELECT article, key FROM link ORDER BY article, key"):
            yield LocalRef(article, key)

    def __len__(self) -> int:
        return self._db.execute("SELECT count(*) FROM link").fetchone()[0]

    def close(self) -> None:
        self._db.close()

    def _of_article(self, article_id: str) -> dict[str, tuple[str, str, float]]:
        if article_id != self._article:
            rows = self._db.execute(
                "SELECT key, canonical, reason, score FROM link WHERE article = ?", (article_id,)
            )
            self._at_hand = {key: (canonical, r, s) for key, canonical, r, s in rows}
            self._article = article_id
        return self._at_hand
