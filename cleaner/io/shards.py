"""Split the inputs of a run into shards: whole files, grouped up to a size, and byte ranges of large JSONL files.

A shard is a list of pieces (a file, or a byte range of a plain JSONL file cut at line ends); reading every
shard in order gives exactly the records `read_inputs` gives, with the same ids and `source` metadata (a range
knows how many lines come before it). The plan depends only on the inputs and `target_bytes`, never on the
number of workers, so the output parts made from it are the same for every engine.

Paths with a protocol (`s3://`, `gs://`, `hf://`, `memory://`, ...) are read through fsspec: a remote file is
copied to a temporary file of the same name, read there, and its `source.path` names the remote file.
"""

from __future__ import annotations

import io
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

import fsspec

from cleaner.document import Document, Rejected
from cleaner.io.readers import KNOWN_SUFFIXES, ReaderOptions, file_kind, read_jsonl_stream, read_path
from cleaner.steps import ConfigError

__all__ = ["InputShard", "Piece", "is_remote", "plan_shards", "read_shard"]

#: Shards hold about this many input bytes unless told otherwise.
DEFAULT_SHARD_BYTES = 16 << 20
_SPLITTABLE = (".jsonl", ".ndjson")
_SCAN = 8 << 20


@dataclass(frozen=True, slots=True)
class Piece:
    """A file (`end` None) or the bytes `[start, end)` of a plain JSONL file, `first_line` lines into it."""

    path: str
    doc_id: str
    size: int
    start: int = 0
    end: int | None = None
    first_line: int = 0


@dataclass(frozen=True, slots=True)
class InputShard:
    """The pieces one task reads, in input order."""

    index: int
    pieces: tuple[Piece, ...]

    @property
    def size(self) -> int:
        return sum(p.size for p in self.pieces)


def is_remote(path: str) -> bool:
    """True for an fsspec URL (`s3://bucket/x`), false for a local path."""
    return "://" in path and not path.startswith("file://")


def plan_shards(inputs: Sequence[str], target_bytes: int = DEFAULT_SHARD_BYTES) -> list[InputShard]:
    """The shards of `inputs` (files and directories, walked in sorted order); `ConfigError` for a missing
    input, an unknown file type or stdin."""
    if target_bytes < 1:
        raise ConfigError(f"shard size must be >= 1 byte, got {target_bytes}")
    shards: list[InputShard] = []
    group: list[Piece] = []

    def close_group() -> None:
        if group:
            shards.append(InputShard(len(shards), tuple(group)))
            group.clear()

    for piece in _pieces(inputs):
        if piece.size > target_bytes and piece.path.lower().endswith(_SPLITTABLE):
            close_group()
            for part in _split(piece, target_bytes):
                shards.append(InputShard(len(shards), (part,)))
            continue
        group.append(piece)
        if sum(p.size for p in group) >= target_bytes:
            close_group()
    close_group()
    return shards


def _pieces(inputs: Sequence[str]) -> Iterator[Piece]:
    for name in inputs:
        if name == "-":
            raise ConfigError("stdin cannot be sharded: give files, or use a single output file (-o FILE)")
        fs, root = fsspec.core.url_to_fs(name)
        if fs.isdir(root):
            yield from _walk(name, fs, root.rstrip("/"))
            continue
        if not fs.isfile(root):
            raise ConfigError(f"input {name} does not exist")
        if file_kind(Path(root)) is None:
            raise ConfigError(f"cannot read {name}: unknown file type; expected one of {', '.join(KNOWN_SUFFIXES)}")
        path = name if is_remote(name) else str(Path(name))
        yield Piece(path, path if is_remote(name) else Path(path).as_posix(), fs.size(root))


def _walk(name: str, fs: fsspec.AbstractFileSystem, root: str) -> Iterator[Piece]:
    """A directory's files in the order `read_inputs` walks them (sorted by path parts), hidden ones left out."""
    relative = sorted((PurePosixPath(f).relative_to(root) for f in fs.find(root)), key=lambda r: r.parts)
    for rel in relative:
        if any(part.startswith(".") for part in rel.parts):
            continue
        if is_remote(name):
            path = f"{name.rstrip('/')}/{rel.as_posix()}"
            yield Piece(path, path, fs.size(f"{root}/{rel.as_posix()}"))
        else:
            local = Path(name) / rel
            yield Piece(str(local), local.as_posix(), local.stat().st_size)


def _split(piece: Piece, target: int) -> Iterator[Piece]:
    """Byte ranges of about `target` bytes, cut after a line end, each knowing the lines before it."""
    with fsspec.open(piece.path, "rb") as stream:
        start, lines = 0, 0
        while start < piece.size:
            stream.seek(min(start + target, piece.size))
            if start + target < piece.size:
                _skip_line(stream)
            end = min(stream.tell(), piece.size)
            yield Piece(piece.path, piece.doc_id, end - start, start, end, lines)
            stream.seek(start)
            remaining = end - start
            while remaining:
                chunk = stream.read(min(_SCAN, remaining))
                lines += chunk.count(b"\n")
                remaining -= len(chunk)
            start = end


def _skip_line(stream: Any) -> None:
    """Move past the next line end, a chunk at a time (a line may be far larger than memory allows)."""
    while (chunk := stream.readline(_SCAN)) and not chunk.endswith(b"\n"):
        pass


class _Window(io.RawIOBase):
    """The next `size` bytes of `stream`, read as they are needed: a byte range is never held whole."""

    def __init__(self, stream: Any, size: int) -> None:
        self._stream = stream
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        data = self._stream.read(min(len(buffer), self._left))
        self._left -= len(data)
        buffer[: len(data)] = data
        return len(data)


def read_shard(shard: InputShard, options: ReaderOptions) -> Iterator[Document | Rejected]:
    """The records of every piece of `shard`, in order."""
    for piece in shard.pieces:
        yield from _read_piece(piece, options)


def _read_piece(piece: Piece, options: ReaderOptions) -> Iterator[Document | Rejected]:
    if piece.end is not None:
        with fsspec.open(piece.path, "rb") as stream:
            stream.seek(piece.start)
            window = io.BufferedReader(_Window(stream, piece.end - piece.start))
            yield from read_jsonl_stream(window, piece.path, options, first_line=piece.first_line)
        return
    if not is_remote(piece.path):
        yield from read_path(Path(piece.path), options, doc_id=piece.doc_id)
        return
    with tempfile.TemporaryDirectory(prefix="cleaner-remote-") as tmp:
        local = Path(tmp) / PurePosixPath(piece.path.split("://", 1)[1]).name
        with fsspec.open(piece.path, "rb") as remote, open(local, "wb") as copy:
            while chunk := remote.read(_SCAN):
                copy.write(chunk)
        for item in read_path(local, options, doc_id=piece.doc_id):
            doc = item.document if isinstance(item, Rejected) else item
            source = doc.metadata.get("source")
            if isinstance(source, dict) and source.get("path") == str(local):
                source["path"] = piece.path
            yield item
