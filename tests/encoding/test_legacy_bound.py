"""`could_convert` never rules out a text the trials would convert, and rules out clean European text.

Pinned against `detect_legacy` run without the bound: on every legacy encoding (read as Windows-1252 and as
Latin-1), the fixtures' legacy and mojibake cases and negatives, clean Vietnamese, German, French, Turkish and
Spanish text and other scripts, and on generated mixes of legacy words, European words and punctuation.
"""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.encoding import legacy, legacy_bound
from cleaner.encoding.legacy import (
    CODECS,
    MIN_GAIN,
    MIN_RATIO,
    MIN_SYLLABLES,
    LegacyMatch,
    detect_legacy,
    encode_legacy,
)
from cleaner.encoding.legacy_bound import could_convert

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "encoding"
VIETNAMESE = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam. Độc lập - Tự do - Hạnh phúc.\n"
    "Ủy ban nhân dân TỈNH ỦY khuyến khích người dân ở Đà Nẵng, thuở ấy."
)
GERMAN = (
    "Für die Größe der Gebühren ist die Behörde zuständig.\nÜber uns – Impressum „Datenschutz“ © 2024\n"
    "Schöne Grüße aus München, Köln und Düsseldorf; natürlich auch aus Nürnberg."
)
FRENCH = "L’été dernier, à Orléans, les élèves ont visité le château « Fontainebleau » où la forêt est célèbre."
TURKISH = "Türkiye Cumhuriyeti’nin başkenti Ankara’dır; İstanbul ise en büyük şehridir. Öğrenciler çalışıyor."
SPANISH = "¿Qué día es hoy? El niño pequeño comió más años atrás en España; también mañana, según él."
#: English with curly apostrophes (`I’m` could become a syllable: `’` is a capital in VN1, VISCII and VPS) beside
#: a German line: no trial counts the English lines, which hold no table's own letter.
ENGLISH = (
    "I’m here, I’ve done it, you’re right, it’s fine, I’ll go, don’t worry.\n"
    "Schöne Grüße aus München, Köln und Düsseldorf.\nThat’s what they’re for; we’ve seen it, you’d agree."
)
OTHER_SCRIPTS = [
    "Москва — столица России. Съешь же ещё этих мягких французских булок.",
    "Η Αθήνα είναι η πρωτεύουσα της Ελλάδας.",
    "北京是中华人民共和国的首都。",
    "القاهرة هي عاصمة مصر.",
    "ภาษาไทยเป็นภาษาราชการของประเทศไทย",
]
LEGACY = [
    encode_legacy(VIETNAMESE, codec.name).decode(reading)
    for codec in CODECS
    for reading in ("sloppy-windows-1252", "latin-1")
]


def _jsonl(name: str, field: str) -> list[str]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [json.loads(line)[field] for line in lines]


TEXTS = (
    LEGACY
    + _jsonl("text_cases.jsonl", "input")
    + _jsonl("negatives.jsonl", "text")
    + [VIETNAMESE, GERMAN, FRENCH, TURKISH, SPANISH, ENGLISH, *OTHER_SCRIPTS]
)
#: Each codec's legacy text (both readings) among lines the bound must not let outweigh it: English with curly
#: quotes, German, clean Vietnamese.
MIXED = [
    "\n".join(lines)
    for legacy_text in LEGACY
    for lines in ((ENGLISH, legacy_text), (legacy_text, GERMAN), (VIETNAMESE, legacy_text, ENGLISH))
]


def _unbounded(text: str, monkeypatch: pytest.MonkeyPatch) -> LegacyMatch | None:
    with monkeypatch.context() as patch:
        patch.setattr(legacy, "could_convert", lambda *args: True)
        return detect_legacy(text)


