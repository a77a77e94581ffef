"""The one place where raw bytes become text.

Order of evidence: a byte-order mark, then the declared charset (HTTP header or `<meta charset>`), then UTF-8.
Input that none of these decodes raises `DecodeError`, which readers turn into an `error.decode` reject.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

__all__ = ["DecodeError", "Decoded", "decode_bytes"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


class DecodeError(ValueError):
    """The bytes could not be decoded to text with any trustworthy encoding."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decoded (`encoding`, and `evidence`: bom, declared, utf-8 ...)."""

    text: str
    encoding: str
    evidence: str


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` is the charset a header or meta tag claims, trusted only if it decodes cleanly."""
    if b"\x00" in data[:4096] and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DecodeError("binary data (NUL bytes)")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, "bom")
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte-order mark says {encoding} but {exc.reason}") from None
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8")
    except UnicodeDecodeError as utf8_error:
        if declared:
            try:
                return Decoded(data.decode(declared), codecs.lookup(declared).name, "declared")
            except (LookupError, UnicodeDecodeError):
                pass
        raise DecodeError(f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start})") from None
