"""Dedup benchmark: signatures against datasketch, LSH throughput, memory per million documents, step speed.

`run(corpus)` returns JSON-serialisable figures:

* `signatures`: documents/s for MinHash signatures (num_perm 128, 5-token shingles) computed from the
  documents' dedup tokens, ours (`MinHasher`, vectorised over batches) against datasketch on the same
  documents and the same shingles: the per-token path (`MinHash.update` once per shingle, default SHA-1 hash,
  and again with our shingle hash) and its batch path (`MinHash.update_batch` with xxh3-64 of each shingle).
  The datasketch paths run on a sample of the corpus (they are slow); ours is timed on that same sample and on
  the whole corpus. `speedup_vs_per_token` is ours / per-token SHA-1 on the same sample.
* `tokenize`: documents/s and MB/s of the dedup key alone (`dedup_tokens`), which both sides need first.
* `lsh`: query-then-insert operations/s of `LSHIndex` at the default threshold on 100,000 synthetic
  signatures, next to datasketch's in-memory `MinHashLSH` with the same bands and rows (on 10,000: it is
  slower), and the traced memory of both indexes per document (at 10,000 documents).
* `memory`: tracemalloc peak of the state dedup keeps per document (signature, band keys, key hash, id,
  length, date, union-find, decisions) over 100,000 synthetic documents with random (distinct) signatures,
  divided by 100,000 and multiplied by 1,000,000: an extrapolation, not a measurement at a million. The
  documents themselves are not counted: beyond `max_buffered_docs` they spill to a temporary file.
* `step`: documents/s and MB/s of `DedupFilter()` over the corpus, and how many it kept.
"""

from __future__ import annotations

import random
import time
import tracemalloc
from typing import Any

import numpy as np
import xxhash

from cleaner.dedup import DedupFilter
from cleaner.dedup.lsh import LSHIndex, optimal_bands
from cleaner.dedup.minhash import MinHasher
from cleaner.dedup.normalize import dedup_tokens
from cleaner.dedup.shingles import shingle_hash, shingles
from cleaner.document import Document

NUM_PERM = 128
NGRAM = 5
SAMPLE_DOCS = 120
SYNTHETIC_DOCS = 100_000
DATASKETCH_LSH_DOCS = 10_000


def _timed(fn: Any) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def _xxh32_of_xxh3(data: bytes) -> int:
    return xxhash.xxh3_64_intdigest(data) & 0xFFFFFFFF


def signature_speed(token_lists: list[list[str]]) -> dict[str, Any]:
    from datasketch import MinHash

    rng = random.Random(0)
    sample = rng.sample(token_lists, min(SAMPLE_DOCS, len(token_lists)))
    shingled = [[s.encode("utf-8") for s in shingles(t, NGRAM)] for t in sample]
    template = MinHash(num_perm=NUM_PERM, seed=1)

    def per_token(hashfunc: Any) -> None:
        for doc in shingled:
            m = MinHash(
                num_perm=NUM_PERM,
                seed=1,
                hashfunc=hashfunc,
                permutations=template.permutations,
                scheme="affine32",
            )
            for s in doc:
                m.update(s)

    def batch() -> None:
        for doc in shingled:
            m = MinHash(
                num_perm=NUM_PERM,
                seed=1,
                hashfunc=_xxh32_of_xxh3,
                permutations=template.permutations,
                scheme="affine32",
            )
            m.update_batch(doc)

    def ours(docs: list[list[str]]) -> None:
        hasher = MinHasher(NUM_PERM, 1, NGRAM)
        for i in range(0, len(docs), 256):
            hasher.signatures(docs[i : i + 256])

    n = len(sample)
    sha1 = n / _timed(lambda: per_token(None))
    ours_sample = n / min(_timed(lambda: ours(sample)) for _ in range(3))
    out = {
        "documents_sampled": n,
        "mean_chars_sampled": round(sum(len(" ".join(t)) for t in sample) / max(n, 1)),
        "datasketch_per_token_sha1_docs_per_s": round(sha1, 1),
        "datasketch_per_token_our_hash_docs_per_s": round(n / _timed(lambda: per_token(shingle_hash)), 1),
        "datasketch_update_batch_xxh3_docs_per_s": round(n / _timed(batch), 1),
        "ours_docs_per_s_same_sample": round(ours_sample, 1),
        "ours_docs_per_s_whole_corpus": round(len(token_lists) / _timed(lambda: ours(token_lists)), 1),
        "speedup_vs_per_token": round(ours_sample / sha1, 1),
    }
    return out


