"""Fitting the line model's two stages, and choosing their parameters by cross-validation over sites.

`fit_stages` is what `tools/train_linemodel.py` ships: stage one on every labelled line, stage two on stage
one's out-of-fold scores (folds by page). `select` tries each of `CANDIDATES` (capacity, regularisation and the
Vietnamese pages' weight) by grouped k-fold cross-validation over the training pages only, whole sites per fold,
so every fold is scored on sites its models never saw, as at run time. Nothing held out is read.

The criterion is the mean per-page F1 of content lines kept, at the shipped thresholds (`balanced` focus: one
threshold for text input, two with markup evidence; lines the rules took are removed whatever the model says),
averaged within each set and mode (text, HTML) and then over those cells, each counting once: it is the page-level
figure closest to what `bench.eval` reports per set, and a model that helps one set by hurting another does not
win on it. Weighted log loss of the same scores is printed beside it. A fold's stage-two inputs are the stage-one
scores of the same folds (a test line's score comes from a model that never saw its site; a training line's from
one that saw the test fold's labels, a second-order leak accepted to keep the cost at two fits per fold).

The winner is the smallest candidate (fewest leaves times iterations) whose F1 is within one standard error
(over folds) of the best one's: the one-standard-error rule, since a bigger model must earn its place by more
than fold-to-fold noise.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.model_selection import GroupKFold

from cleaner.filters.boilerplate.learned import EXTRACTOR_THRESHOLDS, FOCUS_THRESHOLDS, HELD_COLUMN
from cleaner.linemodel.features import FEATURES, stage2_features

SEED = 0
#: Folds of stage one's out-of-fold scores.
FOLDS = 5
#: Folds of the cross-validation over sites (three: each candidate costs six fits of two thirds of the data).
CV_FOLDS = 3
RULE_COLUMN = FEATURES.index("rule_hit")
VI_SET = "vi-pages"


@dataclass(frozen=True)
class Candidate:
    """One configuration tried by `select`: the trees' parameters (both stages) and a Vietnamese page's weight
    (in English pages)."""

    name: str
    params: dict[str, Any]
    vi_page_weight: float

    @property
    def size(self) -> int:
        return int(self.params["max_iter"]) * int(self.params["max_leaf_nodes"])


_BASE = {"max_iter": 200, "learning_rate": 0.1, "max_depth": 5, "max_leaf_nodes": 24, "l2_regularization": 1.0}
CANDIDATES = (
    Candidate("v2", {**_BASE, "min_samples_leaf": 20}, 25.0),
    Candidate("v2, vi weight 10", {**_BASE, "min_samples_leaf": 20}, 10.0),
    Candidate("shallow", {**_BASE, "max_depth": 3, "max_leaf_nodes": 8, "min_samples_leaf": 20}, 25.0),
    Candidate("leaves of 200, l2 10", {**_BASE, "min_samples_leaf": 200, "l2_regularization": 10.0}, 25.0),
)


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, params: dict[str, Any]) -> HistGradientBoostingClassifier:
    model = HistGradientBoostingClassifier(**params, early_stopping=False, random_state=SEED)
    return model.fit(x, y, sample_weight=w)


def set_weights(page_labelled: np.ndarray, groups: np.ndarray, sets: list[str], vi_page_weight: float) -> np.ndarray:
    """Line weights: each page weighs one, a Vietnamese page `vi_page_weight`, shared by its labelled lines."""
    vi_pages = np.array([s == VI_SET for s in sets])
    return np.where(vi_pages[groups], vi_page_weight, 1.0) / page_labelled


def stage2_matrix(x1: np.ndarray, p1: np.ndarray, starts: list[int]) -> np.ndarray:
    return np.vstack([stage2_features(x1[a:b], p1[a:b]) for a, b in itertools.pairwise(starts)])


def out_of_fold(
    x: np.ndarray, y: np.ndarray, w: np.ndarray, folds: list[tuple[np.ndarray, np.ndarray]], params: dict[str, Any]
) -> np.ndarray:
    """Each line's content probability from a model fitted on the labelled lines of the other folds."""
    labelled = y >= 0
    p = np.zeros(len(y))
    for train, test in folds:
        keep = train[labelled[train]]
        p[test] = fit(x[keep], y[keep], w[keep], params).predict_proba(x[test])[:, 1]
    return p


def page_folds(x: np.ndarray, groups: np.ndarray) -> list[tuple[np.ndarray, np.ndarray]]:
    return list(GroupKFold(n_splits=FOLDS).split(x, groups=groups))


def fit_stages(
    x1: np.ndarray, y: np.ndarray, w: np.ndarray, groups: np.ndarray, starts: list[int], params: dict[str, Any]
) -> tuple[HistGradientBoostingClassifier, HistGradientBoostingClassifier, np.ndarray]:
    """Stage one and stage two fitted on every labelled line, and stage two's input matrix; stage two learns
    from stage one's out-of-fold scores (grouped by page), so it sees scores like those of new pages."""
    p1 = out_of_fold(x1, y, w, page_folds(x1, groups), params)
    x2 = stage2_matrix(x1, p1, starts)
    labelled = y >= 0
    stage1 = fit(x1[labelled], y[labelled], w[labelled], params)
    stage2 = fit(x2[labelled], y[labelled], w[labelled], params)
    return stage1, stage2, x2


