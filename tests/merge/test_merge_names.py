"""Name keys, acronyms, skeletons and durations: tables of input -> expected."""

from __future__ import annotations

import pytest

from kg.ids import id_path
from kg.merge.entities import acronym_matches, compatible_names
from kg.merge.names import (
    acronym_of,
    duration_key,
    fold,
    is_acronym,
    name_key,
    node_id,
    skeleton,
    text_tokens,
    tokens,
)


@pytest.mark.parametrize(
    ("name", "org", "key"),
    [
        ("the Ministry of Defence", False, "ministry of defense"),
        ("Ministry of Defense", False, "ministry of defense"),
        ("Apple Inc.", True, "apple"),
        ("Apple Inc.", False, "apple inc"),
        ("EADS N.V.", True, "eads"),
        ("U.S.", False, "us"),
        ("Putin's", False, "putin"),
        ("Ségolène Royal", False, "segolene royal"),
        ("Kiev", False, "kyiv"),
        ("The Company", True, "company"),  # a legal form alone is the name
    ],
)
def test_name_key(name: str, org: bool, key: str) -> None:
    assert name_key(name, org=org) == key


@pytest.mark.parametrize(
    ("name", "acronym"),
    [
        ("Central Intelligence Agency", "cia"),
        ("United States Air Force", "usaf"),
        ("Bank of America", "ba"),
        ("Royal Air Force", "raf"),
        ("Boeing", None),
    ],
)
def test_acronym_of(name: str, acronym: str | None) -> None:
    assert acronym_of(tokens(name)) == acronym


@pytest.mark.parametrize(
    ("acronym", "name", "matches"),
    [
        ("sia", "Singapore Airlines", True),
        ("usaf", "United States Air Force", True),
        ("eads", "European Aeronautic Defence Space", True),
        ("nasa", "National Aeronautics Space Administration", True),
        ("sia", "Air Singapore", False),
        ("cia", "Criminal Investigation Department", False),
    ],
)
def test_acronym_matches(acronym: str, name: str, matches: bool) -> None:
    assert acronym_matches(acronym, tokens(name)) is matches


@pytest.mark.parametrize(
    ("name", "expected"),
    [("NATO", True), ("U.S.", True), ("USAF", True), ("Nato", False), ("A", False), ("AT&T", True)],
)
def test_is_acronym(name: str, expected: bool) -> None:
    assert is_acronym(name) is expected


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [("zelensky", "zelenskyy", True), ("shoigu", "shoygu", True), ("iran", "iraq", False)],
)
def test_skeleton(a: str, b: str, same: bool) -> None:
    assert (skeleton(a) == skeleton(b)) is same


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("three-day", (3, "day")),
        ("two days of talks", (2, "day")),
        ("a week", (1, "week")),
        ("48 hours", (48.0, "hour")),
        ("several days", (None, "day")),
    ],
)
def test_duration_key(text: str, key) -> None:
    assert duration_key(text) == key


@pytest.mark.parametrize(
    ("a", "b", "compatible"),
    [
        ("Li Shangfu", "Li Keqiang", False),
        ("Vladimir Putin", "Vladimir Vladimirovich Putin", True),
        ("Sergei Shoigu", "Sergey Shoygu", True),
        ("George W. Bush", "George Bush", True),
        ("Kim Jong Un", "Kim Jong Il", False),
    ],
)
def test_compatible_names(a: str, b: str, compatible: bool) -> None:
    assert compatible_names(tokens(a), tokens(b)) is compatible


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The Ministry of Defence said", ("ministry", "of", "defense", "said")),
        ("Putin's aide met U.S. officials", ("putin", "aide", "met", "us", "officials")),
        ("Ségolène Royal’s visit to Zürich", ("segolene", "royal", "visit", "to", "zurich")),
        ("“We won’t go,” she said", ("we", "wont", "go", "she", "said")),
        ("ﬁnal ｆｕｌｌｗｉｄｔｈ", ("final", "fullwidth")),  # compatibility forms
        ("Москва и Киев", ("москва", "и", "киев")),
    ],
)
def test_running_text_gets_the_words_of_a_name(text: str, words: tuple[str, ...]) -> None:
    assert text_tokens(text) == words
    assert text_tokens(text) == tokens(text)  # one normalisation for names and text


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Plain ASCII", "plain ascii"),
        ("Ségolène", "segolene"),
        ("Erdoğan’s", "erdogan's"),
        ("Ｘ ａｎｄ ｘ", "x and x"),
        ("Ελλάδα", "ελλαδα"),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded


@pytest.mark.parametrize(
    ("kind", "keys"),
    [
        ("person", ("Li Shangfu",)),
        ("Organization", ("Ministry of Defence",)),
        ("event", ("Meeting", "2023-05-01", "person/li-shangfu", "Ségolène Royal")),
        ("quote", ("Москва",)),
        ("role", ("li-shangfu", "defense minister of china")),
    ],
)
def test_node_id_is_the_id_path(kind: str, keys: tuple[str, ...]) -> None:
    assert node_id(kind, *keys) == id_path(kind, *keys)
    assert node_id(kind, *keys) == id_path(kind, *keys)  # again, from the cache
