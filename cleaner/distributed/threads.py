"""Native libraries in a worker process run on one thread each: the workers are already one per core.

lingua (Rust, rayon) spreads one detection over a thread per core, and numpy's OpenBLAS or an OpenMP library
would do the same. With one worker process per core, each worker's extra threads fight the other workers for the
same cores. On 10,000 documents, 2 workers on 2 cores, the local pool took 46.8 s with them and 37.9 s without
(1.47x and 1.85x one process), Dask 46.2 s and 39.8 s. A run in one process keeps them: there they use the
cores nothing else is using. A variable the user has set is left as it is.
"""

from __future__ import annotations

import os

__all__ = ["ONE_THREAD_VARIABLES", "one_thread_per_library", "worker_environment"]

#: The variables that size the thread pools of rayon (lingua), OpenMP, OpenBLAS and MKL.
ONE_THREAD_VARIABLES = ("RAYON_NUM_THREADS", "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")


def worker_environment() -> dict[str, str]:
    """The environment a worker process gets: one thread per library, unless the user chose otherwise."""
    return {name: os.environ.get(name, "1") for name in ONE_THREAD_VARIABLES}


def one_thread_per_library() -> None:
    """Set `worker_environment()` in this process: call it in a worker before its libraries start their pools
    (rayon's starts on lingua's first detection)."""
    os.environ.update(worker_environment())
