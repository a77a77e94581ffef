"""`cleaner report`: an HTML page about a finished run (charts, rule counts, sample documents), from its output,
stats and rejects files."""

from __future__ import annotations

import sys
from pathlib import Path

from cleaner.io.writers import companion_path
from cleaner.steps import ConfigError

__all__ = ["report_command", "write_text"]


def report_command(corpus: str, output: str, stats: str | None, rejects: str | None, sample: int) -> int:
    from cleaner.report.build import build_report

    if sample < 0:
        raise ConfigError(f"--sample must be >= 0, got {sample}")
    stats = stats or companion_path(corpus, "stats")
    rejects = rejects or companion_path(corpus, "rejects")
    for path in (corpus, stats):
        if not Path(path).exists():
            raise ConfigError(f"{path} does not exist (cleaner report reads a run's output and its stats file)")
    page = build_report(Path(corpus), Path(stats), Path(rejects) if Path(rejects).exists() else None, sample=sample)
    write_text(output, page)
    return 0


def write_text(path: str, text: str) -> None:
    """`text` into the file `path` (its directory made if need be), or to stdout for `-`."""
    if path == "-":
        sys.stdout.write(text)
    else:
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        Path(path).write_text(text, encoding="utf-8")
