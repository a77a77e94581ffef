"""Document-level quality gate: drop what cleaning left empty, too short, or made mostly of non-words.

Scores are tagged in `metadata["quality"]` before any decision (tag first, decide later), so thresholds can be
retuned from the output without recomputing. The defaults are conservative: they remove what is certainly not a
document (an empty page, a lone counter, a dump of numbers), not short articles.

Reason codes: `quality.empty`, `quality.too_short`, `quality.too_few_words`, `quality.too_few_alpha_words`.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from itertools import filterfalse

import numpy as np

from cleaner.document import Document, Drop
from cleaner.steps import DocumentStep, DocumentStepConfig, check_range

#: A Unicode letter (a word character that is neither a digit nor `_`).
_LETTER = re.compile(r"[^\W\d_]")


def count_letterless(tokens: list[str]) -> int:
    """How many tokens hold no letter: most tokens are all letters (`str.isalpha`), and only the rest are searched
    for one, in C-level iterators rather than a Python loop over every token."""
    return sum(1 for found in map(_LETTER.search, filterfalse(str.isalpha, tokens)) if found is None)


#: Texts shorter than this are counted with `str.split`: numpy's per-call cost outweighs its speed there.
_NUMPY_MIN_CHARS = 256
_SPACE, _LETTER_KIND, _OTHER = 0, 1, 2


def _kind(code: int) -> int:
    """What `str.split` and `_LETTER` see in one code point: whitespace, a letter, or anything else."""
    char = chr(code)
    return _SPACE if char.isspace() else _LETTER_KIND if _LETTER.match(char) else _OTHER


@functools.cache
def _bmp_kinds() -> np.ndarray:
    """`_kind` of every code point of the Basic Multilingual Plane (built once, about 20 ms)."""
    return np.array([_kind(code) for code in range(0x10000)], dtype=np.uint8)


def text_counts(text: str) -> tuple[int, int, int]:
    """(characters after stripping, whitespace-separated words, words holding a letter) in one pass.

    The same numbers as `len(text.strip())`, `len(text.split())` and `count_letterless`, computed over the
    text's code points in numpy (a lookup table says which are whitespace and which letters; token starts are
    where whitespace ends) instead of building a string per word: about twice as fast on web pages.
    """
    if len(text) < _NUMPY_MIN_CHARS:
        stripped = text.strip()
        tokens = stripped.split()
        return len(stripped), len(tokens), len(tokens) - count_letterless(tokens)
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    table = _bmp_kinds()
    if codes.max() <= 0xFFFF:
        kinds = table[codes]
    else:  # emoji and other astral characters are few: looked up one by one
        kinds = table[np.minimum(codes, 0xFFFF)]
        for at in np.flatnonzero(codes > 0xFFFF).tolist():
            kinds[at] = _kind(int(codes[at]))
    solid = kinds != _SPACE
    starts = solid.copy()
    starts[1:] &= ~solid[:-1]
    words = int(np.count_nonzero(starts))
    if not words:
        return 0, 0, 0
    # The word of every letter, in text order: words holding a letter are where that number changes.
    word_of_letter = np.cumsum(starts, dtype=np.int64)[kinds == _LETTER_KIND]
    alpha = int(word_of_letter.size > 0) + int(np.count_nonzero(word_of_letter[1:] != word_of_letter[:-1]))
    first, last = int(solid.argmax()), len(solid) - 1 - int(solid[::-1].argmax())
    return last - first + 1, words, alpha


@dataclasses.dataclass(frozen=True, kw_only=True)
class QualityConfig(DocumentStepConfig):
    #: Minimum characters of text (after stripping); None turns the check off.
    min_chars: int | None = 1
    #: Minimum whitespace-separated words; None turns the check off.
    min_words: int | None = 3
    #: Minimum share of words holding at least one letter (Gopher uses 0.8 for English prose).
    min_alpha_words_ratio: float | None = 0.5

    def __post_init__(self) -> None:
        check_range("quality.min_chars", self.min_chars, 0)
        check_range("quality.min_words", self.min_words, 0)
        check_range("quality.min_alpha_words_ratio", self.min_alpha_words_ratio, 0.0, 1.0)


class QualityFilter(DocumentStep):
    """Tag word counts and letter ratios; drop documents under the configured floors."""

    name = "quality"
    version = 1
    Config = QualityConfig
    reasons = ("quality.empty", "quality.too_short", "quality.too_few_words", "quality.too_few_alpha_words")
    config: QualityConfig

    def process(self, doc: Document) -> Document | Drop:
        chars, words, alpha = text_counts(doc.text)
        ratio = round(alpha / words, 4) if words else 0.0
        doc.metadata["quality"] = {"chars": chars, "words": words, "alpha_words_ratio": ratio}
        cfg = self.config
        if not chars:
            return Drop("quality.empty")
        if cfg.min_chars is not None and chars < cfg.min_chars:
            return Drop("quality.too_short", {"chars": chars, "min_chars": cfg.min_chars})
        if cfg.min_words is not None and words < cfg.min_words:
            return Drop("quality.too_few_words", {"words": words, "min_words": cfg.min_words})
        if cfg.min_alpha_words_ratio is not None and ratio < cfg.min_alpha_words_ratio:
            return Drop(
                "quality.too_few_alpha_words",
                {"alpha_words_ratio": ratio, "min_alpha_words_ratio": cfg.min_alpha_words_ratio},
            )
        return doc
