"""The garbage collector's thresholds during a run, and after it."""

from __future__ import annotations

import gc
import json

import pytest

from cleaner import cli
from cleaner.collector import RUN_THRESHOLDS, run_thresholds
from cleaner.pipeline import Pipeline


def test_the_block_runs_with_the_run_thresholds_and_restores_the_ones_before():
    before = gc.get_threshold()
    with run_thresholds():
        assert gc.get_threshold() == RUN_THRESHOLDS
    assert gc.get_threshold() == before


def test_thresholds_are_restored_when_the_block_fails():
    before = gc.get_threshold()
    with pytest.raises(RuntimeError), run_thresholds():
        raise RuntimeError("a failed run")
    assert gc.get_threshold() == before


def test_cleaner_run_cleans_with_the_run_thresholds(tmp_path, monkeypatch):
    seen = []
    original = Pipeline.run

    def spying(self, items, **options):
        seen.append(gc.get_threshold())
        return original(self, items, **options)

    monkeypatch.setattr(Pipeline, "run", spying)
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "a", "text": "Một đoạn văn bản đủ dài để giữ lại trong kho."}) + "\n")
    before = gc.get_threshold()
    assert cli.main(["run", str(source), "-o", str(tmp_path / "out.jsonl"), "--skip", "language,quality"]) == 0
    assert seen == [RUN_THRESHOLDS]
    assert gc.get_threshold() == before
