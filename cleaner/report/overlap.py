"""The passages two texts share, for showing a duplicate beside the copy that was kept.

Words are compared as the dedup step compares them (`dedup_tokens`: case, punctuation and tone placement
folded); a run of at least `MIN_WORDS` words found in both texts is a shared passage (the
dedup step compares 5-word shingles, so shorter runs are noise). Spans are character offsets into each text.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from cleaner.dedup.normalize import dedup_tokens

__all__ = ["MIN_WORDS", "shared_spans"]

MIN_WORDS = 5
#: Words compared per text at most: beyond that the comparison would cost more than the view is worth.
MAX_WORDS = 20_000

_WORD = re.compile(r"\S+")

Span = tuple[int, int]


def shared_spans(a: str, b: str) -> tuple[list[Span], list[Span]]:
    """Character spans of `a` and of `b` covered by word runs the two texts share."""
    words_a = [m.span() for m in _WORD.finditer(a)][:MAX_WORDS]
    words_b = [m.span() for m in _WORD.finditer(b)][:MAX_WORDS]
    keys_a = [" ".join(dedup_tokens(a[s:e])) for s, e in words_a]
    keys_b = [" ".join(dedup_tokens(b[s:e])) for s, e in words_b]
    matcher = SequenceMatcher(None, keys_a, keys_b, autojunk=False)
    spans_a: list[Span] = []
    spans_b: list[Span] = []
    for i, j, size in matcher.get_matching_blocks():
        if size >= MIN_WORDS:
            spans_a.append((words_a[i][0], words_a[i + size - 1][1]))
            spans_b.append((words_b[j][0], words_b[j + size - 1][1]))
    return spans_a, spans_b
