"""eval stage: scores kg's mentions and cross-document coreference against gold.

    >>> from kg.eval import evaluate, render_table
    >>> print(render_table(evaluate(Path("gold"), kg.Settings())))

The gold folder holds ``docs/<topic>/<id>.txt`` and ``gold.jsonl`` (the
MEANTIME layout, see ``kg.eval.gold``).  The same run scores a plain spaCy
baseline, so that every number has a point of comparison.
"""

from kg.eval.errors import mention_errors
from kg.eval.gold import GoldMention, GoldSet, read_gold
from kg.eval.metrics import MatchMode, Score, b_cubed, ceaf_e, conll_f1, match_mentions, muc
from kg.eval.render import render_table
from kg.eval.report import EvalReport, evaluate, score_system
from kg.eval.system import SystemMention, baseline_mentions, graph_mentions

__all__ = [
    "EvalReport",
    "GoldMention",
    "GoldSet",
    "MatchMode",
    "Score",
    "SystemMention",
    "b_cubed",
    "baseline_mentions",
    "ceaf_e",
    "conll_f1",
    "evaluate",
    "graph_mentions",
    "match_mentions",
    "mention_errors",
    "muc",
    "read_gold",
    "render_table",
    "score_system",
]
