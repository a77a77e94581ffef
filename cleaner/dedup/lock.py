"""A lock on a dedup index file, so that two runs never read and extend the same index at the same time.

The lock is an exclusive `flock` on `INDEX.lock`, taken before a run reads anything and held until it ends; the
operating system releases it when the process dies, even by SIGKILL, so a crashed run leaves no stale lock. A
second run finds it taken and stops at once with a `ConfigError` naming the holder. Within one process the lock
is re-entrant (the runner and the dedup step both take it).
"""

from __future__ import annotations

import fcntl
import os
import socket
from collections.abc import Iterable
from pathlib import Path
from typing import IO

from cleaner.steps import ConfigError, Step

__all__ = ["IndexLock"]

_held: dict[str, tuple[IO[str], int]] = {}


class IndexLock:
    """`with IndexLock(path):` holds the lock of the index at `path` (several paths: `for_steps`)."""

    def __init__(self, *paths: str | Path) -> None:
        self.paths = sorted({str(Path(p).resolve()) for p in paths})
        self._taken: list[str] = []

    @classmethod
    def for_steps(cls, steps: Iterable[Step]) -> IndexLock:
        """The locks of every index a chain's dedup steps use."""
        paths = [getattr(s.config, "index_path", None) for s in steps if s.name == "dedup"]
        return cls(*[p for p in paths if p is not None])

    def __enter__(self) -> IndexLock:
        try:
            for path in self.paths:
                _acquire(path)
                self._taken.append(path)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        while self._taken:
            _release(self._taken.pop())


def _acquire(path: str) -> None:
    if path in _held:
        stream, count = _held[path]
        _held[path] = (stream, count + 1)
        return
    lock = Path(f"{path}.lock")
    lock.parent.mkdir(parents=True, exist_ok=True)
    stream = open(lock, "a+", encoding="utf-8")  # noqa: SIM115 - held until released
    try:
        fcntl.flock(stream, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        stream.seek(0)
        holder = stream.read().strip() or "another process"
        stream.close()
        raise ConfigError(
            f"dedup.index_path: {path} is in use by {holder}; runs sharing an index must run one after the other"
        ) from None
    stream.seek(0)
    stream.truncate()
    stream.write(f"pid {os.getpid()} on {socket.gethostname()}\n")
    stream.flush()
    _held[path] = (stream, 1)


def _release(path: str) -> None:
    stream, count = _held[path]
    if count > 1:
        _held[path] = (stream, count - 1)
        return
    del _held[path]
    fcntl.flock(stream, fcntl.LOCK_UN)
    stream.close()
