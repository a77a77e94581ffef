"""xxh3-64 of many short byte strings at once, in numpy: the values `xxhash.xxh3_64_intdigest` gives.

Dedup hashes every token of every document (`shingles`: the shingle hash is defined on xxh3-64 token hashes).
A Python call per token costs more than the hash itself, so the tokens of a whole batch of documents, given as
`(start, end)` byte ranges of one buffer, are hashed here with xxHash's own formulas for inputs of 1 to 16 bytes
(XXH3_len_1to3_64b, XXH3_len_4to8_64b, XXH3_len_9to16_64b with the default secret), which is every token of
alphabetic text; longer ones go through `xxhash` one by one. `tests/dedup/test_xxh3.py` pins the values to
the library's for every length and several seeds.
"""

from __future__ import annotations

import numpy as np
import xxhash

__all__ = ["xxh3_64_ranges"]

_MASK64 = (1 << 64) - 1
#: The first 56 bytes of xxHash's default secret (`XXH3_kSecret`), all that inputs of <= 16 bytes read.
_SECRET = bytes.fromhex(
    "b8fe6c3923a44bbe7c01812cf721ad1cded46de9839097db7240a4a4b7b3671fcb79e64eccc0e578825ad07dccff7221b8084674f743248e"
)

_U64 = np.uint64
_PRIME64_2 = _U64(0xC2B2AE3D27D4EB4F)
_PRIME64_3 = _U64(0x165667B19E3779F9)
_PRIME_MX1 = _U64(0x165667919E3779F9)
_PRIME_MX2 = _U64(0x9FB21C651E98DF25)
_LOW32 = _U64(0xFFFFFFFF)


def _secret(offset: int, size: int) -> int:
    return int.from_bytes(_SECRET[offset : offset + size], "little")


def _shift(bits: int) -> np.uint64:
    return _U64(bits)


def _xxh64_avalanche(h: np.ndarray) -> np.ndarray:
    h ^= h >> _shift(33)
    h *= _PRIME64_2
    h ^= h >> _shift(29)
    h *= _PRIME64_3
    h ^= h >> _shift(32)
    return h


def _xxh3_avalanche(h: np.ndarray) -> np.ndarray:
    h ^= h >> _shift(37)
    h *= _PRIME_MX1
    h ^= h >> _shift(32)
    return h


def _rrmxmx(h: np.ndarray, length: np.ndarray) -> np.ndarray:
    h ^= ((h << _shift(49)) | (h >> _shift(15))) ^ ((h << _shift(24)) | (h >> _shift(40)))
    h *= _PRIME_MX2
    h ^= (h >> _shift(35)) + length
    h *= _PRIME_MX2
    h ^= h >> _shift(28)
    return h


def _mul128_fold64(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The 128-bit product of `a` and `b`, its high and low halves xor-ed (xxHash's scalar 32x32 split)."""
    a_lo, a_hi, b_lo, b_hi = a & _LOW32, a >> _shift(32), b & _LOW32, b >> _shift(32)
    lo_lo, hi_lo, lo_hi = a_lo * b_lo, a_hi * b_lo, a_lo * b_hi
    cross = (lo_lo >> _shift(32)) + (hi_lo & _LOW32) + lo_hi
    upper = (hi_lo >> _shift(32)) + (cross >> _shift(32)) + a_hi * b_hi
    lower = (cross << _shift(32)) | (lo_lo & _LOW32)
    return lower ^ upper


def xxh3_64_ranges(data: bytes, starts: np.ndarray, ends: np.ndarray, seed: int = 0) -> np.ndarray:
    """uint64 `xxh3_64(data[starts[i]:ends[i]], seed)` for every i; every range must be non-empty."""
    starts = np.asarray(starts, dtype=np.int64)
    ends = np.asarray(ends, dtype=np.int64)
    lengths = ends - starts
    if len(lengths) and lengths.min() < 1:
        raise ValueError("xxh3_64_ranges: every range must hold at least one byte")
    out = np.empty(len(starts), dtype=np.uint64)
    padded = np.frombuffer(data + bytes(8), dtype=np.uint8)
    # Every offset's next 8 bytes as one little-endian word (a strided view of the buffer, no copy).
    words = np.ndarray((len(padded) - 7,), dtype="<u8", buffer=padded, strides=(1,))
    with np.errstate(over="ignore"):
        small = np.flatnonzero(lengths <= 3)
        if len(small):
            at, size = starts[small], lengths[small]
            combined = (
                (padded[at].astype(np.uint64) << _shift(16))
                | (padded[at + (size >> 1)].astype(np.uint64) << _shift(24))
                | padded[at + size - 1].astype(np.uint64)
                | (size.astype(np.uint64) << _shift(8))
            )
            combined ^= _U64(((_secret(0, 4) ^ _secret(4, 4)) + seed) & _MASK64)
            out[small] = _xxh64_avalanche(combined)
        middle = np.flatnonzero((lengths >= 4) & (lengths <= 8))
        if len(middle):
            at, end = starts[middle], ends[middle]
            swapped = int.from_bytes((seed & 0xFFFFFFFF).to_bytes(4, "little"), "big")
            mixed_seed = seed ^ (swapped << 32)
            keyed = (words[end - 4] & _LOW32) + ((words[at] & _LOW32) << _shift(32))
            keyed ^= _U64(((_secret(8, 8) ^ _secret(16, 8)) - mixed_seed) & _MASK64)
            out[middle] = _rrmxmx(keyed, lengths[middle].astype(np.uint64))
        large = np.flatnonzero((lengths >= 9) & (lengths <= 16))
        if len(large):
            at, end = starts[large], ends[large]
            low = words[at] ^ _U64(((_secret(24, 8) ^ _secret(32, 8)) + seed) & _MASK64)
            high = words[end - 8] ^ _U64(((_secret(40, 8) ^ _secret(48, 8)) - seed) & _MASK64)
            acc = lengths[large].astype(np.uint64) + low.byteswap() + high + _mul128_fold64(low, high)
            out[large] = _xxh3_avalanche(acc)
    for i in np.flatnonzero(lengths > 16).tolist():
        out[i] = xxhash.xxh3_64_intdigest(data[starts[i] : ends[i]], seed)
    return out
