"""Damaged and hostile inputs: each becomes rejects with their location, none ends the run or loses records
silently (issue 15)."""

from __future__ import annotations

import gzip
import io
import json
import os
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import ConfigError, Document, Rejected
from cleaner.io.readers import ReaderOptions, read_inputs


def read(path: Path, max_record_bytes: int | None = 64_000_000) -> list[Document | Rejected]:
    return list(read_inputs([str(path)], ReaderOptions(max_record_bytes=max_record_bytes)))


def rejects(items: list[Document | Rejected]) -> list[tuple[str, str]]:
    return [(r.document.id, r.reason) for r in items if isinstance(r, Rejected)]


def lines(count: int) -> bytes:
    return b"".join(json.dumps({"id": f"d{i}", "text": f"record {i} " * 8}).encode() + b"\n" for i in range(count))


def warc(path: Path, count: int, body_words: int = 50) -> list[int]:
    """A WARC of `count` HTML responses (gzipped per record for .gz); returns each record's offset."""
    offsets = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for n in range(count):
            offsets.append(out.tell())
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            body = f"<html><body><p>page {n} {'word ' * body_words}</p></body></html>".encode()
            record = writer.create_warc_record(
                f"https://a.vn/{n}", "response", payload=io.BytesIO(body), http_headers=http
            )
            writer.write_record(record)
    return offsets


def test_deeply_nested_json_line_is_a_reject_not_a_crash(tmp_path: Path):
    path = tmp_path / "deep.jsonl"
    path.write_text('{"text": "before"}\n{"a": ' + "[" * 200_000 + "]" * 200_000 + '}\n{"text": "after"}\n')
    items = read(path)
    assert rejects(items) == [("deep.jsonl:2", "error.json")]
    assert [d.text for d in items if isinstance(d, Document)] == ["before", "after"]


def test_raw_surrogate_bytes_in_a_json_line_are_a_decode_reject(tmp_path: Path):
    """json.loads reads ED A0 80 as a lone surrogate that no writer can encode; it is not UTF-8."""
    path = tmp_path / "s.jsonl"
    path.write_bytes(b'{"text": "ok"}\n{"text": "a\xed\xa0\x80b"}\n{"text": "after"}\n')
    items = read(path)
    assert rejects(items) == [("s.jsonl:2", "error.decode")]
    assert [d.text for d in items if isinstance(d, Document)] == ["ok", "after"]


def test_byte_order_mark_on_a_json_line_is_still_read(tmp_path: Path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "first"}\n')
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.text == "first"