@pytest.mark.parametrize("text", TEXTS + MIXED, ids=lambda text: repr(text[:30]))
def test_detection_with_the_bound_is_detection_without_it(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    text = unicodedata.normalize("NFC", text)
    assert detect_legacy(text) == _unbounded(text, monkeypatch)


@pytest.mark.parametrize("text", LEGACY, ids=lambda text: repr(text[:30]))
def test_legacy_text_is_never_ruled_out(text: str) -> None:
    cuts = legacy._chunk_lines(unicodedata.normalize("NFC", text))
    assert could_convert(cuts, MIN_SYLLABLES, MIN_RATIO, MIN_GAIN)


@pytest.mark.parametrize("text", [GERMAN, TURKISH, SPANISH, ENGLISH], ids=["de", "tr", "es", "en"])
def test_clean_european_text_is_ruled_out(text: str) -> None:
    """`ü ö ß ş ñ` are letters of some legacy table, but the words around them cannot become syllables; `I’m`
    could, but no trial counts a line without a table's own letter (`ENGLISH`)."""
    cuts = legacy._chunk_lines(unicodedata.normalize("NFC", text))
    assert not could_convert(cuts, MIN_SYLLABLES, MIN_RATIO, MIN_GAIN)


def test_every_table_rewrites_into_a_non_ascii_character() -> None:
    """The bound's premise: a rewritten token keeps a non-ASCII character, so it is still counted."""
    assert all(not letter.isascii() for codec in CODECS for _, letter in codec.conversions)


_WORDS = sorted(
    {word for text in LEGACY for word in text.split()}
    | set((GERMAN + " " + FRENCH + " " + SPANISH + " " + TURKISH).split())
    | set(ENGLISH.split())
    | {"à", "où", "día", "qué", "ö", "Ü", "©", "«", "»", "°", "ò", "ì", "\x02", "e\u0301", "don’t", "–", "I’m"}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(_WORDS), st.sampled_from([" ", " ", "\n", "’", "–", " – ", "… ", "\t"])),
        max_size=40,
    )
)
def test_ruled_out_mixes_are_never_converted(parts: list[tuple[str, str]]) -> None:
    text = unicodedata.normalize("NFC", "".join(word + sep for word, sep in parts))
    if not could_convert(legacy._chunk_lines(text), MIN_SYLLABLES, MIN_RATIO, MIN_GAIN):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(legacy, "could_convert", lambda *args: True)
            assert detect_legacy(text) is None


_LINES = sorted(
    {line for text in [*LEGACY, VIETNAMESE, GERMAN, FRENCH, ENGLISH] for line in text.split("\n")}
    | {"« » € © · °", "H–C SINH", "I’m", ""}
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_LINES), max_size=8))
def test_ruled_out_sets_of_lines_are_never_converted(lines: list[str]) -> None:
    """Lines of every codec's legacy text among clean lines: what one codec's trial counts is never what
    another's does, and a codec's own lines must outweigh every other line it touches."""
    text = unicodedata.normalize("NFC", "\n".join(lines))
    if not could_convert(legacy._chunk_lines(text), MIN_SYLLABLES, MIN_RATIO, MIN_GAIN):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(legacy, "could_convert", lambda *args: True)
            assert detect_legacy(text) is None


@pytest.mark.parametrize("text", TEXTS + MIXED, ids=lambda text: repr(text[:30]))
def test_the_codecs_counting_a_line_are_those_whose_marks_find_it(text: str) -> None:
    """What `_read_cuts` and `_trial` count a line for: the bound groups lines by the same codecs."""
    for line in legacy._chunk_lines(unicodedata.normalize("NFC", text)):
        expected = tuple(k for k, codec in enumerate(CODECS) if codec.marks.search(line))
        assert legacy_bound._line_bound(line)[0] == expected, line


@pytest.mark.parametrize(
    "word", ["được", "Größe", "ti\u212a", "\u017fa", "c\u00a9y", "nghiêng", "Ðạo", "xé", "ǅa", "ﬁn", "ça"]
)
def test_a_words_shape_decides_with_its_other_characters_left_as_they_are(word: str) -> None:
    """`_can_be_syllable` skips `_shape`'s `#` for non-ASCII characters no table rewrites: either way, no match."""
    shaped = legacy_bound._CAN_BE_SYLLABLE.fullmatch(legacy_bound._shape(word)) is not None
    assert legacy_bound._can_be_syllable.__wrapped__(word) == shaped


@given(st.text(alphabet=st.characters(min_codepoint=0x41, max_codepoint=0x2200), min_size=1, max_size=6))
def test_a_words_shape_decides_alike_for_any_characters(word: str) -> None:
    shaped = legacy_bound._CAN_BE_SYLLABLE.fullmatch(legacy_bound._shape(word)) is not None
    assert legacy_bound._can_be_syllable.__wrapped__(word) == shaped
