"""A progress line on stderr for long runs: documents, documents/s and MB/s.

On a terminal it redraws one line; elsewhere (CI logs) it prints a line every `log_interval` seconds. The CLI owns
it; the library never writes to stderr.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

__all__ = ["Progress"]


class Progress:
    def __init__(self, stream: TextIO | None = None, *, enabled: bool = True, log_interval: float = 10.0) -> None:
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = self.stream.isatty()
        self.interval = 0.2 if self.tty else log_interval
        self.started = time.perf_counter()
        self.last = self.started
        self.docs = 0
        self.chars = 0
        self.kept = 0
        self.rejected = 0

    def update(self, chars: int, kept: bool) -> None:
        self.docs += 1
        self.chars += chars
        self.kept += kept
        self.rejected += not kept
        now = time.perf_counter()
        if self.enabled and now - self.last >= self.interval:
            self.last = now
            self._draw(now)

    def _line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        return (
            f"{self.docs:,} docs ({self.kept:,} kept, {self.rejected:,} rejected) "
            f"{self.docs / elapsed:,.1f} docs/s {self.chars / 1e6 / elapsed:,.2f} MB/s {elapsed:,.1f} s"
        )

    def _draw(self, now: float) -> None:
        if self.tty:
            self.stream.write("\r\x1b[K" + self._line(now))
        else:
            self.stream.write(self._line(now) + "\n")
        self.stream.flush()

    def close(self) -> None:
        if not self.enabled:
            return
        if self.tty:
            self.stream.write("\r\x1b[K")
        self.stream.write("done: " + self._line(time.perf_counter()) + "\n")
        self.stream.flush()
