"""Scoring a system's mentions against a gold set, and the report of a run."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from kg.eval.errors import mention_errors
from kg.eval.gold import GoldMention, GoldSet, on_annotated_lines, read_gold
from kg.eval.metrics import (
    MatchMode,
    Score,
    b_cubed,
    ceaf_e,
    cluster_by,
    f1,
    match_mentions,
    muc,
    overlap,
    ratio,
)
from kg.eval.system import SystemMention, baseline_mentions, graph_mentions
from kg.settings import Settings


@dataclass(frozen=True)
class MentionScores:
    """Mention detection, untyped, on the annotated lines."""

    gold: int  # named PER/ORG/LOC gold mentions
    system: int  # system mentions on annotated lines
    system_overlapping_gold: int  # ... of which overlap some gold mention (for reference)
    exact_matches: int
    overlap_matches: int  # = gold, and system, mentions paired in overlap mode
    recall_exact: float
    recall_overlap: float
    precision_strict: float  # exact matches / system
    precision_lenient: float  # exact matches / overlap matches
    f1: float  # of recall_exact and precision_lenient
    typed_accuracy_exact: float  # share of exact pairs whose types agree
    typed_accuracy_overlap: float
    recall_exact_by_type: dict[str, float]  # gold type -> recall of its mentions
    recall_overlap_by_type: dict[str, float]


@dataclass(frozen=True)
class CorefScores:
    """Cross-document coreference over the mentions matched to gold."""

    mentions: int
    muc: Score
    b_cubed: Score
    ceaf_e: Score
    conll_f1: float


@dataclass(frozen=True)
class SystemScores:
    mentions: MentionScores
    coref_exact: CorefScores
    coref_overlap: CorefScores


@dataclass(frozen=True)
class EvalReport:
    documents: int
    model: str
    kg: SystemScores
    baseline: SystemScores
    # kg's mention and coreference errors (see kg.eval.errors); not part of the scores
    kg_errors: list[dict] = field(default_factory=list, compare=False, repr=False)

    def to_dict(self) -> dict:
        """The scores, for ``--json``."""
        scores = asdict(self)
        del scores["kg_errors"]
        return scores


def evaluate(
    gold_dir: Path,
    settings: Settings,
    *,
    log: Callable[[str], None] = lambda message: None,
    progress: Callable[[str], None] | None = None,
) -> EvalReport:
    """Build kg's graph of ``gold_dir/docs`` and score it, and the baseline.

    ``log`` receives a line per step, ``progress`` each article id as the
    pipeline finishes it.
    """
    import kg  # the whole pipeline, imported only when an evaluation runs
    from kg.extract.nlp import load_nlp

    # 1. the gold
    gold = read_gold(gold_dir)
    log(f"{len(gold.texts)} documents, {len(gold.named_entities())} named gold mentions")
    # 2. kg: the graph of the same documents, ids relative to docs/
    log("building the graph")
    dataset = kg.build([gold_dir / "docs"], settings, progress=progress)
    kg_mentions = graph_mentions(dataset)
    # 3. the baseline: the same spaCy model, its entities as they are
    log(f"running the baseline ({settings.model})")
    baseline = baseline_mentions(gold.texts, load_nlp(settings.model))
    return EvalReport(
        documents=len(gold.texts),
        model=settings.model,
        kg=score_system(gold, kg_mentions),
        baseline=score_system(gold, baseline),
        kg_errors=mention_errors(gold, kg_mentions),
    )


def score_system(gold: GoldSet, system: Sequence[SystemMention]) -> SystemScores:
    """All the numbers for one system's mentions."""
    # 1. what is scored: named PER/ORG/LOC gold, system mentions on annotated lines
    gold_mentions = gold.named_entities()
    counted = on_annotated_lines(gold, system)
    # 2. one-to-one matching, exact and overlapping
    exact = match_mentions(gold_mentions, counted, MatchMode.EXACT)
    overlapping = match_mentions(gold_mentions, counted, MatchMode.OVERLAP)
    # 3. mention detection, then coreference over the matched pairs
    return SystemScores(
        mentions=mention_scores(gold_mentions, counted, exact, overlapping),
        coref_exact=coref_scores(gold_mentions, counted, exact),
        coref_overlap=coref_scores(gold_mentions, counted, overlapping),
    )


def mention_scores(
    gold: Sequence[GoldMention],
    system: Sequence[SystemMention],
    exact: Sequence[tuple[int, int]],
    overlapping: Sequence[tuple[int, int]],
) -> MentionScores:
    """Detection scores from the two matchings.

    Lenient precision divides by the system mentions that overlap gold, one
    to one (those paired in overlap mode): a name the gold leaves
    unannotated costs nothing, a wrong boundary on an annotated one does.
    Counting every overlapping system mention instead would also charge a
    second system mention inside one gold span; that count is reported as
    ``system_overlapping_gold``.
    """
    gold_by_doc: dict[str, list[GoldMention]] = {}
    for g in gold:
        gold_by_doc.setdefault(g.doc, []).append(g)
    near_gold = sum(1 for s in system if any(overlap(s, g) for g in gold_by_doc.get(s.doc, ())))
    recall = ratio(len(exact), len(gold))
    lenient = ratio(len(exact), len(overlapping))
    return MentionScores(
        gold=len(gold),
        system=len(system),
        system_overlapping_gold=near_gold,
        exact_matches=len(exact),
        overlap_matches=len(overlapping),
        recall_exact=recall,
        recall_overlap=ratio(len(overlapping), len(gold)),
        precision_strict=ratio(len(exact), len(system)),
        precision_lenient=lenient,
        f1=f1(lenient, recall),
        typed_accuracy_exact=typed_accuracy(gold, system, exact),
        typed_accuracy_overlap=typed_accuracy(gold, system, overlapping),
        recall_exact_by_type=recall_by_type(gold, exact),
        recall_overlap_by_type=recall_by_type(gold, overlapping),
    )


def typed_accuracy(
    gold: Sequence[GoldMention],
    system: Sequence[SystemMention],
    pairs: Sequence[tuple[int, int]],
) -> float:
    agreeing = sum(1 for g, s in pairs if gold[g].type == system[s].type)
    return ratio(agreeing, len(pairs))


def recall_by_type(
    gold: Sequence[GoldMention], pairs: Sequence[tuple[int, int]]
) -> dict[str, float]:
    found = {g for g, _ in pairs}
    types = sorted({m.type for m in gold})
    return {
        kind: ratio(
            sum(1 for i, m in enumerate(gold) if m.type == kind and i in found),
            sum(1 for m in gold if m.type == kind),
        )
        for kind in types
    }


def coref_scores(
    gold: Sequence[GoldMention],
    system: Sequence[SystemMention],
    pairs: Sequence[tuple[int, int]],
) -> CorefScores:
    """Each matched pair is one mention: the key groups them by gold chain,
    the response by the system's cluster."""
    key = cluster_by((pair, gold[pair[0]].chain) for pair in pairs)
    response = cluster_by((pair, system[pair[1]].cluster) for pair in pairs)
    scores = muc(key, response), b_cubed(key, response), ceaf_e(key, response)
    return CorefScores(len(pairs), *scores, conll_f1=sum(s.f1 for s in scores) / 3)
