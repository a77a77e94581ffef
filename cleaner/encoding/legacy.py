"""Legacy Vietnamese encodings: TCVN3 (ABC, TCVN 5712 VN3), TCVN 5712 VN1, VNI-Windows, VISCII, VPS and
Windows-1258. VIQR (`Vie^.t Nam`, ASCII) is not handled: its marks are English punctuation.

Each codec converts two inputs to Unicode (NFC):

* raw bytes (`decode_bytes`), for files and WARC payloads whose declared charset is wrong or missing;
* text that was already decoded with the wrong code page (`decode_text`): "Céng hßa x· héi chñ nghÜa ViÖt Nam"
  (TCVN3 bytes shown as Windows-1252) becomes "Cộng hòa xã hội chủ nghĩa Việt Nam".

How a codec reads text: the bytes arrive read as Windows-1252 (as browsers read them) or as Latin-1. TCVN3,
VNI and Windows-1258 leave 0x80-0x9F to Windows-1252 punctuation, so “ ” … – stay what they are. VN1 (the full
TCVN 5712 table, `iconv -t TCVN5712-1`), VISCII and VPS put letters in C0 and 0x80-0x9F, and their text comes
either way: `reading_of` tells which from the text (C1 code points mean Latin-1; else the reading that gives
more syllables), so a real “ beside Latin-1-read VISCII stays a quote; read as Windows-1252, their quotes,
dashes, bullet and ellipsis count as letters only next to a letter (a dash between spaces stays a dash).

`detect_legacy` picks the encoding by trial conversion: every line is converted with every codec and scored as
Vietnamese syllables (`cleaner.encoding.vietnamese`); a codec wins only when the converted text is
overwhelmingly made of legal syllables, clearly better than the input, and passes viparse's two guards (few
long words, few words with f/j/w/z), so Spanish, German, French, Polish or Turkish text is never "converted".
VN1 is tried only on text with a letter VN3 lacks, when VN3 (whose lowercase it shares) gained syllables.

Table sources are in `cleaner/encoding/_tables.py` (glibc charmaps; project reference Appendix A).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

from cleaner.encoding import _tables
from cleaner.encoding.vietnamese import TONE_MARKS, SyllableScore, score_text, syllable_counts

__all__ = [
    "CODECS",
    "LegacyCodec",
    "LegacyMatch",
    "detect_legacy",
    "detect_legacy_bytes",
    "encode_legacy",
    "legacy_codec",
]

# Windows-1252 as browsers read it: the five undefined bytes map to the C1 code point of the same value.
_CP1252 = bytes(range(256)).decode("cp1252", errors="replace")
_CP1252 = "".join(ch if ch != "\ufffd" else chr(i) for i, ch in enumerate(_CP1252))
_CP1252_REVERSE = {ch: i for i, ch in enumerate(_CP1252)}


@dataclass(frozen=True)
class LegacyCodec:
    """One legacy encoding: how its bytes look as text (`surface`), and how to turn that text into Unicode."""

    name: str
    #: "cp1252" or "latin-1": how the encoding's bytes are usually read when they arrive as text.
    surface: str
    #: single-byte encodings: byte -> character (bytes not listed mean what `surface` says).
    bytemap: dict[int, str] | None = None
    #: multi-byte (VNI): letter -> bytes.
    letters: dict[str, bytes] | None = None
    #: the single-byte codec whose table this one extends (VN1 extends VN3): text or bytes without any of the
    #: extra letters read the same in both, so detection tries only the smaller.
    extends: LegacyCodec | None = None

    def surface_char(self, byte: int) -> str:
        return _read(byte, self.surface)

    @cached_property
    def readings(self) -> tuple[str, ...]:
        """How text in this encoding may arrive: its `surface`, and for encodings with letters in 0x80-0x9F
        (VN1, VISCII, VPS) the other of Windows-1252 and Latin-1, which read those bytes differently."""
        if self.bytemap is None or not any(0x80 <= b < 0xA0 for b in self.bytemap):
            return (self.surface,)
        return (self.surface, "cp1252" if self.surface == "latin-1" else "latin-1")

    @cached_property
    def _tables(self) -> dict[str, dict[int, str]]:
        """Per reading, the `str.translate` table from the characters the bytes became to the letters; the
        punctuation of `_WORD_ONLY` is left to `_word_letters`."""
        assert self.bytemap is not None
        tables = {}
        for reading in self.readings:
            table = {ord(_read(b, reading)): ch for b, ch in self.bytemap.items() if _read(b, reading) != ch}
            tables[reading] = {c: ch for c, ch in table.items() if chr(c) not in _WORD_ONLY}
        return tables

    @cached_property
    def _word_letters(self) -> dict[str, str]:
        """Windows-1252 punctuation that is a letter of this encoding (VN1 `–` is `Ọ`, VISCII `“` is `Ộ`):
        converted only next to a letter, so a dash or quote standing alone stays punctuation."""
        if self.bytemap is None:
            return {}
        return {_CP1252[b]: ch for b, ch in self.bytemap.items() if _CP1252[b] in _WORD_ONLY}

    @cached_property
    def _sequences(self) -> tuple[re.Pattern[str], dict[str, str]]:
        assert self.letters is not None
        seqs = {"".join(self.surface_char(b) for b in bs): ch for ch, bs in self.letters.items()}
        seqs = {s: ch for s, ch in seqs.items() if s != ch}
        alternation = "|".join(re.escape(s) for s in sorted(seqs, key=lambda s: (-len(s), s)))
        return re.compile(alternation), seqs

    @cached_property
    def own_bytes(self) -> frozenset[int]:
        """Bytes that are letters here and not in `extends`, less those of `_WORD_ONLY` (see `own_chars`)."""
        assert self.bytemap is not None and self.extends is not None and self.extends.bytemap is not None
        base = self.extends.bytemap
        return frozenset(b for b, ch in self.bytemap.items() if base.get(b) != ch and _CP1252[b] not in _WORD_ONLY)

    @cached_property
    def own_chars(self) -> frozenset[str]:
        """Characters that read as letters here (in any reading) and not in `extends`, less the common
        punctuation of `_WORD_ONLY` (VN3 documents use Windows-1252 quotes and dashes), which counts only
        between two letters."""
        assert self.extends is not None
        return frozenset(_read(b, reading) for reading in self.readings for b in self.own_bytes)

    @cached_property
    def signature(self) -> frozenset[str]:
        """Surface characters that carry letters in this encoding: text without any is left alone."""
        if self.name == "cp1258":
            return frozenset(chr(c) for c in _CP1258_TRANSLATE)
        if self.bytemap is not None:
            return frozenset(chr(c) for table in self._tables.values() for c in table)
        _, seqs = self._sequences
        return frozenset(s[-1] for s in seqs)

    @cached_property
    def marks(self) -> re.Pattern[str]:
        """Finds any character of `signature`."""
        return _any_of(self.signature)

    @cached_property
    def own_marks(self) -> re.Pattern[str]:
        """Finds any character of `own_chars`."""
        return _any_of(self.own_chars)

    def decode_text(self, text: str, reading: str | None = None) -> str:
        """Unicode (NFC) for `text` that holds this encoding's bytes read through a code page: `reading`
        ("cp1252" or "latin-1"), or by default the reading the text shows (`reading_of`)."""
        return self._decode(text, reading or self.reading_of(text))

    def reading_of(self, text: str) -> str:
        """How `text` was read, for encodings with two `readings`: Latin-1 when it holds C1 code points that
        are letters, or no Windows-1252 character that would be one; else the reading that gives more
        Vietnamese syllables (then converts more), so a real “ or … in Latin-1-read VISCII text stays."""
        if len(self.readings) == 1:
            return self.surface
        cp1252_only, latin1_only = self._reading_finders
        if not cp1252_only.search(text) or latin1_only.search(text):
            return "latin-1"
        differ = " ".join(self._cp1252_words.findall(text))  # the words the two readings differ on
        scored = []
        for reading in self.readings:
            out = self._decode(differ, reading)
            valid, invalid = syllable_counts(out)
            scored.append((valid - invalid, -len(_RESIDUE_RE.findall(out)), reading == self.surface, reading))
        return max(scored)[3]

    @cached_property
    def _reading_marks(self) -> tuple[frozenset[str], frozenset[str]]:
        """Characters that are letters of this encoding in only one reading: (Windows-1252, Latin-1)."""
        cp1252, latin1 = self._tables["cp1252"], self._tables["latin-1"]
        cp1252_only = frozenset(chr(c) for c in cp1252 if c not in latin1) | frozenset(self._word_letters)
        return cp1252_only, frozenset(chr(c) for c in latin1 if c not in cp1252)

    @cached_property
    def _reading_finders(self) -> tuple[re.Pattern[str], re.Pattern[str]]:
        """Finds a character of either set of `_reading_marks`."""
        cp1252_only, latin1_only = self._reading_marks
        return _any_of(cp1252_only), _any_of(latin1_only)

    @cached_property
    def _cp1252_words(self) -> re.Pattern[str]:
        """Finds the words holding a character of the Windows-1252 reading only."""
        chars = "".join(re.escape(ch) for ch in sorted(self._reading_marks[0]))
        return re.compile(f"[^\\s{chars}]*[{chars}]\\S*")

    def _decode(self, text: str, reading: str) -> str:
        if self.name == "cp1258":
            out = text.translate(_CP1258_TRANSLATE)
        elif self.bytemap is not None:
            out = text.translate(self._tables[reading])
            if reading == "cp1252" and self._word_letters and _WORD_ONLY_RE.search(out):
                letters = self._word_letters
                out = _WORD_ONLY_RE.sub(lambda m: letters.get(m.group(), m.group()), out)
        else:
            pattern, seqs = self._sequences
            out = pattern.sub(lambda m: seqs[m.group()], text)
        return unicodedata.normalize("NFC", out)

    def decode_bytes(self, data: bytes) -> str:
        """Unicode (NFC) for raw bytes in this encoding."""
        text = data.decode("latin-1")
        if self.surface == "cp1252":
            text = text.translate(_LATIN1_TO_CP1252)
        return self._decode(text, self.surface)


#: Windows-1252 punctuation common in text, which VN1, VISCII and VPS use for capitals.
_WORD_ONLY = "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2026"
_WORD_ONLY_RE = re.compile(f"(?<=[^\\W\\d_])[{_WORD_ONLY}]|[{_WORD_ONLY}](?=[^\\W\\d_])")
# Between two letters, where VN1 capitals sit in all-caps words (`H–C` is `HỌC`) and VN3 punctuation rarely.
_INSIDE_WORD_RE = re.compile(f"(?<=[^\\W\\d_])[{_WORD_ONLY}](?=[^\\W\\d_])")


def _any_of(chars: frozenset[str]) -> re.Pattern[str]:
    """A pattern that finds any of `chars`: a set test in one scan, much faster than a `frozenset` over a
    long text."""
    return re.compile("[" + "".join(re.escape(ch) for ch in sorted(chars)) + "]")


def _read(byte: int, reading: str) -> str:
    """The character `byte` becomes when read as Windows-1252 (as browsers do) or as Latin-1."""
    return _CP1252[byte] if reading == "cp1252" else chr(byte)


_LATIN1_TO_CP1252 = {i: _CP1252[i] for i in range(0x80, 0xA0) if _CP1252[i] != chr(i)}
_CP1258 = bytes(range(256)).decode("cp1258", errors="replace")
_CP1258_TRANSLATE = {
    ord(_CP1252[i]): _CP1258[i] for i in range(0x80, 0x100) if _CP1258[i] not in ("\ufffd", _CP1252[i])
}

_TCVN3 = LegacyCodec("tcvn3", "cp1252", bytemap=_tables.TCVN3_BYTES)
CODECS: tuple[LegacyCodec, ...] = (
    _TCVN3,
    LegacyCodec("tcvn5712-1", "cp1252", bytemap=_tables.TCVN_VN1_BYTES, extends=_TCVN3),
    LegacyCodec("vni", "cp1252", letters=_tables.VNI_LETTERS),
    LegacyCodec("viscii", "latin-1", bytemap=_tables.VISCII_BYTES),
    LegacyCodec("vps", "latin-1", bytemap=_tables.VPS_BYTES),
    LegacyCodec("cp1258", "cp1252"),
)
_BY_NAME = {codec.name: codec for codec in CODECS}


def legacy_codec(name: str) -> LegacyCodec:
    """The codec called `name` (`tcvn3`, `tcvn5712-1`, `vni`, `viscii`, `vps`, `cp1258`)."""
    try:
        return _BY_NAME[name]
    except KeyError:
        raise ValueError(f"unknown legacy encoding {name!r}; known: {', '.join(_BY_NAME)}") from None


# ------------------------------------------------------------------------------------------------ encoding
def _encode_map(codec: LegacyCodec) -> dict[str, bytes]:
    if codec.letters is not None:
        return dict(codec.letters)
    if codec.bytemap is not None:
        out: dict[str, bytes] = {}
        for b, ch in sorted(codec.bytemap.items()):
            out.setdefault(ch, bytes([b]))
        return out
    return {}


def encode_legacy(text: str, name: str) -> bytes:
    """Encode Unicode `text` in a legacy encoding (used to build test fixtures; strict: raises `ValueError`).

    A letter the table lacks is written as its base letter plus a combining tone byte when the encoding has
    one (TCVN3's VN1 tone bytes 0xB0-0xB4, Windows-1258's five tone bytes), as Windows software does.
    """
    codec = legacy_codec(name)
    table = _encode_map(codec)
    tones = {v: bytes([b]) for b, v in (codec.bytemap or {}).items() if v in TONE_MARKS}
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in table:
            out += table[ch]
            continue
        if codec.name == "cp1258":
            try:
                out += ch.encode("cp1258")
                continue
            except UnicodeEncodeError:
                tones = {m: m.encode("cp1258") for m in TONE_MARKS}
        parts = unicodedata.normalize("NFD", ch)
        tone = "".join(c for c in parts if c in TONE_MARKS)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in TONE_MARKS))
        if tone and tone in tones and base != ch:
            out += encode_legacy(base, name) + tones[tone]
            continue
        if ch.isascii():
            out.append(ord(ch))
            continue
        byte = _CP1252_REVERSE.get(ch) if codec.surface == "cp1252" else (ord(ch) if ord(ch) < 256 else None)
        if codec.name == "cp1258":
            try:
                out += ch.encode("cp1258")
                continue
            except UnicodeEncodeError:
                byte = None
        used = codec.bytemap is not None and byte in codec.bytemap
        used = used or (codec.letters is not None and byte is not None and byte >= 0xC0)
        if byte is None or used:
            raise ValueError(f"{ch!r} (U+{ord(ch):04X}) cannot be written in {name}")
        out.append(byte)
    return bytes(out)


# ----------------------------------------------------------------------------------------------- detection
@dataclass(frozen=True, slots=True)
class LegacyMatch:
    """A detected legacy encoding: the converted text, which lines changed, and the scores that decided."""

    encoding: str
    text: str
    lines_changed: int
    chars_converted: int
    before: SyllableScore
    after: SyllableScore


#: Minimum legal Vietnamese syllables (with diacritics) the conversion must produce.
MIN_SYLLABLES = 3
#: Minimum share of converted tokens with diacritics that must be legal syllables.
MIN_RATIO = 0.85
#: Minimum gain in that share over the unconverted text.
MIN_GAIN = 0.3
#: viparse's guards on the converted text: Vietnamese has short syllables and no f, j, w, z.
MAX_LONG_WORDS = 0.04
MAX_FJWZ_WORDS = 0.05


#: Vietnamese separates syllables with spaces: minimum share of spaces in the converted text.
MIN_SPACE_SHARE = 0.08
#: Maximum share of characters a correct conversion leaves looking like mis-decoding (controls, Latin-1
#: symbols, Windows-1252 extras): Japanese or Chinese bytes run through a Vietnamese table leave many.
MAX_RESIDUE_SHARE = 0.02
_LETTER_RUN_RE = re.compile(r"[^\W\d_]+")
_RESIDUE_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u20ac\u2122\u201a\u201e\ufffd]"
)


# UTF-8 of U+1EA0-U+1EFF, ư, ơ, đ and Latin-1 letters read as Windows-1252/Latin-1: pairs no legacy Vietnamese
# text contains (TCVN3 "á»" would be "ỏằ", VNI "á" is a tone mark after a vowel, never before "»").
_UTF8_MOJIBAKE_RE = re.compile("\u00e1[\u00bb\u00ba]|\u00c6[\u00b0\u00a1]|\u00c4[\u2018\u0091]|\u00c3[\u00a0-\u00bf]")


#: Vietnamese writes one syllable per space-separated chunk: maximum letter runs per chunk. Mojibake of other
#: scripts run through a table gives chunks like `–í—Ă–ộ` (three one-letter "syllables" between dashes).
MAX_TOKENS_PER_CHUNK = 1.5


def _looks_written(text: str) -> bool:
    """Spaces between syllables, one syllable per chunk, little residue of mis-decoding: converted prose."""
    if not text:
        return False
    spaces = text.count(" ") + text.count("\n")
    if spaces / len(text) < MIN_SPACE_SHARE:
        return False
    if len(_RESIDUE_RE.findall(text)) / len(text) > MAX_RESIDUE_SHARE:
        return False
    chunks = len(text.split())
    return len(_LETTER_RUN_RE.findall(text)) <= MAX_TOKENS_PER_CHUNK * chunks


def _accept(before: SyllableScore, after: SyllableScore) -> bool:
    if after.valid < MIN_SYLLABLES or after.valid <= before.valid:
        return False
    if after.ratio < MIN_RATIO or after.ratio - before.ratio < MIN_GAIN:
        return False
    if after.tokens and after.long_words / after.tokens > MAX_LONG_WORDS:
        return False
    return not (after.tokens and after.fjwz_words / after.tokens > MAX_FJWZ_WORDS)


@dataclass(frozen=True, slots=True)
class _Trial:
    """A codec's line-by-line conversion: the text's lines after it, the codec's lines (NFC) before and after
    it, and how many lines and characters changed."""

    lines: list[str]
    before: list[str]
    after: list[str]
    changed: int
    chars: int
    #: `valid` and `invalid` of the scores before and after, the rest zero.
    counts: tuple[SyllableScore, SyllableScore]

    def passes_counts(self) -> bool:
        """`_accept` on `counts` (with no tokens counted, its guards on long and f/j/w/z words are off): what
        `passes` tests first, and what most trials fail."""
        return self.changed > 0 and _accept(*self.counts)

    def passes(self) -> bool:
        """`_accept` on the scores of the codec's lines before and after: first on `counts`, then on the
        whole scores."""
        return self.passes_counts() and _accept(*self.scores())

    def scores(self) -> tuple[SyllableScore, SyllableScore]:
        """The scores before and after (words never span lines, so a joined text scores as its lines'
        sum)."""
        return score_text("\n".join(self.before)), score_text("\n".join(self.after))


#: Characters below 0x80 that a reading may change: the C0 controls VN1, VISCII and VPS use for letters.
_ASCII_MARKS_RE = _any_of(frozenset(ch for codec in CODECS for ch in codec.signature if ch.isascii()))


def _chunk_lines(text: str) -> list[str]:
    """`text`'s lines, each cut down to its runs between spaces that hold a non-ASCII character or one of
    `_ASCII_MARKS_RE`: every word `syllable_counts` counts and everything a reading may change, so a line
    and its cut scores alike and read alike (no table holds a space or a line break, no VNI sequence spans
    one, NFC never composes across one, and `_WORD_ONLY` letters need a letter beside them in the run)."""
    runs = text.replace("\n", " \n ").split(" ")
    if _ASCII_MARKS_RE.search(text):
        kept = [run for run in runs if not run.isascii() or run == "\n" or _ASCII_MARKS_RE.search(run)]
    else:
        kept = [run for run in runs if not run.isascii() or run == "\n"]
    return " ".join(kept).split("\n")


@dataclass(frozen=True, slots=True)
class _Reading:
    """A codec's reading of a text's lines that hold one of its characters, on their cuts (`_chunk_lines`):
    the margin of the whole text with those lines read, each cut line's reading by index, and whether its
    trial is `hopeless`."""

    margin: int
    codec: LegacyCodec
    converted: dict[int, str]
    #: Those lines are so Vietnamese already that no trial could gain `MIN_GAIN` in ratio (`_accept`).
    hopeless: bool


#: Encodings another one extends: whether they rank decides whether the other is tried.
_EXTENDED = frozenset(codec.extends.name for codec in CODECS if codec.extends is not None)


def _read_cuts(
    codec: LegacyCodec,
    lines: Sequence[str],
    cuts: Sequence[str],
    whole: tuple[int, int],
    counted: dict[tuple[int, ...], tuple[int, int]],
) -> _Reading | None:
    """The codec's reading (as `decode_text` reads the lines, `reading_of` included) when it gains margin
    over `whole` (the text's `syllable_counts`) and keeps `MIN_SYLLABLES`; else None, and also when its trial
    is hopeless, unless another encoding extends it.

    A trial's score before is that of these lines, and its ratio after is at most 1, so when `1 - ratio`
    falls short of `MIN_GAIN` (correct Vietnamese text), `_accept` rejects every trial. `counted`: the
    `syllable_counts` of the sets of cut lines counted so far (codecs often touch the same lines).
    """
    touched = tuple(i for i, cut in enumerate(cuts) if codec.marks.search(cut))
    as_is = "\n".join(cuts[i] for i in touched)
    before = counted.get(touched)
    if before is None:
        before = counted[touched] = syllable_counts(unicodedata.normalize("NFC", as_is))
    hopeless = 1.0 - SyllableScore(0, *before, 0, 0).ratio < MIN_GAIN
    if hopeless and codec.name not in _EXTENDED:
        return None
    margins: dict[str, int | None] = {}
    readings: dict[str, str] = {}
    for reading in codec.readings:
        readings[reading] = codec._decode(as_is, reading)
        after = syllable_counts(readings[reading])
        valid = whole[0] - before[0] + after[0]
        gained = valid - (whole[1] - before[1] + after[1])
        margins[reading] = gained if valid >= MIN_SYLLABLES and gained > whole[0] - whole[1] else None
    if all(gained is None for gained in margins.values()):
        return None  # whichever reading `reading_of` takes, no gain
    reading = codec.reading_of("\n".join(lines[i] for i in touched))
    margin = margins[reading]
    if margin is None:
        return None
    return _Reading(margin, codec, dict(zip(touched, readings[reading].split("\n"), strict=True)), hopeless)


def _convert_lines(codec: LegacyCodec, lines: Sequence[str]) -> dict[int, str]:
    """The codec's reading of every line with one of its characters (one at least), by index; one reading
    (`reading_of`) for all of them, and line breaks stay."""
    touched = [i for i, line in enumerate(lines) if codec.marks.search(line)]
    new_text = codec.decode_text("\n".join(lines[i] for i in touched))
    return dict(zip(touched, new_text.split("\n"), strict=True))


def _trial(lines: Sequence[str], converted: dict[int, str], signature: frozenset[str]) -> _Trial:
    """Convert, line by line, the lines a codec improves; `converted` holds the codec's reading of every line
    with one of its characters (by index)."""
    out = list(lines)
    before: list[str] = []
    after: list[str] = []
    changed = chars = 0
    counts = [0, 0, 0, 0]  # valid and invalid before, valid and invalid after
    for i, new_line in converted.items():
        nfc = unicodedata.normalize("NFC", lines[i])
        before.append(nfc)
        old_valid, old_invalid = syllable_counts(nfc)
        new_valid, new_invalid = syllable_counts(new_line)
        counts[0] += old_valid
        counts[1] += old_invalid
        if new_line != nfc and new_valid - new_invalid > old_valid - old_invalid:
            out[i] = new_line
            after.append(new_line)
            changed += 1
            chars += sum(1 for ch in lines[i] if ch in signature)
            counts[2] += new_valid
            counts[3] += new_invalid
        else:
            after.append(nfc)
            counts[2] += old_valid
            counts[3] += old_invalid
    scores = (SyllableScore(0, counts[0], counts[1], 0, 0), SyllableScore(0, counts[2], counts[3], 0, 0))
    return _Trial(out, before, after, changed, chars, scores)


def detect_legacy(text: str, candidates: Sequence[str] | None = None) -> LegacyMatch | None:
    """Find the legacy encoding `text` was written in and convert it, or None when the text is not one.

    Each codec first converts the whole text; codecs whose result gains legal syllables are then tried line by
    line, best first, so a page that mixes Unicode and TCVN3 lines gets only its TCVN3 lines converted. The
    decision uses the summed scores of the lines a codec improves.
    """
    # Words never span lines, and a line's cut (`_chunk_lines`) scores and reads as the line, so everything
    # up to a codec's line-by-line trial runs on the cuts: on most text, a small part of it.
    cuts = _chunk_lines(text)
    whole = syllable_counts(unicodedata.normalize("NFC", "\n".join(cuts)))
    if whole[1] < MIN_SYLLABLES:
        return None  # every token with a diacritic is already a syllable: nothing a conversion could fix
    if len(_UTF8_MOJIBAKE_RE.findall(text)) >= MIN_SYLLABLES:
        return None  # UTF-8 mojibake of Vietnamese: ftfy's job, and no legacy text holds these pairs
    lines = text.split("\n")
    ranked: list[tuple[int, int, _Reading]] = []
    counted: dict[tuple[int, ...], tuple[int, int]] = {}
    for order, codec in enumerate(CODECS):
        if candidates is not None and codec.name not in candidates:
            continue
        if not codec.marks.search(text):
            continue
        if codec.extends is not None:
            if not codec.own_marks.search(text) and not _INSIDE_WORD_RE.search(text):
                continue  # reads exactly as the encoding it extends
            if all(candidate.codec.name != codec.extends.name for _, _, candidate in ranked):
                continue  # its lowercase letters are the extended table's: no gain there, none here
        reading = _read_cuts(codec, lines, cuts, whole, counted)
        if reading is not None:
            ranked.append((-reading.margin, order, reading))
    for _, _, reading in sorted(ranked, key=lambda r: (r[0], r[1])):
        codec = reading.codec
        if reading.hopeless or not _trial(cuts, reading.converted, codec.signature).passes_counts():
            continue  # decided on the cuts: the lines' trial would count the same
        trial = _trial(lines, _convert_lines(codec, lines), codec.signature)
        if not trial.passes():
            continue
        result = "\n".join(trial.lines)
        if _looks_written(result):
            return LegacyMatch(codec.name, result, trial.changed, trial.chars, *trial.scores())
    return None


def detect_legacy_bytes(data: bytes, candidates: Sequence[str] | None = None) -> LegacyMatch | None:
    """Like `detect_legacy`, on raw bytes: each codec decodes the bytes, the results are scored the same
    way."""
    baseline = score_text(data.decode("cp1252", errors="replace"))
    best: LegacyMatch | None = None
    for codec in CODECS:
        if candidates is not None and codec.name not in candidates:
            continue
        if codec.extends is not None and codec.own_bytes.isdisjoint(data):  # as for `own_chars`
            continue
        text = codec.decode_bytes(data)
        after = score_text(text)
        if not _accept(baseline, after) or not _looks_written(text):
            continue
        match = LegacyMatch(codec.name, text, text.count("\n") + 1, 0, baseline, after)
        if best is None or match.after.margin > best.after.margin:
            best = match
    return best
