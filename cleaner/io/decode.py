"""The one place where raw bytes become text.

Order of evidence:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. strict UTF-8: bytes that decode as UTF-8 are UTF-8 whatever the page claims (a legacy declaration on a
   UTF-8 page, "ISO-8859-1" on a modern CMS, is the most common lie; random single-byte text almost never
   decodes);
3. legacy Vietnamese encodings (TCVN3, TCVN 5712 VN1, VNI, VISCII, VPS, Windows-1258), unless a non-Latin code
   page is declared, found by trial conversion scored as Vietnamese syllables
   (`cleaner.encoding.legacy.detect_legacy_bytes`): charset detectors do not know them, and the pages that use
   them declare Windows-1252 or nothing;
4. UTF-8 with a few broken sequences (a truncated character, one stray Windows-1252 byte in a UTF-8 page):
   at least `_MIN_UTF8_CHARS` characters decode and broken ones are under 1 in 20 of them, so the page is
   UTF-8, and the broken bytes become U+FFFD as in browsers (evidence `utf-8-replaced`);
5. the declared charset: the HTTP header (`declared`, passed by the reader) or else `<meta charset>` /
   `<meta http-equiv="Content-Type" content="...; charset=...">` in the first 4 kB (`sniff_meta_charset`);
   ISO-8859-1 and US-ASCII labels mean Windows-1252, as in browsers;
6. charset-normalizer's least chaotic reading (Windows-1252 when it ties), else Windows-1252 itself when that
   decodes without control characters (evidence `fallback`). Undeclared Central-European single-byte text is
   ambiguous here (Polish Windows-1250 reads as Windows-1252): a declaration settles it.

Windows-1258 output is composed to NFC (its codec yields base letters plus combining tone marks). Binary input
(NUL bytes, a known file signature, mostly control bytes) and bytes no step decodes raise `DecodeError`, which
readers turn into an `error.decode` reject.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

import ftfy.bad_codecs  # noqa: F401  (registers sloppy-windows-1252, the browser's reading of Windows-1252)

from cleaner.encoding.legacy import detect_legacy_bytes

__all__ = ["DecodeError", "Decoded", "decode_bytes", "sniff_meta_charset"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SIGNATURES = (
    (b"%PDF-", "pdf"),
    (b"\x89PNG", "png"),
    (b"GIF8", "gif"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
    (b"\xd0\xcf\x11\xe0", "ole2 (doc/xls)"),
    (b"\x7fELF", "elf"),
)
# Labels browsers treat as Windows-1252 (WHATWG Encoding Standard).
_WINDOWS_1252_LABELS = frozenset(
    (
        "iso-8859-1",
        "iso8859-1",
        "latin-1",
        "latin1",
        "l1",
        "us-ascii",
        "ascii",
        "cp819",
        "ibm819",
        "cp1252",
        "windows-1252",
        "x-cp1252",
        "iso_8859-1",
        "iso-ir-100",
        "csisolatin1",
    )
)
_META_RE = re.compile(rb"<meta\b[^>]*?charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)
# Declarations under which legacy Vietnamese pages are found: what their authoring tools wrote.
_LATIN_DECLARATIONS = frozenset(("sloppy-windows-1252", "cp1258", "utf-8", "iso8859-15", "cp1250", "iso8859-2"))
_MAX_CHAOS = 0.1
_MIN_UTF8_CHARS = 10
_MAX_BROKEN_UTF8 = 1 / 20
_C0_TEXT = frozenset(chr(b) for b in range(0x20)) - frozenset("\t\n\r\x0c")
_CONTROL_BYTES = frozenset(range(0x20)) - frozenset(b"\t\n\r\x0c\x1b")


class DecodeError(ValueError):
    """The bytes could not be decoded to text with any trustworthy encoding."""


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decoded.

    `encoding` is the codec used (`utf-8`, `cp1252`, `tcvn3`, ...); `evidence` says why: `bom`, `utf-8`,
    `legacy-vietnamese`, `utf-8-replaced`, `declared` (HTTP header), `meta` (`<meta charset>`), `detected`
    (charset-normalizer), `fallback` (Windows-1252), `empty`; `declared` is the charset the header or meta tag
    claimed, if any (it may disagree with `encoding`).
    """

    text: str
    encoding: str
    evidence: str
    declared: str | None = None


