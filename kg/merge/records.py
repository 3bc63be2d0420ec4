"""What entity resolution reads of the articles: one record per article-level entity.

A build holds every record while it resolves, so they are kept in columns
(:class:`RecordTable`), about 16 bytes each, not as an object each.  What
records of one name usually share (the name, aliases, kind votes, roles) is
one :class:`Profile`; a :class:`Record` is made only when a step asks for it.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass

from kg.merge.known import family
from kg.model import PERSON, LocalRef


@dataclass(slots=True)
class Profile:
    """What records of equal name, aliases, kind votes and roles share.

    Kind voting changes a profile's kind (and with it its words and key) for
    all its records at once.
    """

    name: str
    aliases: tuple[str, ...]
    votes: tuple[tuple[str, float], ...]  # (kind family, weight), from kind_votes
    strong: frozenset[str]  # the families a rule backs
    metonymy: str | None
    kind: str  # after kind voting
    key: str
    words: tuple[str, ...]
    roles: tuple[tuple[str, str | None], ...] = ()  # (label, organisation name key)
    count: int = 0  # records with this profile

    @property
    def family(self) -> str:
        return family(self.kind)

    @property
    def bare(self) -> bool:
        """A one-word person name ("Shangfu", "Li"): who it is depends on context."""
        return self.kind == PERSON and len(self.words) == 1


@dataclass(slots=True, frozen=True)
class Record:
    """One article-level entity: where it is, how often it is mentioned, and its profile."""

    index: int
    ref: LocalRef
    mentions: int
    profile: Profile

    @property
    def name(self) -> str:
        return self.profile.name

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.profile.aliases

    @property
    def kind(self) -> str:
        return self.profile.kind

    @property
    def metonymy(self) -> str | None:
        return self.profile.metonymy

    @property
    def roles(self) -> tuple[tuple[str, str | None], ...]:
        return self.profile.roles


class RecordTable:
    """Every article-level entity of the corpus, in the order the articles came.

    ``article(i)`` is a record's article number; ``article_ids[n]`` is that
    article's id, and ``in_article(n)`` its records.
    """

    def __init__(self) -> None:
        self.article_ids: list[str] = []
        self.profiles: list[Profile] = []
        self._profile_index: dict[tuple, int] | None = {}
        self._starts = array("i", [0])  # article n's records start at _starts[n]
        self._article = array("i")
        self._key: list[str] = []
        self._profile = array("i")
        self._mentions = array("i")

    def start_article(self, article_id: str) -> None:
        if self.article_ids:
            self._starts.append(len(self._key))
        self.article_ids.append(article_id)

    def add(self, key: str, mentions: int, profile: Profile) -> None:
        """A record of the current article; an equal profile seen before is reused."""
        assert self._profile_index is not None, "the table is sealed"
        fields = (
            profile.name,
            profile.aliases,
            profile.votes,
            profile.strong,
            profile.metonymy,
            profile.kind,
            profile.roles,
        )
        number = self._profile_index.setdefault(fields, len(self.profiles))
        if number == len(self.profiles):
            self.profiles.append(profile)
        self.profiles[number].count += 1
        self._article.append(len(self.article_ids) - 1)
        self._key.append(key)
        self._profile.append(number)
        self._mentions.append(mentions)

    def seal(self) -> None:
        """No more records: drop the index of profiles (kind voting changes them)."""
        self._profile_index = None
        self._starts.append(len(self._key))

    def __len__(self) -> int:
        return len(self._key)

    def __getitem__(self, i: int) -> Record:
        ref = LocalRef(self.article_ids[self._article[i]], self._key[i])
        return Record(i, ref, self._mentions[i], self.profiles[self._profile[i]])

    def __iter__(self) -> Iterator[Record]:
        return (self[i] for i in range(len(self)))

    def profile(self, i: int) -> Profile:
        return self.profiles[self._profile[i]]

    def article(self, i: int) -> int:
        return self._article[i]

    def in_article(self, article: int) -> range:
        return range(self._starts[article], self._starts[article + 1])
