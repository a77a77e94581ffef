"""Progress on stderr for long runs, drawn by tqdm: input bytes with a total and ETA when the input size is known
(sharded runs), documents otherwise (streaming runs from stdin or to stdout).

The CLI owns it; the library never writes to stderr. Off a terminal, tqdm redraws at most every `log_interval`
seconds, one line each time.
"""

from __future__ import annotations

import sys
from typing import TextIO

from tqdm import tqdm

__all__ = ["Progress"]


class Progress:
    """A bar over documents (`update`), or over input bytes once `start` gives their total; `stage` names the
    phase a sharded run is in."""

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool = True,
        log_interval: float = 10.0,
    ) -> None:
        out = stream or sys.stderr
        tty = out.isatty()
        self.docs = self.kept = self.rejected = 0
        self.bar = tqdm(
            unit=" docs",
            file=out,
            disable=not enabled,
            mininterval=0.2 if tty else log_interval,
            dynamic_ncols=tty,
            desc="cleaning",
        )

    def update(self, chars: int, kept: bool) -> None:
        """One document came out of the chain (streaming runs)."""
        self.docs += 1
        self.kept += kept
        self.rejected += not kept
        self.bar.update(1)

    def start(self, total_bytes: int) -> None:
        """Count input bytes towards `total_bytes` from now on (sharded runs: a total, so a rate and an ETA)."""
        self.bar.unit, self.bar.unit_scale, self.bar.total = "B", True, total_bytes
        self.bar.set_description("reading")
        self.bar.reset(total=total_bytes)

    def read(self, nbytes: int) -> None:
        """A shard of `nbytes` input bytes was read and cleaned by the per-document steps (sharded runs)."""
        self.bar.update(nbytes)

    def stage(self, name: str) -> None:
        """The run moved on to `name` (dedup, writing, ...): the bar stays, its label changes."""
        self.bar.set_description(name)

    def close(self) -> None:
        self.bar.close()
