"""The documents the dedup step holds until its input ends, in arrival order.

Deciding needs the whole input, so every document waits: in memory up to a limit, beyond it all of them in a
temporary SQLite file, read back in order (and by position, to verify a borderline pair from its text).
"""

from __future__ import annotations

import logging
import pickle
import sqlite3
import tempfile
from collections.abc import Iterator
from pathlib import Path

from cleaner.document import Document

__all__ = ["DocumentBuffer"]

log = logging.getLogger(__name__)


class DocumentBuffer:
    """Documents in arrival order: in memory up to `limit`, then all of them in a temporary SQLite file."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.memory: list[Document] = []
        self.spill: sqlite3.Connection | None = None
        self.count = 0
        self._directory: tempfile.TemporaryDirectory[str] | None = None

    def extend(self, docs: list[Document]) -> None:
        if self.spill is None and (self.limit is None or len(self.memory) + len(docs) <= self.limit):
            self.memory.extend(docs)
            self.count += len(docs)
            return
        if self.spill is None:
            self._directory = tempfile.TemporaryDirectory(prefix="cleaner-dedup-")
            self.spill = sqlite3.connect(Path(self._directory.name) / "spill.sqlite")
            self.spill.execute("CREATE TABLE docs (n INTEGER PRIMARY KEY, doc BLOB NOT NULL)")
            log.info("dedup: more than %s documents buffered; spilling to %s", self.limit, self._directory.name)
            pending, self.memory = self.memory, []
            self.count = 0  # renumbered as they move to the file
            self._write(pending)
        self._write(docs)

    def _write(self, docs: list[Document]) -> None:
        assert self.spill is not None
        with self.spill:
            self.spill.executemany(
                "INSERT INTO docs (n, doc) VALUES (?, ?)",
                ((self.count + i, pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)) for i, d in enumerate(docs)),
            )
        self.count += len(docs)

    def get(self, index: int) -> Document:
        """The `index`-th document (random access, for exact verification of borderline pairs)."""
        if self.spill is None:
            return self.memory[index]
        (blob,) = self.spill.execute("SELECT doc FROM docs WHERE n = ?", (index,)).fetchone()
        loaded: Document = pickle.loads(blob)
        return loaded

    def __iter__(self) -> Iterator[Document]:
        if self.spill is None:
            yield from self.memory
            return
        for (blob,) in self.spill.execute("SELECT doc FROM docs ORDER BY n"):
            yield pickle.loads(blob)

    def close(self) -> None:
        if self.spill is not None:
            self.spill.close()
            self.spill = None
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None
        self.memory = []
