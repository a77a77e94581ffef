"""Exact verification of borderline pairs: a MinHash estimate near the threshold is replaced by the true Jaccard.

An estimate within three standard deviations of the threshold (`verification_margin`: 0.13 at 0.6 and 128
permutations) could fall on either side of it by chance; for such a pair the dedup step compares the two
shingle sets themselves. `ShingleSets` finds them: the hashes a signature was made from while a 64 MiB cache
holds them, else recomputed from the buffered text (this run), or read from the index file (earlier runs).
"""

from __future__ import annotations

import math
from collections import OrderedDict
from collections.abc import Callable

import numpy as np

from cleaner.dedup.shingles import shingle_hashes, shingle_set
from cleaner.dedup.token_batch import hash_tokens

__all__ = ["ShingleSets", "jaccard", "verification_margin"]

#: Memory for the shingle sets kept (least recently used first out) to verify borderline pairs exactly.
_SHINGLE_CACHE_BYTES = 64 << 20


def verification_margin(threshold: float | None, num_perm: int) -> float:
    """How close to the threshold an estimate must be to be re-checked exactly: 3 standard deviations of the
    MinHash estimate there (0 when there is no threshold)."""
    return 3.0 * math.sqrt(threshold * (1.0 - threshold) / num_perm) if threshold else 0.0


class ShingleSets:
    """The shingle sets of rows (an earlier run's rows first, then this run's), for exact Jaccard."""

    def __init__(
        self,
        *,
        ngram_size: int,
        fold_digits: bool,
        prior_rows: int,
        texts: Callable[[int], str] | None,
        prior_shingles: Callable[[int], np.ndarray | None] | None,
    ) -> None:
        self._ngram_size = ngram_size
        self._fold_digits = fold_digits
        self._prior_rows = prior_rows
        #: Text of this run's n-th document, and shingle set of an earlier run's row.
        self._texts = texts
        self._prior_shingles = prior_shingles
        #: Shingle hashes of recent rows, least recently used first out: a row's sorted unique set once it has been
        #: verified, until then the hashes its signature was made from (rows in `_unsorted`).
        self._cache: OrderedDict[int, np.ndarray | None] = OrderedDict()
        self._cache_bytes = 0
        self._unsorted: set[int] = set()

    def keep_signed(self, row: int, hashes: np.ndarray) -> None:
        """Hold the shingle hashes `row`'s signature was made from (unsorted, with repeats) while there is room."""
        self._put(row, hashes, unsorted=True)

    def get(self, row: int) -> np.ndarray | None:
        """Sorted unique shingle hashes of `row`, or None when its text is not at hand (LRU cache, 64 MiB)."""
        cache = self._cache
        if row in cache:
            cache.move_to_end(row)
            found = cache[row]
            if row in self._unsorted and found is not None:
                self._unsorted.discard(row)
                self._put(row, shingle_set(found))
                found = cache[row]
            return found
        found = None
        if row < self._prior_rows:
            found = self._prior_shingles(row) if self._prior_shingles is not None else None
        elif self._texts is not None:
            tokens = hash_tokens([self._texts(row - self._prior_rows)], fold_digits=self._fold_digits)
            found = shingle_set(shingle_hashes(tokens.hashes, self._ngram_size))
        self._put(row, found)
        return found

    def _put(self, row: int, hashes: np.ndarray | None, unsorted: bool = False) -> None:
        cache = self._cache
        if row in cache:
            previous = cache.pop(row)
            self._cache_bytes -= 0 if previous is None else previous.nbytes
        cache[row] = hashes
        if unsorted:
            self._unsorted.add(row)
        self._cache_bytes += 0 if hashes is None else hashes.nbytes
        while self._cache_bytes > _SHINGLE_CACHE_BYTES and len(cache) > 1:
            evicted_row, evicted = cache.popitem(last=False)
            self._unsorted.discard(evicted_row)
            self._cache_bytes -= 0 if evicted is None else evicted.nbytes

    def exact_jaccard(self, a: int, b: int) -> float | None:
        """Jaccard similarity of the shingle sets of rows `a` and `b`; None if either is not at hand."""
        first, second = self.get(a), self.get(b)
        if first is None or second is None:
            return None
        return jaccard(first, second)


def jaccard(first: np.ndarray, second: np.ndarray) -> float:
    """Jaccard similarity of two sorted unique arrays of shingle hashes (1.0 for two empty sets)."""
    shared = _shared(first, second)
    union = len(first) + len(second) - shared
    return shared / union if union else 1.0


def _shared(first: np.ndarray, second: np.ndarray) -> int:
    """How many values two sorted unique arrays have in common (a binary search of each value of the first in
    the second: no concatenated copy to sort, as `np.intersect1d` makes)."""
    if not len(first) or not len(second):
        return 0
    at = np.minimum(np.searchsorted(second, first), len(second) - 1)
    return int(np.count_nonzero(second[at] == first))
