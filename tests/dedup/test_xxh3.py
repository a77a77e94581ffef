import random

import numpy as np
import pytest
import xxhash

from cleaner.dedup.xxh3 import xxh3_64_ranges

SEEDS = [0, 1, 0xFFFFFFFF, 2**32 + 7, 2**63 + 5, 2**64 - 1]


@pytest.mark.parametrize("seed", SEEDS, ids=[f"seed-{s:#x}" for s in SEEDS])
def test_equals_xxhash_for_every_length(seed: int) -> None:
    rng = random.Random(seed)
    # 1-16 bytes take the numpy formulas (three branches), longer ones the library: every length, 30 times.
    chunks = [rng.randbytes(length) for length in range(1, 41) for _ in range(30)]
    ends = np.cumsum([len(c) for c in chunks])
    starts = ends - [len(c) for c in chunks]
    got = xxh3_64_ranges(b"".join(chunks), starts, ends, seed)
    assert got.tolist() == [xxhash.xxh3_64_intdigest(c, seed) for c in chunks]


def test_ranges_may_overlap_and_end_at_the_end_of_the_data() -> None:
    data = "tỉnh ủy thanh hóa".encode()
    starts, ends = np.array([0, 0, 3, len(data) - 1]), np.array([len(data), 3, len(data), len(data)])
    want = [xxhash.xxh3_64_intdigest(data[s:e]) for s, e in zip(starts, ends, strict=True)]
    assert xxh3_64_ranges(data, starts, ends).tolist() == want


def test_no_ranges_and_empty_ranges() -> None:
    assert len(xxh3_64_ranges(b"abc", np.array([], dtype=np.int64), np.array([], dtype=np.int64))) == 0
    with pytest.raises(ValueError, match="at least one byte"):
        xxh3_64_ranges(b"abc", np.array([1]), np.array([1]))
