from __future__ import annotations

import numpy as np
import pytest

from cleaner.linemodel.features import FEATURES


def _fitting():
    """The fitting module, imported when a test runs (it needs scikit-learn, the `train` extra), as in
    test_train_linemodel.py."""
    pytest.importorskip("sklearn")
    from tools import linemodel_fit

    return linemodel_fit


def _row(*, held: float, rule_hit: float = 0.0) -> np.ndarray:
    row = np.zeros(len(FEATURES), dtype=np.float32)
    row[FEATURES.index("in_extractor")] = held
    row[FEATURES.index("rule_hit")] = rule_hit
    return row


def test_lines_are_kept_as_the_step_keeps_them_at_the_balanced_thresholds():
    kept_at_shipped_thresholds = _fitting().kept_at_shipped_thresholds
    x = np.vstack(
        [
            _row(held=np.nan),  # text input: one threshold, 0.3
            _row(held=np.nan),
            _row(held=1.0),  # trafilatura holds it: 0.3
            _row(held=0.0),  # trafilatura left it out: 0.7
            _row(held=0.0),
            _row(held=np.nan, rule_hit=1.0),  # the rules took it, whatever the score
        ]
    )
    scores = np.array([0.31, 0.29, 0.31, 0.69, 0.71, 0.99])
    assert kept_at_shipped_thresholds(x, scores).tolist() == [True, False, True, False, True, False]


@pytest.mark.parametrize(
    ("labels", "kept", "f1"),
    [
        pytest.param([1, 1, 0, 0], [True, True, False, False], 1.0, id="perfect"),
        pytest.param([1, 1, 0, 0], [True, False, True, False], 0.5, id="one-of-each-wrong"),
        pytest.param([0, 0], [False, False], 1.0, id="furniture-only-all-removed"),
        pytest.param([0, 0], [True, False], 0.0, id="furniture-only-one-kept"),
    ],
)
def test_page_f1_counts_content_kept_against_furniture_kept_and_content_lost(labels, kept, f1):
    assert _fitting().page_f1(np.array(labels), np.array(kept)) == pytest.approx(f1)


def _result(name: str, f1: float, se: float, iterations: int):
    fitting = _fitting()
    candidate = fitting.Candidate(name, {"max_iter": iterations, "max_leaf_nodes": 8}, 1.0)
    return fitting.Result(candidate, f1, se, {}, 0.0)


def test_the_smallest_candidate_within_one_standard_error_of_the_best_is_chosen():
    choose = _fitting().choose
    best = _result("best", 0.90, 0.01, 400)
    near_small = _result("near, small", 0.895, 0.02, 100)
    far_smaller = _result("far, smaller", 0.85, 0.01, 50)
    assert choose([best, near_small, far_smaller]) is near_small
    assert choose([best, far_smaller]) is best


def _separable_pages(sites: int = 6, pages_per_site: int = 2, lines: int = 20):
    """Pages whose content lines end a sentence and whose furniture does not, each as text and as HTML."""
    end = FEATURES.index("sentence_end")
    rng = np.random.default_rng(0)
    xs, ys, groups, starts, site_names, sets = [], [], [], [], [], []
    offset = 0
    for page in range(sites * pages_per_site):
        site_names.append(f"site{page // pages_per_site}")
        sets.append("vi-pages" if page % 2 else "dragnet")
        y = (rng.random(lines) < 0.5).astype(np.int8)
        for held in (np.nan, 1.0):
            x = np.vstack([_row(held=held) for _ in range(lines)])
            x[:, end] = y
            xs.append(x)
            ys.append(y)
            groups.append(np.full(lines, page))
            starts.append(offset)
            offset += lines
    y_all = np.concatenate(ys)
    labelled = np.full(len(y_all), lines)
    return np.vstack(xs), y_all, labelled, np.concatenate(groups), [*starts, offset], site_names, sets


def test_cross_validation_over_sites_scores_a_separable_set_perfectly_and_the_same_twice():
    fitting = _fitting()
    candidate = fitting.Candidate(
        "tiny", {"max_iter": 5, "learning_rate": 0.5, "max_leaf_nodes": 4, "min_samples_leaf": 2}, 2.0
    )
    data = _separable_pages()
    first = fitting.cross_validate(*data, candidate)
    second = fitting.cross_validate(*data, candidate)
    assert first.f1 == 1.0
    assert set(first.cells) == {(s, m) for s in ("dragnet", "vi-pages") for m in ("html", "text")}
    assert (first.f1, first.se, first.cells, first.log_loss) == (second.f1, second.se, second.cells, second.log_loss)


def test_a_vietnamese_page_weighs_its_set_weight_and_other_pages_one():
    set_weights = _fitting().set_weights
    page_labelled = np.array([2, 2, 4, 4, 4, 4])
    groups = np.array([0, 0, 1, 1, 1, 1])
    weights = set_weights(page_labelled, groups, ["vi-pages", "dragnet"], 25.0)
    assert weights.tolist() == [12.5, 12.5, 0.25, 0.25, 0.25, 0.25]
