"""A sharded run times each step by its own work, as `Pipeline.run` does."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from cleaner import Document, Pipeline
from cleaner.config import steps_from
from cleaner.distributed import run_job
from cleaner.steps import DocumentStep

CLOCK = [0.0]


class SlowForTest(DocumentStep):
    """Takes 100 (fake) seconds a document."""

    name = "slow_for_test"

    def process(self, doc: Document) -> Document:
        CLOCK[0] += 100.0
        return doc


def test_dedup_seconds_leave_out_the_steps_run_in_the_same_tasks(tmp_path: Path, corpus: Path, monkeypatch):
    # After `templates` (a stateful step), `slow_for_test` runs in the tasks that also sketch each shard for
    # dedup; only it takes any (fake) time.
    monkeypatch.setattr(time, "perf_counter", lambda: CLOCK[0])
    pipeline = Pipeline([*steps_from(["templates"]), SlowForTest(), *steps_from(["dedup"])])
    job = run_job(pipeline, [str(corpus / "news.jsonl")], f"{tmp_path}/out/", shard_bytes=100_000)
    steps = {s["name"]: s for s in job.stats.to_dict()["steps"]}
    assert job.shards > 3
    assert steps["slow_for_test"]["seconds"] == pytest.approx(100.0 * steps["slow_for_test"]["docs_in"])
    assert steps["dedup"]["seconds"] == 0.0
