"""A wall-clock budget for one step on one document, so one odd page cannot hold back a whole run.

`time_limit(seconds)` raises `StepTimeout` inside the block once `seconds` have passed. In a process's main
thread (a run in one process, and each `--workers` pool process) a `SIGALRM` timer interrupts the step: Python
code at once, a regular expression as it checks for signals, a C library (lxml's parser) when it returns. The
previous `SIGALRM` handler is put back afterwards. Elsewhere (a worker thread, where signals cannot be caught,
or a platform without `SIGALRM`) the step cannot be interrupted: it runs to its end, and a step that took longer
than its budget still raises `StepTimeout` then, so its document is rejected the same way.

`not_counted()` marks one-time work inside a step (loading a language model on its first call) as outside the
document's budget: the timer stops for it and resumes with what was left, so a slow start on a loaded machine does
not reject whichever document happened to come first, and the output does not depend on the machine's load.

`StepTimeout` derives from `BaseException`, as `KeyboardInterrupt` does: the `except Exception` handlers inside
the steps and the libraries they call (which turn a parser error into a reject of their own) let it through.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

__all__ = ["StepTimeout", "not_counted", "time_limit"]


class StepTimeout(BaseException):
    """The block ran past its wall-clock budget."""


#: Seconds spent in `not_counted` blocks by this thread, for the budget of a block that cannot be interrupted.
_uncounted = threading.local()


def _uncounted_seconds() -> float:
    return float(getattr(_uncounted, "seconds", 0.0))


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise StepTimeout


def _can_interrupt() -> bool:
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise `StepTimeout` in the block after `seconds` of wall-clock time; 0 means no limit."""
    if seconds <= 0:
        yield
        return
    if not _can_interrupt():
        started, uncounted = time.monotonic(), _uncounted_seconds()
        yield
        if time.monotonic() - started - (_uncounted_seconds() - uncounted) > seconds:
            raise StepTimeout
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            signal.signal(signal.SIGALRM, previous)


@contextmanager
def not_counted() -> Iterator[None]:
    """Run the block outside the budget of the `time_limit` around it (if any): its timer pauses, then resumes."""
    started = time.monotonic()
    left = signal.getitimer(signal.ITIMER_REAL)[0] if _can_interrupt() else 0.0
    if left:
        signal.setitimer(signal.ITIMER_REAL, 0)
    try:
        yield
    finally:
        _uncounted.seconds = _uncounted_seconds() + time.monotonic() - started
        if left:
            signal.setitimer(signal.ITIMER_REAL, left)
