"""Worker processes run native libraries on one thread each (`cleaner.distributed.threads`)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cleaner.distributed.engines import LocalEngine
from cleaner.distributed.threads import ONE_THREAD_VARIABLES, worker_environment


def thread_variables() -> list[str | None]:
    return [os.environ.get(name) for name in ONE_THREAD_VARIABLES]


def threads_a_detection_starts() -> int:
    """Threads this process gained from lingua's first detection (rayon starts its pool then)."""
    from cleaner.language.second_opinion import ask_second_opinion

    before = len(os.listdir("/proc/self/task"))
    ask_second_opinion("Olá, como vai a família? Muito bem, obrigado.", ("ca", "es", "pt"))
    return len(os.listdir("/proc/self/task")) - before


def test_a_worker_gets_one_thread_per_library_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch):
    for name in ONE_THREAD_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("OMP_NUM_THREADS", "3")
    assert worker_environment() == {
        "RAYON_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "3",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }


def test_pool_workers_run_libraries_on_one_thread():
    expected = list(worker_environment().values())
    with LocalEngine(2) as engine:
        assert engine.gather(engine.run(thread_variables, [(), ()])) == [expected, expected]


@pytest.mark.skipif(not Path("/proc/self/task").is_dir() or "RAYON_NUM_THREADS" in os.environ, reason="Linux /proc")
def test_lingua_in_a_pool_worker_starts_one_thread_at_most():
    with LocalEngine(2) as engine:
        assert all(n <= 1 for n in engine.gather(engine.run(threads_a_detection_starts, [(), ()])))
