"""`could_convert` never rules out a text the trials would convert, and rules out clean European text.

Pinned against `detect_legacy` run without the bound: on every legacy encoding (read as Windows-1252 and as
Latin-1), the fixtures' legacy and mojibake cases and negatives, clean Vietnamese, German, French, Turkish and
Spanish text and other scripts, and on generated mixes of legacy words, European words and punctuation.
"""

from __future__ import annotations

import json
import unicodedata
from itertools import product
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.encoding import legacy, legacy_bound, vietnamese
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


def test_every_syllable_has_a_shape_that_can_be_one() -> None:
    """What lets `_plain_counts` add plain lines up: each syllable `is_syllable` passes (every onset, nucleus
    and final, each tone on each vowel of the nucleus, in lower, upper and capitalised case) passes
    `_can_be_syllable` too, so a plain line's possible tokens are never fewer than its valid ones."""
    onsets = ["", *vietnamese._ONSET.split("|")]
    finals = ["", *vietnamese._FINAL.split("|")]
    checked = 0
    for onset, nucleus, final in product(onsets, vietnamese._NUCLEUS.split("|"), finals):
        for tone, at in [("", 0), *product(vietnamese.TONE_MARKS, range(len(nucleus)))]:
            word = unicodedata.normalize("NFC", onset + nucleus[: at + 1] + tone + nucleus[at + 1 :] + final)
            for cased in {word, word.upper(), word[0].upper() + word[1:]}:
                if vietnamese.is_syllable(cased):
                    checked += 1
                    assert legacy_bound._can_be_syllable(cased), cased
    assert checked > 100_000


def _per_line_could_convert(cuts: list[str]) -> bool:
    """`could_convert` as it was written first: every line's `_line_bound`, summed per codec."""
    by_codecs: dict[tuple[int, ...], list[tuple[int, int, int, int]]] = {}
    for line in cuts:
        if line:
            touched, counts = legacy_bound._line_bound(line)
            if touched:
                by_codecs.setdefault(touched, []).append(counts)
    totals = [[0, 0, 0, 0] for _ in CODECS]
    for touched, rows in by_codecs.items():
        for k in touched:
            totals[k] = [total + sum(column) for total, column in zip(totals[k], zip(*rows, strict=True), strict=True)]
    return any(legacy_bound._could_pass(total, MIN_SYLLABLES, MIN_RATIO, MIN_GAIN) for total in totals)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([*_LINES, "ở Đà Nẵng", "für ở", "Größe © Việt", "« xin chào »"]), max_size=10))
def test_plain_lines_counted_together_decide_as_line_by_line(lines: list[str]) -> None:
    cuts = legacy._chunk_lines(unicodedata.normalize("NFC", "\n".join(lines)))
    assert could_convert(cuts, MIN_SYLLABLES, MIN_RATIO, MIN_GAIN) == _per_line_could_convert(cuts)


@pytest.mark.parametrize("text", TEXTS + MIXED, ids=lambda text: repr(text[:30]))
def test_plain_lines_counted_together_count_as_line_by_line(text: str) -> None:
    cuts = [line for line in legacy._chunk_lines(unicodedata.normalize("NFC", text)) if line]
    plain = [line for line in cuts if legacy_bound._line_bound(line)[0] and not legacy_bound._NOT_PLAIN_RE.search(line)]
    rows = [legacy_bound._line_bound(line)[1] for line in plain] or [(0, 0, 0, 0)]
    assert legacy_bound._plain_counts("\n".join(plain)) == tuple(map(sum, zip(*rows, strict=True)))
    assert could_convert(cuts, MIN_SYLLABLES, MIN_RATIO, MIN_GAIN) == _per_line_could_convert(cuts)


def _line_counts_run_by_run(line: str) -> tuple[int, int, int, int]:
    """`_line_counts` of a line with movers as it was written first: every run of `_CLUSTER_RE` in turn."""
    possible = stuck = 0
    for cluster in legacy_bound._CLUSTER_RE.findall(line):
        if legacy_bound._NOT_PLAIN_RE.search(cluster):
            most, fewest = legacy_bound._cluster_bound(cluster)
            possible, stuck = possible + most, stuck + fewest
        elif not cluster.isascii():
            can = legacy_bound._can_be_syllable(cluster)
            possible, stuck = possible + can, stuck + (not can)
    return possible, stuck, *vietnamese.syllable_counts(line)


_MOVER_ALPHABET = st.sampled_from(
    [*"aB1 \t.é’–“”…•ÜßÖ°«»©·€Ì\u0301\x02µ", "Céng", "hßa", "H–C", "ViÖt", "Việt", "được", "don’t", "  ", "für"]
)


@settings(max_examples=500, deadline=None)
@given(st.lists(_MOVER_ALPHABET, max_size=20).map("".join))
def test_a_line_with_movers_counts_as_run_by_run(line: str) -> None:
    if legacy_bound._NOT_PLAIN_RE.search(line):
        assert legacy_bound._line_counts(line) == _line_counts_run_by_run(line)


@pytest.mark.parametrize("text", TEXTS + MIXED, ids=lambda text: repr(text[:30]))
def test_lines_with_movers_count_as_run_by_run(text: str) -> None:
    for line in legacy._chunk_lines(unicodedata.normalize("NFC", text)) + text.split("\n"):
        if legacy_bound._NOT_PLAIN_RE.search(line):
            assert legacy_bound._line_counts(line) == _line_counts_run_by_run(line), line
