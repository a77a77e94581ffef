from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
import zstandard

from cleaner.io.readers import iter_records
from cleaner.io.writers import JsonlWriter, companion_path, output_paths
from cleaner.steps import ConfigError

RECORDS = [{"id": "1", "text": "Việt Nam", "metadata": {}}, {"id": "2", "text": "tiếng Việt", "metadata": {"a": 1}}]


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_round_trip_by_suffix(tmp_path: Path, suffix: str):
    path = tmp_path / f"out{suffix}"
    with JsonlWriter(str(path)) as writer:
        for record in RECORDS:
            writer.write(record)
    assert list(iter_records(path)) == RECORDS
    raw = path.read_bytes()
    if suffix.endswith(".gz"):
        raw = gzip.decompress(raw)
    elif suffix.endswith(".zst"):
        raw = zstandard.ZstdDecompressor().stream_reader(raw).read()
    assert raw.decode("utf-8") == "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS)


@pytest.mark.parametrize("suffix", [".jsonl.gz", ".jsonl.zst"])
def test_compressed_output_is_byte_reproducible(tmp_path: Path, suffix: str):
    outputs = []
    for name in ("a", "b"):
        path = tmp_path / name / f"out{suffix}"
        with JsonlWriter(str(path)) as writer:
            writer.write(RECORDS[0])
        outputs.append(path.read_bytes())
    assert outputs[0] == outputs[1]


def test_stdout_output(capsys: pytest.CaptureFixture[str]):
    with JsonlWriter("-") as writer:
        writer.write(RECORDS[0])
    assert json.loads(capsys.readouterr().out) == RECORDS[0]


@pytest.mark.parametrize(
    "output, kind, expected",
    [
        ("out/corpus.jsonl", "rejects", "out/corpus.rejects.jsonl"),
        ("out/corpus.jsonl.gz", "rejects", "out/corpus.rejects.jsonl.gz"),
        ("out/corpus.jsonl.zst", "stats", "out/corpus.stats.json.zst"),
        ("out/corpus.jsonl", "stats", "out/corpus.stats.json"),
        ("out.ndjson.gz", "rejects", "out.rejects.ndjson.gz"),
        ("out.ndjson.gz", "stats", "out.stats.ndjson.json.gz"),
        ("out.ndjson", "stats", "out.stats.ndjson.json"),
    ],
)
def test_companion_paths(output: str, kind: str, expected: str):
    assert companion_path(output, kind) == expected


@pytest.mark.parametrize("output", ["corpus", "corpus.parquet", "corpus.json", ".jsonl"])
def test_suffixes_we_cannot_write_are_usage_errors(output: str):
    with pytest.raises(ConfigError, match="is not an output format"):
        output_paths(output, None, None)
