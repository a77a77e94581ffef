"""Walk the records of a WARC file (plain or gzipped per record) so that no damage loses records silently.

warcio reads leniently: it hands out a record cut by the end of the file as if it were whole, and stops at the
first bytes that are not a record, dropping everything after them. `walk_archive` yields each whole record with
its payload, and a `Damage` for each stretch it could not read: a record cut short or a payload failing its
digest (`error.truncated`), a record larger than the limit (`error.too_large`, its payload never read), and bytes
that are not a record (`error.unreadable`), after which it resynchronises on the next record start and goes on.
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.io.streams import TRUNCATED

__all__ = ["ArchiveRecord", "Damage", "walk_archive"]

_PLAIN_START = (b"WARC/1.0\r\n", b"WARC/1.1\r\n", b"WARC/1.0\n", b"WARC/1.1\n")
_GZIP_MAGIC = b"\x1f\x8b\x08"
_SCAN = 1 << 20


@dataclass(frozen=True)
class Damage:
    """What could not be read at `offset`: an `error.*` reason and a message saying what was lost; `tail` for
    damage found after the last whole record (the file's end is cut)."""

    offset: int
    reason: str
    message: str
    tail: bool = False


@dataclass(frozen=True)
class ArchiveRecord:
    """A record, its payload and its byte offset in the file; `damage` when its payload is too large (and was
    not read) or fails its digest."""

    record: Any
    payload: bytes
    offset: int
    damage: Damage | None = None


def walk_archive(path: Path, max_bytes: int | None) -> Iterator[ArchiveRecord | Damage]:
    """Every record of `path` in order, and a `Damage` wherever some of it could not be read."""
    gzipped = path.name.lower().endswith(".gz")
    size = path.stat().st_size
    with open(path, "rb") as stream:
        start: int | None = 0
        while start is not None:
            stream.seek(start)
            segment_start = start
            failed_at, end, message = yield from _walk_from(stream, max_bytes)
            assert failed_at is None or end is not None
            if failed_at is None and end is not None and size - end > (0 if gzipped else 7):
                # warcio also stops quietly, at bytes that look like a gzip member but are not one
                failed_at, message = end, f"reading stopped {size - end} bytes before the end of the file"
            if failed_at is None:
                cut = _cut_at_end(stream, segment_start, end, size, gzipped) if end is not None else ""
                if cut:
                    yield Damage(end or 0, "error.truncated", cut, tail=True)
                return
            failed_at = _skip_blank_lines(stream, failed_at)
            # a record at the failure is tried once more, unless reading already started there
            start = _next_record_start(stream, failed_at + (failed_at == segment_start), gzipped)
            if start == failed_at:
                continue  # nothing to skip: read again from the record start
            if start is None and message.startswith("file ends"):
                yield Damage(failed_at, "error.truncated", message)
            elif start is None:
                lost = f"{size - failed_at} bytes to the end of the file are lost"
                yield Damage(failed_at, "error.truncated", f"{message}; {lost}")
            else:
                skipped = f"{start - failed_at} bytes skipped up to the next record at offset {start}"
                problem = "no Content-Length in its headers" if message.startswith("file ends") else message
                yield Damage(failed_at, "error.unreadable", f"not a WARC record ({problem}); {skipped}")


_Walk = Generator[ArchiveRecord | Damage, None, tuple[int | None, int | None, str]]


def _walk_from(stream: IO[bytes], max_bytes: int | None) -> _Walk:
    """Records from the stream's position on. Returns (where reading failed or None, end of the last whole
    record or None after a record cut by the end of the file, why it failed)."""
    from warcio.archiveiterator import ArchiveIterator

    end = stream.tell()
    records = ArchiveIterator(stream, check_digests=True)
    try:
        for record in records:
            too_large = max_bytes is not None and (record.length or 0) > max_bytes
            payload = b"" if too_large else record.content_stream().read()
            offset = records.get_record_offset()  # after reading the payload: it skips the rest of the record
            end = offset + records.get_record_length()
            cut = _cut_short(record)
            if record.length is None:  # cut, or garbage: a record follows the garbage, none follows a cut
                return offset, offset, cut
            if cut:
                yield Damage(offset, "error.truncated", cut)
                return None, None, ""  # nothing follows the cut
            damage = None
            if too_large:
                damage = Damage(offset, "error.too_large", f"record of {record.length} bytes, more than {max_bytes}")
            elif record.digest_checker.passed is False:
                damage = Damage(offset, "error.truncated", "payload digest mismatch")
            yield ArchiveRecord(record, payload, offset, damage)
    except Exception as exc:  # warcio raises many kinds on damaged input
        return end, end, f"{type(exc).__name__}: {exc}"
    return None, end, ""


def _cut_short(record: Any) -> str:
    """Why a record is incomplete, "" if it is whole. warcio checks no digest of a block it did not read to the
    end."""
    if record.length is None:  # Content-Length is mandatory: the headers were cut
        return "file ends inside this record's headers"
    missing = getattr(record.raw_stream, "limit", 0)  # bytes of the block the file did not hold
    return f"file ends inside this record: {missing} of {record.length} bytes missing" if missing else ""


def _cut_at_end(stream: IO[bytes], start: int, end: int, size: int, gzipped: bool) -> str:
    """Why the file's tail after the last whole record is damage, "" when the file ends cleanly."""
    if not gzipped:
        return "" if size - end < 8 else f"file ends inside a record; {size - end} bytes after offset {end} are lost"
    stream.seek(start)
    try:
        with gzip.GzipFile(fileobj=stream, mode="rb") as members:
            while members.read(_SCAN):
                pass
    except TRUNCATED:
        return "file ends inside a record; records may be lost"
    return ""


def _skip_blank_lines(stream: IO[bytes], position: int) -> int:
    """The first offset from `position` on that is not a line break (records are followed by two)."""
    stream.seek(position)
    head = stream.read(64)
    return position + len(head) - len(head.lstrip(b"\r\n"))


def _next_record_start(stream: IO[bytes], position: int, gzipped: bool) -> int | None:
    """The offset of the first record start at or after `position`, None when there is none."""
    marker = _GZIP_MAGIC if gzipped else b"WARC/1."  # garbage need not end with a line break
    while (found := _find(stream, marker, position)) is not None:
        if _opens_record(stream, found, gzipped):
            return found
        position = found + 1
    return None


def _find(stream: IO[bytes], marker: bytes, position: int) -> int | None:
    stream.seek(position)
    offset = position
    carry = b""
    while chunk := stream.read(_SCAN):
        window = carry + chunk
        at = window.find(marker)
        if at >= 0:
            return offset - len(carry) + at
        carry = window[-(len(marker) - 1) :]
        offset += len(chunk)
    return None


def _opens_record(stream: IO[bytes], offset: int, gzipped: bool) -> bool:
    """Whether a WARC record starts at `offset`: its first line (inside a gzip member for a .gz file)."""
    stream.seek(offset)
    head = stream.read(4096)
    if gzipped:
        try:
            head = zlib.decompressobj(31).decompress(head, 64)
        except zlib.error:
            return False
    return head.startswith(_PLAIN_START)