def sniff_meta_charset(data: bytes, limit: int = 4096) -> str | None:
    """The charset an HTML `<meta charset>` or `http-equiv` Content-Type tag declares in the first `limit`
    bytes."""
    m = _META_RE.search(data[:limit])
    if m is None:
        return None
    return m.group(1).decode("ascii").lower()


def _canonical(label: str | None) -> str | None:
    if not label:
        return None
    label = label.strip().strip("\"'").lower()
    if label in _WINDOWS_1252_LABELS:
        return "sloppy-windows-1252"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _binary_kind(data: bytes) -> str | None:
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return kind
    head = data[:4096]
    if b"\x00" in head and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "NUL bytes"
    controls = sum(1 for b in head if b in _CONTROL_BYTES)
    if head and controls / len(head) > 0.1:
        return "control bytes"
    return None


def _finish(text: str, encoding: str) -> str:
    if encoding in ("cp1258", "windows-1258"):
        return unicodedata.normalize("NFC", text)
    return text


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data`; `declared` is the charset the HTTP header claims (the meta tag is sniffed here)."""
    if not data:
        return Decoded("", "utf-8", "empty", declared)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom) :].decode(encoding), encoding, "bom", declared)
            except UnicodeDecodeError as exc:
                raise DecodeError(f"byte-order mark says {encoding} but {exc.reason}") from None
    kind = _binary_kind(data)
    if kind is not None:
        raise DecodeError(f"binary data ({kind})")
    source = "declared"
    if not declared:
        declared = sniff_meta_charset(data)
        source = "meta"
    try:
        return Decoded(data.decode("utf-8"), "utf-8", "utf-8", declared)
    except UnicodeDecodeError as utf8_error:
        reason = f"not UTF-8 ({utf8_error.reason} at byte {utf8_error.start})"
    claimed = _canonical(declared)
    # A page that declares a non-Latin code page (Cyrillic, CJK, Thai, ...) is not a Vietnamese font encoding.
    if claimed is None or claimed in _LATIN_DECLARATIONS:
        legacy = detect_legacy_bytes(data)
        if legacy is not None:
            return Decoded(legacy.text, legacy.encoding, "legacy-vietnamese", declared)
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        return Decoded(mostly_utf8, "utf-8", "utf-8-replaced", declared)
    if claimed is not None and claimed != "utf-8":
        try:
            text = data.decode(claimed)
        except UnicodeDecodeError:
            pass
        else:
            name = "cp1252" if claimed == "sloppy-windows-1252" else claimed
            return Decoded(_finish(text, name), name, source, declared)
    detected = _detect(data)
    if detected is not None:
        name, evidence = detected
        return Decoded(_finish(data.decode(name), name), name, evidence, declared)
    raise DecodeError(reason + (f"; declared {declared!r} does not decode it" if declared else ""))


def _mostly_utf8(data: bytes) -> str | None:
    """`data` read as UTF-8 with U+FFFD for broken sequences, when what decodes outweighs what breaks."""
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    decoded = sum(1 for ch in text if ch > "\x7f") - broken
    if decoded >= _MIN_UTF8_CHARS and broken <= _MAX_BROKEN_UTF8 * decoded:
        return text
    return None


def _detect(data: bytes) -> tuple[str, str] | None:
    """charset-normalizer's least chaotic reading, Windows-1252 among ties (the web's default single-byte code
    page); when it finds nothing clean, Windows-1252 itself if that decodes without control characters."""
    from charset_normalizer import from_bytes

    matches = [m for m in from_bytes(data) if m.encoding and m.encoding != "utf_8"]
    if matches:
        low = min(m.chaos for m in matches)
        if low <= _MAX_CHAOS:
            tied = [m.encoding for m in matches if m.chaos <= low]
            name = "cp1252" if "cp1252" in tied else tied[0]
            return codecs.lookup(name).name, "detected"
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if any(ch in _C0_TEXT for ch in text):
        return None
    return "cp1252", "fallback"
