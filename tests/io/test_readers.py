"""Every reader, and every bad input becoming an `error.*` reject with its location."""

from __future__ import annotations

import gzip
import hashlib
import io
import json
from pathlib import Path

import pytest
import zstandard
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from cleaner import ConfigError, Document, Rejected
from cleaner.io.readers import ReaderOptions, read_inputs

PAGE = "<html><body><p>Xin chào Việt Nam</p></body></html>"


def read(*paths: Path | str, options: ReaderOptions | None = None) -> list[Document | Rejected]:
    return list(read_inputs([str(p) for p in paths], options))


def jsonl(*records: object) -> bytes:
    return b"".join(
        (r if isinstance(r, bytes) else json.dumps(r, ensure_ascii=False).encode()) + b"\n" for r in records
    )


def test_text_and_html_files_one_document_each(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Văn bản", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skip me")
    docs = read(tmp_path)
    assert [d.id for d in docs] == [f"{tmp_path.as_posix()}/a.txt", f"{tmp_path.as_posix()}/sub/b.html"]
    text, page = docs
    assert isinstance(text, Document) and text.text == "Văn bản" and text.html is None
    assert isinstance(page, Document) and page.html == PAGE and page.text == ""
    assert text.metadata["source"] == {
        "path": str(tmp_path / "a.txt"),
        "offset": 0,
        "sha256": hashlib.sha256("Văn bản".encode()).hexdigest(),
        "encoding": "utf-8",
        "encoding_evidence": "utf-8",
    }


@pytest.mark.parametrize("suffix", [".jsonl", ".jsonl.gz", ".jsonl.zst"])
def test_jsonl_plain_and_compressed(tmp_path: Path, suffix: str):
    data = jsonl(
        {"id": "x", "text": "một", "url": "https://a.vn/1", "metadata": {"title": "T"}},
        {"html": PAGE},
    )
    if suffix.endswith(".gz"):
        data = gzip.compress(data)
    elif suffix.endswith(".zst"):
        data = zstandard.ZstdCompressor().compress(data)
    path = tmp_path / f"in{suffix}"
    path.write_bytes(data)
    first, second = read(path)
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.text, first.metadata["url"], first.metadata["title"]) == ("x", "một", "https://a.vn/1", "T")
    assert first.metadata["source"]["line"] == 1
    assert second.id == f"in{suffix}:2" and second.html == PAGE


def test_jsonl_field_names_are_configurable(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl({"doc_id": 7, "content": "nội dung", "link": "https://b.vn"}))
    options = ReaderOptions(text_field="content", id_field="doc_id", url_field="link")
    (doc,) = read(path, options=options)
    assert isinstance(doc, Document)
    assert (doc.id, doc.text, doc.metadata["url"]) == ("7", "nội dung", "https://b.vn")


def test_jsonl_from_stdin(monkeypatch: pytest.MonkeyPatch):
    fake = io.TextIOWrapper(io.BytesIO(jsonl({"id": "s", "text": "từ stdin"})), encoding="utf-8")
    monkeypatch.setattr("sys.stdin", fake)
    (doc,) = read("-")
    assert isinstance(doc, Document) and (doc.id, doc.text) == ("s", "từ stdin")
    assert doc.metadata["source"]["path"] == "<stdin>"


def write_warc(path: Path, gz: bool) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gz)
        writer.write_record(writer.create_warcinfo_record("x.warc", {"software": "test"}))
        for url, ctype, body in [
            ("https://a.vn/tin/1", "text/html; charset=utf-8", PAGE.encode()),
            ("https://a.vn/logo.png", "image/png", b"\x89PNG\r\n"),
        ]:
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_html_responses_become_documents_others_rejects(tmp_path: Path, gz: bool):
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, gz)
    page, image = read(path)
    assert isinstance(page, Document)
    assert page.html == PAGE and page.metadata["url"] == "https://a.vn/tin/1"
    source = page.metadata["source"]
    assert source["record_id"].startswith("urn:uuid:") and page.id == source["record_id"]
    assert source["warc_date"] and source["offset"] > 0
    assert isinstance(image, Rejected) and image.reason == "error.not_html"
    assert image.document.metadata["source"]["url"] == "https://a.vn/logo.png"


