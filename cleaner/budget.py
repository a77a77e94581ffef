"""A wall-clock budget for one step on one document, so one odd page cannot hold back a whole run.

`time_limit(seconds)` raises `StepTimeout` inside the block once `seconds` have passed. In a process's main
thread (a run in one process, and each `--workers` pool process) a `SIGALRM` timer interrupts the step: Python
code at once, a regular expression as it checks for signals, a C library (lxml's parser) when it returns.
Elsewhere (a worker thread, where signals cannot be caught, or a platform without `SIGALRM`) the step cannot be
interrupted: it runs to its end, and a step that took longer than its budget still raises `StepTimeout` then, so
its document is rejected the same way.

`batch()` keeps the alarm set up across many blocks (the pipeline opens one around each run of per-document
steps): its handler is installed once, and a block only writes down its deadline, so a short document pays a
clock read rather than installing a handler and arming and disarming a timer. The timer is armed lazily: when it
rings, the handler compares the clock with the deadline of the block running then, raises `StepTimeout` if it has
passed, re-arms for what is left if not, and stays quiet between blocks. Outside any `batch()`, a block sets the
alarm up and takes it down itself. When the last `batch()` closes, the timer is disarmed and the previous
`SIGALRM` handler put back.

`not_counted()` marks one-time work inside a step (loading a language model on its first call) as outside the
document's budget: the deadline moves on by the time it took, so a slow start on a loaded machine does not
reject whichever document happened to come first, and the output does not depend on the machine's load.

`StepTimeout` derives from `BaseException`, as `KeyboardInterrupt` does: the `except Exception` handlers inside
the steps and the libraries they call (which turn a parser error into a reject of their own) let it through.
"""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType, TracebackType
from typing import Any

__all__ = ["StepTimeout", "batch", "not_counted", "time_limit"]

#: The shortest time the timer is re-armed for: a deadline a hair away must not round to 0 (which disarms).
_MIN_REARM_SECONDS = 0.001


class StepTimeout(BaseException):
    """The block ran past its wall-clock budget."""


class _Alarm:
    """The main thread's alarm: the running block's deadline, whether the timer is pending, open `batch()`es."""

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.deadline: float | None = None
        self.armed = False
        self.depth = 0
        self.previous: Any = None


_alarm = _Alarm()
if hasattr(os, "register_at_fork"):  # a forked worker has no pending timer and no open batch of its parent's
    os.register_at_fork(after_in_child=_alarm.reset)

#: Seconds spent in `not_counted` blocks by this thread, for the budget of a block that cannot be interrupted.
_uncounted = threading.local()


def _uncounted_seconds() -> float:
    return float(getattr(_uncounted, "seconds", 0.0))


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


def _on_alarm(signum: int, frame: FrameType | None) -> None:
    """The timer rang: interrupt the running block if its deadline has passed, else wait for what is left."""
    deadline = _alarm.deadline
    if deadline is None:  # between blocks
        _alarm.armed = False
        return
    left = deadline - time.monotonic()
    if left > 0:
        signal.setitimer(signal.ITIMER_REAL, max(left, _MIN_REARM_SECONDS))
        return
    _alarm.deadline = None
    _alarm.armed = False
    raise StepTimeout


def _arm(seconds: float) -> None:
    signal.setitimer(signal.ITIMER_REAL, max(seconds, _MIN_REARM_SECONDS))
    _alarm.armed = True


def _open() -> None:
    if not _alarm.depth:
        _alarm.previous = signal.signal(signal.SIGALRM, _on_alarm)
    _alarm.depth += 1


def _close() -> None:
    _alarm.depth -= 1
    if not _alarm.depth:
        _alarm.deadline = None
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
            _alarm.armed = False
        finally:
            signal.signal(signal.SIGALRM, _alarm.previous)


@contextmanager
def batch() -> Iterator[None]:
    """Keep the alarm set up for every `time_limit` block inside (in the main thread; elsewhere nothing to do)."""
    if not _can_interrupt():
        yield
        return
    _open()
    try:
        yield
    finally:
        if _can_interrupt():  # a generator closed from another thread leaves the harmless handler in place
            _close()


class _Limit:
    """The context manager `time_limit` returns."""

    __slots__ = ("alarm", "opened", "seconds", "started", "uncounted")

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.alarm = self.opened = False
        self.started: float | None = None

    def __enter__(self) -> None:
        seconds = self.seconds
        if seconds <= 0:
            return
        if not _can_interrupt():
            self.started, self.uncounted = time.monotonic(), _uncounted_seconds()
            return
        if not _alarm.depth:
            _open()
            self.opened = True
        self.alarm = True
        _alarm.deadline = time.monotonic() + seconds
        if not _alarm.armed:
            _arm(seconds)

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        if self.alarm:
            _alarm.deadline = None
            if self.opened:
                _close()
        elif self.started is not None:
            spent = time.monotonic() - self.started - (_uncounted_seconds() - self.uncounted)
            if kind is None and spent > self.seconds:
                raise StepTimeout


def time_limit(seconds: float) -> _Limit:
    """Raise `StepTimeout` in the block after `seconds` of wall-clock time; 0 means no limit."""
    return _Limit(seconds)


@contextmanager
def not_counted() -> Iterator[None]:
    """Run the block outside the budget of the `time_limit` around it (if any): its deadline moves on by the
    block's time."""
    started = time.monotonic()
    deadline = _alarm.deadline if _can_interrupt() else None
    if deadline is not None:
        _alarm.deadline = None  # a ring meanwhile finds no deadline to interrupt
    try:
        yield
    finally:
        spent = time.monotonic() - started
        _uncounted.seconds = _uncounted_seconds() + spent
        if deadline is not None:
            _alarm.deadline = deadline + spent
            if not _alarm.armed:
                _arm(_alarm.deadline - time.monotonic())
