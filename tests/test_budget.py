"""The wall-clock budget: it interrupts Python code and regular expressions, restores the caller's SIGALRM
handler, and off the main thread still reports a block that ran too long."""

from __future__ import annotations

import re
import signal
import threading
import time
from collections.abc import Callable

import pytest

from cleaner.budget import StepTimeout, not_counted, time_limit


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
