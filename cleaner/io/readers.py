"""Turn input paths into documents: text and HTML files, JSONL (plain, .gz, .zst), WARC, Common Crawl WET, and JSONL
on stdin.

Every input record becomes either a `Document` or a `Rejected` record with an `error.*` reason and its location,
so a bad record never ends a run and is never lost. Directories are walked in sorted order, so runs are
reproducible. A file's document id is its path as given (`seeds/000_x.txt`), unique within a run; JSONL records
keep their own ids. Each document's `metadata["source"]` says where it came from (`path`, then `line`, `offset` or
`record_id`) and holds the sha256 of its raw bytes.

Reason codes: `error.empty`, `error.binary`, `error.decode`, `error.json`, `error.not_object`,
`error.missing_field`, `error.truncated`, `error.not_html`, `error.unsupported_format`, `error.unreadable`.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import sys
import zlib
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

import zstandard

from cleaner.document import Document, Rejected
from cleaner.html.dates import iso_day
from cleaner.io.decode import DecodeError, decode_bytes
from cleaner.schema import metadata_from_record
from cleaner.steps import ConfigError

__all__ = ["ReaderOptions", "file_kind", "iter_records", "read_inputs", "read_path"]

READ_STEP = "read"

TEXT_SUFFIXES = (".txt", ".txt.gz", ".txt.zst")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".html.zst", ".htm.zst")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
WET_SUFFIXES = (".warc.wet", ".warc.wet.gz", ".wet", ".wet.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WET_SUFFIXES + WARC_SUFFIXES

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TRUNCATED = (EOFError, gzip.BadGzipFile, zlib.error, zstandard.ZstdError)


@dataclass(frozen=True, kw_only=True)
class ReaderOptions:
    """Field names in JSONL records. A record needs the text field or the HTML field."""

    text_field: str = "text"
    html_field: str = "html"
    id_field: str = "id"
    url_field: str = "url"


def read_inputs(inputs: Sequence[str], options: ReaderOptions | None = None) -> Iterator[Document | Rejected]:
    """Read every input in order (`-` is JSONL on stdin).

    Inputs are checked before anything is read: a missing path or a file of unknown type raises `ConfigError`.
    """
    for name in inputs:
        path = Path(name)
        if name == "-" or path.is_dir():
            continue
        if not path.is_file():
            raise ConfigError(f"input {name} does not exist")
        if file_kind(path) is None:
            raise ConfigError(f"cannot read {path}: unknown file type; expected one of {', '.join(KNOWN_SUFFIXES)}")
    return _read_all(list(inputs), options or ReaderOptions())


def _read_all(inputs: list[str], options: ReaderOptions) -> Iterator[Document | Rejected]:
    for name in inputs:
        if name == "-":
            yield from _read_jsonl_stream(_decompressed(sys.stdin.buffer), "<stdin>", options)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                yield from read_path(file, options, doc_id=file.as_posix())
        else:
            yield from read_path(path, options, doc_id=path.as_posix())


def iter_records(path: Path) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file written by cleaner (plain, .gz or .zst)."""
    with _open_compressed(path) as stream:
        for raw in stream:
            if raw.strip():
                yield json.loads(raw)


def read_path(path: Path, options: ReaderOptions, doc_id: str) -> Iterator[Document | Rejected]:
    """Read one file by its suffix; unknown suffixes become an `error.unsupported_format` reject."""
    kind = file_kind(path)
    source = {"path": str(path)}
    try:
        if kind == "text" or kind == "html":
            yield _read_page(path, kind, doc_id)
        elif kind == "jsonl":
            with _open_compressed(path) as stream:
                yield from _read_jsonl_stream(stream, str(path), options)
        elif kind == "warc":
            yield from _read_warc(path, doc_id)
        elif kind == "wet":
            yield from _read_wet(path, doc_id)
        else:
            yield _reject(doc_id, source, "error.unsupported_format", f"unknown file type: {path.name}")
    except OSError as exc:
        yield _reject(doc_id, source, "error.unreadable", f"{type(exc).__name__}: {exc}")


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def file_kind(path: Path) -> str | None:
    """`text`, `html`, `jsonl`, `wet` or `warc` by the file's suffix; None for a file we cannot read."""
    name = path.name.lower()
    for kind, suffixes in (
        ("text", TEXT_SUFFIXES),
        ("html", HTML_SUFFIXES),
        ("jsonl", JSONL_SUFFIXES),
        ("wet", WET_SUFFIXES),  # before WARC: a WET file is a WARC file of extracted text, not of HTML
        ("warc", WARC_SUFFIXES),
    ):
        if name.endswith(suffixes):
            return kind
    return None


