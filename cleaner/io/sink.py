"""Route a run's records to the corpus and rejects writers so that no single record can end the run.

A record that cannot be written (text no encoder takes, such as a lone surrogate a step produced, or a value
JSON cannot hold) goes to the rejects file instead, its unwritable characters replaced by `?`: a kept document
becomes an `error.unwritable` reject (the caller moves it from kept to rejected in its counts, so documents in =
kept + rejected still holds), a reject keeps its reason.

Reason code: `error.unwritable`.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from cleaner.document import Document, Rejected
from cleaner.io.writers import JsonlWriter

__all__ = ["UNWRITABLE", "RecordSink"]

log = logging.getLogger(__name__)

WRITE_STEP = "write"
UNWRITABLE = "error.unwritable"


class RecordSink:
    """Writes kept documents to `corpus` and rejects to `rejects` (None: rejects are counted, not kept)."""

    def __init__(self, corpus: JsonlWriter, rejects: JsonlWriter | None) -> None:
        self.corpus = corpus
        self.rejects = rejects

    def kept(self, doc: Document) -> bool:
        """Write a kept document; False when it could not be written and went to the rejects as unwritable."""
        try:
            record = doc.to_record()
            self.corpus.write(record)
        except Exception as exc:  # one record must not end the run
            log.warning("document %r cannot be written: %r", doc.id, exc)
            unwritable = Rejected(doc, UNWRITABLE, WRITE_STEP, {"message": f"{type(exc).__name__}: {exc}"})
            self._write_reject(_writable(unwritable.to_record()))
            return False
        return True

    def rejected(self, item: Rejected) -> None:
        """Write a reject; one that cannot be written as it is goes with its unwritable characters replaced."""
        if self.rejects is None:
            return
        try:
            self.rejects.write(item.to_record())
        except Exception as exc:
            log.warning("reject %r cannot be written as it is: %r", item.document.id, exc)
            self._write_reject(_writable(item.to_record()))

    def _write_reject(self, record: dict[str, Any]) -> None:
        if self.rejects is not None:
            self.rejects.write(record)


def _writable(record: dict[str, Any]) -> dict[str, Any]:
    """`record` as JSON can hold it, with every character UTF-8 cannot encode replaced by `?`."""
    text = json.dumps(record, ensure_ascii=False, default=repr)
    return dict(json.loads(text.encode("utf-8", "replace").decode("utf-8")))
