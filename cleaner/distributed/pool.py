"""Local worker processes that keep the values their tasks make, so a shard's documents stay on one worker.

Each worker is a single process with its own task queue and a store of values by key. A task's result stays in
its worker's store and the driver gets a `Ref` to it; a task given a ref as an argument of its own runs on the
worker holding the first such ref, so a shard's state moves through the chain without crossing processes (as on
Dask). A task given no ref (reading a shard), or refs only inside lists (a shuffle partition, made of a piece
from every shard), goes to the first idle worker, which balances the run's heaviest stage and the partitions'
uneven work. Only the values a task needs from another worker (sketches, shuffle pieces: small) and what the
driver gathers are pickled across, fetched before a run's first task is sent. A value is dropped from its store
once the driver holds no ref to it.

A worker that dies (killed by the out-of-memory killer, crashed) loses the values it held: the run stops with
`WorkerDied` naming the shards in flight there. Workers ignore SIGINT, so Ctrl-C reaches the driver alone,
which kills them (`close`).
"""

from __future__ import annotations

import itertools
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from cleaner.distributed.threads import one_thread_per_library
from cleaner.errors import WorkerDied
from cleaner.io.shards import InputShard

T = TypeVar("T")

__all__ = ["Ref", "ResidentPool", "nested", "shard_label", "worker_died"]

#: Tasks queued on one worker at a time: one running, one ready to start. A task free to go anywhere waits for
#: an idle worker instead, so that the shards of the reading stage go to whichever worker frees up first.
QUEUED_PER_WORKER = 2


class Ref:
    """A value held by worker `worker` under `key`; `label` names the shard it belongs to, if any."""

    __slots__ = ("freed", "key", "label", "worker")

    def __init__(self, worker: int, key: int, label: str, freed: list[int]) -> None:
        self.worker, self.key, self.label, self.freed = worker, key, label, freed

    def __del__(self) -> None:
        self.freed.append(self.key)  # dropped from the store with the worker's next task


_store: dict[int, Any] = {}


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    one_thread_per_library()


def _local(value: Any) -> Any:
    if isinstance(value, _Held):
        return _store[value.key]
    if isinstance(value, list | tuple):
        return type(value)(_local(v) for v in value)
    return value


def _call(freed: list[int], key: int, fn: Callable[..., Any], args: tuple[Any, ...]) -> None:
    for old in freed:
        _store.pop(old, None)
    _store[key] = fn(*_local(args))


def _fetch(freed: list[int], keys: list[int]) -> list[Any]:
    for old in freed:
        _store.pop(old, None)
    return [_store[k] for k in keys]


def _put(freed: list[int], key: int, value: Any) -> None:
    for old in freed:
        _store.pop(old, None)
    _store[key] = value


class _Held:
    """A ref as sent to the worker holding it (the key only: the ref itself stays with the driver)."""

    __slots__ = ("key",)

    def __init__(self, key: int) -> None:
        self.key = key


