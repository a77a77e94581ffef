"""What Vietnamese text looks like: its letters, its syllables, and a score for "is this Vietnamese?".

The legacy-encoding detector converts text with each candidate table and keeps a conversion only when the
result is much more Vietnamese than the input. A plain letter-frequency model cannot tell real TCVN3 from
Spanish or German run through the same table (viparse measured equal gains), so the score here counts
*syllables*: a Vietnamese word is one syllable of at most three vowels, one tone mark, a short list of onsets
and eight finals, while European words run through a Vietnamese table come out as long, illegal letter
strings.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

__all__ = [
    "TONE_MARKS",
    "VIETNAMESE_LETTERS",
    "VIETNAMESE_ONLY",
    "SyllableScore",
    "is_syllable",
    "score_text",
    "split_tone",
    "syllable_counts",
]

#: Combining marks of the five tones: grave (huyền), acute (sắc), tilde (ngã), hook (hỏi), dot below (nặng).
TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_TONE_INDEX = {mark: i + 1 for i, mark in enumerate(TONE_MARKS)}
_ACUTE, _DOT = 2, 5

_BASES = "aăâeêioôơuưy"


def _build_letters() -> dict[str, tuple[str, int]]:
    letters: dict[str, tuple[str, int]] = {}
    for base in _BASES + _BASES.upper():
        letters[base] = (base.lower(), 0)
        for mark in TONE_MARKS:
            letters[unicodedata.normalize("NFC", base + mark)] = (base.lower(), _TONE_INDEX[mark])
    for ch in "đĐ":
        letters[ch] = ("đ", 0)
    return letters


#: Every Vietnamese vowel letter (both cases, 12 bases x 6 tones) plus đ/Đ, mapped to (toneless base, tone
#: 0-5).
_LETTER_INFO = _build_letters()
VIETNAMESE_LETTERS = frozenset(_LETTER_INFO)
#: Letters that occur in Vietnamese but in no other language written in Latin-1/CP1252 (a cheap Vietnamese
#: signal).
VIETNAMESE_ONLY = frozenset(ch for ch in VIETNAMESE_LETTERS if ord(ch) > 0xFF)

_ONSET = "ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|b|c|d|đ|g|h|k|l|m|n|p|r|s|t|v|x"
_NUCLEUS = (
    "iêu|yêu|oai|oay|oao|oeo|uây|uôi|ươi|ươu|uya|uyê|uyu|"
    "ai|ao|au|ay|âu|ây|eo|êu|ia|iê|iu|oa|oă|oe|oi|ôi|ơi|oo|ua|uâ|uê|ui|uô|uơ|ưa|ưi|ươ|ưu|uy|yê|"
    "a|ă|â|e|ê|i|o|ô|ơ|u|ư|y"
)
_FINAL = "ch|nh|ng|c|m|n|p|t"
_SYLLABLE = re.compile(rf"(?:{_ONSET})?(?P<nucleus>{_NUCLEUS})(?P<final>{_FINAL})?")
_MARKED = "ăâêôơư"


def _tone_positions(nucleus: str, closed: bool) -> tuple[int, ...]:
    """Where the tone may sit in a vowel nucleus (indexes), old and new placement both allowed."""
    marked = [i for i, ch in enumerate(nucleus) if ch in _MARKED]
    if marked:
        return (marked[-1],)
    n = len(nucleus)
    if n == 1:
        return (0,)
    if closed:
        return (n - 1,)
    if nucleus in ("oa", "oe", "uy"):
        return (0, 1)
    return (1,) if n == 3 else (0,)


_STOPS = frozenset(("c", "ch", "p", "t"))


def split_tone(ch: str) -> tuple[str, int]:
    """(toneless lowercase base, tone 0-5) of a Vietnamese letter; ASCII letters come back lowercased, tone
    0."""
    info = _LETTER_INFO.get(ch)
    if info is not None:
        return info
    return ch.lower(), 0


@lru_cache(maxsize=65536)
def is_syllable(word: str) -> bool:
    """True if `word` (NFC, one token of letters) is a well-formed Vietnamese syllable.

    Checks: only Vietnamese letters, in lower, Capitalised or UPPER case; at most one tone mark, on the vowel
    the spelling rules allow (either placement for final `oa`/`oe`/`uy`); onset + vowel nucleus + final from
    the closed lists; a stop final (c, ch, p, t) only with the acute or dot-below tone.
    """
    if not (word.islower() or word.isupper() or (word[0].isupper() and word[1:].islower()) or len(word) == 1):
        return False
    bases = []
    tone = 0
    tone_at = -1
    for ch in word:
        if ch.isascii():
            if not ch.isalpha():
                return False
            bases.append(ch.lower())
            continue
        info = _LETTER_INFO.get(ch)
        if info is None:
            return False
        base, t = info
        if t:
            if tone:
                return False
            tone = t
            tone_at = len(bases)
        bases.append(base)
    plain = "".join(bases)
    m = _SYLLABLE.fullmatch(plain)
    if m is None:
        return False
    final = m.group("final")
    if final in _STOPS and tone not in (0, _ACUTE, _DOT):
        return False
    if tone:
        start = m.start("nucleus")
        if tone_at - start not in _tone_positions(m.group("nucleus"), final is not None):
            return False
    return True


_WORD = re.compile(r"[^\W\d_]+")
# The tokens of `_WORD` that hold a non-ASCII letter, the only ones `valid` and `invalid` count: a token start,
# its ASCII letters taken possessively (an all-ASCII token fails without backtracking: linear time), then a
# non-ASCII letter and the rest of the token.
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]*+[^\W\d_\x00-\x7f][^\W\d_]*")


@dataclass(frozen=True, slots=True)
class SyllableScore:
    """Counts over the letter tokens of a text: `valid` and `invalid` count tokens with a non-ASCII letter."""

    tokens: int
    valid: int
    invalid: int
    long_words: int
    fjwz_words: int

    @property
    def ratio(self) -> float:
        """Share of non-ASCII tokens that are Vietnamese syllables (0.0 when there are none)."""
        seen = self.valid + self.invalid
        return self.valid / seen if seen else 0.0

    @property
    def margin(self) -> int:
        return self.valid - self.invalid

    def __sub__(self, other: SyllableScore) -> SyllableScore:
        return SyllableScore(
            self.tokens - other.tokens,
            self.valid - other.valid,
            self.invalid - other.invalid,
            self.long_words - other.long_words,
            self.fjwz_words - other.fjwz_words,
        )

    def __add__(self, other: SyllableScore) -> SyllableScore:
        return SyllableScore(
            self.tokens + other.tokens,
            self.valid + other.valid,
            self.invalid + other.invalid,
            self.long_words + other.long_words,
            self.fjwz_words + other.fjwz_words,
        )


@lru_cache(maxsize=65536)
def _classify(word: str) -> tuple[int, int, int, int]:
    """(long, fjwz, valid, invalid) flags of one token, cached: words repeat across lines and codecs."""
    long_word = int(len(word) > 7)
    lower = word.lower()
    fjwz = int("f" in lower or "j" in lower or "w" in lower or "z" in lower)
    if word.isascii():
        return long_word, fjwz, 0, 0
    valid = is_syllable(word)
    return long_word, fjwz, int(valid), int(not valid)


def score_text(text: str) -> SyllableScore:
    """Score `text` (NFC) as Vietnamese: how many tokens with diacritics are legal syllables, how many are
    not. Each distinct word is classified once."""
    tokens = valid = invalid = long_words = fjwz = 0
    for word, count in Counter(_WORD.findall(text)).items():
        tokens += count
        a, b, c, d = _classify(word)
        long_words += a * count
        fjwz += b * count
        valid += c * count
        invalid += d * count
    return SyllableScore(tokens, valid, invalid, long_words, fjwz)


# A word (one a line) of ASCII and Vietnamese letters only: the only words `is_syllable` may pass.
_VIETNAMESE_SPELLED_RE = re.compile(f"^[A-Za-z{''.join(sorted(_LETTER_INFO))}]+$", re.MULTILINE)


def syllable_counts(text: str) -> tuple[int, int]:
    """`(valid, invalid)` of `score_text(text)`, without tokenising the ASCII words, which count as neither:
    all that a decision on `margin` needs, at a fraction of the cost on mostly-ASCII text. `is_syllable` is
    cached, so mapping it over the tokens costs less than counting the distinct ones first; it is asked only
    about those spelled with Vietnamese letters (one more scan, which other languages' words mostly fail)."""
    words = _ACCENTED_WORD.findall(text)
    valid = sum(map(is_syllable, _VIETNAMESE_SPELLED_RE.findall("\n".join(words))))
    return valid, len(words) - valid
