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

import functools

import numpy as np

__all__ = ["LSHIndex", "candidate_probability", "optimal_bands"]

_K = np.uint64(0x9E3779B97F4A7C15)
_SALT = np.uint64(0xD6E8FEB86659FD93)
#: Table slots examined per probing pass (one pass resolves nearly every key at 60 % load).
_GRID = 2001


def candidate_probability(similarity: float, bands: int, rows: int) -> float:
    """Probability that two documents at Jaccard `similarity` share at least one band."""
    return float(1.0 - (1.0 - similarity**rows) ** bands)


@functools.lru_cache(maxsize=64)
def optimal_bands(threshold: float, num_perm: int, min_recall: float = 0.99) -> tuple[int, int]:
    """The `(bands, rows)` for `threshold` (see the module docstring); the most sensitive choice if none
    reaches `min_recall`. Remembered per arguments: the search takes tens of milliseconds, and every run of the
    dedup step asks for it."""
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
    """The band tables: one open-addressing hash table (numpy arrays) from band key to row.

    Every (band, band key) pair becomes one 32-bit table key (the band's 64-bit polynomial mixed with the band
    number; 0 marks an empty slot), stored with the bucket's first row in two uint32 arrays with linear
    probing, at most 60 % full: 8 bytes per slot, 13-27 bytes per distinct key, against about 90 for a Python
    dict entry. A bucket's further rows (the documents sharing that band with an earlier one: duplicates,
    mostly) go to a small dict of lists. A 32-bit key collision (about 2**-31 per comparison) only adds a
    candidate, which the caller verifies. Rows must be < 2**32.
    """

    #: Slots beyond the last home slot, so that probe runs need no wrap-around (extended when reached).
    _PAD = 1024
    #: Grow (double) when more than this share of the home slots is taken.
    _MAX_LOAD = 0.6

    def __init__(self, num_perm: int, bands: int, rows: int, max_bucket_rows: int = 64) -> None:
        if bands * rows > num_perm:
            raise ValueError(f"bands * rows ({bands} * {rows}) exceeds num_perm ({num_perm})")
        self.num_perm = num_perm
        self.bands = bands
        self.rows = rows
        #: A bucket stops growing at this many rows: a new member matches the ones already there just as well,
        #: and a page copied ten thousand times must not make every query compare against all copies.
        self.max_bucket_rows = max_bucket_rows
        self._salts = (np.arange(1, bands + 1, dtype=np.uint64) * _SALT)[None, :]
        self._bits = 12
        self._keys = np.zeros((1 << self._bits) + self._PAD, dtype=np.uint32)
        self._rows = np.zeros_like(self._keys)
        #: Rows beyond the first of a bucket, by table key (only buckets holding several rows are here).
        self._overflow: dict[int, list[int]] = {}
        self._count = 0
        self._distinct = 0

    def __len__(self) -> int:
        """Number of (band, row) entries stored."""
        return self._count

    def band_keys(self, signatures: np.ndarray) -> np.ndarray:
        """`(documents, bands)` uint32 table keys: each band's `rows` values combined as a polynomial
        mod 2**64, mixed with the band number; the high 32 bits, never 0."""
        sigs = np.asarray(signatures, dtype=np.uint32).reshape(-1, self.num_perm)
        used = sigs[:, : self.bands * self.rows].astype(np.uint64).reshape(len(sigs), self.bands, self.rows)
        keys = used[:, :, 0].copy()
        with np.errstate(over="ignore"):
            for j in range(1, self.rows):
                keys *= _K
                keys += used[:, :, j]
            keys ^= self._salts
            keys *= _K
        return (keys >> np.uint64(32)).astype(np.uint32) | np.uint32(1)

    def query(self, keys: np.ndarray) -> set[int]:
        """Rows stored under any of `keys` (one document's row of `band_keys`)."""
        return self._probe(np.asarray(keys, dtype=np.uint32), None)

    def insert(self, row: int, keys: np.ndarray) -> None:
        """Store `row` under each of `keys`."""
        self._probe(np.asarray(keys, dtype=np.uint32), row)

    def query_insert(self, row: int, keys: np.ndarray) -> set[int]:
        """`query(keys)`, then `insert(row, keys)`, in one pass over the table."""
        return self._probe(np.asarray(keys, dtype=np.uint32), row)

    def _probe(self, keys: np.ndarray, row: int | None) -> set[int]:
        """Walk each key's probe run to its key or an empty slot, in Python over memoryviews of the table: for
        the twenty keys of one document that is several times faster than the same walk in numpy calls."""
        table, rows = self._views()
        size = len(table)
        shift = 32 - self._bits
        found: set[int] = set()
        hit_keys: list[int] = []
        free: list[tuple[int, int]] = []
        for key in keys.tolist():
            at = key >> shift
            while True:
                if at >= size:
                    self._extend()
                    table, rows = self._views()
                    size = len(table)
                stored = table[at]
                if stored == key:
                    found.add(rows[at])
                    hit_keys.append(key)
                    break
                if stored == 0:
                    free.append((key, at))
                    break
                at += 1
        overflow = self._overflow
        for key in hit_keys:
            more = overflow.get(key)
            if more is not None:
                found.update(more)
        if row is not None:
            for key in hit_keys:
                more = overflow.setdefault(key, [])
                if len(more) + 1 < self.max_bucket_rows:
                    more.append(row)
                    self._count += 1
            self._place(free, row)
        return found

    def _views(self) -> tuple[memoryview, memoryview]:
        """The table's keys and rows as memoryviews (Python ints in and out, no numpy scalars)."""
        return self._keys.data, self._rows.data

    def _place(self, free: list[tuple[int, int]], row: int) -> None:
        """Store new keys at the free slots that ended their probe runs (the next free one when a key of the same
        document took it)."""
        table, rows = self._views()
        for key, start in free:
            at = start
            while True:
                if at >= len(table):
                    self._extend()
                    table, rows = self._views()
                if table[at] == 0:
                    break
                at += 1
            table[at] = key
            rows[at] = row
        del table, rows  # release the views before the arrays may be replaced
        self._count += len(free)
        self._distinct += len(free)
        if self._distinct > self._MAX_LOAD * (1 << self._bits):
            self._grow()

    def _extend(self) -> None:
        extra = np.zeros(self._PAD, dtype=np.uint32)
        self._keys = np.concatenate([self._keys, extra])
        self._rows = np.concatenate([self._rows, extra])

    def _grow(self) -> None:
        """Double the home slots and re-place every entry (sorted by its new home slot, no probing)."""
        self._bits += 1
        occupied = self._keys != 0
        entries = (self._keys[occupied].astype(np.uint64) << np.uint64(32)) | self._rows[occupied]
        del occupied
        entries.sort()  # by key, hence by home slot (the key's high bits)
        size = (1 << self._bits) + self._PAD
        self._keys = np.zeros(size, dtype=np.uint32)
        self._rows = np.zeros(size, dtype=np.uint32)
        shift = np.uint64(64 - self._bits)
        last = -1
        for lo in range(0, len(entries), 1 << 20):  # in chunks, to bound the temporaries
            chunk = entries[lo : lo + (1 << 20)]
            home = (chunk >> shift).astype(np.int64)
            offset = np.arange(len(chunk), dtype=np.int64)
            # Linear probing of entries sorted by home slot: p_i = max(home_i, p_(i-1) + 1), which unrolls to
            # p_i = i + max(max_(j<=i) (home_j - j), previous chunk's last slot + 1).
            slots = np.maximum(np.maximum.accumulate(home - offset), last + 1) + offset
            if slots[-1] >= len(self._keys):
                grow_by = int(slots[-1]) - len(self._keys) + self._PAD
                self._keys = np.concatenate([self._keys, np.zeros(grow_by, dtype=np.uint32)])
                self._rows = np.concatenate([self._rows, np.zeros(grow_by, dtype=np.uint32)])
            self._keys[slots] = (chunk >> np.uint64(32)).astype(np.uint32)
            self._rows[slots] = (chunk & np.uint64(0xFFFFFFFF)).astype(np.uint32)
            last = int(slots[-1])
