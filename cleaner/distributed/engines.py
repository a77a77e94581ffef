"""Where the tasks of a run execute: in this process, in a local process pool, or on a Dask cluster.

An engine runs `fn(*args)` for a list of calls and hands back one handle per call: the value itself for the
local engines, a `distributed.Future` for Dask (the value stays on a worker until it is gathered, and a handle
passed as an argument is resolved where the task runs). The plan (`cleaner.distributed.plan`) is written against
this interface only, and every task is a pure function of its arguments, so the output does not depend on the
engine, the number of workers or the order in which tasks finish.
"""

from __future__ import annotations

import logging
import multiprocessing
import pickle
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from cleaner.steps import ConfigError

__all__ = ["DaskEngine", "Engine", "LocalEngine", "make_engine"]

log = logging.getLogger(__name__)

Handle = Any
Done = Callable[[int], None]


class Engine(ABC):
    """Runs tasks; `workers` is how many run at once."""

    workers: int = 1

    @abstractmethod
    def run(self, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None) -> list[Handle]:
        """One handle per call of `fn(*call)`; `done(i)` is called as call `i` finishes."""

    @abstractmethod
    def gather(self, handles: Sequence[Handle]) -> list[Any]:
        """The values behind `handles`, in order."""

    @abstractmethod
    def scatter(self, values: Sequence[Any]) -> list[Handle]:
        """Handles for values held here (so that later tasks find them on the workers)."""

    def part(self, handles: Sequence[Handle], key: str | int) -> list[Handle]:
        """Handles of one attribute (a name) or item (an index) of each value, taken where the value lives."""
        return self.run(_part, [(h, key) for h in handles])

    @abstractmethod
    def close(self) -> None:
        """Release workers."""

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _part(value: Any, key: str | int) -> Any:
    return getattr(value, key) if isinstance(key, str) else value[key]


@dataclass(frozen=True, slots=True)
class _Blob:
    """A value pickled where it was made; the pool's driver relays it to the next task without unpickling it.
    A value's `sketch` attribute (a shard's dedup or line-count sketch) is pickled apart, so that the tasks
    that need only the sketch do not unpickle the shard's documents."""

    data: bytes
    sketch: bytes | None = None


def _open(value: Any) -> Any:
    if isinstance(value, _Blob):
        opened = pickle.loads(value.data)
        if value.sketch is not None:
            opened.sketch = pickle.loads(value.sketch)
        return opened
    if isinstance(value, list | tuple):
        return type(value)(_open(v) for v in value)
    return value


def _seal(value: Any) -> _Blob:
    sketch = getattr(value, "sketch", None)
    if sketch is None:
        return _Blob(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    value.sketch = None
    try:
        return _Blob(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL), pickle.dumps(sketch, protocol=-1))
    finally:
        value.sketch = sketch


def _pooled(fn: Callable[..., Any], args: tuple[Any, ...]) -> _Blob:
    return _seal(fn(*_open(args)))


class LocalEngine(Engine):
    """This process (`workers == 1`: handles are the values) or a pool of `workers` processes (handles are the
    values pickled by the worker that made them: the driver only relays bytes, and holds them compactly)."""

    def __init__(self, workers: int = 1) -> None:
        if workers < 1:
            raise ConfigError(f"workers must be >= 1, got {workers}")
        self.workers = workers
        self._pool = None
        if workers > 1:  # forkserver: safe in a process that runs threads (a Dask client, a web server)
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(["cleaner.distributed.runner"])
            self._pool = context.Pool(workers)

    def run(self, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None) -> list[Handle]:
        if self._pool is None:
            out = []
            for i, call in enumerate(calls):
                out.append(fn(*call))
                if done is not None:
                    done(i)
            return out
        pending = [self._pool.apply_async(_pooled, (fn, call)) for call in calls]
        results = []
        for i, result in enumerate(pending):
            results.append(result.get())
            if done is not None:
                done(i)
        return results

    def part(self, handles: Sequence[Handle], key: str | int) -> list[Handle]:
        if self._pool is None:
            return [_part(h, key) for h in handles]
        if key == "sketch" and all(isinstance(h, _Blob) and h.sketch is not None for h in handles):
            return [_Blob(h.sketch) for h in handles]
        return self.run(_part, [(h, key) for h in handles])

    def gather(self, handles: Sequence[Handle]) -> list[Any]:
        return [_open(h) for h in handles]

    def scatter(self, values: Sequence[Any]) -> list[Handle]:
        if self._pool is None:
            return list(values)
        return [_seal(v) for v in values]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


class DaskEngine(Engine):
    """A Dask cluster: an existing one at `scheduler`, else a `LocalCluster` of `workers` single-threaded
    processes started here (and shut down by `close`)."""

    def __init__(self, workers: int = 1, scheduler: str | None = None) -> None:
        try:
            from distributed import Client, LocalCluster
        except ImportError:  # pragma: no cover - dask is a dependency
            raise ConfigError("--engine dask needs dask and distributed: pip install 'dask[distributed]'") from None
        self._cluster = None
        if scheduler is None:
            if workers < 1:
                raise ConfigError(f"workers must be >= 1, got {workers}")
            self._cluster = LocalCluster(
                n_workers=workers,
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
                silence_logs=logging.ERROR,
            )
            self.client = Client(self._cluster)
        else:
            self.client = Client(scheduler)
        self.workers = max(1, sum(w["nthreads"] for w in self.client.scheduler_info()["workers"].values()))

    def run(self, fn: Callable[..., Any], calls: Sequence[tuple[Any, ...]], done: Done | None = None) -> list[Handle]:
        from distributed import as_completed

        futures = [self.client.submit(fn, *call, pure=False) for call in calls]
        if done is not None:
            index = {f.key: i for i, f in enumerate(futures)}
            for future in as_completed(futures):
                done(index[future.key])
        return futures

    def gather(self, handles: Sequence[Handle]) -> list[Any]:
        return list(self.client.gather(list(handles)))

    def scatter(self, values: Sequence[Any]) -> list[Handle]:
        return list(self.client.scatter(list(values))) if values else []

    def close(self) -> None:
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def make_engine(name: str, workers: int = 1, scheduler: str | None = None) -> Engine:
    """`local` or `dask`; a scheduler address implies Dask."""
    if name == "dask" or scheduler is not None:
        return DaskEngine(workers, scheduler)
    if name == "local":
        return LocalEngine(workers)
    raise ConfigError(f"engine must be 'local' or 'dask', got {name!r}")
