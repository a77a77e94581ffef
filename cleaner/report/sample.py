"""Bounded reads of a JSONL output: a sample spread over the file, and a search for a few ids.

A report must not read a corpus of a million documents. For a plain `.jsonl` file the sample seeks to evenly
spaced byte offsets and takes the next whole line at each, so it costs a few reads whatever the file size and
covers the whole file. A compressed file cannot be sought cheaply: its sample is its first records. The id
search reads at most `max_bytes` of the file.
"""

from __future__ import annotations

import json
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

from cleaner.io.readers import iter_records

__all__ = ["DEFAULT_SAMPLE", "find_records", "sample_records"]

#: Kept documents a report samples by default (and half as many rejects).
DEFAULT_SAMPLE = 24

#: Bytes the id search reads at most.
MAX_SEARCH_BYTES = 64 * 1024 * 1024

_ID_OPENING = b'{"id": "'
#: Bytes of a line decoded to read its id.
_ID_OPENING_BYTES = 4096


def sample_records(path: Path, n: int) -> list[dict[str, Any]]:
    """Up to `n` records spread over the file (the first `n` of a compressed file), in file order."""
    if n <= 0 or not path.exists():
        return []
    if path.suffix != ".jsonl":
        records = []
        for record in iter_records(path):
            records.append(record)
            if len(records) >= n:
                break
        return records
    size = path.stat().st_size
    offsets: list[int] = []
    with path.open("rb") as stream:
        for k in range(n):
            stream.seek(size * k // n)
            if k:
                stream.readline()  # the rest of the line the seek landed in
            offset = stream.tell()
            if offset < size and (not offsets or offset > offsets[-1]):
                offsets.append(offset)
        records = []
        for offset in offsets:
            stream.seek(offset)
            line = stream.readline()
            if line.strip():
                records.append(json.loads(line))
    return records


def find_records(path: Path, ids: set[str], max_bytes: int = MAX_SEARCH_BYTES) -> dict[str, dict[str, Any]]:
    """The records with these ids among the first `max_bytes` of a plain JSONL file, by id.

    Only the id at the start of each line (`{"id": "...",` as cleaner writes records) is decoded before a match.
    """
    if not ids or path.suffix != ".jsonl" or not path.exists():
        return {}
    found: dict[str, dict[str, Any]] = {}
    read = 0
    with path.open("rb") as stream:
        for line in stream:
            read += len(line)
            if line.startswith(_ID_OPENING):
                head = line[len(_ID_OPENING) - 1 : _ID_OPENING_BYTES].decode("utf-8", "ignore")
                try:
                    record_id = scanstring(head, 1)[0]
                except ValueError:
                    record_id = None
                if record_id in ids:
                    found[record_id] = json.loads(line)
                    if len(found) == len(ids):
                        break
            if read >= max_bytes:
                break
    return found
