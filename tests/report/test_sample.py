"""Bounded reads of an output file: a spread sample and an id search."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

from cleaner.report.sample import find_records, sample_records


def write(path: Path, ids: list[str]) -> Path:
    lines = "".join(json.dumps({"id": i, "text": "x" * (n % 7), "metadata": {}}) + "\n" for n, i in enumerate(ids))
    if path.suffix == ".gz":
        path.write_bytes(gzip.compress(lines.encode()))
    else:
        path.write_text(lines, encoding="utf-8")
    return path


def test_sample_is_spread_over_the_whole_file(tmp_path: Path):
    path = write(tmp_path / "c.jsonl", [f"doc-{n:04}" for n in range(1000)])
    ids = [r["id"] for r in sample_records(path, 10)]
    assert len(ids) == 10 and ids == sorted(ids)
    assert ids[0] == "doc-0000" and ids[-1] >= "doc-0890"


def test_sample_of_a_small_file_has_no_repeats(tmp_path: Path):
    path = write(tmp_path / "c.jsonl", ["a", "b", "c"])
    assert [r["id"] for r in sample_records(path, 10)] == ["a", "b", "c"]
    assert sample_records(tmp_path / "none.jsonl", 10) == []


def test_sample_of_a_compressed_file_is_its_head(tmp_path: Path):
    path = write(tmp_path / "c.jsonl.gz", [f"d{n}" for n in range(100)])
    assert [r["id"] for r in sample_records(path, 3)] == ["d0", "d1", "d2"]


def test_find_reads_ids_exactly_and_stops_at_the_byte_limit(tmp_path: Path):
    ids = ["plain", "with, comma", 'with "quotes"', "Việt", "plain2"]
    path = write(tmp_path / "c.jsonl", ids)
    assert set(find_records(path, {"with, comma", 'with "quotes"', "Việt", "plai"})) == {
        "with, comma",
        'with "quotes"',
        "Việt",
    }
    assert find_records(path, {"plain2"}, max_bytes=10) == {}
