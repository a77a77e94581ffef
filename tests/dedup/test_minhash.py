"""Signatures equal datasketch's own MinHash with the same hash function, seed and number of permutations."""

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from datasketch import MinHash
from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dedup.minhash import EMPTY, MinHasher, SignatureArray, estimated_jaccard, permutations, to_datasketch
from cleaner.dedup.normalize import dedup_tokens
from cleaner.dedup.shingles import batch_shingle_hashes, shingle_hash, shingle_hashes, shingle_set, shingles
from cleaner.dedup.token_batch import hash_tokens

SEEDS = sorted(Path("seeds").glob("*.txt"))


def reference(tokens: list[str], num_perm: int, seed: int, n: int) -> np.ndarray:
    """datasketch's per-token path: one `update` per shingle, with our shingle hash as its hash function."""
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=shingle_hash)
    for s in shingles(tokens, n):
        m.update(s.encode("utf-8"))
    return m.hashvalues


def seed_tokens() -> list[list[str]]:
    return [dedup_tokens(p.read_text("utf-8")) for p in SEEDS]


@pytest.mark.parametrize(
    ("num_perm", "seed", "n"),
    [(128, 1, 5), (64, 7, 3), (256, 42, 1)],
    ids=["default", "p64-s7-n3", "p256-n1"],
)
def test_signatures_equal_datasketch(num_perm: int, seed: int, n: int) -> None:
    docs = [*seed_tokens(), [], ["một"], ["hai", "từ"], ["a", "b", "c", "d", "e"]]
    ours = MinHasher(num_perm, seed, n).signatures(docs)
    assert ours.dtype == np.uint32
    for i, tokens in enumerate(docs):
        np.testing.assert_array_equal(ours[i], reference(tokens, num_perm, seed, n))


def test_long_document_spanning_blocks_equals_datasketch() -> None:
    tokens = [t for doc in seed_tokens() for t in doc] * 2  # > 4096 shingles: the long-document path
    assert len(tokens) > 10_000
    ours = MinHasher().signatures([["ngắn", "thôi"], tokens, ["x"]])
    np.testing.assert_array_equal(ours[1], reference(tokens, 128, 1, 5))
    np.testing.assert_array_equal(ours[0], reference(["ngắn", "thôi"], 128, 1, 5))


def test_batch_does_not_change_signatures() -> None:
    docs = seed_tokens()
    hasher = MinHasher()
    together = hasher.signatures(docs)
    alone = np.stack([MinHasher().signature(d) for d in reversed(docs)])[::-1]
    np.testing.assert_array_equal(together, alone)


def test_permutations_are_datasketch_affine32() -> None:
    a, b = permutations(128, 1)
    ds = MinHash(num_perm=128, seed=1, scheme="affine32").permutations
    np.testing.assert_array_equal(a, ds[0])
    np.testing.assert_array_equal(b, ds[1])


def test_permutations_are_fresh_copies_of_the_same_draw() -> None:
    a, b = permutations(64, 7)
    a[:] = 0
    b[:] = 0
    again_a, again_b = permutations(64, 7)
    ds = MinHash(num_perm=64, seed=7, scheme="affine32").permutations
    np.testing.assert_array_equal(again_a, ds[0])
    np.testing.assert_array_equal(again_b, ds[1])


def test_shingle_hash_matches_vectorised() -> None:
    tokens = ["ngành", "thông", "tin", "và", "truyền", "thông", "tỉnh"]
    hasher = MinHasher(ngram_size=3)
    vectorised = hasher.shingle_hashes(tokens).tolist()
    assert vectorised == [shingle_hash(s.encode()) for s in shingles(tokens, 3)]
    assert shingle_hashes(np.empty(0, dtype=np.uint64), 5).size == 0


@settings(deadline=None)
@given(st.lists(st.integers(0, 12), max_size=8), st.integers(1, 7), st.randoms(use_true_random=False))
def test_batch_shingle_hashes_equal_each_document_alone(counts: list[int], n: int, rng: Any) -> None:
    tokens = np.array([rng.getrandbits(64) for _ in range(sum(counts))], dtype=np.uint64)
    hashes, sizes = batch_shingle_hashes(tokens, np.array(counts, dtype=np.int64), n)
    alone = [shingle_hashes(part, n) for part in np.split(tokens, np.cumsum(counts)[:-1])] if counts else []
    assert sizes.tolist() == [len(part) for part in alone]
    assert hashes.dtype == np.uint32
    assert hashes.tolist() == [h for part in alone for h in part.tolist()]
    np.testing.assert_array_equal(
        MinHasher(32, 3, n).signatures_of_batch(hashes, sizes), MinHasher(32, 3, n).signatures_of_shingles(alone)
    )


