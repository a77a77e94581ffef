"""Worker processes that die or are interrupted: the run ends promptly, with its reason, and never hangs.

Each run is a real `cleaner run --workers 2` subprocess with the test-only `fault` step (`tests/faulty.py`)
in its chain, bounded by a timeout: a hang fails the test instead of blocking the suite.
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cleaner import workers
from cleaner.document import Document, Drop, Rejected
from cleaner.pipeline import Pipeline
from cleaner.steps import DocumentStep

FAULTY = Path(__file__).resolve().parent / "faulty.py"
BOUND_SECONDS = 60


def corpus(tmp_path: Path, docs: int, marked: tuple[int, ...] = ()) -> Path:
    path = tmp_path / "in.jsonl"
    lines = []
    for i in range(docs):
        text = f"document number {i} says something {'KILL-ME' if i in marked else 'ordinary'} today"
        lines.append(json.dumps({"id": f"d{i}", "text": text}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def chain(tmp_path: Path, **fault: object) -> Path:
    params = "".join(f"{key} = {json.dumps(value)}\n" for key, value in fault.items())
    path = tmp_path / "chain.toml"
    path.write_text(f'[[steps]]\nname = "fault"\n{params}\n[[steps]]\nname = "quality"\n', encoding="utf-8")
    return path


def cleaner(*argv: str | Path, **popen: object) -> subprocess.Popen[str]:
    command = [sys.executable, str(FAULTY), "run", *map(str, argv), "--workers", "2", "-q"]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **popen)


def finish(process: subprocess.Popen[str]) -> tuple[int, str]:
    try:
        _, stderr = process.communicate(timeout=BOUND_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        pytest.fail(f"the run did not end within {BOUND_SECONDS} s")
    return process.returncode, stderr


def records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


def test_a_document_that_kills_its_worker_is_rejected_and_the_run_completes(tmp_path: Path):
    source = corpus(tmp_path, 300, marked=(150,))
    out = tmp_path / "out.jsonl"
    code, stderr = finish(cleaner(source, "-o", out, "--config", chain(tmp_path)))
    assert (code, stderr) == (0, "")
    (rejected,) = records(tmp_path / "out.rejects.jsonl")
    assert (rejected["id"], rejected["reason"], rejected["step"]) == ("d150", "error.worker_died", "pipeline")
    assert [r["id"] for r in records(out)] == [f"d{i}" for i in range(300) if i != 150]
    stats = json.loads((tmp_path / "out.stats.json").read_text("utf-8"))
    assert (stats["docs_in"], stats["kept"], stats["rejected_by_reason"]) == (300, 299, {"error.worker_died": 1})


def test_workers_dying_on_every_document_stop_the_run_naming_the_documents(tmp_path: Path):
    source = corpus(tmp_path, 100, marked=tuple(range(100)))
    code, stderr = finish(cleaner(source, "-o", tmp_path / "out.jsonl", "--config", chain(tmp_path)))
    assert code == 1
    assert stderr.endswith("cleaner: worker processes died on 3 documents in a row: d0, d1, d2\n")
    assert "Traceback" not in stderr
    assert not list(tmp_path.glob("*out*"))


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_a_worker_killed_in_a_sharded_run_stops_it_naming_the_shards_in_flight(tmp_path: Path, engine: str):
    source = corpus(tmp_path, 300, marked=(150,))
    out = tmp_path / "out"
    argv = [source, "-o", f"{out}/", "--config", chain(tmp_path), "--shard-mb", "0.005", "--engine", engine]
    code, stderr = finish(cleaner(*argv))
    assert code == 1
    died = re.search(r"(?m)^cleaner: a worker process died while cleaning (shard .*) \(killed, e.g. by the", stderr)
    assert died is not None, stderr
    shards = re.findall(r"shard \d+ \(\S+in\.jsonl bytes (\d+)-(\d+)\)", died.group(1))
    marked = source.read_text("utf-8").index("KILL-ME")
    assert any(int(start) <= marked < int(end) for start, end in shards), died.group(1)
    assert "Traceback" not in stderr and not (out / "manifest.json").exists()


RUNS = {"streaming": ("out.jsonl", "local"), "sharded": ("out/", "local"), "dask": ("out/", "dask")}


@pytest.mark.parametrize("attempt", range(3))
@pytest.mark.parametrize("run", RUNS)
def test_ctrl_c_stops_the_run_at_once_with_exit_130(tmp_path: Path, run: str, attempt: int):
    output, engine = RUNS[run]
    started = tmp_path / "started"
    source = corpus(tmp_path, 2000)
    config = chain(tmp_path, sleep_ms=10.0, started_file=str(started))
    argv = [source, "-o", f"{tmp_path}/{output}", "--config", config, "--shard-mb", "0.02"]
    process = cleaner(*argv, *(["--engine", engine] if output.endswith("/") else []), start_new_session=True)
    while not started.exists() and process.poll() is None:
        time.sleep(0.01)
    time.sleep(0.1 * attempt)
    os.killpg(process.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: to every process of the group
    code, stderr = finish(process)
    ours = [line for line in stderr.splitlines() if not line.startswith("distributed.")]  # Dask's info logs
    assert (code, ours) == (130, ["cleaner: interrupted"]), stderr
    assert not list(tmp_path.glob("*out*.jsonl")) and not (tmp_path / "out" / "manifest.json").exists()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:  # no worker outlives the run
        try:
            os.killpg(process.pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        pytest.fail("worker processes outlived the run")


class _BlockedStep(DocumentStep):
    """Sleeps, with the budget's alarm blocked (as native code would ignore it), on the document called 'stuck'."""

    name = "blocked"

    def process(self, doc: Document) -> Document | Drop:
        if doc.id == "stuck":
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(120)
        return doc


def test_a_worker_stuck_past_the_budget_is_killed_and_its_document_rejected(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(workers, "WATCHDOG_GRACE_SECONDS", 1.0)
    docs = [Document("a", "first"), Document("stuck", "x"), Document("b", "last")]
    pipe = Pipeline([_BlockedStep(timeout_seconds=0.5)])
    started = time.monotonic()
    out = list(pipe.run(docs, workers=2))
    assert time.monotonic() - started < BOUND_SECONDS
    assert [(x.document.id, x.reason) if isinstance(x, Rejected) else x.id for x in out] == [
        "a",
        ("stuck", "error.timeout"),
        "b",
    ]
    assert "did not answer" in out[1].detail["message"]
    assert pipe.stats.docs_in == pipe.stats.kept + sum(pipe.stats.rejected.values()) == 3
