"""The plan of a sharded run: the same steps as `Pipeline.run`, shard by shard, on any engine.

Each input shard (`cleaner.io.shards`) becomes one `ShardState` (its items in input order and its counters)
that moves through the chain:

* a run of per-document steps is mapped over the shards, fused with the work before and after it into one task
  per shard (`Shards`); the first run is fused with reading, and its result is checkpointed when an output
  directory is given, so that `--resume` does not redo it;
* a stateful step with a distributed form (passed in by the runner: `dedup` in `cleaner.dedup.distributed`,
  `templates` and `repeated_lines` in `cleaner.distributed.lookahead`) queues its own tasks and shuffles;
* any other stateful step (a user's `StreamStep`) sees every document of the run in input order, as in
  `Pipeline.run`: the shards are gathered, the step runs here, and each outcome goes back to its shard and
  position.

Every item stays in its shard, at its position, whatever step decides about it, so shard `i` of the input is
part `i` of the output, and the bytes depend on the input, the config and the shard size only.
"""

from __future__ import annotations

import hashlib
import pickle
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import fsspec

from cleaner.document import Document, Rejected
from cleaner.io.parts import write_atomic
from cleaner.io.readers import ReaderOptions
from cleaner.io.shards import InputShard, read_shard
from cleaner.pipeline import _NOT_EXTRACTED, Pipeline, _run_segment, _run_stream_step
from cleaner.stats import RunStats
from cleaner.steps import ConfigError, DocumentStep, Step

__all__ = ["Plan", "ShardState", "Shards", "StreamRunner", "run_plan"]

Item = Document | Rejected


@dataclass
class ShardState:
    """One shard on its way through the chain: items in input order, counters, and dedup's sketch if any."""

    index: int
    items: list[Item]
    stats: RunStats = field(default_factory=RunStats)
    sketch: Any = None

    def __sizeof__(self) -> int:
        """About the bytes of its texts: what a scheduler that weighs a move by its size (Dask's work stealing,
        its choice of worker) needs to see that moving a shard costs more than leaving it where it is."""
        docs = (item.document if isinstance(item, Rejected) else item for item in self.items)
        return object.__sizeof__(self) + sum(len(d.text) + len(d.html or "") for d in docs)


@dataclass(frozen=True)
class Plan:
    """What every task needs: the steps, the reader options and the provenance records carry."""

    steps: tuple[Step, ...]
    options: ReaderOptions
    provenance: dict[str, Any]

    @classmethod
    def of(cls, pipeline: Pipeline, options: ReaderOptions) -> Plan:
        return cls(tuple(pipeline.steps), options, pipeline.describe())

    def segments(self) -> list[list[DocumentStep] | Step]:
        return Pipeline(list(self.steps))._segments()

    @cached_property
    def _pickled(self) -> tuple[str, bytes]:
        blob = pickle.dumps((self.steps, self.options, self.provenance), protocol=pickle.HIGHEST_PROTOCOL)
        return hashlib.sha256(blob).hexdigest(), blob

    def __reduce__(self) -> tuple[Callable[[str, bytes], Plan], tuple[str, bytes]]:
        """Sent to a worker with every task, it arrives as the same `Plan` there for every task after the first
        (see `resident_plan`)."""
        return resident_plan, self._pickled


_resident = threading.local()


def resident_plan(digest: str, blob: bytes) -> Plan:
    """The plan `blob` (whose sha256 is `digest`) as this thread last unpickled it, so that its steps keep what
    they cache (the line caches of `boilerplate`, the settings of `extract`) from task to task, as in one process.
    Per thread: a worker that runs tasks in several threads gives each its own steps. Only pure results are
    cached, so a task's output does not depend on the tasks before it."""
    if getattr(_resident, "digest", None) != digest:
        steps, options, provenance = pickle.loads(blob)
        _resident.plan, _resident.digest = Plan(steps, options, provenance), digest
    plan: Plan = _resident.plan
    return plan


