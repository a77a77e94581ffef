"""Document-level quality gate: drop what cleaning left empty, too short, or made mostly of non-words.

Scores are tagged in `metadata["quality"]` before any decision (tag first, decide later), so thresholds can be
retuned from the output without recomputing. The defaults are conservative: they remove what is certainly not a
document (an empty page, a lone counter, a dump of numbers), not short articles.

Reason codes: `quality.empty`, `quality.too_short`, `quality.too_few_words`, `quality.too_few_alpha_words`.
"""

from __future__ import annotations

import dataclasses
import re
from itertools import filterfalse

from cleaner.document import Document, Drop
from cleaner.steps import DocumentStep, DocumentStepConfig, check_range

#: A Unicode letter (a word character that is neither a digit nor `_`).
_LETTER = re.compile(r"[^\W\d_]")


def count_letterless(tokens: list[str]) -> int:
    """How many tokens hold no letter: most tokens are all letters (`str.isalpha`), and only the rest are searched
    for one, in C-level iterators rather than a Python loop over every token."""
    return sum(1 for found in map(_LETTER.search, filterfalse(str.isalpha, tokens)) if found is None)


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
        text = doc.text.strip()
        tokens = text.split()
        words = len(tokens)
        alpha = words - count_letterless(tokens)
        ratio = round(alpha / words, 4) if words else 0.0
        doc.metadata["quality"] = {"chars": len(text), "words": words, "alpha_words_ratio": ratio}
        cfg = self.config
        if not text:
            return Drop("quality.empty")
        if cfg.min_chars is not None and len(text) < cfg.min_chars:
            return Drop("quality.too_short", {"chars": len(text), "min_chars": cfg.min_chars})
        if cfg.min_words is not None and words < cfg.min_words:
            return Drop("quality.too_few_words", {"words": words, "min_words": cfg.min_words})
        if cfg.min_alpha_words_ratio is not None and ratio < cfg.min_alpha_words_ratio:
            return Drop(
                "quality.too_few_alpha_words",
                {"alpha_words_ratio": ratio, "min_alpha_words_ratio": cfg.min_alpha_words_ratio},
            )
        return doc
