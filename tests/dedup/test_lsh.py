from pathlib import Path

import numpy as np
import pytest
from datasketch import MinHashLSH

from cleaner.dedup.lsh import LSHIndex, candidate_probability, optimal_bands
from cleaner.dedup.minhash import MinHasher, to_datasketch
from cleaner.dedup.normalize import dedup_tokens


@pytest.mark.parametrize("threshold", [0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
@pytest.mark.parametrize("num_perm", [64, 128, 256])
def test_bands_reach_recall_at_threshold(threshold: float, num_perm: int) -> None:
    bands, rows = optimal_bands(threshold, num_perm)
    assert bands * rows <= num_perm
    assert candidate_probability(threshold, bands, rows) >= 0.99


def test_default_bands_keep_unrelated_documents_apart() -> None:
    bands, rows = optimal_bands(0.6, 128)
    assert (bands, rows) == (19, 3)
    assert candidate_probability(0.03, bands, rows) < 0.001


def test_bad_threshold() -> None:
    with pytest.raises(ValueError, match="threshold"):
        optimal_bands(1.0, 128)


def documents() -> list[list[str]]:
    texts = [p.read_text("utf-8") for p in sorted(Path("seeds").glob("*.txt"))]
    docs = [dedup_tokens(t) for t in texts]
    out = []
    for doc in docs:
        out.append(doc)
        for cut in (10, 60, 200):  # copies with more and more of the end replaced
            out.append(doc[: len(doc) - cut] + ["thêm"] * cut)
    return out


def test_candidates_equal_datasketch_minhashlsh() -> None:
    sigs = MinHasher().signatures(documents())
    bands, rows = optimal_bands(0.6, 128)
    ours = LSHIndex(128, bands, rows)
    theirs = MinHashLSH(num_perm=128, params=(bands, rows))
    keys = ours.band_keys(sigs).tolist()
    for row, sig in enumerate(sigs):
        expected = set(theirs.query(to_datasketch(sig)))
        assert ours.query(keys[row]) == expected, row
        ours.insert(row, keys[row])
        theirs.insert(row, to_datasketch(sig))
    assert len(ours) > 0


def test_bucket_growth_is_capped() -> None:
    index = LSHIndex(8, 2, 4, max_bucket_rows=3)
    keys = index.band_keys(np.zeros((1, 8), dtype=np.uint32)).tolist()[0]
    for row in range(10):
        index.insert(row, keys)
    assert index.query(keys) == {0, 1, 2}


def test_too_many_bands() -> None:
    with pytest.raises(ValueError, match="exceeds"):
        LSHIndex(16, 5, 4)


def test_growth_keeps_every_entry_findable() -> None:
    # Reference: a plain dict per band from the band's slot values to rows (what the LSH must answer).
    rng = np.random.default_rng(3)
    base = rng.integers(0, 2**32, size=(1000, 16), dtype=np.uint32)
    sigs = np.concatenate([base, base[:500]])  # every second-half row repeats a first-half one
    sigs[1000:, :8] = rng.integers(0, 2**32, size=(500, 8), dtype=np.uint32)  # ... in bands 2 and 3 only
    index = LSHIndex(16, 4, 4)
    reference: list[dict[tuple[int, ...], set[int]]] = [{} for _ in range(4)]
    keys = index.band_keys(sigs)
    for row, sig in enumerate(sigs):
        expected: set[int] = set()
        for band in range(4):
            expected |= reference[band].setdefault(tuple(sig[band * 4 : band * 4 + 4].tolist()), set())
        assert index.query_insert(row, keys[row]) == expected
        for band in range(4):
            reference[band][tuple(sig[band * 4 : band * 4 + 4].tolist())].add(row)
    assert len(index) == 1500 * 4 > 0.6 * 8192  # the table grew twice
    for row in range(1500):
        assert row in index.query(keys[row])
        if row >= 1000:
            assert index.query(keys[row]) == {row - 1000, row}


def test_keys_sharing_a_home_slot_probe_past_the_table_end() -> None:
    # 1,100 keys whose high 12 bits are all 4095: one probe run from the last home slot through the padding.
    index = LSHIndex(8, 2, 4)
    keys = [(4095 << 20) | (i + 1) for i in range(1100)]
    for row, key in enumerate(keys):
        assert index.query_insert(row, np.array([key, key], dtype=np.uint32)) == set()
    for row, key in enumerate(keys):
        assert index.query(np.array([key], dtype=np.uint32)) == {row}
    assert index.query(np.array([(4095 << 20) | 5000], dtype=np.uint32)) == set()
