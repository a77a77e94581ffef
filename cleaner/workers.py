"""The worker processes of a streaming run (`Pipeline.run(items, workers=N)`): an ordered, back-pressured map of
document chunks through the chain's per-document steps, which survives a worker that dies and stops on Ctrl-C.

A worker killed mid-chunk (the out-of-memory killer, a crash in native code) breaks the pool: every chunk then
in flight is run again, one document at a time on a fresh pool, and the document whose worker dies again is
rejected with `error.worker_died` (the others come out as they would have); the run goes on. When workers die
on `MAX_DEATHS_IN_A_ROW` documents in a row, the fault is not in the documents, and the run stops with
`WorkerDied` naming them. A worker stuck past its documents' budget (native code the budget's alarm cannot
interrupt) is killed by a watchdog, and its chunk is handled as if it had died, the stuck document becoming an
`error.timeout` reject. Workers ignore SIGINT, so Ctrl-C reaches the caller alone, which kills the workers.
"""

from __future__ import annotations

import multiprocessing
import signal
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool

from cleaner.distributed.threads import one_thread_per_library
from cleaner.document import Document, Rejected
from cleaner.errors import WorkerDied
from cleaner.pipeline import Pipeline, _run_segment
from cleaner.stats import RunStats
from cleaner.steps import DocumentStep, Step

__all__ = ["CHUNK_DOCS", "MAX_DEATHS_IN_A_ROW", "WorkerPool"]

Item = Document | Rejected
_Outcome = tuple[list[Item], RunStats]

#: Documents sent to a worker in one task.
CHUNK_DOCS = 32
#: Documents in a row on which a worker may die before the run stops.
MAX_DEATHS_IN_A_ROW = 3
#: The watchdog waits for a chunk twice its documents' budgets (every step's `timeout_seconds`), plus this.
WATCHDOG_GRACE_SECONDS = 30.0

WORKER_DIED = "error.worker_died"
_DIED = (
    "the worker process cleaning this document died (killed, e.g. by the out-of-memory killer, or crashed); "
    "it died again when the document was cleaned alone"
)


_worker_segments: list[list[DocumentStep] | Step] = []


def _init_worker(steps: list[Step]) -> None:
    global _worker_segments
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    one_thread_per_library()
    _worker_segments = Pipeline(steps)._segments()


def _work(segment_index: int, chunk: list[Item]) -> tuple[list[Item], RunStats]:
    stats = RunStats()
    segment = _worker_segments[segment_index]
    assert isinstance(segment, list)
    return list(_run_segment(segment, chunk, stats)), stats


class WorkerPool:
    """`workers` forked processes that run the per-document segments of `steps`."""

    def __init__(self, steps: list[Step], workers: int) -> None:
        self.steps = steps
        self.workers = workers
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("fork")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=_init_worker, initargs=(self.steps,))

    def map(self, segment_index: int, items: Iterable[Item], stats: RunStats) -> Iterator[Item]:
        """Each item through segment `segment_index`, in input order."""
        pending: deque[tuple[Future[tuple[list[Item], RunStats]], list[Item]]] = deque()
        max_pending = self.workers * 4
        budget = self._budget(segment_index)

        def drain(limit: int) -> Iterator[Item]:
            while len(pending) > limit:
                future, head = pending[0]
                try:
                    outcomes, chunk_stats = _result(future, budget, len(head))
                except BrokenProcessPool:
                    chunks = [c for _, c in pending]
                    pending.clear()
                    yield from self._one_by_one(segment_index, chunks, stats)
                    continue
                pending.popleft()
                stats.merge(chunk_stats)
                yield from outcomes

        chunk: list[Item] = []
        for item in items:
            chunk.append(item)
            if len(chunk) >= CHUNK_DOCS:
                pending.append((self._submit(segment_index, chunk), chunk))
                chunk = []
                yield from drain(max_pending)
        if chunk:
            pending.append((self._submit(segment_index, chunk), chunk))
        yield from drain(0)

    def _submit(self, segment_index: int, chunk: list[Item]) -> Future[tuple[list[Item], RunStats]]:
        try:
            return self.executor.submit(_work, segment_index, chunk)
        except BrokenProcessPool:  # broken since the last result: fail this chunk like the ones in flight
            failed: Future[tuple[list[Item], RunStats]] = Future()
            failed.set_exception(BrokenProcessPool("a worker died"))
            return failed

    def _one_by_one(self, segment_index: int, chunks: list[list[Item]], stats: RunStats) -> Iterator[Item]:
        """The chunks in flight when a worker died, again, each document alone on a fresh pool."""
        self._restart()
        died: list[str] = []
        budget = self._budget(segment_index)
        for item in (item for chunk in chunks for item in chunk):
            doc = item.document if isinstance(item, Rejected) else item
            try:
                (outcome,), item_stats = _result(self.executor.submit(_work, segment_index, [item]), budget, 1)
            except _Stuck as stuck:
                self._restart()
                died.clear()
                yield Rejected(doc, "error.timeout", "pipeline", {"step": None, "message": str(stuck)})
                continue
            except BrokenProcessPool:
                self._restart()
                died.append(doc.id)
                if len(died) >= MAX_DEATHS_IN_A_ROW:
                    names = ", ".join(died)
                    raise WorkerDied(f"worker processes died on {len(died)} documents in a row: {names}") from None
                yield Rejected(doc, WORKER_DIED, "pipeline", {"message": _DIED})
                continue
            died.clear()
            stats.merge(item_stats)
            yield outcome

    def _budget(self, segment_index: int) -> float | None:
        """Seconds one document may take in the segment (the sum of its steps' budgets); None when one is off."""
        segment = Pipeline(self.steps)._segments()[segment_index]
        assert isinstance(segment, list)
        budgets = [step.timeout_seconds for step in segment]
        return None if not budgets or min(budgets) <= 0 else float(sum(budgets))

    def _restart(self) -> None:
        self.close()
        self.executor = self._start()

    def close(self) -> None:
        """Stop at once: queued chunks are dropped and the workers killed (they may be mid-chunk)."""
        for process in list((getattr(self.executor, "_processes", None) or {}).values()):
            process.kill()
        self.executor.shutdown(wait=True, cancel_futures=True)


class _Stuck(BrokenProcessPool):
    """A worker did not answer within the watchdog's time; the pool was killed."""


def _result(future: Future[_Outcome], budget: float | None, docs: int) -> _Outcome:
    """The chunk's outcome; past twice the budget of its `docs` documents plus a grace, the worker is stuck."""
    if budget is None:
        return future.result()
    limit = 2 * budget * docs + WATCHDOG_GRACE_SECONDS
    try:
        return future.result(timeout=limit)
    except FutureTimeout:
        raise _Stuck(f"the worker cleaning this document did not answer in {limit:.0f} s and was killed") from None
