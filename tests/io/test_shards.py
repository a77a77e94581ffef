"""Input shards: reading every shard in order gives exactly what `read_inputs` gives; remote paths via fsspec."""

from __future__ import annotations

import gzip
import itertools
import json
import shutil
from pathlib import Path

import fsspec
import pytest

from cleaner.document import Rejected
from cleaner.io.readers import ReaderOptions, read_inputs
from cleaner.io.shards import plan_shards, read_shard
from cleaner.steps import ConfigError


def records(items) -> list[dict]:
    return [item.to_record() for item in items]


@pytest.fixture
def inputs(tmp_path: Path, seeds_dir: Path) -> list[str]:
    root = tmp_path / "in"
    shutil.copytree(seeds_dir, root / "pages")
    (root / "pages" / ".hidden.txt").write_text("never read")
    (root / "pages" / "a-b.txt").write_text("a dash sorts before a slash as text, not as path parts")
    (root / "pages" / "a").mkdir()
    (root / "pages" / "a" / "b.txt").write_text("inside a directory")
    lines = [json.dumps({"id": f"r{i}", "text": f"record {i} " * (i % 7 + 1)}) for i in range(200)]
    lines[17] = "{broken"
    lines[90] = ""
    (root / "big.jsonl").write_text("\n".join(lines) + "\n")
    (root / "small.jsonl.gz").write_bytes(gzip.compress(b'{"id": "z", "text": "compressed"}\n'))
    return [str(root / "pages"), str(root / "big.jsonl"), str(root / "small.jsonl.gz")]


@pytest.mark.parametrize("target", [1, 700, 5000, 10**9], ids=["1B", "700B", "5kB", "1GB"])
def test_every_shard_in_order_is_the_whole_input(inputs: list[str], target: int):
    shards = plan_shards(inputs, target)
    got = [item for shard in shards for item in read_shard(shard, ReaderOptions())]
    assert records(got) == records(read_inputs(inputs))
    assert [s.index for s in shards] == list(range(len(shards)))


def test_a_large_jsonl_file_is_cut_at_line_ends(inputs: list[str]):
    shards = plan_shards([inputs[1]], 1000)
    data = Path(inputs[1]).read_bytes()
    pieces = [p for s in shards for p in s.pieces]
    assert len(pieces) > 5 and pieces[0].start == 0 and pieces[-1].end == len(data)
    for before, after in itertools.pairwise(pieces):
        assert before.end == after.start and data[after.start - 1 : after.start] == b"\n"
        assert after.first_line == data[: after.start].count(b"\n")
    lines = [r.metadata["source"]["line"] for r in read_shard(shards[-1], ReaderOptions())]
    assert lines[-1] == 200


def test_stdin_and_missing_inputs_are_config_errors(tmp_path: Path):
    with pytest.raises(ConfigError, match="stdin"):
        plan_shards(["-"])
    with pytest.raises(ConfigError, match="does not exist"):
        plan_shards([str(tmp_path / "nope.jsonl")])


def test_remote_inputs_read_through_fsspec(inputs: list[str]):
    memory = fsspec.filesystem("memory")
    for path in sorted(Path(inputs[0]).rglob("*")):
        if path.is_file():
            memory.pipe(f"/corpus/{path.relative_to(inputs[0]).as_posix()}", path.read_bytes())
    memory.pipe("/corpus.jsonl", Path(inputs[1]).read_bytes())
    remote = ["memory://corpus", "memory://corpus.jsonl"]
    got = [item for shard in plan_shards(remote, 2000) for item in read_shard(shard, ReaderOptions())]
    local = list(read_inputs(inputs[:2]))
    assert len(got) == len(local)
    assert [d.id for d in got[:6]] == ["memory://corpus/" + i.id.split("/pages/")[1] for i in local[:6]]
    for remote_item, local_item in zip(got, local, strict=True):
        a = remote_item.document if isinstance(remote_item, Rejected) else remote_item
        b = local_item.document if isinstance(local_item, Rejected) else local_item
        assert (a.text, a.html) == (b.text, b.html)
        assert a.metadata["source"]["path"].startswith("memory://")
        assert a.metadata["source"]["sha256"] == b.metadata["source"].get("sha256", a.metadata["source"]["sha256"])


def test_a_line_over_the_limit_in_a_split_file_is_too_large_as_in_one_stream(tmp_path: Path):
    """Byte ranges are read as streams, so the limit applies there too (before: a range was read whole, and the
    planner read a whole line to find its end)."""
    path = tmp_path / "big.jsonl"
    rows = [{"text": f"row {n}"} for n in range(50)]
    lines = [json.dumps(row).encode() for row in rows]
    lines[20] = json.dumps({"text": "x" * 50_000}).encode()
    path.write_bytes(b"\n".join(lines) + b"\n")
    options = ReaderOptions(max_record_bytes=10_000)
    sharded = [item for shard in plan_shards([str(path)], 4_000) for item in read_shard(shard, options)]
    assert records(sharded) == records(read_inputs([str(path)], options))
    (reject,) = [r for r in sharded if isinstance(r, Rejected)]
    assert (reject.document.id, reject.reason) == ("big.jsonl:21", "error.too_large")
