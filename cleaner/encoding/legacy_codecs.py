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

Table sources are in `cleaner/encoding/_tables.py` (glibc charmaps; project reference Appendix A).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property

from cleaner.encoding import _tables
from cleaner.encoding.vietnamese import TONE_MARKS, syllable_counts

__all__ = [
    "CODECS",
    "INSIDE_WORD_RE",
    "RESIDUE_RE",
    "WORD_ONLY",
    "LegacyCodec",
    "char_class",
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
        punctuation of `WORD_ONLY` is left to `_word_letters`."""
        assert self.bytemap is not None
        tables = {}
        for reading in self.readings:
            table = {ord(_read(b, reading)): ch for b, ch in self.bytemap.items() if _read(b, reading) != ch}
            tables[reading] = {c: ch for c, ch in table.items() if chr(c) not in WORD_ONLY}
        return tables

    @cached_property
    def _word_letters(self) -> dict[str, str]:
        """Windows-1252 punctuation that is a letter of this encoding (VN1 `–` is `Ọ`, VISCII `“` is `Ộ`):
        converted only next to a letter, so a dash or quote standing alone stays punctuation."""
        if self.bytemap is None:
            return {}
        return {_CP1252[b]: ch for b, ch in self.bytemap.items() if _CP1252[b] in WORD_ONLY}

    @cached_property
    def _sequences(self) -> tuple[re.Pattern[str], dict[str, str]]:
        assert self.letters is not None
        seqs = {"".join(self.surface_char(b) for b in bs): ch for ch, bs in self.letters.items()}
        seqs = {s: ch for s, ch in seqs.items() if s != ch}
        alternation = "|".join(re.escape(s) for s in sorted(seqs, key=lambda s: (-len(s), s)))
        return re.compile(alternation), seqs

    @cached_property
    def own_bytes(self) -> frozenset[int]:
        """Bytes that are letters here and not in `extends`, less those of `WORD_ONLY` (see `own_chars`)."""
        assert self.bytemap is not None and self.extends is not None and self.extends.bytemap is not None
        base = self.extends.bytemap
        return frozenset(b for b, ch in self.bytemap.items() if base.get(b) != ch and _CP1252[b] not in WORD_ONLY)

    @cached_property
    def own_chars(self) -> frozenset[str]:
        """Characters that read as letters here (in any reading) and not in `extends`, less the common
        punctuation of `WORD_ONLY` (VN3 documents use Windows-1252 quotes and dashes), which counts only
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
    def conversions(self) -> frozenset[tuple[str, str]]:
        """Every rewrite this codec may make, in any reading (`WORD_ONLY` punctuation included): (surface
        string, the character it becomes before NFC)."""
        if self.name == "cp1258":
            return frozenset((chr(c), ch) for c, ch in _CP1258_TRANSLATE.items())
        if self.bytemap is not None:
            pairs = {(chr(c), ch) for table in self._tables.values() for c, ch in table.items()}
            return frozenset(pairs | set(self._word_letters.items()))
        return frozenset(self._sequences[1].items())

    @cached_property
    def marks(self) -> re.Pattern[str]:
        """Finds any character of `signature`."""
        return char_class(self.signature)

    @cached_property
    def own_marks(self) -> re.Pattern[str]:
        """Finds any character of `own_chars`."""
        return char_class(self.own_chars)

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
            scored.append((valid - invalid, -len(RESIDUE_RE.findall(out)), reading == self.surface, reading))
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
        return char_class(cp1252_only), char_class(latin1_only)

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
WORD_ONLY = "\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u2026"
_WORD_ONLY_RE = re.compile(f"(?<=[^\\W\\d_])[{WORD_ONLY}]|[{WORD_ONLY}](?=[^\\W\\d_])")
# Between two letters, where VN1 capitals sit in all-caps words (`H–C` is `HỌC`) and VN3 punctuation rarely.
INSIDE_WORD_RE = re.compile(f"(?<=[^\\W\\d_])[{WORD_ONLY}](?=[^\\W\\d_])")

#: Characters a correct conversion rarely leaves: controls, Latin-1 symbols, Windows-1252 extras, U+FFFD.
RESIDUE_RE = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\xbf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192"
    "\u02c6\u02dc\u2020\u2021\u2030\u2039\u203a\u20ac\u2122\u201a\u201e\ufffd]"
)


def char_class(chars: frozenset[str]) -> re.Pattern[str]:
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