class ResidentPool:
    """`workers` single-process executors started by forkserver, each with its store."""

    def __init__(self, workers: int) -> None:
        context = multiprocessing.get_context("forkserver")  # safe in a process that runs threads
        context.set_forkserver_preload(["cleaner.distributed.runner"])
        self.workers = workers
        self._executors = [ProcessPoolExecutor(1, mp_context=context, initializer=_init_worker) for _ in range(workers)]
        self._freed: list[list[int]] = [[] for _ in range(workers)]
        self._keys = itertools.count()
        self._next = 0

    def run(
        self, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Callable[[int], None] | None
    ) -> list[Ref]:
        """One ref per call of `fn(*call)`, run where its home ref lives (else on the first idle worker); waits
        for every call, and calls `done(i)` as call `i` finishes."""
        refs: dict[int, Ref] = {}
        waiting = list(range(len(calls)))
        running: dict[Future[None], int] = {}
        load = [0] * self.workers
        homes = [_home(call) for call in calls]
        moved = self._fetch_moved(calls, homes)
        while waiting or running:
            for i in list(waiting):
                home = homes[i]
                worker = home.worker if home is not None else min(range(self.workers), key=load.__getitem__)
                if load[worker] >= (QUEUED_PER_WORKER if home is not None else 1):
                    continue
                waiting.remove(i)
                ref = Ref(worker, next(self._keys), home.label if home else shard_label(calls[i]), self._freed[worker])
                args = self._localise(calls[i], worker, moved)
                running[self._submit(worker, _call, ref.key, fn, args, what=ref.label)] = i
                refs[i] = ref
                load[worker] += 1
            finished, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in finished:
                i = running.pop(future)
                load[refs[i].worker] -= 1
                if isinstance(future.exception(), BrokenProcessPool):
                    lost = [refs[j].label for j in [i, *running.values()] if refs[j].worker == refs[i].worker]
                    raise WorkerDied(worker_died(", ".join(dict.fromkeys(label for label in lost if label)))) from None
                future.result()
                if done is not None:
                    done(i)
        return [refs[i] for i in range(len(calls))]

    def gather(self, refs: Sequence[Any]) -> list[Any]:
        """The values behind `refs` (other values pass through), fetched from their workers in one task each, all
        workers at once."""
        by_worker: dict[int, list[Ref]] = {}
        for ref in refs:
            if isinstance(ref, Ref):
                by_worker.setdefault(ref.worker, []).append(ref)
        futures = {w: self._submit(w, _fetch, [r.key for r in rs], what=rs[0].label) for w, rs in by_worker.items()}
        fetched: dict[int, Any] = {}
        for worker, held in by_worker.items():
            values = _outcome(futures[worker], held[0].label)
            fetched.update({id(r): v for r, v in zip(held, values, strict=True)})
        return [fetched[id(r)] if isinstance(r, Ref) else r for r in refs]

    def scatter(self, values: Sequence[Any]) -> list[Ref]:
        """Values held here handed to the workers, in turn."""
        refs = []
        for value in values:
            worker, self._next = self._next, (self._next + 1) % self.workers
            key = next(self._keys)
            _outcome(self._submit(worker, _put, key, value), "")
            refs.append(Ref(worker, key, "", self._freed[worker]))
        return refs

    def close(self) -> None:
        """Kill the workers at once (they may be mid-task) and release them."""
        for executor in self._executors:
            for process in list((getattr(executor, "_processes", None) or {}).values()):
                process.kill()
        for executor in self._executors:
            executor.shutdown(wait=True, cancel_futures=True)

    def _fetch_moved(self, calls: Sequence[tuple[Any, ...]], homes: list[Ref | None]) -> dict[int, Any]:
        """The values that calls need from a worker other than their home (every value, for a call with no home),
        by `id` of their ref, fetched in one task per worker before any call starts. Fetched call by call, a fetch
        would wait behind the task running on the worker holding the value while the call's own worker idles."""
        moved = [
            r
            for call, home in zip(calls, homes, strict=True)
            for r in nested(Ref, call)
            if home is None or r.worker != home.worker
        ]
        unique = list({id(r): r for r in moved}.values())
        return dict(zip(map(id, unique), self.gather(unique), strict=True))

    def _localise(self, call: tuple[Any, ...], worker: int, moved: dict[int, Any]) -> tuple[Any, ...]:
        """The call as sent to `worker`: its refs to values there as keys, the others as the values `moved`."""

        def swap(value: Any) -> Any:
            if isinstance(value, Ref):
                return _Held(value.key) if value.worker == worker else moved[id(value)]
            if isinstance(value, list | tuple):
                return type(value)(swap(v) for v in value)
            return value

        return tuple(swap(v) for v in call)

    def _submit(self, worker: int, fn: Callable[..., Any], *args: Any, what: str = "") -> Future[Any]:
        freed = self._freed[worker]
        dropped = [freed.pop() for _ in range(len(freed))]
        try:
            return self._executors[worker].submit(fn, dropped, *args)
        except BrokenProcessPool:
            raise WorkerDied(worker_died(what)) from None


def _outcome(future: Future[Any], what: str) -> Any:
    try:
        return future.result()
    except BrokenProcessPool:
        raise WorkerDied(worker_died(what)) from None


def worker_died(what: str) -> str:
    """The message of `WorkerDied` for the shards named in `what`."""
    where = f" while cleaning {what}" if what else ""
    return f"a worker process died{where} (killed, e.g. by the out-of-memory killer, or crashed)"


def nested(kind: type[T], value: Any) -> list[T]:
    """Every `kind` in `value` and in the lists and tuples it nests: a task's arguments that live elsewhere."""
    if isinstance(value, kind):
        return [value]
    if isinstance(value, list | tuple):
        return [item for v in value for item in nested(kind, v)]
    return []


def _home(call: tuple[Any, ...]) -> Ref | None:
    """The first ref among the call's own arguments: the shard state it works on."""
    return next((a for a in call if isinstance(a, Ref)), None)


def shard_label(call: tuple[Any, ...]) -> str:
    """`shard 3 (in.jsonl bytes 0-16000000)` for a call that reads a shard, else empty."""
    shard = next((a for a in call if isinstance(a, InputShard)), None)
    if shard is None:
        return ""
    pieces = ", ".join(p.path if p.end is None else f"{p.path} bytes {p.start}-{p.end}" for p in shard.pieces[:3])
    more = f" and {len(shard.pieces) - 3} more files" if len(shard.pieces) > 3 else ""
    return f"shard {shard.index} ({pieces}{more})"
