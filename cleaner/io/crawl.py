"""Web archives to documents: WARC response and resource records holding HTML become pages, Common Crawl WET
conversion records become text documents with their URL, crawl date and identified languages. Damage that
`walk_archive` finds, and a record whose headers make no sense, become rejects at their offset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from cleaner.document import Document, Rejected
from cleaner.html.dates import iso_day
from cleaner.io.outcome import decode_payload, reject, sha256
from cleaner.io.warc import ArchiveRecord, walk_archive

__all__ = ["read_warc", "read_wet"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def _sniff_html(payload: bytes) -> str:
    """`text/html` when the payload opens like an HTML document, else an empty type."""
    head = payload[:1024].lstrip().lower()
    return "text/html" if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body")) else ""


def read_warc(path: Path, file_id: str, max_bytes: int | None) -> Iterator[Document | Rejected]:
    """Response and resource records: HTML ones become documents, the others `error.not_html` rejects; warcinfo,
    request and metadata records are not documents and are passed over."""
    wanted = ("response", "resource")
    return _read_archive(path, file_id, max_bytes, lambda rec_type: rec_type in wanted, _warc_document)


def read_wet(path: Path, file_id: str, max_bytes: int | None) -> Iterator[Document | Rejected]:
    """Common Crawl WET: conversion records become text documents; warcinfo is skipped, other types are rejected."""
    return _read_archive(path, file_id, max_bytes, lambda rec_type: rec_type != "warcinfo", _wet_document)


_RecordReader = Callable[[Any, bytes, Path, str, int], Document | Rejected]


def _read_archive(
    path: Path, file_id: str, max_bytes: int | None, wanted: Callable[[str], bool], to_outcome: _RecordReader
) -> Iterator[Document | Rejected]:
    """Records of a wanted type go to `to_outcome`, the others are skipped; every stretch `walk_archive` could
    not read, and every record that fails here, becomes a reject at its offset."""
    for item in walk_archive(path, max_bytes):
        damage = item.damage if isinstance(item, ArchiveRecord) else item
        if isinstance(item, ArchiveRecord) and not wanted(item.record.rec_type):
            continue
        source = {"path": str(path), "offset": damage.offset if damage else item.offset}
        if damage is not None:
            where = "end" if damage.tail else damage.offset
            yield reject(f"{file_id}@{where}", source, damage.reason, damage.message)
            continue
        assert isinstance(item, ArchiveRecord)
        try:
            yield to_outcome(item.record, item.payload, path, file_id, item.offset)
        except Exception as exc:  # a record with headers we cannot make sense of
            yield reject(f"{file_id}@{item.offset}", source, "error.unreadable", f"{type(exc).__name__}: {exc}")


def _record_source(record: Any, payload: bytes, path: Path, offset: int) -> dict[str, Any]:
    """Where a WARC record came from: path, offset, record id, WARC date and the payload's sha256."""
    headers = record.rec_headers
    source: dict[str, Any] = {"path": str(path), "offset": offset}
    source["record_id"] = (headers.get_header("WARC-Record-ID") or "").strip("<>")
    if headers.get_header("WARC-Date"):
        source["warc_date"] = headers.get_header("WARC-Date")
    source["sha256"] = sha256(payload)
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
        return reject(doc_id, {**source, "url": url}, "error.not_html", f"content type {content_type!r}")
    text, reason, message = decode_payload(payload, source, _charset(content_type))
    if text is None:
        return reject(doc_id, source, reason, message)
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
        return reject(doc_id, {**source, "url": url}, "error.unsupported_format", message)
    text, reason, message = decode_payload(payload, source, _charset(headers.get_header("Content-Type") or ""))
    if text is None:
        return reject(doc_id, {**source, "url": url}, reason, message)
    metadata: dict[str, Any] = {"source": source}
    if url:
        metadata["url"] = url
    crawl_day = iso_day(source["warc_date"]) if source.get("warc_date") else None
    if crawl_day:
        metadata["date"] = crawl_day
        metadata["date_source"] = "crawl"
    identified = headers.get_header("WARC-Identified-Content-Language") or ""
    languages = [code.strip() for code in identified.split(",") if code.strip()]
    if languages:
        metadata["cc_languages"] = languages
    return Document(id=doc_id, text=text, metadata=metadata)
