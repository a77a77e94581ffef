"""`jsonline`: orjson does the work, the bytes and values are the standard `json` module's."""

from __future__ import annotations

import gzip
import io
import json
import math
from pathlib import Path

import pytest
import zstandard

from cleaner.io.jsonline import _ORJSON_LIMITS_DEPTH, NOT_READ, dumps_record, loads_record
from cleaner.io.writers import JsonlWriter


def _json_bytes(record: object) -> bytes:
    return json.dumps(record, ensure_ascii=False).encode("utf-8")


def test_every_code_point_is_escaped_as_json_escapes_it() -> None:
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    for start in range(0, len(points), 4096):
        text = "".join(map(chr, points[start : start + 4096]))
        assert dumps_record({"text": text}) == _json_bytes({"text": text}), hex(points[start])


@pytest.mark.parametrize(
    "record",
    [
        {},
        {"id": "a", "text": 'Hà Nội\n\t"quoted" \\ \x00\x1f\x7f\u2028', "n": 3, "ok": True, "none": None},
        {"floats": [0.1, 1e16, 1e-7, -0.0, 123456789.123, math.inf, -math.inf]},
        {"nan": math.nan},
        {"big": 2**70, "neg": -(2**64)},
        {"metadata": {"source": {"path": "x.jsonl", "line": 1}, "events": [{"step": "a", "score": 0.25}]}},
        {1: "int key", "s": "x"},
        {"unicode key ử": "v", "emoji": "😀"},
    ],
    ids=["empty", "strings", "floats", "nan", "big-int", "nested", "int-key", "unicode-key"],
)
def test_records_are_written_as_json_writes_them(record: dict) -> None:
    assert dumps_record(record) == _json_bytes(record)


def test_a_lone_surrogate_fails_as_it_did_through_json() -> None:
    with pytest.raises(UnicodeEncodeError):
        dumps_record({"text": "a\ud800b"})


@pytest.mark.parametrize(
    ("line", "by_orjson"),
    [
        (
            '{"id": "a", "text": "Hà Nội \\u1ea0 \\ud83d\\ude00", "n": -12, "f": 0.1, "e": 1E5, "z": -0.0}\n'.encode(),
            True,
        ),
        (b'{"a": 1, "b": 2, "a": 3}\r\n', True),
        (b'{"fine": 999999999999999999, "f": 2.5}', True),
        (b"[1, 2]", True),
        (b'"just a string"', True),
        (b'{"big": 123456789012345678901234567890, "f": 1.5}', False),
        (b'{"big": -9223372036854775809}', False),
        (b'{"digits in text": "1234567890123456789012", "f": 2.5}', False),
    ],
    ids=["plain", "duplicate-key", "18-digits", "list", "string", "big-int-and-float", "big-negative-int", "digits"],
)
def test_lines_are_read_as_json_reads_them(line: bytes, by_orjson: bool) -> None:
    read = loads_record(line)
    assert (read is not NOT_READ) == by_orjson
    if by_orjson:
        assert repr(read) == repr(json.loads(line))  # repr tells 1 from 1.0 and shows key order


def test_integers_beyond_64_bits_are_left_to_json() -> None:
    assert loads_record(b'{"big": 123456789012345678901234567890}') is NOT_READ
    assert loads_record(b'{"big": -9223372036854775809, "x": "y"}') is NOT_READ


@pytest.mark.parametrize(
    "line",
    [
        b'{"x": NaN}',
        b'{"x": 1e400}',
        b'\xef\xbb\xbf{"x": 1}',
        b'{"x": "\\ud800"}',
        b'{"x": "\xed\xa0\x80"}',
        b'{"x": "\xff"}',
        b'{"x": "a\x01b"}',
        b'{"x": 1,}',
        b"[" * 2000 + b"]" * 2000,
        b'{"a": ' + b"[" * 150 + b"]" * 150 + b"}",
        b'{"x": 1} trailing',
    ],
    ids=[
        "nan",
        "overflow",
        "bom",
        "lone-surrogate",
        "surrogate-bytes",
        "bad-utf8",
        "control",
        "comma",
        "2000-deep",
        "150-deep",
        "trailing",
    ],
)
def test_what_orjson_refuses_is_left_to_json(line: bytes) -> None:
    assert loads_record(line) is NOT_READ


def test_many_shallow_brackets_reach_orjson_when_it_limits_depth_itself() -> None:
    """Bracket counting guards only an orjson that recurses without limit (before 3.9.15); with a later one the
    line is read by orjson, to the same values as `json`."""
    line = b'{"x": [' + b", ".join([b"[1, {}]"] * 1500) + b"]}"
    read = loads_record(line)
    assert (read is NOT_READ) == (not _ORJSON_LIMITS_DEPTH)
    if read is not NOT_READ:
        assert repr(read) == repr(json.loads(line))


def _through_text_stream(path: Path, records: list[dict]) -> bytes:
    """The writer before orjson: json.dumps through a TextIOWrapper over the compressor."""
    raw = io.BytesIO()
    if path.name.endswith(".gz"):
        binary: object = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0)
    else:
        binary = zstandard.ZstdCompressor(level=10).stream_writer(raw, closefd=False)
    text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False)  # type: ignore[arg-type]
    for record in records:
        text.write(json.dumps(record, ensure_ascii=False) + "\n")
    text.close()
    return raw.getvalue()


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_compressed_output_keeps_its_bytes(tmp_path: Path, suffix: str) -> None:
    records = [{"id": str(i), "text": "Sở Thông tin " * (i * 37 % 900), "score": i / 7} for i in range(300)]
    path = tmp_path / f"out{suffix}"
    with JsonlWriter(str(path)) as writer:
        for record in records:
            writer.write(record)
    if suffix == ".jsonl":
        assert path.read_bytes() == b"".join(_json_bytes(r) + b"\n" for r in records)
    else:
        assert path.read_bytes() == _through_text_stream(path, records)


@pytest.mark.parametrize("record", [{}, {"id": "a"}, {"id": "a", "n": [1.5]}], ids=["empty", "one", "two"])
def test_the_line_end_is_joined_in(record: dict) -> None:
    assert dumps_record(record, b"\n") == _json_bytes(record) + b"\n"
