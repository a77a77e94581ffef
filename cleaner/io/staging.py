"""Write a run's files under temporary names and put them in place only when the run is complete.

An interrupted or failed run leaves the previous output, its rejects and its stats exactly as they were. On
completion the old stats file is removed before the new corpus and rejects take their places, and the new stats
file comes last: whatever moment a run is stopped at, a stats file never sits beside a corpus it does not describe.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from types import TracebackType

from cleaner.distributed.runner import temporary_name

__all__ = ["StagedOutputs"]


class StagedOutputs:
    """Temporary names for the files `stage()` names (corpus, rejects, stats); `commit()` renames them, leaving
    the block without it removes them. `-` and devices are written directly."""

    def __init__(self) -> None:
        self.files: list[str] = []
        self.stats: str | None = None
        self._temporary: dict[str, str] = {}

    def stage(self, files: Sequence[str | None], stats: str | None) -> None:
        """Name the files to write: `files` (corpus, rejects; None skipped) and the `stats` file."""
        self.files = [name for name in files if name not in (None, "-")]
        self.stats = stats if stats != "-" else None
        self._temporary = {name: temporary_name(name) for name in [*self.files, *filter(None, [self.stats])]}

    def path(self, name: str | None) -> str | None:
        """Where to write `name` until the commit."""
        return self._temporary.get(name, name) if name is not None else None

    def commit(self) -> None:
        """Put every file in place: old stats out, corpus and rejects in, then the new stats."""
        if self.stats is not None and self._temporary[self.stats] != self.stats and os.path.isfile(self.stats):
            os.unlink(self.stats)
        for name in [*self.files, *filter(None, [self.stats])]:
            if self._temporary[name] != name:
                os.replace(self._temporary[name], name)
        self._temporary.clear()

    def __enter__(self) -> StagedOutputs:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        for name, temporary in self._temporary.items():
            if temporary != name and os.path.exists(temporary):
                os.unlink(temporary)
