"""Sharded runs: input shards, a plan of tasks any engine can run (this process, a process pool, Dask), sharded
output with resume. `run_job` is the entry point; `cleaner.dask` applies the steps to Dask collections.

The runner's names load on first use: the runner imports the distributed dedup, which imports this package's
plan, so an eager import here would make `import cleaner.dedup.distributed` circular.
"""

from typing import Any

from cleaner.distributed.engines import DaskEngine, Engine, LocalEngine, make_engine

__all__ = ["DaskEngine", "Engine", "JobResult", "LocalEngine", "is_output_dir", "make_engine", "run_job"]

_RUNNER_NAMES = {"JobResult", "is_output_dir", "run_job"}


def __getattr__(name: str) -> Any:
    if name in _RUNNER_NAMES:
        from cleaner.distributed import runner

        return getattr(runner, name)
    raise AttributeError(f"module 'cleaner.distributed' has no attribute {name!r}")
