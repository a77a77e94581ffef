"""Test only: a step that kills or slows the process running it, and `cleaner` run with it registered.

    python tests/faulty.py run IN -o OUT --config chain.toml   # chain.toml may list the `fault` step

The step lives in this importable module (not in `__main__`), so pool and Dask workers load it by name.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import sys
import time
from pathlib import Path

from cleaner.document import Document, Drop
from cleaner.steps import DocumentStep, StepConfig


@dataclasses.dataclass(frozen=True, kw_only=True)
class FaultConfig(StepConfig):
    #: A document whose text holds this kills its process with SIGKILL, as the out-of-memory killer does.
    kill_marker: str = "KILL-ME"
    #: Milliseconds slept on every document, so that a run lasts long enough to be interrupted.
    sleep_ms: float = 0.0
    #: A file created when the first document is seen, so that a test knows the workers are busy.
    started_file: str = ""


class FaultFilter(DocumentStep):
    """Kills its own process on a marked document; sleeps on every document."""

    name = "fault"
    Config = FaultConfig
    config: FaultConfig

    def process(self, doc: Document) -> Document | Drop:
        if self.config.started_file:
            Path(self.config.started_file).touch()
        if self.config.kill_marker in doc.text:
            os.kill(os.getpid(), signal.SIGKILL)
        time.sleep(self.config.sleep_ms / 1000)
        return doc


if __name__ == "__main__":
    from cleaner.cli import main
    from cleaner.registry import BUILTIN_STEPS

    BUILTIN_STEPS["fault"] = "faulty:FaultFilter"
    sys.exit(main())
