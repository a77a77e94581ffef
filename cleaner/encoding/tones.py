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
# A syllable: optional onset letters (not ending in q/Q, no vowel right before the pair), then the toned pair,
# then no further letter.
_ONSET = r"(?<![^\W\d_])(?:[b-df-hj-np-tv-zđB-DF-HJ-NP-TV-ZĐ]*(?<![qQ]))"
_OLD_RE = re.compile(_ONSET + "(" + "|".join(sorted(_TO_NEW, key=len, reverse=True)) + r")(?![^\W\d_])")
_NEW_RE = re.compile(_ONSET + "(" + "|".join(sorted(_TO_OLD, key=len, reverse=True)) + r")(?![^\W\d_])")


def to_old_style(text: str) -> str:
    """`hoà`→`hòa`, `thuỷ`→`thủy`, `Uỷ`→`Ủy`, `khoẻ`→`khỏe` (NFC input); everything else unchanged."""
    if not _NEW_RE.search(text):
        return text
    return _NEW_RE.sub(lambda m: m.group(0)[: -len(m.group(1))] + _TO_OLD[m.group(1)], text)


def to_new_style(text: str) -> str:
    """`hòa`→`hoà`, `thủy`→`thuỷ`, `Ủy`→`Uỷ`, `khỏe`→`khoẻ` (NFC input); everything else unchanged."""
    if not _OLD_RE.search(text):
        return text
    return _OLD_RE.sub(lambda m: m.group(0)[: -len(m.group(1))] + _TO_NEW[m.group(1)], text)


def fold_tone_placement(text: str) -> str:
    """The canonical placement for comparison keys: old style, the majority in Vietnamese corpora.

    Dedup and matching keys call this after NFC so `hòa`/`hoà`, `thủy`/`thuỷ` compare equal. It only ever
    moves a tone between the two vowels of a final `oa`/`oe`/`uy`, so on other languages it is a no-op except
    for the rare word of that shape (French `Noé` folds to `Nóe` in the key, never in the text).
    """
    return to_old_style(text)