def _reject(doc_id: str, source: dict[str, Any], reason: str, message: str) -> Rejected:
    doc = Document(id=doc_id, metadata={"source": source})
    return Rejected(doc, reason, READ_STEP, {"message": message})


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _decode(data: bytes, source: dict[str, Any], declared: str | None = None) -> tuple[str | None, str, str]:
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


def _read_page(path: Path, kind: str, doc_id: str) -> Document | Rejected:
    """One page or text file, gzip- or zstd-compressed by suffix (`sha256` is the file's, as stored)."""
    data = path.read_bytes()
    source: dict[str, Any] = {"path": str(path), "offset": 0, "sha256": _sha256(data)}
    name = path.name.lower()
    try:
        if name.endswith(".gz"):
            data = gzip.decompress(data)
        elif name.endswith(".zst"):
            data = zstandard.ZstdDecompressor().decompressobj().decompress(data)
    except _TRUNCATED as exc:
        return _reject(doc_id, source, "error.truncated", f"{type(exc).__name__}: {exc}")
    text, reason, message = _decode(data, source)
    if text is None:
        return _reject(doc_id, source, reason, message)
    if kind == "html":
        return Document(id=doc_id, html=text, metadata={"source": source})
    return Document(id=doc_id, text=text, metadata={"source": source})


def _open_compressed(path: Path) -> Any:
    """A binary stream that iterates by lines, decompressed by suffix (zstandard's reader needs a buffer)."""
    name = path.name.lower()
    if name.endswith(".gz"):
        return gzip.open(path, "rb")
    if name.endswith(".zst"):
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(open(path, "rb"), closefd=True))
    return open(path, "rb")


def _decompressed(stream: IO[bytes]) -> Any:
    """A stream has no suffix to go by (stdin): gzip and zstd are known by their magic bytes."""
    buffered: Any = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
    head = buffered.peek(4)[:4]
    if head.startswith(b"\x1f\x8b"):
        return gzip.GzipFile(fileobj=buffered, mode="rb")
    if head.startswith(b"\x28\xb5\x2f\xfd"):
        return io.BufferedReader(zstandard.ZstdDecompressor().stream_reader(buffered))
    return buffered


def _read_jsonl_stream(
    stream: IO[bytes], label: str, options: ReaderOptions, first_line: int = 0
) -> Iterator[Document | Rejected]:
    """Records of a JSONL stream; `first_line` lines of the file come before the stream (a byte-range shard)."""
    line_no = first_line
    try:
        for raw in stream:
            line_no += 1
            if not raw.strip():
                continue
            yield _jsonl_record(raw, label, line_no, options)
    except _TRUNCATED as exc:
        source = {"path": label, "line": line_no + 1}
        yield _reject(f"{label}:{line_no + 1}", source, "error.truncated", f"{type(exc).__name__}: {exc}")


