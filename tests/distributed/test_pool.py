"""The local pool keeps each value on the worker that made it and runs the tasks that take it there."""

from __future__ import annotations

import os
import time
from pathlib import Path

from cleaner import Pipeline
from cleaner.config import steps_from
from cleaner.distributed.engines import LocalEngine
from cleaner.distributed.plan import Plan
from cleaner.distributed.pool import _store
from cleaner.io.readers import ReaderOptions


def made_here(number: int) -> tuple[int, int]:
    return os.getpid(), number


def used_here(made: tuple[int, int]) -> tuple[int, int]:
    return made[0], os.getpid()


def meet(mine: tuple[int, int], theirs: tuple[int, int] | None, signal: Path) -> bool:
    """With `theirs`: leave the signal. Without: wait (at most 20 s) for it, and say whether it came."""
    if theirs is not None:
        signal.touch()
        return True
    deadline = time.monotonic() + 20
    while not signal.exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return signal.exists()


def pid_with(_pieces: list[tuple[int, int]]) -> int:
    return os.getpid()


def values_held() -> int:
    return len(_store)


def tasks_seen_by_step(plan: Plan) -> tuple[int, int]:
    """This worker's pid, and how many tasks (this one included) used this very step object."""
    step = plan.steps[0]
    step.tasks_seen = getattr(step, "tasks_seen", 0) + 1  # type: ignore[attr-defined]
    return os.getpid(), step.tasks_seen  # type: ignore[attr-defined]


def test_a_task_runs_on_the_worker_holding_its_input():
    with LocalEngine(2) as engine:
        made = engine.run(made_here, [(i,) for i in range(6)])
        pairs = engine.gather(engine.run(used_here, [(h,) for h in made]))
    assert [maker == user for maker, user in pairs] == [True] * 6
    assert len({maker for maker, _ in pairs}) == 2  # tasks without an input spread over both workers


def test_a_value_the_driver_no_longer_holds_is_dropped_from_its_worker():
    with LocalEngine(2) as engine:
        made = engine.run(made_here, [(i,) for i in range(6)])
        assert sum(engine.gather(engine.run(values_held, [(), ()]))) == 6
        del made
        assert engine.gather(engine.run(values_held, [(), ()])) == [0, 0]


def test_a_task_takes_values_from_both_workers():
    with LocalEngine(2) as engine:
        made = engine.run(made_here, [(i,) for i in range(4)])
        (joined,) = engine.gather(engine.run(list, [(made,)]))
    assert [number for _, number in joined] == [0, 1, 2, 3] and len({pid for pid, _ in joined}) == 2


def test_tasks_given_lists_of_values_spread_over_the_workers():
    # A shuffle partition holds a piece from every shard; had it run where its first piece lives, every
    # partition would run on the first shard's worker.
    with LocalEngine(2) as engine:
        made = engine.run(made_here, [(0,), (1,)])
        pids = engine.gather(engine.run(pid_with, [([made[0], made[1]],)] * 4))
        makers = {pid for pid, _ in engine.gather(made)}
    assert set(pids) == makers and len(makers) == 2


def test_a_value_another_worker_holds_is_fetched_before_that_worker_gets_busy(tmp_path):
    # The first call waits on worker 1 for a signal that the second call, on worker 0, leaves; the second call
    # also needs worker 1's value. Fetched only when the second call is sent, that value would wait behind the
    # first call, which waits for the second: both workers stuck until the first gives up.
    signal = tmp_path / "signal"
    with LocalEngine(2) as engine:
        made = engine.run(made_here, [(0,), (1,)])
        assert len({pid for pid, _ in engine.gather(made)}) == 2
        met = engine.gather(engine.run(meet, [(made[1], None, signal), (made[0], made[1], signal)]))
    assert met == [True, True]


def test_tasks_on_one_worker_share_the_steps_of_their_plan():
    plan = Plan.of(Pipeline(steps_from(["quality"])), ReaderOptions())
    with LocalEngine(2) as engine:
        seen = engine.gather(engine.run(tasks_seen_by_step, [(plan,)] * 6))
    by_worker: dict[int, list[int]] = {}
    for pid, count in seen:
        by_worker.setdefault(pid, []).append(count)
    assert all(sorted(counts) == list(range(1, len(counts) + 1)) for counts in by_worker.values())
    assert max(len(counts) for counts in by_worker.values()) > 1
