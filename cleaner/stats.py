"""Per-step counters that merge across workers: documents in, kept, dropped by reason, characters removed, time.

The `corpus` counts (rules, languages, lengths, duplicate clusters) are taken from the records as written.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from cleaner.report.counts import CorpusCounts

__all__ = ["RunStats", "StepStats"]


@dataclass
class StepStats:
    """Counters for one step. `seconds` is wall time spent inside the step itself."""

    name: str
    docs_in: int = 0
    kept: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    chars_in: int = 0
    chars_removed: int = 0
    seconds: float = 0.0

    def merge(self, other: StepStats) -> None:
        if other.name != self.name:
            raise ValueError(f"cannot merge stats of {other.name!r} into {self.name!r}")
        self.docs_in += other.docs_in
        self.kept += other.kept
        self.dropped.update(other.dropped)
        self.chars_in += other.chars_in
        self.chars_removed += other.chars_removed
        self.seconds += other.seconds

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "docs_in": self.docs_in,
            "kept": self.kept,
            "dropped": dict(sorted(self.dropped.items())),
            "dropped_total": sum(self.dropped.values()),
            "chars_in": self.chars_in,
            "chars_removed": self.chars_removed,
            "seconds": round(self.seconds, 6),
            "docs_per_second": round(self.docs_in / self.seconds, 1) if self.seconds > 0 else None,
            "mb_per_second": round(self.chars_in / 1e6 / self.seconds, 3) if self.seconds > 0 else None,
        }


@dataclass
class RunStats:
    """Counters for a whole run: the reader's rejects plus one `StepStats` per step, in pipeline order."""

    steps: dict[str, StepStats] = field(default_factory=dict)
    docs_in: int = 0
    kept: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    corpus: CorpusCounts = field(default_factory=CorpusCounts)

    def step(self, name: str) -> StepStats:
        if name not in self.steps:
            self.steps[name] = StepStats(name)
        return self.steps[name]

    def merge(self, other: RunStats) -> None:
        for name, stats in other.steps.items():
            self.step(name).merge(stats)
        self.docs_in += other.docs_in
        self.kept += other.kept
        self.rejected.update(other.rejected)
        self.seconds += other.seconds
        self.corpus.merge(other.corpus)

    @property
    def balanced(self) -> bool:
        """Documents in = kept + rejected: nothing was lost."""
        return self.docs_in == self.kept + sum(self.rejected.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "docs_in": self.docs_in,
            "kept": self.kept,
            "rejected": sum(self.rejected.values()),
            "rejected_by_reason": dict(sorted(self.rejected.items())),
            "balanced": self.balanced,
            "seconds": round(self.seconds, 6),
            "steps": [s.to_dict() for s in self.steps.values()],
            "corpus": self.corpus.to_dict(),
        }
