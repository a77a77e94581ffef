"""`templates` and `repeated_lines` in distributed form make the streaming steps' decisions, event for event."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner import Pipeline
from cleaner.distributed import LocalEngine, run_job
from cleaner.filters import RepeatedLinesTransform, SiteTemplateTransform
from cleaner.io.readers import read_inputs

CASES = {
    "templates": lambda **p: SiteTemplateTransform(min_pages=2, **p),
    "repeated_lines": lambda **p: RepeatedLinesTransform(min_docs=3, **p),
}


@pytest.mark.parametrize("name", sorted(CASES))
@pytest.mark.parametrize(
    "params, shard_bytes, workers",
    [
        ({}, 60_000, 1),
        ({"lookahead_docs": 0}, 60_000, 1),
        ({"lookahead_docs": 7}, 200_000, 2),
        ({"max_entries": 1000}, 60_000, 1),  # more distinct lines than that: the counts are replayed
        ({"max_entries": 1000, "lookahead_docs": 7}, 60_000, 2),
        ({"max_entries": 1000, "lookahead_docs": 0}, 200_000, 2),
    ],
    ids=["default", "no-lookahead", "lookahead-7-pool", "pruned", "pruned-lookahead-7-pool", "pruned-no-lookahead"],
)
def test_same_output_as_the_streaming_step(tmp_path: Path, corpus: Path, name, params, shard_bytes, workers):
    expected = [x.to_record() for x in Pipeline([CASES[name](**params)]).run(read_inputs([str(corpus)]))]
    out = tmp_path / "o.jsonl"
    job = run_job(Pipeline([CASES[name](**params)]), [str(corpus)], str(out), shard_bytes=shard_bytes, workers=workers)
    got = [json.loads(line) for line in out.read_text("utf-8").splitlines()]
    assert got == [r for r in expected if "reason" not in r] and job.shards > 2
    events = [e for r in got for e in r["metadata"]["events"] if e["step"] == name]
    assert len(events) > 20
    assert job.stats.steps[name].docs_in == len(got) and job.stats.steps[name].chars_removed > 0


class WatchedPool(LocalEngine):
    """A pool of 2 that remembers what kinds of values the driver gathered."""

    def __init__(self) -> None:
        super().__init__(2)
        self.gathered: set[str] = set()

    def gather(self, handles):  # type: ignore[no-untyped-def]
        values = super().gather(handles)
        self.gathered |= {type(v).__name__ for v in values}
        return values


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_run_with_more_lines_than_the_table_keeps_its_documents_on_the_workers(tmp_path: Path, corpus: Path, name):
    engine = WatchedPool()
    try:
        run_job(
            Pipeline([CASES[name](max_entries=1000)]),
            [str(corpus)],
            f"{tmp_path}/o/",
            engine=engine,
            shard_bytes=60_000,
        )
    finally:
        engine.close()
    assert "list" in engine.gathered and "ShardState" not in engine.gathered
