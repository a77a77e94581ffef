"""Write JSONL records (plain, .gz or .zst by suffix; `-` is stdout) and the run's stats file.

Compressed output is byte-reproducible: gzip headers carry no file name and no modification time.
"""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import zstandard

__all__ = ["JsonlWriter", "companion_path", "write_json"]


class JsonlWriter:
    """One JSON object per line, UTF-8, keys in the order given."""

    def __init__(self, path: str) -> None:
        self.path = path
        self._stream: IO[str] | None = None
        self._closers: list[Any] = []
        self.count = 0

    def __enter__(self) -> JsonlWriter:
        self._stream = self._open()
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _open(self) -> IO[str]:
        if self.path == "-":
            return sys.stdout
        path = Path(self.path)
        path.parent.mkdir(parents=True, exist_ok=True)
        raw = open(path, "wb")  # noqa: SIM115 - closed in close()
        self._closers.append(raw)
        binary: Any = raw
        if path.name.endswith(".gz"):
            binary = gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0)
            self._closers.append(binary)
        elif path.name.endswith(".zst"):
            binary = zstandard.ZstdCompressor(level=10).stream_writer(raw, closefd=False)
            self._closers.append(binary)
        text = io.TextIOWrapper(binary, encoding="utf-8", newline="\n", write_through=False)
        self._closers.append(text)
        return text

    def write(self, record: dict[str, Any]) -> None:
        if self._stream is None:
            self._stream = self._open()
        self._stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.count += 1

    def close(self) -> None:
        if self._stream is None:
            return
        self._stream.flush()
        for closer in reversed(self._closers):
            closer.close()
        self._closers.clear()
        self._stream = None


def companion_path(output: str, kind: str) -> str:
    """`corpus.jsonl.gz` -> `corpus.rejects.jsonl.gz` (kind `rejects`) or `corpus.stats.json` (kind `stats`)."""
    path = Path(output)
    name = path.name
    for suffix in (
        ".jsonl.gz",
        ".jsonl.zst",
        ".jsonl",
        ".ndjson.gz",
        ".ndjson.zst",
        ".ndjson",
        ".gz",
        ".zst",
    ):
        if name.endswith(suffix):
            stem, compressed = name[: -len(suffix)], suffix
            break
    else:
        stem, compressed = path.stem or name, ".jsonl"
    if kind == "stats":
        return str(path.with_name(f"{stem}.stats.json"))
    return str(path.with_name(f"{stem}.{kind}{compressed if compressed.startswith('.jsonl') else '.jsonl'}"))


@contextmanager
def _text_out(path: str) -> Iterator[IO[str]]:
    if path == "-":
        yield sys.stdout
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="\n") as stream:
        yield stream


def write_json(path: str, data: dict[str, Any]) -> None:
    """Write an indented JSON document (the stats file)."""
    with _text_out(path) as stream:
        json.dump(data, stream, ensure_ascii=False, indent=2)
        stream.write("\n")
