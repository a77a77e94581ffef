"""Distributed dedup makes the streaming step's decisions, detail for detail, whatever the sharding and workers."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import numpy as np
import pytest

from cleaner import Document, Pipeline
from cleaner.dedup import DedupFilter
from cleaner.dedup.distributed import bucket_verify, jaccard_task, lsh_emit, sketch_task
from cleaner.dedup.verify import verification_margin
from cleaner.distributed import LocalEngine, run_job
from cleaner.distributed.plan import ShardState
from cleaner.io.readers import read_inputs

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "dedup"
RECORDS = [
    json.loads(line)
    for line in gzip.decompress((FIXTURES / "near_duplicates.jsonl.gz").read_bytes()).decode("utf-8").splitlines()
]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("dedup") / "set.jsonl"
    dated = [
        {"id": r["id"], "text": r["text"], "metadata": {"date": f"2020-01-{i % 28 + 1:02d}"}}
        for i, r in enumerate(RECORDS)
    ]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in dated), encoding="utf-8")
    return path


def streamed(corpus: Path, **params: object) -> list[dict]:
    return [x.to_record() for x in Pipeline([DedupFilter(**params)]).run(read_inputs([str(corpus)]))]


def distributed(corpus: Path, out: Path, shard_bytes: int, workers: int, **params: object) -> list[dict]:
    run_job(
        Pipeline([DedupFilter(**params)]),
        [str(corpus)],
        str(out),
        rejects=f"{out}.rejects",
        shard_bytes=shard_bytes,
        workers=workers,
    )
    rejects = Path(f"{out}.rejects").read_text("utf-8").splitlines()
    return [json.loads(line) for line in out.read_text("utf-8").splitlines() + rejects]


def by_id(records: list[dict]) -> dict[str, dict]:
    return {r["id"]: r for r in records}


@pytest.mark.parametrize(
    "params",
    [{}, {"keep": "longest"}, {"keep": "newest"}, {"jaccard_threshold": None}, {"jaccard_threshold": 0.3}],
    ids=["first", "longest", "newest", "exact-only", "threshold-0.3"],
)
@pytest.mark.parametrize(
    "shard_bytes, workers", [(10**9, 1), (30_000, 1), (9_000, 2)], ids=["1-shard", "serial", "pool"]
)
def test_same_decisions_as_the_streaming_step(
    tmp_path: Path, corpus: Path, params: dict, shard_bytes: int, workers: int
):
    expected = streamed(corpus, **params)
    got = distributed(corpus, tmp_path / "o.jsonl", shard_bytes, workers, **params)
    assert by_id(got) == by_id(expected)
    kept = [r["id"] for r in expected if "reason" not in r]
    assert [r["id"] for r in got if "reason" not in r] == kept


def test_precision_and_recall_are_unchanged(tmp_path: Path, corpus: Path):
    group = {r["id"]: r["group"] for r in RECORDS}

    def scores(records: list[dict]) -> tuple[float, float]:
        cluster = {
            r["id"]: r["detail"]["cluster"] if "reason" in r else r["metadata"]["dedup"]["cluster"] for r in records
        }
        counts = Counter((group[a] == group[b], cluster[a] == cluster[b]) for a, b in itertools.combinations(group, 2))
        tp, fp, fn = counts[True, True], counts[False, True], counts[True, False]
        return tp / (tp + fp), tp / (tp + fn)

    single = scores(streamed(corpus))
    assert scores(distributed(corpus, tmp_path / "o.jsonl", 9_000, 2)) == single
    assert single[0] > 0.9 and single[1] > 0.9


class CountingEngine(LocalEngine):
    """This process, counting the tasks a pool or Dask would run."""

    def __init__(self) -> None:
        super().__init__(1)
        self.tasks = 0

    def run(self, fn, calls, done=None):  # type: ignore[no-untyped-def]
        self.tasks += len(calls)
        return super().run(fn, calls, done)

    def part(self, handles, key):  # type: ignore[no-untyped-def]
        self.tasks += len(handles)  # a task each on a pool or on Dask
        return super().part(handles, key)


def test_the_tasks_grow_with_the_shards_not_with_their_square(tmp_path: Path, corpus: Path):
    def tasks(shards: int) -> int:
        engine = CountingEngine()
        size = corpus.stat().st_size // shards + 1
        job = run_job(
            Pipeline([DedupFilter()]), [str(corpus)], str(tmp_path / f"{shards}.jsonl"), engine=engine, shard_bytes=size
        )
        assert job.shards == shards
        return engine.tasks

    assert tasks(12) <= 2 * tasks(6)


@pytest.mark.parametrize("parts", [1, 2, 5])
def test_pairs_are_verified_where_their_bucket_is_whatever_the_partitions(corpus: Path, parts: int):
    step = DedupFilter()
    docs = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    halves = [ShardState(0, docs[:150]), ShardState(1, docs[150:])]
    sketches = [sketch_task(s, step).sketch for s in halves]
    offsets = [0, len(sketches[0])]
    emitted = [lsh_emit(s, np.empty(0, dtype=np.int64), o, parts) for s, o in zip(sketches, offsets, strict=True)]
    edges = np.concatenate([bucket_verify([e[p] for e in emitted], step) for p in range(parts)])
    found = {(int(a), int(b)): v for a, b, v, _ in np.unique(edges, axis=0).tolist()}

    signatures = np.concatenate([s.signatures for s in sketches])
    keys = np.concatenate([s.band_keys for s in sketches])
    shared = {(a, b) for a in range(len(keys)) for b in range(a) if np.intersect1d(keys[a], keys[b]).size}
    estimates = {(a, b): float((signatures[a] == signatures[b]).mean()) for a, b in shared}
    low = step.config.jaccard_threshold - verification_margin(step.config.jaccard_threshold, step.config.num_perm)
    assert found == {pair: v for pair, v in estimates.items() if v > low}
    assert len(found) > 10


@pytest.mark.parametrize("parts", [2, 4])
def test_band_keys_spread_over_every_partition(corpus: Path, parts: int):
    docs = [d for d in read_inputs([str(corpus)]) if isinstance(d, Document)]
    sketch = sketch_task(ShardState(0, docs), DedupFilter()).sketch
    pieces = lsh_emit(sketch, np.empty(0, dtype=np.int64), 0, parts)
    sizes = [len(table) for table, _, _ in pieces]
    assert min(sizes) > 0.8 * sum(sizes) / parts


def test_the_exact_jaccard_of_pairs_whose_sets_come_from_several_shards():
    rng = np.random.default_rng(7)
    sets = {row: np.unique(rng.integers(0, 60, size=int(rng.integers(0, 40)), dtype=np.uint64)) for row in range(12)}
    sets[11] = np.empty(0, dtype=np.uint64)
    owners = [np.array([0, 3, 5, 11]), np.array([1, 2, 4]), np.array([6, 7, 8, 9, 10])]
    shingles = [[sets[int(r)] for r in rows] for rows in owners]
    pairs = np.array([(a, b) for a in range(12) for b in range(a)], dtype=np.int64)

    def reference(a: int, b: int) -> float:
        x, y = set(sets[a].tolist()), set(sets[b].tolist())
        return len(x & y) / len(x | y) if x | y else 1.0

    assert jaccard_task(pairs, owners, shingles).tolist() == [reference(a, b) for a, b in pairs.tolist()]
    assert jaccard_task(np.array([[11, 11]]), owners, shingles).tolist() == [1.0]


def test_the_distributed_dedup_imports_first_in_a_fresh_interpreter():
    """It imports the distributed package's plan, whose package imports the runner, which imports it back."""
    done = subprocess.run([sys.executable, "-c", "import cleaner.dedup.distributed"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
