"""Legacy Vietnamese encodings: letters round-trip; detection converts real text, never other languages."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401  (sloppy-windows-* codecs)
import pytest

from cleaner.encoding.legacy import CODECS, detect_legacy, detect_legacy_bytes, encode_legacy, legacy_codec
from cleaner.encoding.vietnamese import VIETNAMESE_LETTERS

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "encoding"
NEGATIVES = [json.loads(line) for line in (FIXTURES / "negatives.jsonl").read_text(encoding="utf-8").splitlines()]
NAMES = [codec.name for codec in CODECS]
LETTERS = "".join(sorted(VIETNAMESE_LETTERS))
SENTENCE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc. Người dân được hưởng quyền ở Đà Nẵng, "
    "Ủy ban nhân dân TỈNH ỦY khuyến khích thuở ấy."
)


@pytest.mark.parametrize("name", NAMES)
def test_every_letter_round_trips_as_bytes(name: str) -> None:
    data = encode_legacy(LETTERS, name)
    assert legacy_codec(name).decode_bytes(data) == unicodedata.normalize("NFC", LETTERS)


@pytest.mark.parametrize("misread_as", ["sloppy-windows-1252", "latin-1"])
@pytest.mark.parametrize("name", NAMES)
def test_every_letter_round_trips_as_misread_text(name: str, misread_as: str) -> None:
    """Bytes shown as Windows-1252 (as browsers show them) or as Latin-1 read back, whatever the encoding's
    usual surface: VISCII read as Windows-1252 keeps its 0x80-0x9F capitals, VN1 read as Latin-1 too."""
    text = encode_legacy(LETTERS, name).decode(misread_as)
    assert legacy_codec(name).decode_text(text) == LETTERS
    words = " ".join(f"{letter}n" for letter in LETTERS)  # one word per letter
    assert legacy_codec(name).decode_text(encode_legacy(words, name).decode(misread_as)) == words


def test_vn1_holds_every_letter_in_one_byte() -> None:
    """TCVN 5712 VN1, the full table (`iconv -t TCVN5712-1`): every letter is one byte, capitals included."""
    assert len(encode_legacy(LETTERS, "tcvn5712-1")) == len(LETTERS)
    assert encode_legacy("Ủy viên", "tcvn5712-1") == b"\x9ey vi\xaan"


VN1_HEADING = "TRANG THÔNG TIN ĐIỆN TỬ TỈNH LẠNG SƠN\nỦy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch UBND tỉnh phát biểu."


@pytest.mark.parametrize("misread_as", ["sloppy-windows-1252", "cp1252", "latin-1"])
def test_vn1_capitals_are_repaired(misread_as: str) -> None:
    """Seen as `žy viên`: the capitals VN3 lacks sit in C0 and 0x80-0x9F (a strict Windows-1252 decoder loses
    the five bytes it does not define, none of them used here)."""
    data = encode_legacy(VN1_HEADING, "tcvn5712-1")
    match = detect_legacy(data.decode(misread_as, errors="replace"))
    assert match is not None and (match.encoding, match.text) == ("tcvn5712-1", VN1_HEADING)
    match = detect_legacy_bytes(data)
    assert match is not None and (match.encoding, match.text) == ("tcvn5712-1", VN1_HEADING)


def test_vn3_punctuation_is_not_taken_for_vn1_capitals() -> None:
    """VN3 documents use Windows-1252 quotes, dashes and ellipses, which are capitals in VN1: they stay."""
    text = "“Cộng hòa” – xã hội… ‘Việt Nam’ • Độc lập"
    surface = encode_legacy(text, "tcvn3").decode("sloppy-windows-1252")
    match = detect_legacy(surface + "\n" + surface)
    assert match is not None and (match.encoding, match.text) == ("tcvn3", text + "\n" + text)


def test_latin1_read_viscii_keeps_real_punctuation() -> None:
    """VISCII read as Latin-1 beside a real “ or …: the punctuation is not read as a Windows-1252 letter."""
    text = "“Cộng hòa xã hội chủ nghĩa Việt Nam” … Ủy ban nhân dân TỈNH ỦY"
    surface = "".join(ch if ch in "“”…" else encode_legacy(ch, "viscii").decode("latin-1") for ch in text)
    match = detect_legacy(surface)
    assert match is not None and (match.encoding, match.text) == ("viscii", text)


@pytest.mark.parametrize(
    ("name", "looks_like"),
    [
        ("tcvn3", "Céng hßa x· héi chñ nghÜa ViÖt Nam"),
        ("vni", "Coäng hoøa xaõ hoäi chuû nghóa Vieät Nam"),
        ("viscii", "Cµng hòa xã hµi chü nghîa Vi®t Nam"),
        ("cp1258", "Côòng hoÌa xaÞ hôòi chuÒ nghiÞa Viêòt Nam"),
    ],
)
def test_surface_matches_the_reference_table(name: str, looks_like: str) -> None:
    codec = legacy_codec(name)
    data = encode_legacy("Cộng hòa xã hội chủ nghĩa Việt Nam", name)
    assert "".join(codec.surface_char(b) for b in data) == looks_like


@pytest.mark.parametrize("name", NAMES)
def test_detects_each_encoding_in_text_and_bytes(name: str) -> None:
    codec = legacy_codec(name)
    data = encode_legacy(SENTENCE, name)
    surface = "".join(codec.surface_char(b) for b in data)
    match = detect_legacy(surface)
    assert match is not None and match.encoding == name and match.text == SENTENCE
    match_bytes = detect_legacy_bytes(data)
    assert match_bytes is not None and match_bytes.encoding == name and match_bytes.text == SENTENCE
    if name in ("viscii", "vps"):  # letters in 0x80-0x9F: also read as Windows-1252, as browsers do
        match = detect_legacy(data.decode("sloppy-windows-1252"))
        assert match is not None and match.encoding == name and match.text == SENTENCE


def test_mixed_document_converts_only_its_legacy_lines() -> None:
    tcvn3 = "".join(legacy_codec("tcvn3").surface_char(b) for b in encode_legacy(SENTENCE, "tcvn3"))
    text = f"{SENTENCE}\n{tcvn3}\nHà Nội, ngày 1 tháng 1 năm 2024"
    match = detect_legacy(text)
    assert match is not None and match.encoding == "tcvn3"
    assert match.text == f"{SENTENCE}\n{SENTENCE}\nHà Nội, ngày 1 tháng 1 năm 2024"
    assert match.lines_changed == 1


def test_correct_vietnamese_is_not_a_legacy_encoding() -> None:
    assert detect_legacy(SENTENCE) is None


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_other_languages_are_never_converted(case: dict[str, str]) -> None:
    assert detect_legacy(case["text"]) is None
    for encoding in ("utf-8", "cp1252", "cp1250", "cp1254", "cp1251", "latin-1"):
        try:
            data = case["text"].encode(encoding)
        except UnicodeEncodeError:
            continue
        assert detect_legacy_bytes(data) is None, encoding


def test_encode_refuses_what_the_encoding_cannot_hold() -> None:
    with pytest.raises(ValueError, match="cannot be written in viscii"):
        encode_legacy("“quoted”", "viscii")
    with pytest.raises(ValueError, match="unknown legacy encoding"):
        legacy_codec("vietware")


MOJIBAKE_CODECS = (
    "sloppy-windows-1250",
    "sloppy-windows-1251",
    "sloppy-windows-1252",
    "sloppy-windows-1253",
    "sloppy-windows-1254",
    "sloppy-windows-1257",
    "latin-1",
    "iso-8859-2",
    "macroman",
    "cp437",
)


@pytest.mark.parametrize("case", NEGATIVES, ids=[c["id"] for c in NEGATIVES])
def test_mojibake_of_other_languages_is_not_a_legacy_encoding(case: dict[str, str]) -> None:
    """UTF-8 of any language read with any single-byte code page is ftfy's to repair, never a Vietnamese
    table's (UTF-8 Russian read as MacRoman once came out as one-letter 'syllables' between dashes)."""
    for codec in MOJIBAKE_CODECS:
        broken = case["text"].encode("utf-8").decode(codec, errors="replace")
        assert detect_legacy(broken) is None, codec
