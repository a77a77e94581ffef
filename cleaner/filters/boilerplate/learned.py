"""The learned pass of the boilerplate step: lines no rule took, judged by the line model.

The rules run first (exact shapes, phrases, positions); the model then scores every line of the page, with the
lines the rules took as one of its features, and removes each open line whose content score is below the
threshold. Each removal carries its score and the features that pushed hardest towards furniture, so
`cleaner explain` shows why (`model.furniture`).
"""

from __future__ import annotations

from typing import Any

from cleaner.linemodel import LineModel

RULE = "model.furniture"

#: Content score below which an open line is furniture, per focus (chosen on the held-out Vietnamese pages).
FOCUS_THRESHOLDS = {"precision": 0.1, "balanced": 0.3, "recall": 0.5}


def model_removals(
    model: LineModel,
    lines: list[str],
    taken: list[bool],
    threshold: float,
    evidence: dict[str, tuple[float, float]] | None = None,
    keep: frozenset[int] = frozenset(),
) -> dict[int, dict[str, Any]]:
    """Line index -> event detail (score, top features) for every open line the model calls furniture.

    The title the model compares lines with is the page's first line (a WET file's first line is the page
    title), never `metadata["title"]`. `evidence` is what the page's markup said (extract step, `combined`);
    `keep` are lines the rules vouch for (the headline they anchored on)."""
    hits = frozenset(i for i, t in enumerate(taken) if t)
    scores = model.score(lines, lines[0] if lines else None, hits, evidence)
    rows = [
        i
        for i, line in enumerate(lines)
        if line.strip() and not taken[i] and i not in keep and scores.content[i] < threshold
    ]
    reasons = model.explain(scores, rows)
    return {
        i: {"score": round(float(scores.content[i]), 3), "features": dict(why)}
        for i, why in zip(rows, reasons, strict=True)
    }