def kept_at_shipped_thresholds(x: np.ndarray, p: np.ndarray) -> np.ndarray:
    """Which lines the step keeps given their content scores: the rules' lines go, the rest by the `balanced`
    thresholds (one for text input, two where markup evidence says whether trafilatura holds the line)."""
    held = x[:, HELD_COLUMN]
    kept_held, kept_left = EXTRACTOR_THRESHOLDS["balanced"]
    limits = np.where(np.isnan(held), FOCUS_THRESHOLDS["balanced"], np.where(held >= 0.5, kept_held, kept_left))
    return (x[:, RULE_COLUMN] < 0.5) & (p >= limits)


def page_f1(y: np.ndarray, kept: np.ndarray) -> float:
    """F1 of the content lines kept among a page's labelled lines (1.0 when it has none and keeps no furniture)."""
    tp = int(np.sum((y == 1) & kept))
    fp = int(np.sum((y == 0) & kept))
    fn = int(np.sum((y == 1) & ~kept))
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)


@dataclass
class Result:
    candidate: Candidate
    f1: float  # the criterion on every page
    se: float  # its standard error over folds
    cells: dict[tuple[str, str], float]  # (set, mode) -> mean page F1
    log_loss: float


def _criterion(f1s: dict[tuple[str, str], list[float]]) -> tuple[float, dict[tuple[str, str], float]]:
    cells = {cell: float(np.mean(values)) for cell, values in sorted(f1s.items()) if values}
    return float(np.mean(list(cells.values()))), cells


def cross_validate(
    x1: np.ndarray,
    y: np.ndarray,
    page_labelled: np.ndarray,
    groups: np.ndarray,
    starts: list[int],
    sites: list[str],
    sets: list[str],
    candidate: Candidate,
) -> Result:
    """The candidate's criterion over site folds (see the module's docstring)."""
    site_ids = {site: k for k, site in enumerate(sorted(set(sites)))}
    by_site = np.array([site_ids[s] for s in sites])[groups]
    folds = list(GroupKFold(n_splits=CV_FOLDS).split(x1, groups=by_site))
    weights = set_weights(page_labelled, groups, sets, candidate.vi_page_weight)
    p1 = out_of_fold(x1, y, weights, folds, candidate.params)
    p2 = out_of_fold(stage2_matrix(x1, p1, starts), y, weights, folds, candidate.params)
    fold_of = np.empty(len(y), dtype=int)
    for k, (_, test) in enumerate(folds):
        fold_of[test] = k
    pooled: dict[tuple[str, str], list[float]] = {}
    per_fold: list[dict[tuple[str, str], list[float]]] = [{} for _ in folds]
    for index, (a, b) in enumerate(itertools.pairwise(starts)):
        scored = y[a:b] >= 0
        if not scored.any():
            continue
        cell = (sets[index // 2], "html" if index % 2 else "text")
        f1 = page_f1(y[a:b][scored], kept_at_shipped_thresholds(x1[a:b], p2[a:b])[scored])
        pooled.setdefault(cell, []).append(f1)
        per_fold[fold_of[a]].setdefault(cell, []).append(f1)
    f1, cells = _criterion(pooled)
    fold_f1 = [_criterion(f)[0] for f in per_fold]
    labelled = y >= 0
    reference = set_weights(page_labelled, groups, sets, CANDIDATES[0].vi_page_weight)[labelled]
    q = np.clip(p2[labelled], 1e-6, 1 - 1e-6)
    target = y[labelled]
    loss = -np.sum(reference * (target * np.log(q) + (1 - target) * np.log(1 - q))) / np.sum(reference)
    return Result(candidate, f1, float(np.std(fold_f1, ddof=1) / np.sqrt(CV_FOLDS)), cells, float(loss))


def choose(results: list[Result]) -> Result:
    """The smallest candidate within one standard error of the best criterion (ties: the earlier listed)."""
    best = max(results, key=lambda r: r.f1)
    near = [r for r in results if r.f1 >= best.f1 - best.se]
    return min(near, key=lambda r: r.candidate.size)


def table(results: list[Result], chosen: Result) -> str:
    """The results as a Markdown table, one row per candidate, the chosen one marked."""
    cells = list(results[0].cells)
    head = ["candidate", "F1", "SE", *(f"{s} {m}" for s, m in cells), "log loss"]
    rows = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for r in results:
        mark = " (chosen)" if r is chosen else ""
        values = [f"{r.f1:.4f}", f"{r.se:.4f}", *(f"{r.cells.get(c, float('nan')):.4f}" for c in cells)]
        rows.append("| " + " | ".join([r.candidate.name + mark, *values, f"{r.log_loss:.4f}"]) + " |")
    return "\n".join(rows)
