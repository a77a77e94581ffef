"""The encoding engine's cheap pre-checks give the answers of the full computations they stand in for.

Each pre-check is tried at its edge (text that just needs the work, text that just does not) and on every
legacy-encoding, mojibake and negative case the fixtures hold.
"""

from __future__ import annotations

import json
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from re import _parser  # type: ignore[attr-defined]

import ftfy.bad_codecs
import ftfy.badness
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.encoding import legacy
from cleaner.encoding.legacy import (
    _EXTENDED,
    CODECS,
    MIN_GAIN,
    MIN_SYLLABLES,
    LegacyCodec,
    _accept,
    _chunk_lines,
    _convert_lines,
    _read_cuts,
    _Trial,
    _trial,
    encode_legacy,
)
from cleaner.encoding.mojibake import (
    _BADNESS_ANCHOR_RE,
    _BADNESS_NEEDS_RE,
    _BADNESS_WIDTH,
    SUSPICIOUS_RE,
    _fix_line,
    _is_bad,
    _leaves_alone,
    _lines_to_look_at,
)
from cleaner.encoding.vietnamese import score_text, syllable_counts

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def _short(text: str) -> str:
    return repr(text[:40])


def _jsonl(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


SENTENCE = "Cộng hòa xã hội chủ nghĩa Việt Nam. Ủy ban nhân dân TỈNH ỦY khuyến khích thuở ấy."
#: Every text case (legacy encodings and mojibake, as the step sees them), every negative, and the sentence in
#: each legacy encoding read as Windows-1252 and as Latin-1.
CORPUS = (
    [case["input"] for case in _jsonl(FIXTURES / "encoding" / "text_cases.jsonl")]
    + [case["text"] for case in _jsonl(FIXTURES / "encoding" / "negatives.jsonl")]
    + [
        encode_legacy(SENTENCE, codec.name).decode(reading)
        for codec in CODECS
        for reading in ("sloppy-windows-1252", "latin-1")
    ]
)
FTFY_CASES = json.loads((FIXTURES / "ftfy" / "test_cases.json").read_text(encoding="utf-8"))

TOKEN_EDGES = [
    "",
    "plain ASCII words only",
    "é",
    "aé éa aéa",
    "Việt_Nam 2024năm x²y ½",  # underscore and digits end a token; `²` is a letter to `\w` but not a digit
    "ﬁlm Straße ΑΘΗΝΑ Москва",
    "e\u0301 combining mark after a letter",
    "a" * 5000 + "ệ " + "b" * 5000,
    "hòa hoà hòa",
]


@pytest.mark.parametrize("text", TOKEN_EDGES + CORPUS, ids=_short)
def test_syllable_counts_are_score_texts_valid_and_invalid(text: str) -> None:
    text = unicodedata.normalize("NFC", text)
    score = score_text(text)
    assert syllable_counts(text) == (score.valid, score.invalid)


@pytest.mark.parametrize("codec", CODECS, ids=[codec.name for codec in CODECS])
def test_marks_find_exactly_the_sets_characters(codec: LegacyCodec) -> None:
    everything = [chr(c) for c in range(0x3000)]
    assert [ch for ch in everything if codec.marks.search(ch)] == sorted(codec.signature & set(everything))
    if codec.extends is not None:
        assert [ch for ch in everything if codec.own_marks.search(ch)] == sorted(codec.own_chars)
    if len(codec.readings) == 2:
        for chars, finder in zip(codec._reading_marks, codec._reading_finders, strict=True):
            assert [ch for ch in everything if finder.search(ch)] == sorted(chars)


VN1_LINE = encode_legacy("HỌC SINH Ủy viên", "tcvn5712-1").decode("sloppy-windows-1252")
VPS_LINE = encode_legacy("Ủy ban nhân dân tỉnh", "vps").decode("latin-1")
#: Texts at the edge of the cuts: `_WORD_ONLY` punctuation next to letters in a line without any codec's
#: character (read as letters only in a codec's own lines), C0 controls and NBSP that are letters, VNI
#: sequences, tabs and other whitespace inside a run, a character NFC turns into ASCII (KELVIN SIGN).
CUT_EDGES = [
    "“Quoted” – H–C\nCéng hßa x· héi\n\n",
    f"{VN1_LINE}\nplain “line” – with…dashes\r\nmore",
    f"{VPS_LINE}\ttab\u00a0nbsp\x85nel",
    encode_legacy("Việt Nam muôn năm", "vni").decode("sloppy-windows-1252") + "\n\u212a\u00e9 x",
    "ascii only\nlines",
    "",
]


@pytest.mark.parametrize("text", CUT_EDGES + CORPUS, ids=_short)
def test_a_cut_line_scores_and_reads_as_its_line(text: str) -> None:
    _assert_cuts_score_and_read_as_lines(text)


_CUT_ALPHABET = st.sampled_from([*"aB1 \n\t\x02.é’–ÜßÖ°«\u00a0\x85", "Céng", "hßa", "H–C", "ViÖt", "\r\n", "  "])


@settings(max_examples=300, deadline=None)
@given(st.lists(_CUT_ALPHABET, max_size=20).map("".join))
def test_a_cut_line_scores_and_reads_as_its_line_in_any_mix(text: str) -> None:
    _assert_cuts_score_and_read_as_lines(text)


@settings(max_examples=500, deadline=None)
@given(st.lists(_CUT_ALPHABET, max_size=20).map("".join))
def test_lines_without_ascii_marks_cut_as_the_regex_cuts_them(text: str) -> None:
    """`_chunk_lines` cuts text without `_ASCII_MARKS` with `str.split`: what `_KEPT_RUN_RE` keeps, exactly."""
    for variant in (text, text.replace("\x02", "")):
        assert _chunk_lines(variant) == "".join(legacy._KEPT_RUN_RE.findall(" " + variant)).split("\n")


def _assert_cuts_score_and_read_as_lines(text: str) -> None:
    lines, cuts = text.split("\n"), _chunk_lines(text)
    assert len(cuts) == len(lines)
    for line, cut in zip(lines, cuts, strict=True):
        assert syllable_counts(unicodedata.normalize("NFC", cut)) == syllable_counts(unicodedata.normalize("NFC", line))
        for codec in CODECS:
            for reading in codec.readings:
                read_cut, read_line = codec._decode(cut, reading), codec._decode(line, reading)
                assert syllable_counts(read_cut) == syllable_counts(read_line), (codec.name, reading)


def _full_margin(codec: LegacyCodec, lines: list[str], whole: tuple[int, int]) -> tuple[int | None, bool]:
    """The ranking margin as computed on whole lines (the computation `_read_cuts` stands in for), and whether
    the lines' ratio leaves no room for `MIN_GAIN`."""
    converted = _convert_lines(codec, lines)
    before = score_text(unicodedata.normalize("NFC", "\n".join(lines[i] for i in converted)))
    after = score_text("\n".join(converted.values()))
    valid = whole[0] - before.valid + after.valid
    margin = valid - (whole[1] - before.invalid + after.invalid)
    return margin if valid >= MIN_SYLLABLES and margin > whole[0] - whole[1] else None, before.ratio > 1 - MIN_GAIN


@pytest.mark.parametrize("text", CUT_EDGES + CORPUS, ids=_short)
def test_a_reading_of_the_cuts_ranks_and_trials_as_the_lines(text: str) -> None:
    lines, cuts = text.split("\n"), _chunk_lines(text)
    score = score_text(unicodedata.normalize("NFC", text))
    whole = (score.valid, score.invalid)
    for codec in CODECS:
        if not codec.marks.search(text):
            continue
        reading = _read_cuts(codec, lines, cuts, whole, {})
        margin, hopeless = _full_margin(codec, lines, whole)
        if hopeless:
            assert not _trial(lines, _convert_lines(codec, lines), codec.signature).passes(), codec.name
        if hopeless and codec.name not in _EXTENDED:
            assert reading is None, codec.name
            continue
        assert (reading and reading.margin) == margin, codec.name
        if reading is not None:
            assert reading.hopeless == hopeless, codec.name
            on_cuts = _trial(cuts, reading.converted, codec.signature)
            on_lines = _trial(lines, _convert_lines(codec, lines), codec.signature)
            assert (on_cuts.changed, on_cuts.counts) == (on_lines.changed, on_lines.counts), codec.name


def _trials(text: str) -> Iterator[tuple[str, _Trial]]:
    lines = text.split("\n")
    for codec in CODECS:
        if codec.marks.search(text):
            yield codec.name, _trial(lines, _convert_lines(codec, lines), codec.signature)


@pytest.mark.parametrize("text", CORPUS, ids=_short)
def test_a_trials_counts_decide_as_its_full_scores(text: str) -> None:
    """The `valid`/`invalid` pre-test of a trial rejects only what the full scores reject."""
    for name, trial in _trials(text):
        before, after = trial.scores()
        counted_before, counted_after = trial.counts
        assert (counted_before.valid, counted_before.invalid) == (before.valid, before.invalid), name
        assert (counted_after.valid, counted_after.invalid) == (after.valid, after.invalid), name
        assert trial.passes() == (trial.changed > 0 and _accept(before, after)), name


def test_the_sentence_passes_its_own_codecs_trial() -> None:
    """The edge on the other side: a real legacy text passes the pre-test and the full test."""
    for codec in CODECS:
        surface = "".join(codec.surface_char(b) for b in encode_legacy(SENTENCE, codec.name))
        trials = dict(_trials(surface))
        assert trials[codec.name].passes(), codec.name


LINE_EDGES = [
    "Müller, café, «Zitat», 25 °C, © 2024, naïve",  # clean: ftfy's `is_bad` passes it
    "MÃ¼ller",  # just broken: UTF-8 read as Windows-1252
    "Ã voilà",  # `^[ÃÂ][ ]`: bad only at the start of a line
    "voilÃ le travail",
    "l\x92Ecole",  # C1 punctuation
    "Î&frac14;s",  # an entity inside mojibake
    "Î&amp; company",
    "Ä\ufffdÆ°á»\u009dng",  # a lost Đ in Vietnamese mojibake
    "hĂ²a bĂ¬nh",  # UTF-8 read as Windows-1258
    "NICIODATĂ™",
    "\ud83d\udca9 surrogates",
    "Cộng hòa xã hội chủ nghĩa",
]


def _lines() -> list[str]:
    lines = list(LINE_EDGES)
    for text in CORPUS:
        lines += text.split("\n")
    for case in FTFY_CASES:
        lines += case["original"].split("\n") + case["fixed"].split("\n")
    return [line for line in dict.fromkeys(lines) if SUSPICIOUS_RE.search(line) or line in LINE_EDGES]


@pytest.mark.parametrize("line", _lines(), ids=_short)
def test_a_line_left_alone_is_one_ftfy_would_not_change(line: str) -> None:
    if _leaves_alone(line):
        assert _fix_line(line) == (line, "")


def test_left_alone_sits_on_the_edge() -> None:
    alone = [line for line in LINE_EDGES if _leaves_alone(line)]
    assert alone == ["Müller, café, «Zitat», 25 °C, © 2024, naïve", "NICIODATĂ™", "Cộng hòa xã hội chủ nghĩa"]
    for line in LINE_EDGES[1:-3]:
        assert _fix_line(line)[0] != line or not _leaves_alone(line), line


def test_badness_needs_two_non_ascii_characters_or_a_named_one() -> None:
    """Every character that ftfy's badness regex may match, alone between ASCII contexts its alternatives
    look for (a letter, a space, punctuation, a digit, the line's start or end), is caught by the pre-test
    whenever the regex matches: a match of a single non-ASCII character is always one of the named ones."""
    missed = []
    for code in [*range(0x80, 0x3000), *range(0xF000, 0x10000)]:
        if 0xD800 <= code < 0xE000:
            continue
        for left in ("", "a", "a ", "."):
            for right in ("", " ", "a", "1"):
                text = left + chr(code) + right
                if ftfy.badness.is_bad(text) and not _BADNESS_NEEDS_RE.search(text):
                    missed.append(text)
    assert missed == []


@pytest.mark.parametrize("line", [*LINE_EDGES, "Müller“s", "Ã ", "œ 1", "Œuvre", "\x85", "ü€"], ids=_short)
def test_is_bad_with_its_pre_test_is_ftfys(line: str) -> None:
    assert _is_bad(line) == ftfy.badness.is_bad(line)


def test_is_bad_with_its_pre_test_is_ftfys_on_every_fixture_line() -> None:
    lines = _lines()
    assert [_is_bad(line) for line in lines] == [ftfy.badness.is_bad(line) for line in lines]
    assert any(_is_bad(line) for line in lines) and not all(_is_bad(line) for line in lines)


def _item_chars(op: object, arg: object) -> set[str] | None:
    """The characters a literal or a character set of a parsed regex matches (None for anything else)."""
    if op is _parser.LITERAL:
        return {chr(arg)}  # type: ignore[arg-type]
    if op is not _parser.IN:
        return None
    chars: set[str] = set()
    for kind, value in arg:  # type: ignore[attr-defined]
        if kind is _parser.LITERAL:
            chars.add(chr(value))
        elif kind is _parser.RANGE:
            chars.update(map(chr, range(value[0], value[1] + 1)))
        else:
            return None  # a category or a negation: not a closed set
    return chars


def test_every_badness_match_holds_an_anchor_within_its_width() -> None:
    """What `_is_bad` relies on to search only around anchors: each alternative of ftfy's badness regex has a
    position (not optional) whose every character is an anchor, and no match is longer than `_BADNESS_WIDTH`."""
    tree = _parser.parse(ftfy.badness.BADNESS_RE.pattern, ftfy.badness.BADNESS_RE.flags)
    assert tree.getwidth()[1] <= _BADNESS_WIDTH
    [(op, (_, branches))] = tree.data
    assert op is _parser.BRANCH and len(branches) > 30
    for branch in branches:
        anchored = [
            chars
            for op, arg in branch.data
            if (chars := _item_chars(op, arg)) and all(_BADNESS_ANCHOR_RE.match(ch) for ch in chars)
        ]
        assert anchored, branch


@pytest.mark.parametrize(
    "line",
    ["Москва «Ð¾» " * 3, "a" * 20 + "Ã", "Ã " + "Ñ" * 30, "x" * 8 + "вЂ" + "y" * 8, "Müller " * 40 + "Ã©"],
    ids=_short,
)
def test_is_bad_around_anchors_is_ftfys_at_stretch_edges(line: str) -> None:
    assert _is_bad(line) == ftfy.badness.is_bad(line)


def _looked_at(text: str) -> list[str]:
    """The lines `_lines_to_look_at` stands in for: the suspicious ones `_leaves_alone` does not pass, with the
    index of each."""
    lines = text.split("\n")
    return [f"{i}:{line}" for i, line in enumerate(lines) if SUSPICIOUS_RE.search(line) and not _leaves_alone(line)]


def _found(text: str) -> list[str]:
    """The lines `_lines_to_look_at` finds, with the index of each."""
    return [f"{text.count(chr(10), 0, start)}:{text[start:end]}" for start, end in _lines_to_look_at(text)]


@pytest.mark.parametrize(
    "text", ["\n".join(LINE_EDGES), *LINE_EDGES, *CORPUS, *(case["original"] for case in FTFY_CASES)], ids=_short
)
def test_the_lines_to_look_at_hold_every_line_not_left_alone(text: str) -> None:
    assert set(_looked_at(text)) <= set(_found(text))


_MOJIBAKE_ALPHABET = st.sampled_from(
    [*"aé €Ã¼\nÂ&Äœ1Ö€™", "\ufffd", "\x92", "\ud83d", "&frac14;", "&amp;", "Ă²", "á»", "Ä\ufffd", "\u00a0"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_MOJIBAKE_ALPHABET, max_size=16).map("".join))
def test_the_lines_to_look_at_hold_every_line_not_left_alone_in_any_mix(text: str) -> None:
    assert set(_looked_at(text)) <= set(_found(text))
