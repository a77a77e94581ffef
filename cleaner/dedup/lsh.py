"""Banded LSH over MinHash signatures: the user states a Jaccard threshold, the index derives bands and rows.

Two documents with Jaccard similarity `s` share at least one of `bands` bands of `rows` signature slots with
probability `P(s) = 1 - (1 - s**rows)**bands` (the LSH S-curve). `optimal_bands(threshold, num_perm)` picks
`(bands, rows)`, `bands * rows <= num_perm`, so that a pair exactly at the threshold is a candidate with
probability at least `min_recall` (0.99 by default) and, among such choices, the area under the S-curve below
the threshold (the expected share of false candidates) is smallest. Every candidate is verified on its
signature afterwards, so a false candidate costs one comparison, while a missed pair is a duplicate left in
the corpus: recall is what the banding must guarantee. (datasketch's `MinHashLSH` instead minimises an equally
weighted sum of false positive and false negative areas, which puts the S-curve's midpoint at the threshold: a
pair at Jaccard 0.7 then becomes a candidate with probability 0.61 only, at 0.8 with 0.95.) At the default
threshold 0.6 and 128 permutations this gives 19 bands of 3 rows: P(0.6) = 0.990, P(0.5) = 0.92,
P(0.3) = 0.41, P(0.1) = 0.019, P(0.03) = 0.0005 (same-topic unrelated documents sit at <= 0.03 with 5-token
shingles).

`LSHIndex` keeps one hash table per band, keyed by a 64-bit combination of the band's rows (computed for many
signatures at once in numpy), and returns the same candidates as datasketch's `MinHashLSH` with the same
`(bands, rows)` (checked in `tests/dedup/test_lsh.py`).
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

__all__ = ["LSHIndex", "candidate_probability", "optimal_bands"]

_K = np.uint64(0x9E3779B97F4A7C15)
_GRID = 2001


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Probability that two documents at Jaccard `similarity` share at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


def optimal_bands(threshold: float, num_perm: int, min_recall: float = 0.99) -> tuple[int, int]:
    """The `(bands, rows)` for `threshold` (see the module docstring); the most sensitive choice if none
    reaches `min_recall`."""
    if not 0.0 < threshold < 1.0:
        raise ValueError(f"threshold must be in (0, 1), got {threshold}")
    pairs = [(b, r) for b in range(1, num_perm + 1) for r in range(1, num_perm // b + 1)]
    bands = np.array([p[0] for p in pairs], dtype=np.float64)
    rows = np.array([p[1] for p in pairs], dtype=np.float64)
    at_threshold = 1.0 - (1.0 - threshold**rows) ** bands
    low = np.linspace(0.0, threshold, _GRID)
    curve = 1.0 - (1.0 - low ** rows[:, None]) ** bands[:, None]
    false_area = ((curve[:, 1:] + curve[:, :-1]) / 2.0).sum(axis=1) * (low[1] - low[0])  # trapezoid rule
    eligible = at_threshold >= min_recall
    if not eligible.any():
        return pairs[int(np.argmax(at_threshold))]
    return pairs[int(np.argmin(np.where(eligible, false_area, np.inf)))]


class LSHIndex:
    """Band hash tables from band key to the rows (document numbers) inserted with it."""

    def __init__(self, num_perm: int, bands: int, rows: int, max_bucket_rows: int = 64) -> None:
        if bands * rows > num_perm:
            raise ValueError(f"bands * rows ({bands} * {rows}) exceeds num_perm ({num_perm})")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        #: A bucket stops growing at this many rows: a new member matches the ones already there just as well,
        #: and a page copied ten thousand times must not make every query compare against all copies.
        self.max_bucket_rows = max_bucket_rows
        self._tables: list[dict[int, int | list[int]]] = [{} for _ in range(bands)]

    def __len__(self) -> int:
        return sum(len(t) for t in self._tables)

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """`(documents, bands)` uint64 keys: each band's `rows` values combined as a polynomial mod 2**64."""
        sigs = np.asarray(signatures, dtype=np.uint32).reshape(-1, self.num_perm)
        used = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(len(sigs), self.bands, self.rows)
        keys = used[:, :, 0].copy()
        with np.errstate(over="ignore"):
            for j in range(1, self.rows):
                keys *= _K
                keys += used[:, :, j]
        return keys

    def query(self, keys: Iterable[int]) -> set[int]:
        """Rows sharing a band key with `keys` (one document's row of `band_keys`, as Python ints)."""
        found: set[int] = set()
        for table, key in zip(self._tables, keys, strict=True):
            hit = table.get(key)
            if hit is None:
                continue
            if isinstance(hit, int):
                found.add(hit)
            else:
                found.update(hit)
        return found

    def insert(self, row: int, keys: Iterable[int]) -> None:
        """Add `row` under each of its band keys."""
        for table, key in zip(self._tables, keys, strict=True):
            hit = table.get(key)
            if hit is None:
                table[key] = row
            elif isinstance(hit, int):
                table[key] = [hit, row]
            elif len(hit) < self.max_bucket_rows:
                hit.append(row)
