"""The wall-clock budget: it interrupts Python code and regular expressions, restores the caller's SIGALRM
handler, and off the main thread still reports a block that ran too long. Within a `batch()` (the alarm set up
once for many blocks) every block keeps its own budget."""

from __future__ import annotations

import multiprocessing
import multiprocessing.queues
import re
import signal
import threading
import time
from collections.abc import Callable

import pytest

from cleaner.budget import StepTimeout, batch, not_counted, time_limit


def test_a_python_loop_past_its_budget_is_interrupted():
    started = time.monotonic()
    with pytest.raises(StepTimeout), time_limit(0.2):
        while True:
            pass
    assert time.monotonic() - started < 5


def test_a_backtracking_regular_expression_is_interrupted():
    started = time.monotonic()
    with pytest.raises(StepTimeout), time_limit(0.2):
        re.match(r"(a*)*$", "a" * 40 + "b")
    assert time.monotonic() - started < 5


def test_a_block_within_its_budget_runs_and_leaves_no_timer_behind():
    previous = signal.getsignal(signal.SIGALRM)
    with time_limit(5):
        total = sum(range(1000))
    assert total == 499500
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_zero_means_no_limit():
    with time_limit(0):
        time.sleep(0.05)


def _in_a_thread(block: Callable[[], None]) -> str:
    """Run `block` off the main thread (where no signal can interrupt it): 'finished' or 'timeout'."""
    outcome: list[str] = []

    def work() -> None:
        try:
            block()
            outcome.append("finished")
        except StepTimeout:
            outcome.append("timeout")

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    return outcome[0]


def test_off_the_main_thread_a_block_past_its_budget_still_times_out():
    def block() -> None:
        with time_limit(0.01):
            time.sleep(0.1)

    assert _in_a_thread(block) == "timeout"


def test_work_marked_not_counted_does_not_use_the_budget():
    with time_limit(0.3):
        with not_counted():
            time.sleep(0.6)  # a model loading on a slow machine
        time.sleep(0.1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_the_budget_resumes_with_what_was_left_after_uncounted_work():
    began = time.monotonic()
    with pytest.raises(StepTimeout), time_limit(0.3):
        time.sleep(0.2)
        with not_counted():
            time.sleep(0.3)
        while True:
            pass
    assert 0.6 < time.monotonic() - began < 3


def test_off_the_main_thread_uncounted_work_is_left_out_of_the_budget():
    def block() -> None:
        with time_limit(0.2), not_counted():
            time.sleep(0.4)

    assert _in_a_thread(block) == "finished"


def test_not_counted_outside_any_budget_just_runs():
    with not_counted():
        value = sum(range(10))
    assert value == 45 and signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_in_a_batch_each_block_has_its_own_budget_and_a_stuck_one_is_interrupted():
    previous = signal.getsignal(signal.SIGALRM)
    outcomes = []
    with batch():
        for work in ("sleep", "spin", "sleep", "sleep", "spin", "sleep"):
            try:
                with time_limit(0.3):
                    if work == "sleep":
                        time.sleep(0.2)  # within its own budget, though the blocks before used more than 0.3 s
                    else:
                        while True:
                            pass
                outcomes.append("finished")
            except StepTimeout:
                outcomes.append("timeout")
    assert outcomes == ["finished", "timeout", "finished", "finished", "timeout", "finished"]
    assert signal.getsignal(signal.SIGALRM) is previous
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_in_a_batch_the_alarm_ringing_between_blocks_interrupts_nothing():
    with batch():
        with time_limit(0.1):
            pass
        time.sleep(0.3)  # the timer armed by the block rings here, outside any block
        with time_limit(0.3):
            time.sleep(0.1)
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_in_a_batch_work_marked_not_counted_does_not_use_the_budget():
    with batch(), time_limit(0.3):
        with not_counted():
            time.sleep(0.5)
        time.sleep(0.1)
    began = time.monotonic()
    with pytest.raises(StepTimeout), batch(), time_limit(0.3):
        with not_counted():
            time.sleep(0.2)
        while True:
            pass
    assert 0.4 < time.monotonic() - began < 3


def _spin_past_a_budget(result: multiprocessing.queues.Queue[str]) -> None:
    try:
        with time_limit(0.2):
            while True:
                pass
    except StepTimeout:
        result.put("timeout")


def test_a_process_forked_inside_a_batch_still_interrupts_its_own_blocks():
    # The parent's timer is pending when it forks; the child has none, and must arm its own.
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    with batch():
        with time_limit(30):
            pass
        child = context.Process(target=_spin_past_a_budget, args=(result,))
        child.start()
        child.join(timeout=20)
    if child.is_alive():
        child.kill()
        child.join()
    assert result.get(timeout=5) == "timeout"
