"""decode_bytes: BOM, declared charset, UTF-8 despite a wrong declaration, legacy Vietnamese, binary input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cleaner.document import Document
from cleaner.filters.encoding import EncodingTransform
from cleaner.io.decode import DecodeError, decode_bytes, sniff_meta_charset

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "encoding"
BYTES_CASES = [json.loads(line) for line in (FIXTURES / "bytes_cases.jsonl").read_text(encoding="utf-8").splitlines()]
NEGATIVES = [json.loads(line) for line in (FIXTURES / "negatives.jsonl").read_text(encoding="utf-8").splitlines()]
STEP = EncodingTransform()


@pytest.mark.parametrize("case", BYTES_CASES, ids=[c["id"] for c in BYTES_CASES])
def test_golden_bytes_case_repaired_exactly(case: dict[str, str]) -> None:
    decoded = decode_bytes((FIXTURES / case["file"]).read_bytes(), case["declared"])
    doc = STEP(Document(id=case["id"], text=decoded.text))
    assert isinstance(doc, Document)
    assert doc.text == (FIXTURES / case["expected"]).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("breakage", "encoding", "evidence"),
    [
        ("utf8_declared_latin1", "utf-8", "utf-8"),
        ("utf8_bom", "utf-8", "bom"),
        ("utf16_bom", "utf-16-le", "bom"),
        ("cp1258", "cp1258", "legacy-vietnamese"),
        ("tcvn3", "tcvn3", "legacy-vietnamese"),
        ("vni", "vni", "legacy-vietnamese"),
        ("viscii", "viscii", "legacy-vietnamese"),
        ("vps", "vps", "legacy-vietnamese"),
    ],
)
def test_evidence_is_reported(breakage: str, encoding: str, evidence: str) -> None:
    case = next(c for c in BYTES_CASES if c["breakage"] == breakage)
    decoded = decode_bytes((FIXTURES / case["file"]).read_bytes(), case["declared"])
    assert (decoded.encoding, decoded.evidence, decoded.declared) == (encoding, evidence, case["declared"])


def test_cp1258_comes_out_composed() -> None:
    data = b"Vi\xea\xf2t Nam ng\xfd\xf5\xcci d\xe2n \xf0\xfd\xf5\xf2c h\xfd\xf5\xd2ng quy\xea\xccn"
    for declared in ("windows-1258", None):
        decoded = decode_bytes(data, declared)
        assert decoded.text == "Việt Nam người dân được hưởng quyền"
        assert decoded.encoding == "cp1258"


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_utf8_negatives_decode_unchanged_whatever_the_declaration(case: dict[str, str]) -> None:
    for declared in (None, "iso-8859-1", "windows-1252", "utf-8"):
        assert decode_bytes(case["text"].encode("utf-8"), declared).text == case["text"]


@pytest.mark.parametrize(
    ("lang", "encoding"),
    [
        ("fr", "cp1252"),
        ("de", "cp1252"),
        ("es", "cp1252"),
        ("ru", "cp1251"),
        ("ar", "cp1256"),
        ("zh", "gb18030"),
        ("th", "tis-620"),
    ],
)
def test_declared_single_byte_pages(lang: str, encoding: str) -> None:
    case = next(c for c in NEGATIVES if c["lang"] == lang)
    decoded = decode_bytes(case["text"].encode(encoding), encoding)
    assert decoded.text == case["text"]
    assert decoded.evidence == "declared"


def test_meta_charset_is_used_when_no_header() -> None:
    text = '<html><head><meta charset="windows-1251"></head><body>Все люди рождаются свободными</body></html>'
    decoded = decode_bytes(text.encode("cp1251"))
    assert decoded.text == text and decoded.evidence == "meta" and decoded.declared == "windows-1251"


@pytest.mark.parametrize(
    ("html", "charset"),
    [
        (b'<meta charset="UTF-8">', "utf-8"),
        (b"<META CHARSET=windows-1258 />", "windows-1258"),
        (b'<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-1">', "iso-8859-1"),
        (b"<html><body>no declaration</body></html>", None),
    ],
)
def test_sniff_meta_charset(html: bytes, charset: str | None) -> None:
    assert sniff_meta_charset(html) == charset


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n%\xe2\xe3",
        b"\x89PNG\r\n\x1a\n\x00\x00",
        b"PK\x03\x04\x14\x00",
        b"abc\x00def",
        bytes(range(32)) * 8,
    ],
    ids=["pdf", "png", "zip", "nul", "controls"],
)
def test_binary_input_raises_decode_error(data: bytes) -> None:
    with pytest.raises(DecodeError, match="binary data"):
        decode_bytes(data)


def test_bad_bom_raises_decode_error() -> None:
    with pytest.raises(DecodeError, match="byte-order mark"):
        decode_bytes(b"\xff\xfe\x00\xd8")


def test_empty_input() -> None:
    assert decode_bytes(b"").text == ""


def test_utf8_page_with_a_few_broken_bytes_stays_utf8() -> None:
    # a German UTF-8 page with one stray Windows-1252 byte and one truncated character: browsers read it as
    # UTF-8 with U+FFFD for the broken bytes; a charset detector would pick a Latin code page and garble every
    # umlaut ("hauptsächlich" -> "hauptsÃĊchlich")
    body = "<p>Eine Intellektuelle, die hauptsächlich mit sich selbst beschäftigt ist, übrig, Größe.</p>" * 12
    data = f'<meta charset="utf-8">{body}'.encode() + b"<p>Caf\xe9</p><p>\xc3"
    decoded = decode_bytes(data)
    assert (decoded.encoding, decoded.evidence) == ("utf-8", "utf-8-replaced")
    assert "hauptsächlich" in decoded.text
    assert decoded.text.count("\ufffd") == 2


def test_single_byte_page_with_one_utf8_sequence_is_not_utf8() -> None:
    data = ("<p>Café crème, déjà vu, à la carte, naïve.</p>" * 3).encode("cp1252") + "“x”".encode()
    decoded = decode_bytes(data, "windows-1252")
    assert (decoded.encoding, decoded.evidence) == ("cp1252", "declared")
    assert "Café crème" in decoded.text
