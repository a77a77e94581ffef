"""MinHash signatures of many documents at once, equal to datasketch's.

The computation is datasketch's `MinHash` with its default `"affine32"` scheme (datasketch >= 2.0): each
shingle hash `h` (32 bits, `shingles.shingle_hash`) is pre-mixed with the MurmurHash3 32-bit finaliser, then
permutation `k` maps it to `a_k * h + b_k mod 2**32` (`a_k` odd, drawn with `numpy.random.RandomState(seed)`
exactly as datasketch draws them), and the signature keeps the minimum per permutation. datasketch does this
one document at a time after a Python call per shingle; here every shingle of a batch of documents is hashed
and permuted in numpy at once, in blocks of a few thousand shingles so the temporary `num_perm x shingles`
array stays in cache.

`MinHasher(num_perm, seed, ngram_size).signatures(token_lists)` returns a `(documents, num_perm)` uint32
array; `to_datasketch(signature, seed)` wraps a row as a `datasketch.LeanMinHash` for use with datasketch's
own tools.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

import numpy as np

from cleaner.dedup.shingles import TokenHasher, shingle_hashes

__all__ = ["EMPTY", "MinHasher", "SignatureArray", "estimated_jaccard", "permutations", "to_datasketch"]

#: The value of every slot of an empty document's signature (datasketch's initial hash values).
EMPTY = np.uint32(0xFFFFFFFF)

#: Shingles permuted per numpy block: num_perm x block x 4 bytes = 2 MiB at num_perm 128.
_BLOCK_SHINGLES = 4096

_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) uint32 parameters datasketch's "affine32" MinHash draws for `num_perm` and `seed` (fresh
    copies of the ones drawn once per arguments: seeding a `RandomState` costs more than a step's small batch)."""
    a, b = _drawn_permutations(num_perm, seed)
    return a.copy(), b.copy()


@functools.lru_cache(maxsize=16)
def _drawn_permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(h: np.ndarray) -> np.ndarray:
    s1, m1, s2, m2, s3 = _FMIX
    h = h ^ (h >> s1)
    h = h * m1
    h = h ^ (h >> s2)
    h = h * m2
    return h ^ (h >> s3)


class MinHasher:
    """Computes MinHash signatures of tokenised documents (see the module docstring)."""

    def __init__(self, num_perm: int = 128, seed: int = 1, ngram_size: int = 5) -> None:
        if num_perm < 1:
            raise ValueError(f"num_perm must be >= 1, got {num_perm}")
        if ngram_size < 1:
            raise ValueError(f"ngram_size must be >= 1, got {ngram_size}")
        self.num_perm = num_perm
        self.seed = seed
        self.ngram_size = ngram_size
        self.a, self.b = permutations(num_perm, seed)
        self.tokens = TokenHasher()

    def shingle_hashes(self, tokens: Sequence[str]) -> np.ndarray:
        """uint32 hashes of the document's shingles (duplicates included; MinHash ignores them)."""
        return shingle_hashes(self.tokens.hashes(tokens), self.ngram_size)

    def signature(self, tokens: Sequence[str]) -> np.ndarray:
        """The signature of one tokenised document, a `num_perm` uint32 array."""
        return self.signatures([tokens])[0]

    def signatures(self, token_lists: Sequence[Sequence[str]]) -> np.ndarray:
        """Signatures of many tokenised documents, a `(len(token_lists), num_perm)` uint32 array."""
        return self.signatures_of_shingles([self.shingle_hashes(tokens) for tokens in token_lists])

    def signatures_of_shingles(self, parts: Sequence[np.ndarray]) -> np.ndarray:
        """Signatures of documents given by their `shingle_hashes` (for a caller that keeps them, too)."""
        counts = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
        joined = np.concatenate(parts) if len(parts) else np.empty(0, dtype=np.uint32)
        return self.signatures_of_batch(joined, counts)

    def signatures_of_batch(self, shingle_hashes: np.ndarray, counts: np.ndarray) -> np.ndarray:
        """Signatures of documents whose shingle hashes follow one another in one array, `counts[i]` of document
        `i` (as `shingles.batch_shingle_hashes` gives them)."""
        counts = np.asarray(counts, dtype=np.int64)
        out = np.full((len(counts), self.num_perm), EMPTY, dtype=np.uint32)
        if not counts.sum():
            return out
        hashed = _fmix32(shingle_hashes)
        ends = np.cumsum(counts)
        starts = ends - counts
        # Layout (num_perm, shingles): the min over each document's shingles then runs along contiguous
        # memory.
        a, b = self.a[:, None], self.b[:, None]
        buffer = np.empty((self.num_perm, min(_BLOCK_SHINGLES, len(hashed))), dtype=np.uint32)
        doc = 0
        while doc < len(counts):
            if counts[doc] == 0:
                doc += 1
                continue
            # Take whole documents until the block is full (a long document may fill a block on its own).
            last = max(int(np.searchsorted(ends, starts[doc] + _BLOCK_SHINGLES, side="right")), doc + 1)
            lo, hi = int(starts[doc]), int(ends[last - 1])
            if hi - lo > buffer.shape[1]:
                self._long_document(hashed[lo:hi], out[doc])
                doc += 1
                continue
            block = buffer[:, : hi - lo]
            np.multiply(a, hashed[lo:hi], out=block)
            block += b
            docs = np.arange(doc, last)
            nonempty = docs[counts[doc:last] > 0]
            out[nonempty] = np.minimum.reduceat(block, starts[nonempty] - lo, axis=1).T
            doc = last
        return out

    def _long_document(self, hashed: np.ndarray, row: np.ndarray) -> None:
        """One document of more than a block of shingles, a block at a time, in one buffer."""
        a, b = self.a[:, None], self.b[:, None]
        buffer = np.empty((self.num_perm, _BLOCK_SHINGLES), dtype=np.uint32)
        for lo in range(0, len(hashed), _BLOCK_SHINGLES):
            part = hashed[lo : lo + _BLOCK_SHINGLES]
            block = buffer[:, : len(part)]
            np.multiply(a, part, out=block)
            block += b
            np.minimum(row, block.min(axis=1), out=row)