@pytest.mark.parametrize(
    "name, content, reason",
    [
        pytest.param("empty.txt", b"", "error.empty", id="empty-file"),
        pytest.param(
            "latin1.txt", "Café crème brûlée".encode("latin-1") + b"\xff\xfe\x81", "error.decode", id="not-utf8"
        ),
        pytest.param("blob.txt", bytes(range(256)) * 4, "error.binary", id="binary-file"),
        pytest.param("notes.md", b"# a markdown file", "error.unsupported_format", id="unknown-suffix-in-dir"),
    ],
)
def test_bad_files_become_rejects_with_location(tmp_path: Path, name: str, content: bytes, reason: str):
    (tmp_path / name).write_bytes(content)
    (tmp_path / "ok.txt").write_text("fine")
    outcomes = read(tmp_path)
    bad = next(x for x in outcomes if isinstance(x, Rejected))
    assert bad.reason == reason
    assert bad.document.metadata["source"]["path"] == str(tmp_path / name)
    assert any(isinstance(x, Document) and x.text == "fine" for x in outcomes)


def test_bad_jsonl_lines_are_rejected_one_by_one(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(
        jsonl(
            {"id": "good", "text": "ok"},
            b'{"id": "broken", "text": ',
            {"id": "notext", "body": "x"},
            [1, 2],
            b'{"id": "latin", "text": "caf\xe9"}',
            {"id": "good2", "text": "ok"},
        )
    )
    outcomes = read(path)
    summary = [(x.reason, x.document.metadata["source"]["line"]) if isinstance(x, Rejected) else x.id for x in outcomes]
    assert summary == [
        "good",
        ("error.json", 2),
        ("error.missing_field", 3),
        ("error.not_object", 4),
        ("error.decode", 5),
        "good2",
    ]


def test_truncated_gzip_keeps_what_was_read_and_rejects_the_rest(tmp_path: Path):
    data = gzip.compress(jsonl(*({"id": str(i), "text": "văn bản " * 50} for i in range(200))))
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    outcomes = read(path)
    assert isinstance(outcomes[-1], Rejected) and outcomes[-1].reason == "error.truncated"
    assert outcomes[-1].document.metadata["source"]["line"] == len(outcomes)
    # named as every other JSONL reject: the file's name and line; the source holds the whole path
    assert outcomes[-1].document.id == f"cut.jsonl.gz:{len(outcomes)}"
    assert all(isinstance(x, Document) for x in outcomes[:-1]) and len(outcomes) > 1


@pytest.mark.parametrize("gz, cut", [(True, 40), (True, 200), (False, 100)], ids=["gz-trailer", "gz-body", "plain"])
def test_truncated_warc_is_rejected_not_a_crash(tmp_path: Path, gz: bool, cut: int):
    full = tmp_path / ("full.warc.gz" if gz else "full.warc")
    write_warc(full, gz=gz)
    data = full.read_bytes()
    cut_path = tmp_path / ("cut" + full.name[4:])
    cut_path.write_bytes(data[: len(data) - cut])
    outcomes = read(cut_path)
    assert any(isinstance(x, Rejected) and x.reason == "error.truncated" for x in outcomes)


def test_missing_input_and_unknown_file_type_are_usage_errors(tmp_path: Path):
    with pytest.raises(ConfigError, match="does not exist"):
        read_inputs([str(tmp_path / "absent")])
    (tmp_path / "data.csv").write_text("a,b")
    with pytest.raises(ConfigError, match="unknown file type"):
        read_inputs([str(tmp_path / "data.csv")])


def test_declared_legacy_charset_in_html_is_honoured_and_recorded(tmp_path: Path):
    page = '<html><head><meta charset="windows-1252"></head><body><p>Café crème brûlée à la française</p></body></html>'
    (tmp_path / "fr.html").write_bytes(page.encode("cp1252"))
    (doc,) = read(tmp_path / "fr.html")
    assert isinstance(doc, Document) and "Café crème brûlée" in (doc.html or "")
    assert doc.metadata["source"]["encoding_evidence"] in ("meta", "declared")


def test_file_ids_are_unique_across_inputs(tmp_path: Path):
    for folder in ("d1", "d2"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(f"from {folder}")
    docs = read(tmp_path / "d1" / "x.txt", tmp_path / "d2")
    assert len({d.id for d in docs}) == 2


def test_lone_surrogate_in_jsonl_is_a_decode_reject(tmp_path: Path):
    path = tmp_path / "in.jsonl"
    path.write_bytes(jsonl(b'{"id": "bad", "text": "x \\ud800 y"}', {"id": "emoji", "text": "ok \U0001f600"}))
    bad, good = read(path)
    assert isinstance(bad, Rejected) and bad.reason == "error.decode"
    assert isinstance(good, Document) and good.text == "ok \U0001f600"


@pytest.mark.parametrize(
    "identified, body, expected",
    [
        pytest.param(None, b"<!DOCTYPE html><html><body><p>x</p></body></html>", Document, id="sniffed-html"),
        pytest.param("text/html", b"<p>x</p>", Document, id="identified-payload-type"),
        pytest.param(None, b"%PDF-1.7 binary", Rejected, id="not-html"),
    ],
)
def test_warc_record_without_content_type(tmp_path: Path, identified, body, expected):
    path = tmp_path / "x.warc"
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=False)
        http = StatusAndHeaders("200 OK", [], protocol="HTTP/1.1")
        headers = {"WARC-Identified-Payload-Type": identified} if identified else None
        record = writer.create_warc_record(
            "https://a.vn/p", "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=headers
        )
        writer.write_record(record)
    (outcome,) = read(path)
    assert isinstance(outcome, expected)


# Common Crawl WET: WARC files of conversion records, each the visible text of one page.

WET_TEXT = "Sở Thông tin và Truyền thông tổ chức hội nghị.\nHội nghị bàn về chuyển đổi số.\n"


def conversion(n: int, payload: bytes, **headers: str) -> tuple[str, str, bytes, dict[str, str]]:
    """A conversion record's parts: type, URL, payload and WARC headers with a fixed id, date and source."""
    fixed = {
        "WARC-Record-ID": f"<urn:uuid:00000000-0000-0000-0000-00000000000{n}>",
        "WARC-Date": f"2024-03-0{n}T10:00:00Z",
        "WARC-Refers-To": f"<urn:uuid:10000000-0000-0000-0000-00000000000{n}>",
        "Content-Type": "text/plain",
    }
    return "conversion", f"https://a.vn/tin/{n}", payload, {**fixed, **headers}


def write_wet(path: Path, *records: tuple[str, str, bytes, dict[str, str]]) -> list[int]:
    """A WET file (gzipped when its name ends in .gz) opening with a warcinfo record; returns each record's offset."""
    offsets = []
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=path.name.lower().endswith(".gz"))
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        for rec_type, url, payload, headers in records:
            offsets.append(out.tell())
            record = writer.create_warc_record(url, rec_type, payload=io.BytesIO(payload), warc_headers_dict=headers)
            writer.write_record(record)
    return offsets