def lsh_speed() -> dict[str, Any]:
    """Query-then-insert speed and traced memory of our index and of datasketch's `MinHashLSH`."""
    from datasketch import LeanMinHash, MinHash, MinHashLSH

    bands, rows = optimal_bands(0.6, NUM_PERM)
    sigs = np.random.default_rng(0).integers(0, 2**32, size=(SYNTHETIC_DOCS, NUM_PERM), dtype=np.uint32)
    index = LSHIndex(NUM_PERM, bands, rows)

    def ours() -> None:
        keys = index.band_keys(sigs)
        for row in range(len(keys)):
            index.query_insert(row, keys[row])

    seconds = _timed(ours)
    tracemalloc.start()
    again = LSHIndex(NUM_PERM, bands, rows)
    again_keys = again.band_keys(sigs[:DATASKETCH_LSH_DOCS])
    for row in range(len(again_keys)):
        again.insert(row, again_keys[row])
    ours_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()

    minhashes = [LeanMinHash(MinHash(seed=1, hashvalues=s, scheme="affine32")) for s in sigs[:DATASKETCH_LSH_DOCS]]
    theirs = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))

    def datasketch() -> None:
        for row, m in enumerate(minhashes):
            theirs.query(m)
            theirs.insert(row, m)

    theirs_seconds = _timed(datasketch)
    tracemalloc.start()
    fresh = MinHashLSH(num_perm=NUM_PERM, params=(bands, rows))
    for row, m in enumerate(minhashes):
        fresh.insert(row, m)
    theirs_bytes = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    return {
        "bands": bands,
        "rows": rows,
        "documents": SYNTHETIC_DOCS,
        "query_insert_per_s": round(SYNTHETIC_DOCS / seconds),
        "datasketch_minhashlsh_documents": DATASKETCH_LSH_DOCS,
        "datasketch_minhashlsh_query_insert_per_s": round(DATASKETCH_LSH_DOCS / theirs_seconds),
        "index_bytes_per_document": round(ours_bytes / DATASKETCH_LSH_DOCS),
        "datasketch_minhashlsh_bytes_per_document": round(theirs_bytes / DATASKETCH_LSH_DOCS),
    }


def memory_per_million() -> dict[str, Any]:
    """Peak traced memory of dedup's per-document state, fed 100,000 distinct synthetic signatures."""
    from cleaner.dedup.state import DedupState  # the state the step keeps; fed directly, without tokenising

    rng = np.random.default_rng(1)
    step = DedupFilter()
    batch = 1024
    tracemalloc.start()
    started = time.perf_counter()
    state = DedupState(step, None)
    for lo in range(0, SYNTHETIC_DOCS, batch):
        count = min(batch, SYNTHETIC_DOCS - lo)
        signatures = rng.integers(0, 2**32, size=(count, NUM_PERM), dtype=np.uint32)
        entries = [
            (
                f"https://example.org/news/{lo + i:07d}.html",
                xxhash.xxh3_128_digest(signatures[i].tobytes()),
                4700,
                f"2024-{(lo + i) % 12 + 1:02d}-{(lo + i) % 28 + 1:02d}",
                True,
            )
            for i in range(count)
        ]
        state.link(entries, signatures, {i: i for i in range(count)})
    decisions = state.decide()
    seconds = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "documents": SYNTHETIC_DOCS,
        "clusters": len(np.unique(decisions.roots)),
        "peak_bytes": peak,
        "bytes_per_document": round(peak / SYNTHETIC_DOCS),
        "peak_mb_per_million_documents_extrapolated": round(peak / SYNTHETIC_DOCS * 1_000_000 / 2**20),
        "note": (
            "tracemalloc peak of the dedup state (signatures, LSH tables, exact-hash table, union-find, ids, "
            "lengths, dates, decisions) over 100,000 synthetic documents, extrapolated linearly to a million;"
            " documents themselves spill to disk beyond max_buffered_docs and are not counted, nor is"
            " the fixed 64 MiB cache of shingle sets used to verify borderline pairs"
        ),
        "seconds_under_tracemalloc": round(seconds, 1),
    }


def run(corpus: list[Document]) -> dict[str, Any]:
    texts = [d.text or "" for d in corpus]
    megabytes = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    token_lists: list[list[str]] = []
    tokenize_seconds = _timed(lambda: token_lists.extend(dedup_tokens(t) for t in texts))
    step_docs = [Document(d.id, d.text, metadata=dict(d.metadata)) for d in corpus]
    outputs: list[Any] = []
    step_seconds = _timed(lambda: outputs.extend(DedupFilter()(step_docs)))
    return {
        "documents": len(corpus),
        "megabytes": round(megabytes, 2),
        "tokenize": {
            "docs_per_s": round(len(corpus) / tokenize_seconds, 1),
            "mb_per_s": round(megabytes / tokenize_seconds, 2),
        },
        "signatures": signature_speed([t for t in token_lists if t]),
        "lsh": lsh_speed(),
        "memory": memory_per_million(),
        "step": {
            "docs_per_s": round(len(corpus) / step_seconds, 1),
            "mb_per_s": round(megabytes / step_seconds, 2),
            "kept": sum(1 for x in outputs if isinstance(x, Document)),
        },
    }


def _seed_corpus(count: int = 2000) -> list[Document]:
    """Stand-in corpus: seed paragraphs recombined into ~4.7 KB documents, some of them republished copies."""
    from pathlib import Path

    paragraphs = [
        p.strip()
        for path in sorted(Path("seeds").glob("*.txt"))
        for p in path.read_text("utf-8").split("\n")
        if len(p.strip()) > 80
    ]
    rng = random.Random(0)
    docs: list[Document] = []
    for i in range(count):
        if docs and rng.random() < 0.2:
            base = rng.choice(docs).text
            docs.append(Document(f"d{i}", base.replace(" và ", " với ", 2)))
            continue
        body: list[str] = []
        while sum(len(p) for p in body) < 4700:
            body.append(rng.choice(paragraphs))
        docs.append(Document(f"d{i}", "\n\n".join(body)))
    return docs


if __name__ == "__main__":
    import json

    print(json.dumps(run(_seed_corpus()), indent=2))
