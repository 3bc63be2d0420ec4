"""The report as a table: kg and the baseline side by side, and the difference."""

from __future__ import annotations

from kg.eval.report import CorefScores, EvalReport, MentionScores

_MENTION_ROWS = (
    ("gold mentions", "gold"),
    ("system mentions (annotated lines)", "system"),
    ("exact matches", "exact_matches"),
    ("overlap matches", "overlap_matches"),
    ("recall, exact", "recall_exact"),
    ("recall, overlap", "recall_overlap"),
    ("precision, strict", "precision_strict"),
    ("precision, lenient", "precision_lenient"),
    ("F1 (exact recall, lenient precision)", "f1"),
    ("typed accuracy, exact", "typed_accuracy_exact"),
    ("typed accuracy, overlap", "typed_accuracy_overlap"),
)
_METRICS = (("MUC", "muc"), ("B-cubed", "b_cubed"), ("CEAF-e", "ceaf_e"))
_LABEL_WIDTH = 38


def render_table(report: EvalReport) -> str:
    """A plain-text table, one number a row."""
    lines = [
        f"kg eval: {report.documents} documents, model {report.model}",
        "",
        _header(),
        "Mentions (untyped, one to one)",
    ]
    lines += [
        _row(label, _get(report.kg.mentions, name), _get(report.baseline.mentions, name))
        for label, name in _MENTION_ROWS
    ]
    lines += [_row(label, a, b) for label, a, b in _by_type_rows(report)]
    for mode in ("exact", "overlap"):
        kg_scores = getattr(report.kg, f"coref_{mode}")
        baseline_scores = getattr(report.baseline, f"coref_{mode}")
        lines += ["", f"Cross-document coreference, {mode}-matched mentions"]
        lines += [_row(label, a, b) for label, a, b in _coref_rows(kg_scores, baseline_scores)]
    return "\n".join(lines) + "\n"


def _by_type_rows(report: EvalReport) -> list[tuple[str, float, float]]:
    rows = []
    for mode in ("exact", "overlap"):
        ours = getattr(report.kg.mentions, f"recall_{mode}_by_type")
        theirs = getattr(report.baseline.mentions, f"recall_{mode}_by_type")
        rows += [(f"recall, {mode}, {kind}", ours[kind], theirs[kind]) for kind in sorted(ours)]
    return rows


def _coref_rows(kg: CorefScores, baseline: CorefScores) -> list[tuple[str, float, float]]:
    rows: list[tuple[str, float, float]] = [("mentions", kg.mentions, baseline.mentions)]
    for label, name in _METRICS:
        ours, theirs = getattr(kg, name), getattr(baseline, name)
        rows += [
            (f"{label} precision", ours.precision, theirs.precision),
            (f"{label} recall", ours.recall, theirs.recall),
            (f"{label} F1", ours.f1, theirs.f1),
        ]
    rows.append(("CoNLL F1", kg.conll_f1, baseline.conll_f1))
    return rows


def _get(scores: MentionScores, name: str) -> float:
    return getattr(scores, name)


def _header() -> str:
    return f"{'':<{_LABEL_WIDTH}} {'kg':>8} {'baseline':>9} {'delta':>8}"


def _row(label: str, ours: float, theirs: float) -> str:
    if isinstance(ours, int) and isinstance(theirs, int):
        return f"  {label:<{_LABEL_WIDTH - 2}} {ours:>8} {theirs:>9} {ours - theirs:>+8}"
    return f"  {label:<{_LABEL_WIDTH - 2}} {ours:>8.3f} {theirs:>9.3f} {ours - theirs:>+8.3f}"
