"""A proof, cheaper than the trials, that no legacy codec can win on a text: `could_convert`.

`cleaner.encoding.legacy.detect_legacy` accepts a codec only after its trial on the text's cut lines passes
`_accept` on syllable counts: at least `MIN_SYLLABLES` valid syllables, more than before, and a share of
`MIN_RATIO` among the counted tokens (those with a non-ASCII letter), `MIN_GAIN` above the share before. A trial
counts exactly the lines that hold one of the codec's characters (`LegacyCodec.marks`), each converted or as it
is. Clean German, Spanish or Turkish text fails that by far (`für`, `Größe`, `años` stay invalid whatever a
table makes of `ü ö ß ñ`), and English lines whose only non-ASCII characters are curly quotes and dashes are
counted by no trial (no table holds them outside a word of its own letters), but finding out costs a conversion
and a syllable count per codec.

The bound looks at the tokens as they are. On a *plain* line (no character that a table turns from a non-letter
into a letter or back, no combining mark a converted letter could compose with, no ASCII control), every table
rewrites letters into non-ASCII letters, so each token stays one token, counted before and after. A token can
then be a syllable after some conversion only if its shape allows it (`_CAN_BE_SYLLABLE`: an onset of ASCII
consonants, vowels or non-ASCII letters, a final; every non-ASCII letter may become any vowel or `đ`); the other
counted tokens (stuck) stay invalid in every reading. On other lines, each run holding such characters is
judged by every outcome of them (`_cluster_bound`). Summed per codec over the lines it touches, the most valid
and fewest invalid syllables a trial could count must pass `_accept`'s tests, or no trial can.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import product

from cleaner.encoding.legacy_codecs import CODECS, WORD_ONLY, char_class
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
# Of runs joined one a line, those holding a character of `_NOT_PLAIN_RE`.
_MOVER_CLUSTER_RE = re.compile(f"^[^\\n{_MOVER_CLASS}{WORD_ONLY}]*+[{_MOVER_CLASS}{WORD_ONLY}][^\\n]*", re.MULTILINE)
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
# Every codec's characters (`LegacyCodec.signature`), in one class.
_ANY_MARK_RE = char_class(frozenset().union(*(codec.signature for codec in CODECS)))
#: Most movers in one run whose outcomes are tried one by one (3 ** 4 of them); beyond, a cruder bound.
MAX_MOVERS = 4


def _shape(text: str) -> str:
    return _NON_ASCII_RE.sub("#", text.translate(_SHAPE))


@lru_cache(maxsize=65536)
def _can_be_syllable(word: str) -> bool:
    """Whether some rewriting of `word`'s non-ASCII letters (and of VNI's vowel-and-mark sequences) could make
    it a Vietnamese syllable. The non-ASCII characters `_shape` would turn into `#` are left as they are: like
    `#`, they match nothing of the (ASCII) pattern."""
    return _CAN_BE_SYLLABLE.fullmatch(word.translate(_SHAPE)) is not None


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


def _line_counts(line: str) -> tuple[int, int, int, int]:
    """(most tokens of `line` a rewriting could make syllables, fewest counted tokens it leaves that cannot be;
    valid and invalid syllables as it is)."""
    if not _NOT_PLAIN_RE.search(line):
        return _plain_counts(line)
    # The runs holding movers are bounded one by one. Every other run is letters alone, counted when it holds a
    # non-ASCII one: a token of `_ACCENTED_WORD`, so the line's tokens less those inside the movers' runs.
    movers = _MOVER_CLUSTER_RE.findall("\n".join(_CLUSTER_RE.findall(line)))
    possible = stuck = 0
    for cluster in movers:
        most, fewest = _cluster_bound(cluster)
        possible += most
        stuck += fewest
    words = _ACCENTED_WORD.findall(line)
    inside = _ACCENTED_WORD.findall("\n".join(movers))
    plain_possible = sum(map(_can_be_syllable, words)) - sum(map(_can_be_syllable, inside))
    valid, invalid = syllable_counts(line)
    return possible + plain_possible, stuck + len(words) - len(inside) - plain_possible, valid, invalid


def _plain_counts(text: str) -> tuple[int, int, int, int]:
    """`_line_counts` of plain lines (no character of `_NOT_PLAIN_RE`), any number of them joined by line breaks:
    their counted tokens stay tokens in every reading, so the counts add up over tokens and lines (no token spans
    a line break). Every syllable's shape passes `_can_be_syllable` (tested on every syllable), so on such lines
    the possible tokens are at least the valid ones: a line's larger of the two, and its smaller of stuck and
    invalid, add up too, and `could_convert` counts a group of plain lines at once."""
    words = _ACCENTED_WORD.findall(text)
    possible = sum(map(_can_be_syllable, words))
    valid = sum(map(is_syllable, words))
    return possible, len(words) - possible, valid, len(words) - valid


@lru_cache(maxsize=4096)
def _codecs_holding(chars: frozenset[str]) -> tuple[int, ...]:
    """The indexes in `CODECS` of the codecs with one of `chars` in their `signature`: those whose `marks` find
    a line holding these of `_ANY_MARK_RE`'s characters."""
    return tuple(k for k, codec in enumerate(CODECS) if not codec.signature.isdisjoint(chars))