class SignatureArray:
    """Signatures by row, appended in order, stored in fixed blocks (growing never copies stored rows)."""

    def __init__(self, num_perm: int, block_rows: int = 1 << 15) -> None:
        self.num_perm = num_perm
        self.block_rows = block_rows
        self._blocks: list[np.ndarray] = []
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def append(self, signature: np.ndarray) -> None:
        block, offset = divmod(self._count, self.block_rows)
        if block == len(self._blocks):
            self._blocks.append(np.empty((self.block_rows, self.num_perm), dtype=np.uint32))
        self._blocks[block][offset] = signature
        self._count += 1

    def extend(self, signatures: np.ndarray) -> None:
        for signature in signatures:
            self.append(signature)

    def __getitem__(self, row: int) -> np.ndarray:
        if not 0 <= row < self._count:
            raise IndexError(row)
        block, offset = divmod(row, self.block_rows)
        return self._blocks[block][offset]

    def take(self, rows: Sequence[int]) -> np.ndarray:
        """The signatures of `rows`, as a `(len(rows), num_perm)` array."""
        if not len(rows):
            return np.empty((0, self.num_perm), dtype=np.uint32)
        low, high = min(rows), max(rows)  # a few candidates: Python's min and max beat numpy's per-call cost
        if low < 0 or high >= self._count:
            raise IndexError(rows)
        block = low // self.block_rows
        if block == high // self.block_rows:  # the usual case: one fancy index into one block
            return self._blocks[block][np.asarray(rows, dtype=np.int64) - block * self.block_rows]
        return np.stack([self[int(r)] for r in rows])


def estimated_jaccard(signature: np.ndarray, others: np.ndarray) -> np.ndarray:
    """The share of equal slots between `signature` and each row of `others`: MinHash's Jaccard estimate."""
    # count / slots: the same float64 as the mean of the equality mask, without the generic mean's overhead
    return np.asarray(np.count_nonzero(others == signature, axis=-1) / signature.shape[-1], dtype=np.float64)


def to_datasketch(signature: np.ndarray, seed: int = 1) -> Any:
    """Wrap a signature as a `datasketch.LeanMinHash` (scheme "affine32") for datasketch's own tools."""
    from datasketch import LeanMinHash, MinHash

    return LeanMinHash(MinHash(seed=seed, hashvalues=signature, scheme="affine32"))