def utf8_source(path: Path, offset: int, n: int, payload: bytes) -> dict[str, object]:
    return {
        "path": str(path),
        "offset": offset,
        "record_id": f"urn:uuid:00000000-0000-0000-0000-00000000000{n}",
        "warc_date": f"2024-03-0{n}T10:00:00Z",
        "sha256": hashlib.sha256(payload).hexdigest(),
        "refers_to": f"urn:uuid:10000000-0000-0000-0000-00000000000{n}",
        "encoding": "utf-8",
        "encoding_evidence": "utf-8",
    }


@pytest.mark.parametrize("name", ["cc.warc.wet.gz", "cc.warc.wet", "cc.wet.gz", "cc.wet", "CC.WARC.WET.GZ"])
def test_wet_conversion_records_are_text_documents_and_warcinfo_is_skipped(tmp_path: Path, name: str):
    path = tmp_path / name
    html_like = b"<html><body><p>Trang web</p></body></html>"  # text in a WET file is text, whatever it looks like
    languages = {"WARC-Identified-Content-Language": "vie,eng"}
    offsets = write_wet(path, conversion(1, WET_TEXT.encode(), **languages), conversion(2, html_like))
    first, second = read(path)  # the warcinfo record is no document
    assert isinstance(first, Document) and isinstance(second, Document)
    assert (first.id, first.text, first.html) == ("urn:uuid:00000000-0000-0000-0000-000000000001", WET_TEXT, None)
    assert first.metadata == {
        "source": utf8_source(path, offsets[0], 1, WET_TEXT.encode()),
        "url": "https://a.vn/tin/1",
        "date": "2024-03-01",
        "date_source": "crawl",
        "cc_languages": ["vie", "eng"],
    }
    assert (second.id, second.text, second.html) == (
        "urn:uuid:00000000-0000-0000-0000-000000000002",
        html_like.decode(),
        None,
    )
    assert second.metadata == {
        "source": utf8_source(path, offsets[1], 2, html_like),
        "url": "https://a.vn/tin/2",
        "date": "2024-03-02",
        "date_source": "crawl",
    }


