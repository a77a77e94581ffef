"""Shuffles between shard tasks: each shard emits one array per partition, each partition reduces what it got into
one array per shard, and each shard concatenates what the partitions sent it. Every step is a task on the engine,
so the arrays stay where they are made until a task needs them. Results never depend on the number of partitions.
"""

from __future__ import annotations

from typing import Any

import numpy as np

__all__ = ["gather_sketches", "regroup", "run_starts", "split_by_shard"]


def gather_sketches(shards: Any, task: Any, step: Any) -> tuple[list[Any], list[Any], np.ndarray, int]:
    """Run `task` on every shard and gather its sketch: the shard handles, the sketch handles, each shard's
    first global row (`bounds`, with the total last) and the number of partitions for the shuffles that follow."""
    engine = shards.engine
    shards.then(task, step)
    handles = shards.run()
    sketches = engine.part(handles, "sketch")
    sizes = engine.gather(engine.run(len, [(s,) for s in sketches]))
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    return handles, sketches, bounds, max(1, min(len(shards), 2 * engine.workers))


def regroup(engine: Any, reduced: list[Any], shards: int) -> list[Any]:
    """Per shard: the pieces each producer addressed to it, concatenated where they are used."""
    by_shard = [engine.part(reduced, s) for s in range(shards)]
    return engine.run(np.concatenate, [(list(pieces),) for pieces in by_shard])


def split_by_shard(rows: np.ndarray, data: np.ndarray, bounds: np.ndarray) -> list[np.ndarray]:
    """`data` split by the shard of `rows` (shard `i` holds rows `bounds[i] .. bounds[i + 1] - 1`)."""
    order = np.argsort(rows, kind="stable")
    cuts = np.searchsorted(rows[order], bounds[1:-1], side="left")
    return np.split(data[order], cuts)


def run_starts(keys: np.ndarray) -> np.ndarray:
    """For each entry of a table sorted by `keys`, the index where its key's run starts."""
    start = np.ones(len(keys), dtype=bool)
    if len(keys):
        start[1:] = np.any(keys[1:] != keys[:-1], axis=1) if keys.ndim == 2 else keys[1:] != keys[:-1]
    return np.maximum.accumulate(np.where(start, np.arange(len(keys)), 0))
