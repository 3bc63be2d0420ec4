"""Reading a gold folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.eval.gold import GoldError, GoldMention, read_gold


def test_reads_documents_and_mentions(tiny_gold):
    gold = read_gold(tiny_gold)
    assert sorted(gold.texts) == ["news/a.txt", "news/b.txt"]
    assert len(gold.mentions) == 9
    assert gold.mentions[0] == GoldMention("news/a.txt", 38, 46, "Jane Doe", "P1", "PER", True)


def test_named_entities_leave_out_nominals_and_other_types(tiny_gold):
    named = read_gold(tiny_gold).named_entities()
    assert [m.text for m in named] == [
        "Jane Doe", "Acme Corp", "Paris", "Acme Corp", "Jane Doe", "Acme", "Berlin",
    ]  # fmt: skip


def write_folder(root: Path, text: str, row: dict) -> Path:
    (root / "docs" / "t").mkdir(parents=True)
    (root / "docs" / "t" / "1.txt").write_bytes(text.encode("utf-8"))
    (root / "gold.jsonl").write_text(json.dumps(row) + "\n", encoding="utf-8")
    return root


def row(**changes) -> dict:
    base = {"doc": "t/1.txt", "start": 0, "end": 4, "text": "Jane", "chain": "c", "type": "PER"}
    return {**base, "named": True, **changes}


@pytest.mark.parametrize(
    "text, bad_row, message",
    [
        ("Jane left.", row(end=5), "cover 'Jane '"),
        ("Jane left.", row(doc="t/2.txt"), "not in docs/"),
        ("Jane left.", {"doc": "t/1.txt"}, "not a gold mention"),
    ],
)
def test_bad_gold_is_refused_with_its_line(tmp_path, text, bad_row, message):
    with pytest.raises(GoldError, match=message):
        read_gold(write_folder(tmp_path, text, bad_row))


def test_offsets_count_carriage_returns(tmp_path):
    # MEANTIME offsets are str indices into the file as it is: "\r\n" is two characters.
    folder = write_folder(tmp_path, "Headline\r\nJane left.", row(start=10, end=14))
    assert read_gold(folder).mentions[0].text == "Jane"