def test_wet_file_in_a_directory_is_read_as_wet(tmp_path: Path):
    write_wet(tmp_path / "cc.warc.wet.gz", conversion(1, WET_TEXT.encode()))
    (doc,) = read(tmp_path)
    assert isinstance(doc, Document) and (doc.text, doc.html) == (WET_TEXT, None)


@pytest.mark.parametrize(
    "name, cut, message",
    [
        pytest.param("cut.warc.wet.gz", "middle", "file ends inside this record", id="gz-inside-third-record"),
        pytest.param("cut.warc.wet", "headers", "file ends inside this record's headers", id="plain-in-headers"),
        pytest.param("cut.warc.wet", "payload", "file ends inside this record: 100 of 4289", id="plain-in-payload"),
        pytest.param("cut.warc.wet.gz", "trailer", "file ends inside a record; records may be lost", id="gz-trailer"),
    ],
)
def test_truncated_wet_keeps_the_records_before_the_cut(tmp_path: Path, name: str, cut: str, message: str):
    full = tmp_path / f"full.{name.split('.', 1)[1]}"
    pages = [f"Trang {n}: {WET_TEXT * 40}".encode() for n in (1, 2, 3)]
    offsets = write_wet(full, *(conversion(n, page) for n, page in enumerate(pages, 1)))
    data = full.read_bytes()
    ends = {"middle": (offsets[2] + len(data)) // 2, "headers": offsets[2] + 40, "payload": len(data) - 104}
    path = tmp_path / name
    path.write_bytes(data[: ends.get(cut, len(data) - 4)])  # a record ends with two CRLFs: 104 - 4 payload bytes
    outcomes = read(path)
    kept = [x.text for x in outcomes if isinstance(x, Document)]
    (rejected,) = [x for x in outcomes if isinstance(x, Rejected)]
    assert outcomes[-1] is rejected and rejected.reason == "error.truncated"
    assert rejected.detail["message"].startswith(message)
    if cut == "trailer":  # every record is whole, the last gzip member's checksum is not
        assert kept == [page.decode() for page in pages]
        assert rejected.document.id == f"{path.as_posix()}@end"
    else:
        assert kept == [pages[0].decode(), pages[1].decode()]
        assert rejected.document.id == f"{path.as_posix()}@{offsets[2]}"
        assert rejected.document.metadata["source"] == {"path": str(path), "offset": offsets[2]}


def test_wet_payload_failing_its_digest_is_rejected(tmp_path: Path):
    path = tmp_path / "cc.warc.wet"
    offsets = write_wet(path, conversion(1, b"Trang bi hong o day"), conversion(2, WET_TEXT.encode()))
    path.write_bytes(path.read_bytes().replace(b"bi hong", b"BI HONG"))
    bad, good = read(path)
    assert isinstance(bad, Rejected) and (bad.reason, bad.detail) == (
        "error.truncated",
        {"message": "payload digest mismatch"},
    )
    assert bad.document.metadata["source"] == {"path": str(path), "offset": offsets[0]}
    assert isinstance(good, Document) and good.text == WET_TEXT


@pytest.mark.parametrize("payload", [b"", b" \n\n \n"], ids=["no-bytes", "whitespace"])
def test_empty_wet_record_is_rejected(tmp_path: Path, payload: bytes):
    path = tmp_path / "cc.warc.wet.gz"
    offsets = write_wet(path, conversion(1, payload), conversion(2, WET_TEXT.encode()))
    empty, good = read(path)
    assert isinstance(empty, Rejected) and (empty.reason, empty.detail) == ("error.empty", {"message": "no content"})
    assert empty.document.id == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert empty.document.metadata["source"]["offset"] == offsets[0]
    assert empty.document.metadata["source"]["url"] == "https://a.vn/tin/1"
    assert isinstance(good, Document) and good.id == "urn:uuid:00000000-0000-0000-0000-000000000002"


FRENCH = "Café crème brûlée à la française"


@pytest.mark.parametrize(
    "content_type, evidence",
    [("text/plain", "detected"), ("text/plain; charset=windows-1252", "declared")],
    ids=["undeclared", "declared-charset"],
)
def test_non_utf8_wet_payload_goes_through_the_decoder(tmp_path: Path, content_type: str, evidence: str):
    path = tmp_path / "cc.warc.wet"
    write_wet(path, conversion(1, FRENCH.encode("cp1252"), **{"Content-Type": content_type}))
    (doc,) = read(path)
    assert isinstance(doc, Document) and doc.text == FRENCH
    assert (doc.metadata["source"]["encoding"], doc.metadata["source"]["encoding_evidence"]) == ("cp1252", evidence)


def test_binary_wet_payload_is_rejected(tmp_path: Path):
    path = tmp_path / "cc.warc.wet"
    write_wet(path, conversion(1, bytes(range(256)) * 4))
    (bad,) = read(path)
    assert isinstance(bad, Rejected) and bad.reason == "error.binary"
    assert bad.document.id == "urn:uuid:00000000-0000-0000-0000-000000000001"


HTTP_PAGE = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + PAGE.encode()


@pytest.mark.parametrize(
    "rec_type, body, content_type",
    [
        ("response", HTTP_PAGE, "application/http; msgtype=response"),
        ("resource", PAGE.encode(), "text/html"),
        ("metadata", b"fetchTimeMs: 120\r\n", "application/warc-fields"),
    ],
)
def test_other_record_types_in_a_wet_file_are_rejected(tmp_path: Path, rec_type: str, body: bytes, content_type: str):
    path = tmp_path / "cc.warc.wet.gz"
    _, url, payload, headers = conversion(1, body, **{"Content-Type": content_type})
    offsets = write_wet(path, (rec_type, url, payload, headers), conversion(2, WET_TEXT.encode()))
    bad, good = read(path)
    assert isinstance(bad, Rejected) and bad.reason == "error.unsupported_format"
    assert bad.detail == {"message": f"{rec_type!r} record in a WET file; expected 'conversion'"}
    assert bad.document.id == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert (bad.document.metadata["source"]["offset"], bad.document.metadata["source"]["url"]) == (offsets[0], url)
    assert isinstance(good, Document) and good.text == WET_TEXT


def test_cli_cleans_a_wet_file_into_a_corpus(tmp_path: Path):
    from cleaner.cli import main

    path = tmp_path / "cc.warc.wet.gz"
    write_wet(path, conversion(1, WET_TEXT.encode(), **{"WARC-Identified-Content-Language": "vie"}), conversion(2, b""))
    out = tmp_path / "out" / "corpus.jsonl"
    assert main(["run", str(path), "-o", str(out), "-q", "--only", "extract,quality"]) == 0
    (kept,) = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    (rejected,) = [
        json.loads(line) for line in (out.parent / "corpus.rejects.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    stats = json.loads((out.parent / "corpus.stats.json").read_text())
    assert (kept["id"], kept["text"]) == ("urn:uuid:00000000-0000-0000-0000-000000000001", WET_TEXT)
    meta = kept["metadata"]
    assert (meta["url"], meta["date"], meta["cc_languages"]) == ("https://a.vn/tin/1", "2024-03-01", ["vie"])
    assert meta["source"]["record_id"] == "urn:uuid:00000000-0000-0000-0000-000000000001"
    assert (rejected["id"], rejected["reason"], rejected["step"]) == (
        "urn:uuid:00000000-0000-0000-0000-000000000002",
        "error.empty",
        "read",
    )
    assert (stats["docs_in"], stats["kept"], stats["rejected"], stats["balanced"]) == (2, 1, 1, True)


@pytest.mark.parametrize("suffix", [".html.gz", ".htm.gz", ".html.zst", ".txt.gz", ".txt.zst"])
def test_compressed_pages_and_text_files(tmp_path: Path, suffix: str):
    raw = (PAGE if ".htm" in suffix else "Văn bản").encode("utf-8")
    data = gzip.compress(raw, mtime=0) if suffix.endswith(".gz") else zstandard.ZstdCompressor().compress(raw)
    path = tmp_path / f"page{suffix}"
    path.write_bytes(data)
    (doc,) = read(tmp_path)
    assert isinstance(doc, Document)
    assert (doc.html if ".htm" in suffix else doc.text) == raw.decode("utf-8")
    assert doc.metadata["source"]["sha256"] == hashlib.sha256(data).hexdigest()


def test_truncated_compressed_page_is_a_reject(tmp_path: Path):
    (tmp_path / "page.html.gz").write_bytes(gzip.compress(PAGE.encode("utf-8"))[:-12])
    (reject,) = read(tmp_path)
    assert isinstance(reject, Rejected) and reject.reason == "error.truncated"
