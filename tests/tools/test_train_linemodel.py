from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from cleaner.linemodel.features import FEATURES


def _trainer():
    """The trainer, imported when a test runs (it needs scikit-learn, the `train` extra): importing scikit-learn
    while the suite is collected changes how its subprocesses take Ctrl-C (tests/test_workers.py)."""
    pytest.importorskip("sklearn")
    from tools import train_linemodel

    return train_linemodel


def test_runs_that_write_different_models_keep_their_features_apart():
    default_matrices = _trainer().default_matrices
    first = default_matrices(Path("cleaner/data/linemodel/linemodel-v3.json"))
    second = default_matrices(Path("/tmp/somewhere/linemodel-try.json"))
    assert first != second
    assert first.name == "linemodel-v3-matrices.npz"


def _save(path: Path, features: tuple[str, ...] | None) -> None:
    arrays = {
        "x1": np.zeros((2, len(FEATURES)), dtype=np.float32),
        "y": np.array([1, 0], dtype=np.int8),
        "w": np.ones(2),
        "groups": np.zeros(2),
        "starts": np.array([0, 2]),
    }
    if features is not None:
        arrays["features"] = np.array(features)
    np.savez(path, **arrays)


def test_saved_features_are_reused_only_for_the_same_feature_set(tmp_path):
    load_matrices = _trainer().load_matrices
    same, other, unnamed = tmp_path / "same.npz", tmp_path / "other.npz", tmp_path / "unnamed.npz"
    _save(same, FEATURES)
    _save(other, FEATURES[:-1])
    _save(unnamed, None)  # written before the file named its features
    loaded = load_matrices(same)
    assert loaded is not None
    assert loaded[0].shape == (2, len(FEATURES))
    assert loaded[4] == [0, 2]
    assert load_matrices(other) is None
    assert load_matrices(unnamed) is None
