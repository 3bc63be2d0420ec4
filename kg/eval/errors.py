"""What a system got wrong, one record each, for reading rather than scoring.

Mention records: ``missed`` (a gold mention nothing overlaps), ``boundary``
(paired only by overlap: the spans differ), ``type`` (paired, but the kinds
differ) and ``spurious`` (a counted system mention paired with no gold
mention).  Coreference records, over the
overlap-matched pairs: ``split`` (one gold chain spread over several system
clusters) and ``merged`` (one system cluster spanning several gold chains).
"""

from __future__ import annotations

from collections.abc import Sequence

from kg.eval.gold import GoldMention, GoldSet, on_annotated_lines
from kg.eval.metrics import MatchMode, match_mentions
from kg.eval.system import SystemMention


def mention_errors(gold: GoldSet, system: Sequence[SystemMention]) -> list[dict]:
    """Every mention and coreference error, mentions first, in document order."""
    gold_mentions = gold.named_entities()
    counted = on_annotated_lines(gold, system)
    exact = set(match_mentions(gold_mentions, counted, MatchMode.EXACT))
    pairs = match_mentions(gold_mentions, counted, MatchMode.OVERLAP)
    paired_gold = {g: s for g, s in pairs}
    paired_system = {s for _, s in pairs}
    exact_gold = {g for g, _ in exact}
    records = []
    for i, mention in enumerate(gold_mentions):
        if i not in paired_gold:
            records.append(_record("missed", mention, gold))
            continue
        found = counted[paired_gold[i]]
        if i not in exact_gold:
            records.append(_record("boundary", mention, gold, found=_text(gold, found)))
        if found.type != mention.type:
            records.append(_record("type", mention, gold, found_type=found.type))
    for j, mention in enumerate(counted):
        if j not in paired_system:
            records.append(_record("spurious", mention, gold))
    records.sort(key=lambda r: (r["doc"], r["start"], r["end"], r["error"]))
    return records + coreference_errors(gold_mentions, counted, pairs)


def coreference_errors(
    gold: Sequence[GoldMention],
    system: Sequence[SystemMention],
    pairs: Sequence[tuple[int, int]],
) -> list[dict]:
    clusters_of: dict[str, set[str]] = {}
    chains_of: dict[str, set[str]] = {}
    examples: dict[str, set[str]] = {}
    for g, s in pairs:
        chain, cluster = gold[g].chain, system[s].cluster
        clusters_of.setdefault(chain, set()).add(cluster)
        chains_of.setdefault(cluster, set()).add(chain)
        examples.setdefault(chain, set()).add(gold[g].text)
    split = [
        {"error": "split", "chain": chain, "texts": sorted(examples[chain]), "clusters": sorted(c)}
        for chain, c in sorted(clusters_of.items())
        if len(c) > 1
    ]
    merged = [
        {
            "error": "merged",
            "cluster": cluster,
            "chains": {chain: sorted(examples[chain]) for chain in sorted(chains)},
        }
        for cluster, chains in sorted(chains_of.items())
        if len(chains) > 1
    ]
    return split + merged


def _record(kind: str, mention: GoldMention | SystemMention, gold: GoldSet, **extra) -> dict:
    text = gold.texts[mention.doc]
    return {
        "error": kind,
        "doc": mention.doc,
        "line": text.count("\n", 0, mention.start) + 1,
        "start": mention.start,
        "end": mention.end,
        "text": text[mention.start : mention.end],
        "type": mention.type,
        **extra,
    }


def _text(gold: GoldSet, mention: SystemMention) -> str:
    return gold.texts[mention.doc][mention.start : mention.end]
