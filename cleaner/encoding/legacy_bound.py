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
from itertools import product

from cleaner.encoding.legacy_codecs import CODECS, WORD_ONLY
from cleaner.encoding.vietnamese import VIETNAMESE_LETTERS, is_syllable, syllable_counts

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
# A token's shape: `1` for an ASCII vowel, ASCII consonants as they are, `2` for a non-ASCII letter that is
# Vietnamese or that a table rewrites, `#` for any other (it stays, and no syllable holds it). What a Vietnamese
# syllable can come from: the onsets and finals of `cleaner.encoding.vietnamese` (`gi` and `qu` as `g` and `q`
# before the vowels, `đ` among the `2`s) around vowels that any `2` may stand for.
_SHAPE = str.maketrans(
    dict.fromkeys("aeiouyAEIOUY", "1")
    | dict.fromkeys(VIETNAMESE_LETTERS, "2")
    | dict.fromkeys((ch for codec in CODECS for surface, _ in codec.conversions for ch in surface), "2")
)
_NON_ASCII_RE = re.compile("[^\x00-\x7f]")
_CAN_BE_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|kh|ph|th|tr|[bcdghklmnpqrstvx])?[12]+(?:ch|nh|ng|[cmnpt])?", re.IGNORECASE | re.ASCII
)
#: Most movers in one run whose outcomes are tried one by one (3 ** 4 of them); beyond, a cruder bound.
MAX_MOVERS = 4


def _shape(text: str) -> str:
    return _NON_ASCII_RE.sub("#", text.translate(_SHAPE))


@lru_cache(maxsize=65536)
def _can_be_syllable(word: str) -> bool:
    """Whether some rewriting of `word`'s non-ASCII letters (and of VNI's vowel-and-mark sequences) could make
    it a Vietnamese syllable."""
    return _CAN_BE_SYLLABLE.fullmatch(_shape(word)) is not None


@lru_cache(maxsize=65536)
def _cluster_bound(cluster: str) -> tuple[int, int]:
    """(most tokens a rewriting of `cluster`, a run holding movers, could make syllables; fewest counted tokens
    it leaves that cannot be). Each mover becomes a letter, stays a separator, or vanishes into the letter
    before it (a combining mark composing), every outcome tried: the codecs' choices are among them."""
    movers = [i for i, ch in enumerate(cluster) if _NOT_PLAIN_RE.match(ch)]
    if len(movers) > MAX_MOVERS:
        return len(_CONVERTIBLE_RE.findall(cluster)), 0  # one counted token per such character, at most
    base = list(_shape(cluster))
    most, fewest = 0, len(cluster)
    for outcome in product("2 v", repeat=len(movers)):
        shape = base.copy()
        for i, choice in zip(movers, outcome, strict=True):
            shape[i] = "" if choice == "v" else choice
            if choice == "v":
                before = next((j for j in range(i - 1, -1, -1) if shape[j]), None)
                if before is not None and shape[before] != " ":
                    shape[before] = "2"
        counted = [token for token in "".join(shape).split() if "2" in token or "#" in token]
        possible = sum(_CAN_BE_SYLLABLE.fullmatch(token) is not None for token in counted)
        most, fewest = max(most, possible), min(fewest, len(counted) - possible)
    return most, fewest


def could_convert(cuts: Sequence[str], min_syllables: int, min_ratio: float, min_gain: float) -> bool:
    """Whether a codec's trial on `cuts` (NFC lines, as `detect_legacy` cuts them) could count
    `min_syllables` valid syllables at a share of `min_ratio`, `min_gain` above the share before; False is a
    proof that none can."""
    # Per line: the most valid syllables it could count after a rewriting; its excess of stuck tokens over what
    # `min_ratio` allows (`stuck * min_ratio - possible * (1 - min_ratio)`, 0 or less when the line could pass
    # alone); and its excess of valid syllables before over the share that leaves room for `min_gain`.
    lines: list[tuple[int, float, float]] = []
    most_before = 1.0 - min_gain
    for line in cuts:
        if not line:
            continue
        possible = stuck = 0
        if _NOT_PLAIN_RE.search(line):
            for cluster in _CLUSTER_RE.findall(line):
                if _NOT_PLAIN_RE.search(cluster):
                    most, fewest = _cluster_bound(cluster)
                    possible += most
                    stuck += fewest
                elif not cluster.isascii():
                    if _can_be_syllable(cluster):
                        possible += 1
                    else:
                        stuck += 1
            valid, invalid = syllable_counts(line)
        else:
            words = _ACCENTED_WORD.findall(line)
            possible = sum(map(_can_be_syllable, words))
            stuck = len(words) - possible
            valid = sum(map(is_syllable, words))
            invalid = len(words) - valid
        # Every line with a token counts: one whose tokens are all stuck still leaves room before.
        if possible or stuck or invalid:
            after = stuck * min_ratio - possible * (1.0 - min_ratio)
            lines.append((possible, after, valid * (1.0 - most_before) - invalid * most_before))
    # A passing set of lines has a total of each excess, and of their sum, at 0 or less: each of its lines with a
    # positive one has it no larger than the room the others leave, at most that of every line with a negative
    # one. (The tolerance covers rounding: counts are small integers, a real passing set is never that close.)
    rooms = [-sum(min(excess[k], 0.0) for excess in lines) + 1e-9 for k in (1, 2)]
    rooms.append(-sum(min(excess[1] + excess[2], 0.0) for excess in lines) + 1e-9)
    reachable = sum(
        possible
        for possible, after, before in lines
        if after <= rooms[0] and before <= rooms[1] and after + before <= rooms[2]
    )
    return reachable >= min_syllables
