"""What reading one input record gives: its text decoded (with the encoding noted in its source), the sha256 of
its raw bytes, or a `Rejected` record of the read step with an `error.*` reason; shared by every reader."""

from __future__ import annotations

import hashlib
from typing import Any

from cleaner.document import Document, Rejected
from cleaner.io.decode import DecodeError, decode_bytes

__all__ = ["READ_STEP", "decode_payload", "reject", "sha256"]

READ_STEP = "read"


def reject(doc_id: str, source: dict[str, Any], reason: str, message: str) -> Rejected:
    """A reject of the read step: an empty document that keeps where the record was (`source`)."""
    doc = Document(id=doc_id, metadata={"source": source})
    return Rejected(doc, reason, READ_STEP, {"message": message})


def sha256(data: bytes | memoryview) -> str:
    """The hex sha256 of a record's raw bytes, as stored: provenance that a reader can check against the input."""
    return hashlib.sha256(data).hexdigest()


def decode_payload(data: bytes, source: dict[str, Any], declared: str | None = None) -> tuple[str | None, str, str]:
    """(text, "", "") with the encoding noted in `source`, or (None, reason, message) when the bytes are empty,
    binary or undecodable."""
    if not data.strip():
        return None, "error.empty", "no content"
    try:
        decoded = decode_bytes(data, declared)
    except DecodeError as exc:
        reason = "error.binary" if "binary" in str(exc) else "error.decode"
        return None, reason, str(exc)
    source["encoding"] = decoded.encoding
    source["encoding_evidence"] = decoded.evidence
    if decoded.declared and decoded.declared != decoded.encoding:
        source["declared_encoding"] = decoded.declared
    return decoded.text, "", ""
