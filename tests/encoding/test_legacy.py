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


@pytest.mark.parametrize("name", NAMES)
def test_every_letter_round_trips_as_surface_text(name: str) -> None:
    codec = legacy_codec(name)
    surface = "".join(codec.surface_char(b) for b in encode_legacy(LETTERS, name))
    assert codec.decode_text(surface) == LETTERS


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