@settings(deadline=None)
@given(st.lists(st.integers(0, 2**32 - 1), max_size=300) | st.lists(st.integers(0, 20), max_size=300))
def test_shingle_set_is_numpy_unique(values: list[int]) -> None:
    hashes = np.array(values, dtype=np.uint32)
    found = shingle_set(hashes)
    assert found.dtype == np.uint32
    np.testing.assert_array_equal(found, np.unique(hashes))


def test_empty_document_has_empty_signature() -> None:
    assert (MinHasher().signature([]) == EMPTY).all()


def test_estimate_matches_datasketch_jaccard() -> None:
    docs = seed_tokens()
    edited = list(docs[0])
    edited[10:20] = ["khác"] * 10
    sigs = MinHasher().signatures([docs[0], edited, docs[1]])
    ours = estimated_jaccard(sigs[0], sigs[1:])
    theirs = [to_datasketch(sigs[0]).jaccard(to_datasketch(s)) for s in sigs[1:]]
    np.testing.assert_allclose(ours, theirs)
    assert ours[0] > 0.8 > 0.1 > ours[1]


@settings(max_examples=30, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["a", "b", "c", "đò", "đó", "x"]), max_size=12), max_size=6))
def test_signatures_are_deterministic_and_equal_reference(docs: list[list[str]]) -> None:
    first = MinHasher(num_perm=32, ngram_size=2).signatures(docs)
    second = MinHasher(num_perm=32, ngram_size=2).signatures(docs)
    np.testing.assert_array_equal(first, second)
    for i, tokens in enumerate(docs):
        np.testing.assert_array_equal(first[i], reference(tokens, 32, 1, 2))


def test_token_cache_is_bounded_and_consistent() -> None:
    from cleaner.dedup.shingles import TokenHasher

    small = TokenHasher(max_size=2)
    tokens = ["một", "hai", "ba", "một", "bốn", "hai"]
    assert small.hashes(tokens).tolist() == TokenHasher().hashes(tokens).tolist()
    assert len(small) <= 2


def test_signatures_of_shingles_equal_signatures_of_tokens() -> None:
    hasher = MinHasher(num_perm=64)
    docs = [["một", "hai", "ba", "bốn", "năm", "sáu"], [], ["ngắn"], [f"w{i}" for i in range(9000)]]
    shingles = [hasher.shingle_hashes(tokens) for tokens in docs]
    assert np.array_equal(hasher.signatures_of_shingles(shingles), hasher.signatures(docs))


def test_take_across_blocks_equals_row_by_row() -> None:
    rng = np.random.default_rng(3)
    rows = rng.integers(0, 2**32, (10, 16), dtype=np.uint32)
    array = SignatureArray(16, block_rows=4)
    array.extend(rows)
    for wanted in ([1, 2, 3], [2, 5, 9], [9, 0], []):
        assert np.array_equal(array.take(wanted), rows[wanted].reshape(-1, 16))
    with pytest.raises(IndexError):
        array.take([3, 10])


@settings(max_examples=100, deadline=None, derandomize=True)
@given(st.lists(st.lists(st.integers(0, 3), min_size=8, max_size=8), min_size=1, max_size=6))
def test_estimate_is_the_share_of_equal_slots(rows: list[list[int]]) -> None:
    signatures = np.array(rows, dtype=np.uint32)
    expected = [sum(x == y for x, y in zip(signatures[0], other, strict=True)) / 8 for other in signatures]
    assert estimated_jaccard(signatures[0], signatures).tolist() == expected
    assert float(estimated_jaccard(signatures[0], signatures[-1])) == expected[-1]


_TEXTS = st.text(max_size=80) | st.sampled_from(["", "một", "  ,;  ", "Một hai ba bốn năm sáu"])


@settings(deadline=None, max_examples=60)
@given(st.lists(_TEXTS, max_size=6), st.booleans())
def test_the_steps_batch_path_equals_datasketch(texts: list[str], with_long: bool) -> None:
    """What the dedup step signs (tokens of a batch hashed at once, shingles of the batch at once) is datasketch's
    signature of each text's `dedup_tokens`, for empty, one-token, short and very long texts."""
    if with_long:
        texts = [*texts, " ".join(SEEDS[0].read_text("utf-8").split()[:6000])]  # several 4096-shingle blocks
    tokens = hash_tokens(texts)
    hashes, counts = batch_shingle_hashes(tokens.hashes, tokens.counts, 5)
    ours = MinHasher(128, 1, 5).signatures_of_batch(hashes, counts)
    for i, text in enumerate(texts):
        np.testing.assert_array_equal(ours[i], reference(dedup_tokens(text), 128, 1, 5))