def test_zstd_cut_at_a_block_boundary_is_reported_truncated(tmp_path: Path):
    """zstandard's reader ends silently at a block boundary: 20,000 records gave 9,216 and exit 0."""
    data = zstandard.ZstdCompressor(level=3).compress(lines(20_000))
    blocks = _zstd_block_ends(data)
    path = tmp_path / "cut.jsonl.zst"
    path.write_bytes(data[: blocks[len(blocks) // 2]])
    items = read(path)
    assert rejects(items)[-1][1] == "error.truncated"
    assert isinstance(items[-1], Rejected) and "the rest of it is lost" in items[-1].detail["message"]
    assert 0 < sum(isinstance(d, Document) for d in items) < 20_000


def _zstd_block_ends(frame: bytes) -> list[int]:
    """Offsets just after each block of a single zstd frame (RFC 8878: 3-byte block headers)."""
    descriptor = frame[4]
    single_segment = descriptor >> 5 & 1
    size_bytes = {0: single_segment, 1: 2, 2: 4, 3: 8}[descriptor >> 6]
    position = 5 + (0 if single_segment else 1) + (0, 1, 2, 4)[descriptor & 3] + size_bytes
    ends = []
    while True:
        header = int.from_bytes(frame[position : position + 3], "little")
        size = 1 if (header >> 1) & 3 == 1 else header >> 3
        position += 3 + size
        ends.append(position)
        if header & 1:
            return ends


def test_whole_zstd_files_of_several_frames_read_completely(tmp_path: Path):
    path = tmp_path / "two.jsonl.zst"
    compressor = zstandard.ZstdCompressor()
    path.write_bytes(compressor.compress(lines(3)) + compressor.compress(lines(2)))
    items = read(path)
    assert len(items) == 5 and not rejects(items)


def test_gzip_cut_short_is_reported_truncated(tmp_path: Path):
    data = gzip.compress(lines(5_000))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    items = read(path)
    assert rejects(items)[-1][1] == "error.truncated"


@pytest.mark.parametrize("suffix", [".txt.zst", ".html.zst"])
def test_compressed_page_cut_short_is_truncated_not_a_shorter_page(tmp_path: Path, suffix: str):
    data = zstandard.ZstdCompressor().compress(b"<p>" + b"word " * 100_000 + b"</p>")
    path = tmp_path / f"page{suffix}"
    path.write_bytes(data[: _zstd_block_ends(data)[0]])
    assert rejects(read(path)) == [(path.as_posix(), "error.truncated")]


def test_plain_warc_cut_anywhere_in_its_last_record_never_keeps_the_cut_page(tmp_path: Path):
    full = tmp_path / "full.warc"
    offsets = warc(full, 3)
    data = full.read_bytes()
    for end in range(offsets[2] + 1, len(data) - 4, 37):
        path = tmp_path / "cut.warc"
        path.write_bytes(data[:end])
        items = read(path)
        assert sum(isinstance(d, Document) for d in items) == 2, end
        assert [reason for _, reason in rejects(items)] == ["error.truncated"], end


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
@pytest.mark.parametrize(
    "garbage", [b"garbage\r\nmore\r\n\r\n", b"WARC/1.0\r\nnot: a record\r\n\r\n", bytes(range(256))]
)
def test_garbage_inside_a_warc_is_skipped_and_the_records_after_it_kept(tmp_path: Path, suffix: str, garbage: bytes):
    full = tmp_path / f"full{suffix}"
    offsets = warc(full, 5)
    data = full.read_bytes()
    path = tmp_path / f"damaged{suffix}"
    path.write_bytes(data[: offsets[2]] + garbage + data[offsets[2] :])
    items = read(path)
    assert [d.metadata["url"] for d in items if isinstance(d, Document)] == [f"https://a.vn/{n}" for n in range(5)]
    ((reject_id, reason),) = rejects(items)
    assert (reject_id, reason) == (f"{path.as_posix()}@{offsets[2]}", "error.unreadable")
    (reject,) = [r for r in items if isinstance(r, Rejected)]
    assert f"{len(garbage)} bytes skipped" in reject.detail["message"]


def test_json_line_over_the_limit_is_too_large_and_the_next_lines_read(tmp_path: Path):
    path = tmp_path / "big.jsonl"
    path.write_bytes(b'{"text": "' + b"a" * 5_000 + b'"}\n' + b'{"text": "small"}\r\n' + b"x" * 3_000)
    items = read(path, max_record_bytes=1_000)
    assert rejects(items) == [("big.jsonl:1", "error.too_large"), ("big.jsonl:3", "error.too_large")]
    assert [d.text for d in items if isinstance(d, Document)] == ["small"]
    first = items[0]
    assert isinstance(first, Rejected) and first.detail["message"] == "line of 5012 bytes, more than the limit of 1000"


def test_a_line_exactly_at_the_limit_is_read(tmp_path: Path):
    record = b'{"text": "' + b"a" * 988 + b'"}'
    assert len(record) == 1_000
    path = tmp_path / "edge.jsonl"
    path.write_bytes(record + b"\r\n" + record)
    assert not rejects(read(path, max_record_bytes=1_000))


@pytest.mark.parametrize("name", ["big.txt", "big.html.gz", "big.txt.zst"])
def test_file_over_the_limit_is_too_large_without_decompressing_it_all(tmp_path: Path, name: str):
    content = b"<p>" + b"a" * 2_000_000 + b"</p>"  # compresses to a few kilobytes: a small bomb
    data = {".gz": gzip.compress, ".zst": zstandard.ZstdCompressor().compress}.get(Path(name).suffix, bytes)(content)
    path = tmp_path / name
    path.write_bytes(data)
    (reject,) = read(path, max_record_bytes=100_000)
    assert isinstance(reject, Rejected) and reject.reason == "error.too_large"


def test_warc_record_over_the_limit_is_too_large_and_the_next_records_kept(tmp_path: Path):
    path = tmp_path / "a.warc.gz"
    offsets = warc(path, 3, body_words=5)
    with open(path, "ab") as out:  # a fourth, large record, then a fifth small one
        writer = WARCWriter(out, gzip=True)
        for n, words in ((3, 10_000), (4, 5)):
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            body = io.BytesIO(f"<p>page {n} {'word ' * words}</p>".encode())
            offsets.append(out.tell())
            writer.write_record(
                writer.create_warc_record(f"https://a.vn/{n}", "response", payload=body, http_headers=http)
            )
    items = read(path, max_record_bytes=10_000)
    assert rejects(items) == [(f"{path.as_posix()}@{offsets[3]}", "error.too_large")]
    assert [d.metadata["url"] for d in items if isinstance(d, Document)] == [f"https://a.vn/{n}" for n in (0, 1, 2, 4)]


def test_max_record_bytes_is_validated():
    with pytest.raises(ConfigError, match="max_record_bytes"):
        ReaderOptions(max_record_bytes=0)


@pytest.mark.parametrize("garbage", [b"\r", b"\n\r", b"x"], ids=["cr", "lf-cr", "one-byte"])
def test_a_stray_byte_before_a_warc_record_loses_no_record(tmp_path: Path, garbage: bytes):
    """Found by fuzzing: a stray CR between records made warcio read `\\rWARC/1.0` and the record after it was lost."""
    full = tmp_path / "full.warc"
    offsets = warc(full, 3)
    data = full.read_bytes()
    path = tmp_path / "stray.warc"
    path.write_bytes(data[: offsets[1]] + garbage + data[offsets[1] :])
    items = read(path)
    assert [d.metadata["url"] for d in items if isinstance(d, Document)] == [f"https://a.vn/{n}" for n in range(3)]


def test_a_file_name_that_is_not_utf8_is_escaped_not_unwritable(tmp_path: Path):
    """Found while checking writes: a Latin-1 file name gave an id no writer could encode (the sharded run crashed)."""
    os.mkdir(os.path.join(os.fsencode(tmp_path), b"in"))
    with open(os.path.join(os.fsencode(tmp_path), b"in", b"caf\xe9.txt"), "wb") as out:
        out.write("Văn bản".encode())
    (doc,) = read(tmp_path / "in")
    assert isinstance(doc, Document) and doc.id == f"{(tmp_path / 'in').as_posix()}/caf\\xe9.txt"
    assert doc.metadata["source"]["path"] == str(tmp_path / "in" / "caf\\xe9.txt")
    json.dumps(doc.to_record(), ensure_ascii=False).encode("utf-8")


def test_a_false_gzip_header_between_warc_members_loses_no_record(tmp_path: Path):
    """Found by fuzzing: warcio stopped quietly at a stray gzip magic number, and every record after it was lost."""
    full = tmp_path / "full.warc.gz"
    offsets = warc(full, 3)
    data = full.read_bytes()
    path = tmp_path / "stray.warc.gz"
    path.write_bytes(data[: offsets[1]] + b"\x1f\x8b\x08" + data[offsets[1] :])
    items = read(path)
    assert [d.metadata["url"] for d in items if isinstance(d, Document)] == [f"https://a.vn/{n}" for n in range(3)]
    assert rejects(items) == [(f"{path.as_posix()}@{offsets[1]}", "error.unreadable")]
