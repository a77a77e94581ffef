"""`streams.bounded_lines`: every line as it is, or its size when it passes the limit (line end not counted)."""

from __future__ import annotations

import io

import pytest

from cleaner.io.streams import TooLarge, bounded_lines

LIMIT = 10


def _expected(data: bytes, limit: int) -> list[bytes | int]:
    """Each line, or the size of its content (without its `\\r`/`\\n` end) when that is over `limit`."""
    out: list[bytes | int] = []
    for line in _lines(data):
        content = len(line.rstrip(b"\r\n"))
        out.append(content if content > limit else line)
    return out


def _lines(data: bytes) -> list[bytes]:
    """Lines ended by `\\n` only (a `\\r` alone does not end a line for `readline`)."""
    parts = data.split(b"\n")
    lines = [part + b"\n" for part in parts[:-1]]
    return lines + ([parts[-1]] if parts[-1] else [])


@pytest.mark.parametrize("end", [b"\n", b"\r\n", b"\r\r\n", b""], ids=["lf", "crlf", "cr-cr-lf", "no-end"])
@pytest.mark.parametrize("content", [0, LIMIT - 1, LIMIT, LIMIT + 1, LIMIT + 2], ids=lambda n: f"{n}-bytes")
def test_lines_around_the_limit(content: int, end: bytes) -> None:
    data = b"first\n" + b"x" * content + end + (b"last line\n" if end else b"")
    got = [item.size if isinstance(item, TooLarge) else item for item in bounded_lines(io.BytesIO(data), LIMIT)]
    assert got == _expected(data, LIMIT)


def test_a_line_longer_than_one_read_is_measured_whole() -> None:
    data = b"short\n" + b"y" * 2_500_000 + b"\r\n" + b"after\n"
    got = [item.size if isinstance(item, TooLarge) else item for item in bounded_lines(io.BytesIO(data), LIMIT)]
    assert got == [b"short\n", 2_500_000, b"after\n"]
    assert list(bounded_lines(io.BytesIO(data), None)) == data.splitlines(keepends=True)
