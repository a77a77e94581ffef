"""A proof, cheaper than the trials, that no legacy codec can win on a text: `could_convert`.

`cleaner.encoding.legacy.detect_legacy` accepts a codec only after its trial on the text's cut lines passes
`_accept` on syllable counts: at least `MIN_SYLLABLES` valid syllables and a share of `MIN_RATIO` among the
counted tokens (those with a non-ASCII letter) of the lines the codec touches, each line with its counts before or
after conversion. Clean German, Spanish or Turkish text fails that by far (`für`, `Größe`, `años` stay invalid
whatever a table makes of `ü ö ß ñ`), but finding out costs a conversion and a syllable count per codec.

The bound looks at the tokens as they are. On a *plain* line (no character that a table turns from a non-letter
into a letter or back, no combining mark a converted letter could compose with, no ASCII control), every table
rewrites letters into non-ASCII letters, so each token stays one token, counted before and after. A token can
then be a syllable after some conversion only if its shape allows it (`_CAN_BE_SYLLABLE`: an onset of ASCII
consonants, vowels or non-ASCII letters, a final; every non-ASCII letter may become any vowel or `đ`); the other
counted tokens (`_STUCK`) stay invalid in every reading. On other lines, at most one counted token per non-ASCII
character or control, and any of them valid. If no set of lines reaches `MIN_SYLLABLES` possible syllables with
the stuck tokens under `1 - MIN_RATIO` of the counts, no codec can win, and the trials need not run.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from cleaner.encoding.legacy_codecs import CODECS, WORD_ONLY

__all__ = ["could_convert"]

_LETTER_RE = re.compile(r"[^\W\d_]")


def _is_letter(ch: str) -> bool:
    return _LETTER_RE.fullmatch(ch) is not None


# Characters that may move a token boundary when a table rewrites them: a non-letter that becomes a letter
# (Latin-1 symbols, C0 controls of VN1/VISCII/VPS), a letter that becomes a combining mark or a sign (TCVN3's
# tone bytes, Windows-1258's), and the combining marks a rewritten Latin letter could compose with under NFC
# (every canonical composition of a Latin letter uses U+0300-U+036F). `WORD_ONLY` punctuation becomes a letter
# only next to a letter (or to one of these, which may become one), so elsewhere it stays a separator.
_MOVERS = "".join(
    sorted(
        {
            ch
            for codec in CODECS
            for surface, letter in codec.conversions
            for ch in surface
            if not (_is_letter(ch) and _is_letter(letter)) and ch not in WORD_ONLY
        }
    )
)
_MOVER_CLASS = "\u0300-\u036f" + re.escape(_MOVERS)
_NOT_PLAIN_RE = re.compile(f"[{_MOVER_CLASS}{WORD_ONLY}]")
# The runs a rewriting can only split or rejoin inside: letters, movers, and `WORD_ONLY` punctuation beside one.
_JOINABLE = f"[^\\W\\d_]|[{_MOVER_CLASS}]"
_CLUSTER_RE = re.compile(f"(?:{_JOINABLE}|(?<={_JOINABLE})[{WORD_ONLY}]|[{WORD_ONLY}](?={_JOINABLE}))+")
# What a table may turn into a letter: non-ASCII characters and the controls (every surface string holds one).
_CONVERTIBLE_RE = re.compile(
    "[^\x00-\x7f]|["
    + "".join(re.escape(ch) for codec in CODECS for surface, _ in codec.conversions for ch in surface if ch < " ")
    + "]"
)
_ACCENTED_WORD = re.compile(r"(?<![^\W\d_])[A-Za-z]*+[^\W\d_\x00-\x7f][^\W\d_]*")
# A token's shape: `1` for an ASCII vowel, `2` for a non-ASCII letter, ASCII consonants as they are. What a
# Vietnamese syllable can come from: the onsets and finals of `cleaner.encoding.vietnamese` (`gi` and `qu` as
# `g` and `q` before the vowels, `đ` among the `2`s) around vowels that any `2` may stand for.
_VOWELS = str.maketrans(dict.fromkeys("aeiouyAEIOUY", "1"))
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_CAN_BE_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdghklmnpqrstvx])?[12]+(?:ch|nh|ng|[cmnpt])?", re.IGNORECASE | re.ASCII
)


@lru_cache(maxsize=65536)
def _can_be_syllable(word: str) -> bool:
    """Whether some rewriting of `word`'s non-ASCII letters (and of VNI's vowel-and-mark sequences) could make
    it a Vietnamese syllable."""
    return _CAN_BE_SYLLABLE.fullmatch(_NON_ASCII_RE.sub("2", word.translate(_VOWELS))) is not None


def could_convert(cuts: Sequence[str], min_syllables: int, min_ratio: float) -> bool:
    """Whether a codec's trial on `cuts` (NFC lines, as `detect_legacy` cuts them) could count
    `min_syllables` valid syllables at a share of `min_ratio`; False is a proof that none can."""
    # Per line: the most valid syllables it could count, and its excess of stuck tokens over what that share
    # allows (`stuck * min_ratio - possible * (1 - min_ratio)`, negative when the line could pass alone).
    lines: list[tuple[int, float]] = []
    for line in cuts:
        if not line:
            continue
        possible = stuck = 0
        if _NOT_PLAIN_RE.search(line):
            for cluster in _CLUSTER_RE.findall(line):
                if _NOT_PLAIN_RE.search(cluster):
                    possible += len(_CONVERTIBLE_RE.findall(cluster))  # one counted token per such character
                elif not cluster.isascii():
                    if _can_be_syllable(cluster):
                        possible += 1
                    else:
                        stuck += 1
        else:
            words = _ACCENTED_WORD.findall(line)
            possible = sum(map(_can_be_syllable, words))
            stuck = len(words) - possible
        if possible:
            lines.append((possible, stuck * min_ratio - possible * (1.0 - min_ratio)))
    # A passing set of lines has a total excess of 0 or less: each of its lines with a positive excess has one
    # no larger than the room the others leave, at most that of every line with a negative one.
    room = -sum(excess for _, excess in lines if excess <= 0)
    # (The tolerance covers rounding: counts are small integers, a real passing set is never that close.)
    reachable = sum(possible for possible, excess in lines if excess <= room + 1e-9)
    return reachable >= min_syllables
