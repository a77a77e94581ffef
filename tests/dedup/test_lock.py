"""A dedup index is locked against a second writer, with a clear error before anything is written."""

from __future__ import annotations

import multiprocessing
import os
import signal
from pathlib import Path

import pytest

from cleaner.cli import main
from cleaner.dedup.lock import IndexLock
from cleaner.steps import ConfigError


def _hold(path: str, ready: object, release: object) -> None:
    with IndexLock(path):
        ready.set()  # type: ignore[attr-defined]
        release.wait()  # type: ignore[attr-defined]


@pytest.fixture
def holder(tmp_path: Path):
    """Another process holding the lock of `tmp_path/index.sqlite` until the test ends or kills it."""
    context = multiprocessing.get_context("fork")
    ready, release = context.Event(), context.Event()
    process = context.Process(target=_hold, args=(str(tmp_path / "index.sqlite"), ready, release))
    process.start()
    assert ready.wait(60)
    yield process
    if process.exitcode is None:  # a killed holder may have died inside the event's lock: leave it alone
        release.set()
        process.join()


def test_a_second_holder_gets_a_clear_error(tmp_path: Path, holder: multiprocessing.Process):
    busy = pytest.raises(ConfigError, match=rf"in use by pid {holder.pid} on .*one after the other")
    with busy, IndexLock(tmp_path / "index.sqlite"):
        pass


def test_a_run_sharing_a_busy_index_stops_before_writing(
    tmp_path: Path, seeds_dir: Path, holder: multiprocessing.Process, capsys
):
    out = tmp_path / "o.jsonl"
    argv = ["run", str(seeds_dir), "-o", str(out), "-q", "--only", "extract,dedup"]
    assert main([*argv, "--set", f"dedup.index_path={tmp_path / 'index.sqlite'}"]) == 2
    assert "is in use by" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.sqlite.lock"]


def test_the_lock_dies_with_its_holder(tmp_path: Path, holder: multiprocessing.Process):
    assert holder.pid is not None
    os.kill(holder.pid, signal.SIGKILL)
    holder.join()
    with IndexLock(tmp_path / "index.sqlite"), IndexLock(tmp_path / "index.sqlite"):  # re-entrant in one process
        pass
