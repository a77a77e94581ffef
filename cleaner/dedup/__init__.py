"""Exact and near-duplicate detection: dedup keys, shingles, MinHash, LSH, clusters, the dedup step.

>>> from cleaner.dedup import DedupFilter
>>> out = DedupFilter(keep="first", jaccard_threshold=0.6)([
...     "Sở Thông tin và Truyền thông tỉnh Hà Giang tổng kết năm 2020.",
...     "SỞ THÔNG TIN VÀ TRUYỀN THÔNG TỈNH HÀ GIANG TỔNG KẾT NĂM 2020",
...     "Một văn bản khác hẳn.",
... ])
>>> [(type(x).__name__, getattr(x, "reason", None)) for x in out]
[('Document', None), ('Rejected', 'dedup.exact'), ('Document', None)]
>>> out[1].detail["kept_id"], out[0].metadata["dedup"]["cluster_size"]
('text-0', 2)
"""

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.config import DedupConfig
from cleaner.dedup.lsh import LSHIndex, candidate_probability, optimal_bands
from cleaner.dedup.minhash import MinHasher, estimated_jaccard, to_datasketch
from cleaner.dedup.normalize import dedup_key, dedup_tokens
from cleaner.dedup.shingles import shingle_hash, shingles
from cleaner.dedup.step import DedupFilter
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
