"""Tone-mark placement: old style (`hòa`, `thủy`, `Ủy`) and new style (`hoà`, `thuỷ`, `Uỷ`).

The two Vietnamese conventions differ only for the vowel pairs `oa`, `oe`, `uy` at the end of a syllable (no
final consonant) and not after `q` (`quý` is the same in both): old style puts the tone on the first vowel,
new style on the second. Both are correct Vietnamese and both occur in one document (seeds S2, S3), so the
text keeps the source's choice by default; `fold_tone_placement` gives the one canonical form that comparison
keys (exact and near-duplicate detection, entity matching) must use so `hòa` and `hoà` match.

Only whole syllables are touched (a letter run ending in the pair, with an onset that is not `q` before it),
so `hoàn`, `toán`, `ngoài`, `khuya` and `quý` are never moved.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fold_tone_placement", "to_new_style", "to_old_style"]

_TONES = "\u0300\u0301\u0303\u0309\u0323"
_PAIRS = ("oa", "oe", "uy")


def _toned(letter: str, tone: str) -> str:
    return unicodedata.normalize("NFC", letter + tone)


def _build() -> tuple[dict[str, str], dict[str, str]]:
    to_old: dict[str, str] = {}
    to_new: dict[str, str] = {}
    for pair in _PAIRS:
        for first, second in (
            (pair[0], pair[1]),
            (pair[0].upper(), pair[1]),
            (pair[0].upper(), pair[1].upper()),
        ):
            for tone in _TONES:
                old = _toned(first, tone) + second
                new = first + _toned(second, tone)
                to_old[new] = old
                to_new[old] = new
    return to_old, to_new


_TO_OLD, _TO_NEW = _build()
# The pair itself, not followed by a letter; the onset before it is checked in `_onset_ok` (a regex with the
# onset in a look-behind is six times slower on Vietnamese text).
_OLD_RE = re.compile("(?:" + "|".join(sorted(_TO_NEW, key=len, reverse=True)) + r")(?![^\W\d_])")
_NEW_RE = re.compile("(?:" + "|".join(sorted(_TO_OLD, key=len, reverse=True)) + r")(?![^\W\d_])")
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxzđBCDFGHJKLMNPQRSTVWXZĐ")


def _onset_ok(text: str, start: int) -> bool:
    """The letters before the pair at `start` are consonants only, and the last of them is not `q`."""
    i = start
    while i > 0 and text[i - 1] in _CONSONANTS:
        i -= 1
    if i > 0 and text[i - 1].isalpha():
        return False  # a vowel or other letter before the pair: not a syllable of this shape
    return not (start > 0 and text[start - 1] in "qQ")


def _swap(text: str, pattern: re.Pattern[str], table: dict[str, str]) -> str:
    if not pattern.search(text):
        return text

    def replace(m: re.Match[str]) -> str:
        return table[m.group(0)] if _onset_ok(m.string, m.start()) else m.group(0)

    return pattern.sub(replace, text)


def to_old_style(text: str) -> str:
    """`hoà`→`hòa`, `thuỷ`→`thủy`, `Uỷ`→`Ủy`, `khoẻ`→`khỏe` (NFC input); everything else unchanged."""
    return _swap(text, _NEW_RE, _TO_OLD)


def to_new_style(text: str) -> str:
    """`hòa`→`hoà`, `thủy`→`thuỷ`, `Ủy`→`Uỷ`, `khỏe`→`khoẻ` (NFC input); everything else unchanged."""
    return _swap(text, _OLD_RE, _TO_NEW)


def fold_tone_placement(text: str) -> str:
    """The canonical placement for comparison keys: old style, the majority in Vietnamese corpora.

    Dedup and matching keys call this after NFC so `hòa`/`hoà`, `thủy`/`thuỷ` compare equal. It only ever
    moves a tone between the two vowels of a final `oa`/`oe`/`uy`, so on other languages it is a no-op except
    for the rare word of that shape (French `Noé` folds to `Nóe` in the key, never in the text).
    """
    return to_old_style(text)