def _jsonl_record(raw: bytes, label: str, line_no: int, options: ReaderOptions) -> Document | Rejected:
    source: dict[str, Any] = {"path": label, "line": line_no, "sha256": _sha256(raw.rstrip(b"\r\n"))}
    fallback_id = f"{Path(label).name}:{line_no}"
    try:
        record = json.loads(raw)
    except UnicodeDecodeError as exc:
        return _reject(fallback_id, source, "error.decode", f"JSON line is not UTF-8: {exc.reason}")
    except ValueError as exc:
        return _reject(fallback_id, source, "error.json", f"malformed JSON: {exc}")
    if not isinstance(record, dict):
        return _reject(fallback_id, source, "error.not_object", f"JSON line is a {type(record).__name__}")
    if (b"\\ud" in raw or b"\\uD" in raw) and not _encodable(record):
        return _reject(fallback_id, source, "error.decode", "JSON line holds a lone surrogate (\\ud800-\\udfff)")
    raw_id = record.get(options.id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    text, html = record.get(options.text_field), record.get(options.html_field)
    if not isinstance(text, str) and not isinstance(html, str):
        fields = f"{options.text_field!r} or {options.html_field!r}"
        return _reject(doc_id, source, "error.missing_field", f"record has no string field {fields}")
    metadata = metadata_from_record(dict(record["metadata"])) if isinstance(record.get("metadata"), dict) else {}
    metadata.pop("events", None)
    metadata.pop("pipeline", None)
    if isinstance(record.get(options.url_field), str):
        metadata["url"] = record[options.url_field]
    if "date" in metadata:
        metadata.setdefault("date_source", "input")
    if "source" in metadata:
        source["previous"] = metadata["source"]
    metadata["source"] = source
    used = (options.id_field, options.text_field, options.html_field, options.url_field, "metadata")
    extra = {key: value for key, value in record.items() if key not in used}
    if isinstance(html, str) and not isinstance(text, str):
        return Document(id=doc_id, html=html, metadata=metadata, extra=extra)
    return Document(id=doc_id, text=str(text), metadata=metadata, extra=extra)


def _encodable(value: Any) -> bool:
    """JSON escapes can smuggle lone surrogates into strings; such text cannot be written as UTF-8."""
    try:
        json.dumps(value, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _sniff_html(payload: bytes) -> str:
    """`text/html` when the payload opens like an HTML document, else an empty type."""
    head = payload[:1024].lstrip().lower()
    return "text/html" if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) else ""


def _read_warc(path: Path, file_id: str) -> Iterator[Document | Rejected]:
    """HTML response records become documents; warcinfo, request and metadata records are not documents."""
    return _read_archive(path, file_id, lambda rec_type: rec_type in ("response", "resource"), _warc_document)


def _read_wet(path: Path, file_id: str) -> Iterator[Document | Rejected]:
    """Common Crawl WET: conversion records become text documents; warcinfo is skipped, other types are rejected."""
    return _read_archive(path, file_id, lambda rec_type: rec_type != "warcinfo", _wet_document)


_RecordReader = Callable[[Any, bytes, Path, str, int], Document | Rejected]


def _read_archive(
    path: Path, file_id: str, wanted: Callable[[str], bool], to_outcome: _RecordReader
) -> Iterator[Document | Rejected]:
    """Records of a wanted type go to `to_outcome`, the others are skipped. warcio reads truncated files
    leniently, so a record cut short by the end of the file and a payload that fails its digest are rejected, and
    a gzipped file's integrity is verified after the walk: damage becomes `error.truncated`."""
    from warcio.archiveiterator import ArchiveIterator

    offset = end = 0
    with open(path, "rb") as stream:
        records = ArchiveIterator(stream, check_digests=True)
        try:
            for record in records:
                payload = record.content_stream().read()  # before get_record_offset(), which skips the record
                offset = records.get_record_offset()
                end = offset + records.get_record_length()
                cut = _cut_short(record)
                if cut:
                    source = {"path": str(path), "offset": offset}
                    yield _reject(f"{file_id}@{offset}", source, "error.truncated", cut)
                    return  # nothing follows the cut
                if not wanted(record.rec_type):
                    continue
                if record.digest_checker.passed is False:
                    source = {"path": str(path), "offset": offset}
                    yield _reject(f"{file_id}@{offset}", source, "error.truncated", "payload digest mismatch")
                    continue
                yield to_outcome(record, payload, path, file_id, offset)
        except Exception as exc:  # warcio raises many kinds on damaged input
            source = {"path": str(path), "offset": offset}
            yield _reject(f"{file_id}@{offset}", source, "error.truncated", f"{type(exc).__name__}: {exc}")
            return
    complete = _gzip_complete(path) if path.name.lower().endswith(".gz") else path.stat().st_size - end < 8
    if not complete:
        source = {"path": str(path), "offset": offset}
        yield _reject(f"{file_id}@end", source, "error.truncated", "file ends inside a record; records may be lost")


def _cut_short(record: Any) -> str:
    """Why a record is incomplete, "" if it is whole. warcio hands out a record cut by the end of the file as if
    it were whole, and checks no digest of a block it did not read to the end."""
    if record.length is None:  # Content-Length is mandatory: the headers were cut
        return "file ends inside this record's headers"
    missing = getattr(record.raw_stream, "limit", 0)  # bytes of the block the file did not hold
    return f"file ends inside this record: {missing} of {record.length} bytes missing" if missing else ""


def _gzip_complete(path: Path) -> bool:
    try:
        with gzip.open(path, "rb") as stream:
            while stream.read(1 << 20):
                pass
    except _TRUNCATED:
        return False
    return True


def _record_source(record: Any, payload: bytes, path: Path, offset: int) -> dict[str, Any]:
    """Where a WARC record came from: path, offset, record id, WARC date and the payload's sha256."""
    headers = record.rec_headers
    source: dict[str, Any] = {"path": str(path), "offset": offset}
    source["record_id"] = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    if headers.get_header("WARC-Date"):
        source["warc_date"] = headers.get_header("WARC-Date")
    source["sha256"] = _sha256(payload)
    return source


def _charset(content_type: str) -> str | None:
    """The `charset` parameter of a Content-Type value, if any."""
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _warc_document(record: Any, payload: bytes, path: Path, file_id: str, offset: int) -> Document | Rejected:
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    source = _record_source(record, payload, path, offset)
    doc_id = source["record_id"] or f"{file_id}@{offset}"
    http = record.http_headers
    content_type = (http.get_header("Content-Type") if http else headers.get_header("Content-Type")) or ""
    if not content_type.strip():  # servers omit it: trust the crawler's identification, else sniff
        content_type = headers.get_header("WARC-Identified-Payload-Type") or _sniff_html(payload)
    if content_type.partition(";")[0].strip().lower() not in _HTML_TYPES:
        return _reject(doc_id, {**source, "url": url}, "error.not_html", f"content type {content_type!r}")
    text, reason, message = _decode(payload, source, _charset(content_type))
    if text is None:
        return _reject(doc_id, source, reason, message)
    metadata: dict[str, Any] = {"source": source}
    if url:
        metadata["url"] = url
    return Document(id=doc_id, html=text, metadata=metadata)


def _wet_document(record: Any, payload: bytes, path: Path, file_id: str, offset: int) -> Document | Rejected:
    """A conversion record's payload is the page's visible text, one block per line. Any other record type has
    no place in a WET file: `error.unsupported_format`."""
    headers = record.rec_headers
    url = headers.get_header("WARC-Target-URI")
    source = _record_source(record, payload, path, offset)
    if headers.get_header("WARC-Refers-To"):
        source["refers_to"] = headers.get_header("WARC-Refers-To").strip("<>")
    doc_id = source["record_id"] or f"{file_id}@{offset}"
    if record.rec_type != "conversion":
        message = f"{record.rec_type!r} record in a WET file; expected 'conversion'"
        return _reject(doc_id, {**source, "url": url}, "error.unsupported_format", message)
    text, reason, message = _decode(payload, source, _charset(headers.get_header("Content-Type") or ""))
    if text is None:
        return _reject(doc_id, {**source, "url": url}, reason, message)
    metadata: dict[str, Any] = {"source": source}
    if url:
        metadata["url"] = url
    if source.get("warc_date") and iso_day(source["warc_date"]):
        metadata["date"] = iso_day(source["warc_date"])
        metadata["date_source"] = "crawl"
    identified = headers.get_header("WARC-Identified-Content-Language") or ""
    languages = [code.strip() for code in identified.split(",") if code.strip()]
    if languages:
        metadata["cc_languages"] = languages
    return Document(id=doc_id, text=text, metadata=metadata)
