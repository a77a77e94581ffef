"""Sharded runs: input shards, a plan of tasks any engine can run (this process, a process pool, Dask), sharded
output with resume. `run_job` is the entry point; `cleaner.dask` applies the steps to Dask collections."""

from cleaner.distributed.engines import DaskEngine, Engine, LocalEngine, make_engine
from cleaner.distributed.runner import JobResult, is_output_dir, run_job

__all__ = ["DaskEngine", "Engine", "JobResult", "LocalEngine", "is_output_dir", "make_engine", "run_job"]
