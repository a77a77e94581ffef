"""Turn input paths into documents: text and HTML files, JSONL (plain, .gz, .zst), WARC, Common Crawl WET, and JSONL
on stdin.

Every input record becomes either a `Document` or a `Rejected` record with an `error.*` reason and its location,
so a bad record never ends a run and is never lost. Directories are walked in sorted order, so runs are
reproducible. A file's document id is its path as given (`seeds/000_x.txt`), unique within a run; JSONL records
keep their own ids. Each document's `metadata["source"]` says where it came from (`path`, then `line`, `offset` or
`record_id`) and holds the sha256 of its raw bytes.

A line, file or WARC record larger than `ReaderOptions.max_record_bytes` becomes `error.too_large` without being
held in memory. A compressed file or WARC cut short gives `error.truncated` saying what was lost; bytes in a WARC
that are not a record give `error.unreadable` and reading resumes at the next record. Any other failure while
reading one record becomes a reject with its location, never a crash of the run. Web archives are read by
`cleaner.io.crawl`, each record's decoding and rejects by `cleaner.io.outcome`.

Reason codes: `error.empty`, `error.binary`, `error.decode`, `error.json`, `error.not_object`,
`error.missing_field`, `error.truncated`, `error.too_large`, `error.not_html`, `error.unsupported_format`,
`error.unreadable`.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from cleaner.document import Document, Rejected
from cleaner.io.crawl import read_warc, read_wet
from cleaner.io.jsonline import NOT_READ, loads_record
from cleaner.io.outcome import decode_payload, reject, sha256
from cleaner.io.streams import TRUNCATED, TooLarge, bounded_lines, decompressed, open_compressed, read_bounded
from cleaner.schema import metadata_from_record
from cleaner.steps import ConfigError

__all__ = ["ReaderOptions", "file_kind", "iter_records", "read_inputs", "read_jsonl_stream", "read_path"]

TEXT_SUFFIXES = (".txt", ".txt.gz", ".txt.zst")
HTML_SUFFIXES = (".html", ".htm", ".html.gz", ".htm.gz", ".html.zst", ".htm.zst")
JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonl.gz", ".ndjson.gz", ".jsonl.zst", ".ndjson.zst")
WET_SUFFIXES = (".warc.wet", ".warc.wet.gz", ".wet", ".wet.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
KNOWN_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES + WET_SUFFIXES + WARC_SUFFIXES

_HTML_TYPES = ("text/html", "application/xhtml+xml")
#: Default `max_record_bytes`: 64 MB, far above any page worth keeping (`extract.max_html_chars` is 5 million).
MAX_RECORD_BYTES = 64_000_000


@dataclass(frozen=True, kw_only=True)
class ReaderOptions:
    """Field names in JSONL records (a record needs the text field or the HTML field), and the largest line, file
    or WARC record read, in bytes (`None`: no limit)."""

    text_field: str = "text"
    html_field: str = "html"
    id_field: str = "id"
    url_field: str = "url"
    max_record_bytes: int | None = MAX_RECORD_BYTES

    def __post_init__(self) -> None:
        if self.max_record_bytes is not None and self.max_record_bytes < 1:
            raise ConfigError(f"max_record_bytes must be >= 1 or None, got {self.max_record_bytes}")


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
            yield from read_jsonl_stream(decompressed(sys.stdin.buffer), "<stdin>", options)
            continue
        path = Path(name)
        if path.is_dir():
            for file in sorted(p for p in path.rglob("*") if p.is_file() and not _hidden(p, path)):
                yield from read_path(file, options, doc_id=file.as_posix())
        else:
            yield from read_path(path, options, doc_id=path.as_posix())


def iter_records(path: Path, max_bytes: int | None = None) -> Iterator[dict[str, Any]]:
    """The JSON objects of a JSONL file written by cleaner (plain, .gz or .zst); lines longer than `max_bytes`
    are passed over unread."""
    with open_compressed(path) as stream:
        for raw in bounded_lines(stream, max_bytes):
            if not isinstance(raw, TooLarge) and raw.strip():
                yield json.loads(raw)


def read_path(path: Path, options: ReaderOptions, doc_id: str) -> Iterator[Document | Rejected]:
    """Read one file by its suffix; unknown suffixes become an `error.unsupported_format` reject. A failure no
    reader foresaw ends the file with an `error.unreadable` reject naming it, not the run. A file name that is not
    UTF-8 is written with its odd bytes escaped (`caf\\xe9.txt`) in ids and `source.path`."""
    items = _read_file(path, options, doc_id)
    if _writable_name(str(path)) == str(path):
        yield from items
        return
    for item in items:
        doc = item.document if isinstance(item, Rejected) else item
        doc.id = _writable_name(doc.id)
        doc.metadata["source"]["path"] = _writable_name(doc.metadata["source"]["path"])
        yield item


def _writable_name(name: str) -> str:
    """A name Python decoded from non-UTF-8 bytes holds surrogates no writer can encode: escape those bytes."""
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return name


def _read_file(path: Path, options: ReaderOptions, doc_id: str) -> Iterator[Document | Rejected]:
    kind = file_kind(path)
    source = {"path": str(path)}
    try:
        if kind == "text" or kind == "html":
            yield _read_page(path, kind, doc_id, options.max_record_bytes)
        elif kind == "jsonl":
            with open_compressed(path) as stream:
                yield from read_jsonl_stream(stream, str(path), options)
        elif kind == "warc":
            yield from read_warc(path, doc_id, options.max_record_bytes)
        elif kind == "wet":
            yield from read_wet(path, doc_id, options.max_record_bytes)
        else:
            yield reject(doc_id, source, "error.unsupported_format", f"unknown file type: {path.name}")
    except Exception as exc:  # one unreadable file must not end the run
        yield reject(f"{doc_id}@error", source, "error.unreadable", f"{type(exc).__name__}: {exc}")


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


def _read_page(path: Path, kind: str, doc_id: str, max_bytes: int | None) -> Document | Rejected:
    """One page or text file, gzip- or zstd-compressed by suffix (`sha256` is the file's, as stored)."""
    source: dict[str, Any] = {"path": str(path), "offset": 0}
    try:
        stored, data = read_bounded(path, max_bytes)
    except TooLarge as exc:
        return reject(doc_id, source, "error.too_large", f"file of {exc}")
    except TRUNCATED as exc:
        source["sha256"] = sha256(path.read_bytes())
        return reject(doc_id, source, "error.truncated", f"{type(exc).__name__}: {exc}; the rest of the file is lost")
    source["sha256"] = sha256(stored)
    text, reason, message = decode_payload(data, source)
    if text is None:
        return reject(doc_id, source, reason, message)
    if kind == "html":
        return Document(id=doc_id, html=text, metadata={"source": source})
    return Document(id=doc_id, text=text, metadata={"source": source})


def read_jsonl_stream(
    stream: IO[bytes], label: str, options: ReaderOptions, first_line: int = 0
) -> Iterator[Document | Rejected]:
    """Records of a JSONL stream; `first_line` lines of the file come before the stream (a byte-range shard)."""
    line_no = first_line
    name = Path(label).name
    try:
        for raw in bounded_lines(stream, options.max_record_bytes):
            line_no += 1
            if isinstance(raw, TooLarge):
                source = {"path": label, "line": line_no}
                yield reject(f"{name}:{line_no}", source, "error.too_large", f"line of {raw}")
                continue
            if not raw or raw.isspace():  # a blank line (`strip` would copy every line)
                continue
            try:
                yield _jsonl_record(raw, label, name, line_no, options)
            except Exception as exc:  # one bad line must not end the run
                source = {"path": label, "line": line_no}
                yield reject(f"{name}:{line_no}", source, "error.unreadable", f"{type(exc).__name__}: {exc}")
    except TRUNCATED as exc:
        source = {"path": label, "line": line_no + 1}
        message = f"{type(exc).__name__}: {exc}; the file is cut after line {line_no}, the rest of it is lost"
        yield reject(f"{name}:{line_no + 1}", source, "error.truncated", message)


def _jsonl_record(raw: bytes, label: str, name: str, line_no: int, options: ReaderOptions) -> Document | Rejected:
    """One line's record; `name` is the file name of `label`, the first half of ids made up for records without
    one."""
    end = len(raw)
    while end and raw[end - 1] in b"\r\n":  # the line without its end, hashed in place (no copy)
        end -= 1
    source: dict[str, Any] = {"path": label, "line": line_no, "sha256": sha256(memoryview(raw)[:end])}
    fallback_id = f"{name}:{line_no}"
    record = loads_record(raw)  # orjson refuses invalid UTF-8 and lone surrogates: what it reads is good text
    checked = record is not NOT_READ
    if not checked:
        try:  # strict UTF-8: json.loads would let raw surrogate bytes (ED A0 80) through as text no writer encodes
            record = json.loads(raw.decode("utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"))
        except UnicodeDecodeError as exc:
            return reject(fallback_id, source, "error.decode", f"JSON line is not UTF-8: {exc.reason}")
        except RecursionError:
            return reject(fallback_id, source, "error.json", "malformed JSON: nested too deeply to read")
        except ValueError as exc:
            return reject(fallback_id, source, "error.json", f"malformed JSON: {exc}")
    if not isinstance(record, dict):
        return reject(fallback_id, source, "error.not_object", f"JSON line is a {type(record).__name__}")
    if not checked and (b"\\ud" in raw or b"\\uD" in raw) and not _encodable(record):
        return reject(fallback_id, source, "error.decode", "JSON line holds a lone surrogate (\\ud800-\\udfff)")
    raw_id = record.get(options.id_field)
    doc_id = str(raw_id) if raw_id not in (None, "") else fallback_id
    text, html = record.get(options.text_field), record.get(options.html_field)
    if not isinstance(text, str) and not isinstance(html, str):
        fields = f"{options.text_field!r} or {options.html_field!r}"
        return reject(doc_id, source, "error.missing_field", f"record has no string field {fields}")
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