def read_task(shard: InputShard, plan: Plan, segment: int | None, checkpoint: str | None) -> ShardState:
    """Read a shard and run the chain's first per-document steps on it (or load the checkpoint of that)."""
    if checkpoint is not None:
        fs, path = fsspec.core.url_to_fs(checkpoint)
        if fs.exists(path):
            with fs.open(path, "rb") as stream:
                loaded: ShardState = pickle.load(stream)
            return loaded
    stats = RunStats()
    items: list[Item] = list(read_shard(shard, plan.options))
    stats.docs_in = len(items)
    if segment is not None:
        steps = plan.segments()[segment]
        assert isinstance(steps, list)
        items = list(_run_segment(steps, items, stats))
    state = ShardState(shard.index, items, stats)
    if checkpoint is not None:
        write_atomic(checkpoint, pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
    return state


def segment_task(state: ShardState, plan: Plan, segment: int) -> ShardState:
    """Run a run of per-document steps over one shard."""
    steps = plan.segments()[segment]
    assert isinstance(steps, list)
    state.items = list(_run_segment(steps, state.items, state.stats))
    return state


def finish_task(state: ShardState, plan: Plan) -> ShardState:
    """What `Pipeline.run` does at the end of the chain: unextracted pages rejected, provenance, counts (the
    report's rule counts included)."""
    finished: list[Item] = []
    for item in state.items:
        if isinstance(item, Document) and item.html is not None:
            item = Rejected(item, "error.not_extracted", "pipeline", {"message": _NOT_EXTRACTED})
        doc = item.document if isinstance(item, Rejected) else item
        doc.metadata["pipeline"] = plan.provenance
        if isinstance(item, Rejected):
            state.stats.rejected[item.reason] += 1
        else:
            state.stats.kept += 1
        state.stats.corpus.add(item)
        finished.append(item)
    state.items = finished
    state.sketch = None
    return state


Op = tuple[Callable[..., Any], tuple[Any, ...]]


def apply_ops(value: Any, ops: list[Op]) -> Any:
    """`value` through `fn(value, *args)` for each op in turn: several steps of one shard in one task."""
    for fn, args in ops:
        value = fn(value, *args)
    return value


class Shards:
    """Per-shard handles, and per-shard work not yet sent: consecutive work is fused into one task per shard,
    so that a shard's documents cross between processes once per fused run, not once per step."""

    def __init__(self, engine: Any, handles: list[Any]) -> None:
        self.engine = engine
        self.handles = handles
        self.pending: list[list[Op]] = [[] for _ in handles]

    def __len__(self) -> int:
        return len(self.handles)

    def then(self, fn: Callable[..., Any], *args: Any) -> None:
        """Queue `fn(shard value, *args)` on every shard."""
        for ops in self.pending:
            ops.append((fn, args))

    def then_each(self, fn: Callable[..., Any], args: Sequence[tuple[Any, ...]]) -> None:
        """Queue `fn(shard value, *args[i])` on shard `i`."""
        for ops, extra in zip(self.pending, args, strict=True):
            ops.append((fn, extra))

    def run(self, done: Callable[[int], None] | None = None) -> list[Any]:
        """Send the queued work; the handles of every shard's value."""
        if any(self.pending):
            calls = [(h, ops) for h, ops in zip(self.handles, self.pending, strict=True)]
            self.handles = self.engine.run(apply_ops, calls, done)
            self.pending = [[] for _ in self.handles]
        return self.handles


StreamRunner = Callable[[Shards, Step, RunStats], None]


def run_plan(
    plan: Plan,
    inputs: Sequence[InputShard],
    engine: Any,
    *,
    checkpoints: Sequence[str | None] | None = None,
    done: Callable[[int], None] | None = None,
    distributed: dict[str, StreamRunner] | None = None,
    stage: Callable[[str], None] | None = None,
) -> tuple[Shards, RunStats]:
    """Every shard through the chain, to its finished `ShardState` (queued: the caller adds its own last work
    and runs it), and the counters of the steps run here.

    `distributed` maps a step name to its distributed form `(shards, step, stats)` that queues its work (see
    `cleaner.dedup.distributed.run_dedup`); `done(i)` is called when shard `i` has been read, `stage(name)` when
    a later step starts.
    """
    forms = distributed or {}
    segments = plan.segments()
    first = 0 if segments and isinstance(segments[0], list) else None
    marks = checkpoints or [None] * len(inputs)
    shards = Shards(engine, list(inputs))
    shards.then_each(read_task, [(plan, first, mark) for mark in marks])
    stats = RunStats()
    index = 1 if first == 0 else 0
    reading = True
    while index < len(segments):
        segment = segments[index]
        if isinstance(segment, list):
            shards.then(segment_task, plan, index)
            index += 1
            continue
        if reading:
            shards.run(done)
            reading = False
        if stage is not None:
            stage(segment.name)
        if segment.name in forms:
            forms[segment.name](shards, segment, stats)
            index += 1
            continue
        streamed = [segment]
        while index + len(streamed) < len(segments):
            following = segments[index + len(streamed)]
            if isinstance(following, list) or following.name in forms:
                break
            streamed.append(following)
        _run_here(shards, streamed, stats)
        index += len(streamed)
    if reading:
        shards.run(done)
    shards.then(finish_task, plan)
    return shards, stats


def _run_here(shards: Shards, steps: list[Step], stats: RunStats) -> None:
    """Gather every shard, run stateful `steps` over all documents in input order, put each outcome back."""
    states: list[ShardState] = shards.engine.gather(shards.run())
    for step in steps:
        docs = [item for state in states for item in state.items if isinstance(item, Document)]
        outcomes = list(_run_stream_step(step, iter(docs), stats))
        if len(outcomes) != len(docs):
            raise ConfigError(f"step {step.name} gave {len(outcomes)} outcomes for {len(docs)} documents")
        it = iter(outcomes)
        for state in states:
            state.items = [next(it) if isinstance(item, Document) else item for item in state.items]
    shards.handles = shards.engine.scatter(states)