@lru_cache(maxsize=65536)
def _line_bound(line: str) -> tuple[tuple[int, ...], tuple[int, int, int, int]]:
    """The codecs whose trials count `line` (their indexes in `CODECS`), and what it may add to a trial's counts:
    most valid and fewest invalid syllables after, valid and invalid before. Cached: pages of one site share
    their menus and footers."""
    touched = _codecs_holding(frozenset(_ANY_MARK_RE.findall(line)))
    if not touched:
        return touched, (0, 0, 0, 0)
    possible, stuck, valid, invalid = _line_counts(line)
    return touched, (max(possible, valid), min(stuck, invalid), valid, invalid)


def could_convert(cuts: Sequence[str], min_syllables: int, min_ratio: float, min_gain: float) -> bool:
    """Whether a codec's trial on `cuts` (NFC lines, as `detect_legacy` cuts them) could count
    `min_syllables` valid syllables at a share of `min_ratio`, `min_gain` above the share before; False is a
    proof that none can.

    A codec's trial counts exactly the lines holding one of its characters (`LegacyCodec.marks`), each converted
    or as it is: over those lines, at most the sum of each line's larger of its possible and its valid
    syllables, at least the sum of its smaller of stuck and invalid tokens."""
    # The lines' counts by the set of codecs touching them (no trial counts a line no codec touches), then per
    # codec: most valid and fewest invalid after, valid and invalid before, over the lines it touches. Lines with
    # movers one by one (cached), plain lines in one count per set of codecs (`_plain_counts`).
    by_codecs: dict[tuple[int, ...], list[tuple[int, int, int, int]]] = {}
    plain: dict[tuple[int, ...], list[str]] = {}
    for line in cuts:
        if line:
            touched = _codecs_holding(frozenset(_ANY_MARK_RE.findall(line)))
            if not touched:
                continue
            if _NOT_PLAIN_RE.search(line):
                by_codecs.setdefault(touched, []).append(_line_bound(line)[1])
            else:
                plain.setdefault(touched, []).append(line)
    for touched, lines in plain.items():
        by_codecs.setdefault(touched, []).append(_plain_counts("\n".join(lines)))
    totals = [[0, 0, 0, 0] for _ in CODECS]
    for touched, rows in by_codecs.items():
        sums = [sum(column) for column in zip(*rows, strict=True)]
        for k in touched:
            totals[k] = [a + b for a, b in zip(totals[k], sums, strict=True)]
    return any(_could_pass(total, min_syllables, min_ratio, min_gain) for total in totals)


def _could_pass(counts: Sequence[int], min_syllables: int, min_ratio: float, min_gain: float) -> bool:
    """`detect_legacy`'s `_accept` on counts (most valid and fewest invalid after, valid and invalid before), for
    the best share after that a trial could reach: the same float arithmetic, which is monotonic, so the bound
    holds exactly."""
    most, fewest, valid, invalid = counts
    if most < min_syllables or most <= valid:
        return False
    best_ratio = most / (most + fewest)
    ratio_before = valid / (valid + invalid) if valid + invalid else 0.0
    return best_ratio >= min_ratio and best_ratio - ratio_before >= min_gain
