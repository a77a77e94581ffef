"""Exact and near-duplicate detection: dedup keys, shingles, MinHash signatures, LSH, clusters, the dedup
step.

from cleaner.dedup import DedupFilter
kept_and_rejected = DedupFilter(keep="longest", jaccard_threshold=0.6)(documents)
"""

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.lsh import LSHIndex, candidate_probability, optimal_bands
from cleaner.dedup.minhash import MinHasher, estimated_jaccard, to_datasketch
from cleaner.dedup.normalize import dedup_key, dedup_tokens
from cleaner.dedup.shingles import shingle_hash, shingles
from cleaner.dedup.step import DedupConfig, DedupFilter
from cleaner.dedup.store import IndexStore

__all__ = [
    "DedupConfig",
    "DedupFilter",
    "IndexStore",
    "LSHIndex",
    "MinHasher",
    "UnionFind",
    "candidate_probability",
    "dedup_key",
    "dedup_tokens",
    "estimated_jaccard",
    "optimal_bands",
    "shingle_hash",
    "shingles",
    "to_datasketch",
]
