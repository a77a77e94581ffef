"""The local pool keeps each value on the worker that made it and runs the tasks that take it there."""

from __future__ import annotations

import os

from cleaner.distributed.engines import LocalEngine
from cleaner.distributed.pool import _store


def made_here(number: int) -> tuple[int, int]:
    return os.getpid(), number


def used_here(made: tuple[int, int]) -> tuple[int, int]:
    return made[0], os.getpid()


def values_held() -> int:
    return len(_store)


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
