"""Sharded runs through the CLI: parts and manifest, the same bytes for every engine, overwrite, resume."""

from __future__ import annotations

import gzip
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import read_parts, tree

from cleaner import Document, Pipeline
from cleaner.cli import main
from cleaner.config import PipelineSpec, build_steps
from cleaner.distributed import plan as plan_module
from cleaner.distributed import runner as runner_module
from cleaner.io import parts as parts_module
from cleaner.io.readers import read_inputs

LIGHT = ["--skip", "boilerplate,language", "--shard-mb", "0.1", "-q"]


def run(corpus: Path, out: str, *extra: str) -> int:
    return main(["run", str(corpus), "-o", out, *LIGHT, *extra])


def test_directory_output_has_parts_a_manifest_and_stats(tmp_path: Path, corpus: Path):
    out = tmp_path / "out"
    assert run(corpus, f"{out}/") == 0
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    stats = json.loads((out / "stats.json").read_text("utf-8"))
    assert len(manifest["parts"]) > 5 and not (out / ".cleaner").exists()
    for part in manifest["parts"]:
        data = (out / part["corpus"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == part["sha256"]
        assert gzip.decompress(data).count(b"\n") == part["docs"]
        assert hashlib.sha256((out / part["rejects"]).read_bytes()).hexdigest() == part["rejects_sha256"]
    assert manifest["docs"] == len(read_parts(out)) == stats["kept"]
    assert manifest["rejected"] == len(read_parts(out / "rejects")) == stats["rejected"]
    assert stats["docs_in"] == 317 and stats["balanced"]
    reasons = {r["reason"] for r in read_parts(out / "rejects")}
    assert {"error.json", "error.empty", "dedup.near_duplicate"} <= reasons


def test_one_process_and_a_pool_write_the_same_bytes(tmp_path: Path, corpus: Path):
    assert run(corpus, f"{tmp_path}/one/") == 0
    assert run(corpus, f"{tmp_path}/pool/", "--workers", "2") == 0
    assert tree(tmp_path / "one") == tree(tmp_path / "pool")
    assert run(corpus, str(tmp_path / "single.jsonl"), "--workers", "2") == 0
    single = [json.loads(line) for line in (tmp_path / "single.jsonl").read_text("utf-8").splitlines()]
    assert single == read_parts(tmp_path / "one")


def test_directory_and_file_runs_count_the_same_rules_for_the_report(tmp_path: Path, corpus: Path):
    assert run(corpus, f"{tmp_path}/parts/") == 0
    assert run(corpus, str(tmp_path / "single.jsonl")) == 0
    sharded = json.loads((tmp_path / "parts" / "stats.json").read_text("utf-8"))["corpus"]
    streamed = json.loads((tmp_path / "single.stats.json").read_text("utf-8"))["corpus"]
    assert sharded == streamed and sharded["rules"]


def test_the_default_chain_gives_what_the_streaming_pipeline_gives(tmp_path: Path, corpus: Path):
    out = tmp_path / "o.jsonl"
    assert main(["run", str(corpus), "-o", str(out), "-q", "--shard-mb", "0.2"]) == 0
    pipeline = Pipeline(build_steps(PipelineSpec.default()))
    streamed = [x.to_record() for x in pipeline.run(read_inputs([str(corpus)]))]
    kept = [r for r in streamed if "reason" not in r]
    rejected = [r for r in streamed if "reason" in r]
    assert [json.loads(line) for line in out.read_text("utf-8").splitlines()] == kept
    got = [json.loads(line) for line in (tmp_path / "o.rejects.jsonl").read_text("utf-8").splitlines()]
    key = lambda r: json.dumps(r, sort_keys=True)  # noqa: E731 - rejects now come in input order
    assert sorted(got, key=key) == sorted(rejected, key=key)


@pytest.mark.parametrize("kind", ["file", "directory"])
def test_an_existing_output_is_replaced_only_with_overwrite(tmp_path: Path, corpus: Path, capsys, kind: str):
    out = str(tmp_path / "o.jsonl") if kind == "file" else f"{tmp_path}/o/"
    assert run(corpus, out) == 0
    before = tree(tmp_path)
    assert run(corpus, out, "--set", "quality.min_words=100000") == 2
    assert "--overwrite" in capsys.readouterr().err
    assert tree(tmp_path) == before
    assert run(corpus, out, "--set", "quality.min_words=100000", "--overwrite") == 0
    assert tree(tmp_path) != before


def _crash_after(monkeypatch: pytest.MonkeyPatch, writes: int) -> None:
    """Make the `writes + 1`-th atomic write die halfway: half its bytes in the temporary file, no rename."""
    real = parts_module.write_atomic
    count = [0]

    def write(url: str, data: bytes) -> None:
        count[0] += 1
        if count[0] > writes:
            directory, name = os.path.split(url)
            Path(directory).mkdir(parents=True, exist_ok=True)
            Path(directory, f".{name}.tmp").write_bytes(data[: len(data) // 2])
            raise OSError(f"crashed writing {url}")
        real(url, data)

    for module in (parts_module, plan_module, runner_module):
        monkeypatch.setattr(module, "write_atomic", write)


def test_resume_after_a_crash_at_every_write_gives_the_same_bytes(tmp_path: Path, corpus: Path):
    assert run(corpus, f"{tmp_path}/whole/") == 0
    expected = tree(tmp_path / "whole")
    writes = 1 + 3 * (len([n for n in expected if n.startswith("part-")])) + 1  # state, checkpoints, parts, manifest
    for crash in range(0, writes, 3):
        out = tmp_path / f"crash{crash}"
        with pytest.MonkeyPatch.context() as patch:
            _crash_after(patch, crash)
            assert main(["run", str(corpus), "-o", f"{out}/", *LIGHT]) == 1
        assert not (out / "manifest.json").exists()
        assert run(corpus, f"{out}/", "--resume") == 0, crash
        assert tree(out) == expected, crash


def test_sigkill_mid_run_then_resume_gives_the_same_bytes(tmp_path: Path, corpus: Path):
    argv = [sys.executable, "-m", "cleaner", "run", str(corpus), *LIGHT, "--shard-mb", "0.02", "--skip", "boilerplate"]
    subprocess.run([*argv, "-o", f"{tmp_path}/whole/"], check=True)
    out = tmp_path / "killed"
    process = subprocess.Popen([*argv, "-o", f"{out}/"])
    checkpoints = out / ".cleaner" / "read"
    while process.poll() is None and len(list(checkpoints.glob("*.pkl"))) < 3:
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (out / "manifest.json").exists()
    subprocess.run([*argv, "-o", f"{out}/", "--resume"], check=True)
    assert tree(out) == tree(tmp_path / "whole")


def test_resume_refuses_an_output_of_another_config_and_skips_a_finished_one(tmp_path: Path, corpus: Path, capsys):
    out = f"{tmp_path}/o/"
    with pytest.MonkeyPatch.context() as patch:
        _crash_after(patch, 4)
        assert run(corpus, out) == 1
    assert run(corpus, out, "--resume", "--set", "quality.min_words=7") == 2
    assert "other inputs, config or shard size" in capsys.readouterr().err
    assert run(corpus, out, "--resume") == 0
    finished = tree(tmp_path / "o")
    assert run(corpus, out, "--resume") == 0
    assert "nothing to resume" in capsys.readouterr().err
    assert tree(tmp_path / "o") == finished


def test_resume_needs_a_directory_output(tmp_path: Path, corpus: Path, capsys):
    assert run(corpus, str(tmp_path / "o.jsonl"), "--resume") == 2
    assert "-o DIR/" in capsys.readouterr().err


def test_kept_documents_carry_their_provenance(tmp_path: Path, corpus: Path):
    assert run(corpus, f"{tmp_path}/o/") == 0
    first = Document.from_record(read_parts(tmp_path / "o")[0])
    assert first.metadata["pipeline"]["steps"][0] == "extract" and "dedup" in first.metadata
