"""Sharded output: `DIR/part-00000.jsonl.gz ...`, `DIR/rejects/part-00000.jsonl.gz ...`, and `DIR/manifest.json`.

Part `i` holds what became of input shard `i`, so the bytes of every part depend only on the input, the config
and the shard size. Each part is written under a temporary name and renamed when complete; the manifest (every
part with its counts and sha256, and the run's merged counts) is written last, so a directory without
`manifest.json` is an unfinished run. `DIR/.cleaner/` holds the run's fingerprint and the checkpoints that let
`--resume` continue after a crash; it is removed when the run completes. Local paths and fsspec URLs alike.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import fsspec
import zstandard

from cleaner.steps import ConfigError

__all__ = ["OutputDir", "PartInfo", "encode_jsonl", "write_atomic"]

MANIFEST = "manifest.json"
WORK = ".cleaner"


def encode_jsonl(records: Iterable[dict[str, Any]], name: str) -> bytes:
    """JSONL bytes, compressed by `name`'s suffix (.gz without name or time, .zst level 10)."""
    data = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records).encode("utf-8")
    if name.endswith(".gz"):
        return gzip.compress(data, compresslevel=6, mtime=0)
    if name.endswith(".zst"):
        return zstandard.ZstdCompressor(level=10).compress(data)
    return data


def write_atomic(url: str, data: bytes) -> None:
    """Write `data` to a temporary name beside `url`, then rename it to `url`."""
    fs, path = fsspec.core.url_to_fs(url)
    fs.makedirs(fs._parent(path), exist_ok=True)
    temporary = f"{fs._parent(path)}/.{path.rsplit('/', 1)[-1]}.tmp"
    with fs.open(temporary, "wb") as stream:
        stream.write(data)
    fs.mv(temporary, path)


@dataclass(frozen=True, slots=True)
class PartInfo:
    """One finished part: its files, counts and sha256."""

    index: int
    corpus: str
    docs: int
    sha256: str
    rejects: str
    rejected: int
    rejects_sha256: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index,
            "corpus": self.corpus,
            "docs": self.docs,
            "sha256": self.sha256,
            "rejects": self.rejects,
            "rejected": self.rejected,
            "rejects_sha256": self.rejects_sha256,
        }


class OutputDir:
    """An output directory, checked before anything is computed: new, `--overwrite`, or `--resume`."""

    def __init__(self, url: str, fingerprint: dict[str, Any], *, overwrite: bool = False, resume: bool = False):
        self.url = url.rstrip("/")
        self.fs, self.path = fsspec.core.url_to_fs(self.url)
        self.fingerprint = fingerprint
        self.complete = False
        state = f"{self.path}/{WORK}/state.json"
        existing = self.fs.exists(self.path) and bool(self.fs.ls(self.path))
        if existing and overwrite:
            self.fs.rm(self.path, recursive=True)
        elif existing and resume:
            if self.fs.exists(f"{self.path}/{MANIFEST}"):
                self.complete = True
                if self.fs.exists(f"{self.path}/{WORK}"):  # died while cleaning up
                    self.fs.rm(f"{self.path}/{WORK}", recursive=True)
                return
            if not self.fs.exists(state) and self._only_work_area():  # died before its first file: start afresh
                self.fs.rm(self.path, recursive=True)
            elif not self.fs.exists(state):
                raise ConfigError(f"cannot resume {url}: it holds no unfinished run of cleaner; use --overwrite")
            elif json.loads(self.fs.cat_file(state)) != fingerprint:
                raise ConfigError(
                    f"cannot resume {url}: it was started with other inputs, config or shard size; use --overwrite"
                )
        elif existing:
            raise ConfigError(f"{url} exists and is not empty: pass --overwrite to replace it or --resume to finish it")
        write_atomic(self._url(f"{WORK}/state.json"), json.dumps(fingerprint, sort_keys=True).encode("utf-8"))

    def _only_work_area(self) -> bool:
        return [p.rstrip("/").rsplit("/", 1)[-1] for p in self.fs.ls(self.path, detail=False)] == [WORK]

    def _url(self, relative: str) -> str:
        return f"{self.url}/{relative}"

    def part_urls(self, index: int, suffix: str = ".jsonl.gz") -> tuple[str, str]:
        """(corpus part, rejects part) of shard `index`."""
        name = f"part-{index:05d}{suffix}"
        return self._url(name), self._url(f"rejects/{name}")

    def checkpoint_url(self, index: int) -> str:
        return self._url(f"{WORK}/read/{index:05d}.pkl")

    def finished(self, index: int) -> PartInfo | None:
        """The part of shard `index` if both its files were completed by an earlier attempt."""
        corpus, rejects = self.part_urls(index)
        if not (self.fs.exists(corpus) and self.fs.exists(rejects)):
            return None
        return part_info(index, corpus, self.fs.cat_file(corpus), rejects, self.fs.cat_file(rejects))

    def complete_run(self, parts: list[PartInfo], stats: dict[str, Any]) -> None:
        """Write the manifest, then remove the work area."""
        manifest = {
            "fingerprint": self.fingerprint,
            "parts": [p.to_dict() for p in parts],
            "docs": sum(p.docs for p in parts),
            "rejected": sum(p.rejected for p in parts),
            "stats": _without_timings(stats),
        }
        write_atomic(self._url(MANIFEST), (json.dumps(manifest, ensure_ascii=False, indent=2) + "\n").encode())
        self.fs.rm(f"{self.path}/{WORK}", recursive=True)


def _without_timings(value: Any) -> Any:
    """Stats without wall-clock figures, so that the manifest is the same for every engine and worker count."""
    if isinstance(value, dict):
        timed = ("seconds", "docs_per_second", "mb_per_second")
        return {k: _without_timings(v) for k, v in value.items() if k not in timed}
    if isinstance(value, list):
        return [_without_timings(v) for v in value]
    return value


def part_info(index: int, corpus: str, corpus_bytes: bytes, rejects: str, rejects_bytes: bytes) -> PartInfo:
    return PartInfo(
        index,
        corpus.rsplit("/", 1)[-1],
        _lines(corpus_bytes, corpus),
        hashlib.sha256(corpus_bytes).hexdigest(),
        "rejects/" + rejects.rsplit("/", 1)[-1],
        _lines(rejects_bytes, rejects),
        hashlib.sha256(rejects_bytes).hexdigest(),
    )


def _lines(data: bytes, name: str) -> int:
    if name.endswith(".gz"):
        data = gzip.decompress(data)
    elif name.endswith(".zst"):
        data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    return data.count(b"\n")
