"""The dedup step: drop exact and near-duplicate documents, keep one survivor per cluster, explain every drop.

`DedupFilter` is a `StreamStep` (it needs every document to decide). For each document it computes

* the dedup key (`normalize.dedup_tokens`: NFC, case, whitespace, punctuation, tone placement, ETH and
  zero-width characters folded; tone marks kept) and its xxh3-128 hash: equal hashes are exact duplicates
  (tokens and hashes of a whole batch at once: `token_batch.hash_tokens`);
* a MinHash signature of the key's word n-gram shingles (`minhash.MinHasher`, vectorised over batches), looked
  up in a banded LSH index (`lsh.LSHIndex`, bands and rows derived from `jaccard_threshold`); each candidate
  is verified and counts only at Jaccard `>= jaccard_threshold`: the similarity estimated from the two
  signatures, or, when that estimate is within three standard deviations of the threshold (0.13 at 0.6 and
  128 permutations), the exact Jaccard of the two shingle sets: the hashes the signature was made from while a
  64 MiB cache holds them, else recomputed from the buffered text (this run), or read from the index file
  (earlier runs);

and links duplicates with union-find (`clusters.UnionFind`), so A~B and B~C give one cluster {A, B, C}.

When the input ends, one survivor per cluster is chosen by `keep`:

* `"first"`: the earliest document in input order;
* `"longest"`: the longest text (in characters);
* `"newest"`: the latest `metadata["date"]` (ISO 8601 strings compared as text; a missing date is oldest).

Ties under "longest" and "newest" go to the smallest dedup-key hash, then the smallest id, so the survivors of
those policies do not depend on input order or worker count; under "first" the input order is the policy.
Output keeps input order: every survivor is yielded with `metadata["dedup"] = {"cluster": <survivor id>,
"cluster_size": n, "key_hash": <hex>}`, every other member as a `Rejected` with reason `dedup.exact` (same
dedup key as the survivor) or `dedup.near_duplicate`, and detail `kept_id`, `similarity` (estimated Jaccard
with the kept copy), `matched_id` / `matched_similarity` (the document it was linked to, which in a chain
A~B~C is not the survivor, and the similarity the link was decided on: exact for a borderline pair),
`cluster`, `cluster_size`, `kept_in_earlier_run`.

Buffering: deciding needs the whole input (cluster sizes and the "longest"/"newest" policies cannot be known
before the end), so the step yields nothing until its input ends. What it keeps in memory per document is the
signature (4 bytes x `num_perm`), the band keys, the key hash, id, length and date; the documents themselves
stay in memory up to `max_buffered_docs` and beyond that are spilled to a temporary SQLite file and read back
in order.

Incremental runs: with `index_path`, the index of earlier runs is loaded from an SQLite file
(`store.IndexStore`), every new document that duplicates an earlier one is dropped (the earlier copy already
went out, so it stays the survivor whatever the policy, and `kept_in_earlier_run` is true), and the new
documents are appended to the file when the run's output has been consumed. Under `keep="first"`, two batches
run one after the other give the same survivors as one run over both, except when a later document bridges two
clusters that each already have a published survivor: both survivors were written and stay, and later members
go to the one the policy prefers.

Reason codes: `dedup.exact`, `dedup.near_duplicate`.
"""

from __future__ import annotations

import dataclasses
import logging
import math
import pickle
import sqlite3
import tempfile
from array import array
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Literal

import numpy as np

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.lock import IndexLock
from cleaner.dedup.lsh import LSHIndex, optimal_bands
from cleaner.dedup.minhash import MinHasher, SignatureArray, estimated_jaccard
from cleaner.dedup.normalize import KEY_VERSION
from cleaner.dedup.shingles import SHINGLE_HASH_VERSION, batch_shingle_hashes, shingle_hashes, shingle_set
from cleaner.dedup.store import IndexStore, StoredRow, StoredRows
from cleaner.dedup.token_batch import hash_tokens
from cleaner.document import Document, Rejected
from cleaner.steps import ConfigError, StepConfig, StreamStep, check_choice, check_range

__all__ = ["DedupConfig", "DedupFilter"]

log = logging.getLogger(__name__)

#: Documents signed and indexed together (one numpy pass per batch).
_BATCH_DOCS = 256
#: Memory for the shingle sets kept (least recently used first out) to verify borderline pairs exactly.
_SHINGLE_CACHE_BYTES = 64 << 20


@dataclasses.dataclass(frozen=True, kw_only=True)
class DedupConfig(StepConfig):
    #: Which copy of a cluster survives: "first" (input order), "longest" (characters) or "newest" (date).
    keep: Literal["first", "longest", "newest"] = "first"
    #: Jaccard similarity of shingle sets at which two documents are near duplicates; None: exact dedup only.
    jaccard_threshold: float | None = 0.6
    #: Tokens (Vietnamese syllables, or words) per shingle.
    ngram_size: int = 5
    #: MinHash permutations (signature length).
    num_perm: int = 128
    #: Seed of the MinHash permutations.
    seed: int = 1
    #: Map ASCII digits to 0 in the dedup key (then documents differing only in numbers are duplicates).
    fold_digits: bool = False
    #: SQLite file with the index of earlier runs: loaded if it exists, updated at the end of the run.
    index_path: str | None = None
    #: Documents held in memory while waiting for the end of the input; beyond it they spill to a temporary
    #: SQLite file. None: never spill.
    max_buffered_docs: int | None = 10_000

    def __post_init__(self) -> None:
        check_choice("dedup.keep", self.keep, ("first", "longest", "newest"))
        check_range("dedup.jaccard_threshold", self.jaccard_threshold, 0.05, 0.99)
        check_range("dedup.ngram_size", self.ngram_size, 1, 64)
        check_range("dedup.num_perm", self.num_perm, 8, 1024)
        check_range("dedup.seed", self.seed, 0, 2**32 - 1)
        check_range("dedup.max_buffered_docs", self.max_buffered_docs, 0)
        for name in ("ngram_size", "num_perm", "seed", "max_buffered_docs"):
            value = getattr(self, name)
            if value is not None and not isinstance(value, int):
                raise ConfigError(f"dedup.{name} must be an integer, got {value!r}")
        if not isinstance(self.fold_digits, bool):
            raise ConfigError(f"dedup.fold_digits must be true or false, got {self.fold_digits!r}")
        if self.index_path is not None and not isinstance(self.index_path, str | Path):
            raise ConfigError(f"dedup.index_path must be a path, got {self.index_path!r}")


class DedupFilter(StreamStep):
    """Drop exact and near duplicates, keeping one survivor per cluster (see the module docstring)."""

    name = "dedup"
    version = 1
    Config = DedupConfig
    reasons = ("dedup.exact", "dedup.near_duplicate")
    config: DedupConfig

    @property
    def lsh_params(self) -> tuple[int, int] | None:
        """(bands, rows) derived from the threshold, or None for exact dedup only."""
        cfg = self.config
        if cfg.jaccard_threshold is None:
            return None
        return optimal_bands(cfg.jaccard_threshold, cfg.num_perm)

    def index_params(self) -> dict[str, Any]:
        """What must match between runs sharing an index file."""
        cfg = self.config
        return {
            "key_version": KEY_VERSION,
            "shingle_hash_version": SHINGLE_HASH_VERSION,
            "ngram_size": cfg.ngram_size,
            "num_perm": cfg.num_perm,
            "seed": cfg.seed,
            "fold_digits": cfg.fold_digits,
            "scheme": "affine32",
        }

    def run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        with IndexLock(*([self.config.index_path] if self.config.index_path is not None else [])):
            yield from self._run(docs)

    def _run(self, docs: Iterable[Document]) -> Iterator[Document | Rejected]:
        cfg = self.config
        store = IndexStore(cfg.index_path) if cfg.index_path is not None else None
        buffer = _DocumentBuffer(cfg.max_buffered_docs)
        try:
            prior = store.load(self.index_params()) if store is not None else None
            state = _State(
                self,
                prior,
                texts=lambda index: buffer.get(index).text or "",
                prior_shingles=store.shingle_set if store is not None else None,
            )
            batch: list[Document] = []
            for doc in docs:
                batch.append(doc)
                if len(batch) >= _BATCH_DOCS:
                    buffer.extend(batch)
                    state.add(batch)
                    batch = []
            if batch:
                buffer.extend(batch)
                state.add(batch)
            decisions = state.decide()
            for row, doc in zip(range(state.prior_rows, state.rows), buffer, strict=True):
                yield state.outcome(row, doc, decisions)
            if store is not None:
                added = store.append(self.index_params(), state.stored_rows(decisions))
                log.info("dedup: %d documents added to the index %s", added, store.path)
        finally:
            buffer.close()
            if store is not None:
                store.close()


class _State:
    """Everything dedup remembers about the documents of this run and of earlier runs."""

    def __init__(
        self,
        step: DedupFilter,
        prior: StoredRows | None,
        texts: Callable[[int], str] | None = None,
        prior_shingles: Callable[[int], np.ndarray | None] | None = None,
    ) -> None:
        cfg = step.config
        self.cfg = cfg
        #: Text of this run's n-th document, and shingle set of an earlier run's row: for exact verification.
        self._texts = texts
        self._prior_shingles = prior_shingles
        #: Shingle hashes of recent rows, least recently used first out: a row's sorted unique set once it has been
        #: verified, until then the hashes its signature was made from (rows in `_unsorted`).
        self._shingle_cache: OrderedDict[int, np.ndarray | None] = OrderedDict()
        self._shingle_cache_bytes = 0
        self._unsorted: set[int] = set()
        threshold = cfg.jaccard_threshold
        #: Estimates this close to the threshold (3 standard deviations of the MinHash estimate there) are
        #: re-checked with the exact Jaccard of the two shingle sets when both are at hand.
        self.margin = 3.0 * math.sqrt(threshold * (1.0 - threshold) / cfg.num_perm) if threshold else 0.0
        self.hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram_size)
        params = step.lsh_params
        self.lsh = LSHIndex(cfg.num_perm, *params) if params is not None else None
        self.uf = UnionFind()
        self.ids: list[str] = []
        self.key_hashes: list[bytes] = []
        self.lengths = array("q")
        self.dates: list[str] = []
        self._date_strings: dict[str, str] = {}
        self.signatures = SignatureArray(cfg.num_perm)
        self.exact: dict[bytes, int] = {}
        #: row -> (row it was linked to, similarity) for this run's duplicates.
        self.links: dict[int, tuple[int, float]] = {}
        self.prior_survivors: list[int] = []
        self.prior_rows = 0
        if prior is not None and len(prior):
            self._load(prior)

    @property
    def rows(self) -> int:
        return len(self.uf)

    def _load(self, prior: StoredRows) -> None:
        count = len(prior)
        self.signatures.extend(prior.signatures)
        keys = self.lsh.band_keys(prior.signatures) if self.lsh is not None else None
        for row in range(count):
            self.uf.add()
            key_hash = prior.key_hashes[row]
            if key_hash not in self.exact:
                self.exact[key_hash] = row
                if keys is not None:
                    self.lsh.insert(row, keys[row])  # type: ignore[union-attr]
        for row, survivor in enumerate(prior.survivors):
            self.uf.union(row, survivor)
        self.ids = list(prior.ids)
        self.key_hashes = list(prior.key_hashes)
        self.lengths.extend(prior.lengths)
        self.dates = [self._date_strings.setdefault(d, d) for d in prior.dates]
        self.prior_survivors = list(prior.survivors)
        self.prior_rows = count

    def add(self, batch: list[Document]) -> None:
        """Hash, sign, index and link a batch of documents (in order: each sees every earlier one)."""
        cfg = self.cfg
        tokens = hash_tokens([doc.text or "" for doc in batch], fold_digits=cfg.fold_digits)
        key_hashes = tokens.key_hashes
        fresh = [i for i, h in enumerate(key_hashes) if h not in self.exact]
        signatures = None
        if fresh:
            shingles, counts = batch_shingle_hashes(tokens.hashes, tokens.counts, cfg.ngram_size)
            if len(fresh) < len(batch):  # exact duplicates are never candidates: neither signed nor kept
                signed = np.zeros(len(batch), dtype=bool)
                signed[fresh] = True
                shingles = shingles[np.repeat(signed, counts)]
                counts = counts[fresh]
            signatures = self.hasher.signatures_of_batch(shingles, counts)
            ends = np.cumsum(counts).tolist()
            for i, start, end in zip(fresh, [0, *ends[:-1]], ends, strict=True):
                self._cache_shingles(self.rows + i, shingles[start:end].copy(), unsorted=True)
        entries = []
        for doc, key_hash, count in zip(batch, key_hashes, tokens.counts.tolist(), strict=True):
            date = _date(doc.metadata.get("date"))
            entries.append((doc.id, key_hash, len(doc.text or ""), date, count > 0))
        self.link(entries, signatures, {i: j for j, i in enumerate(fresh)})

    def link(
        self,
        entries: list[tuple[str, bytes, int, str, bool]],
        signatures: np.ndarray | None,
        position: dict[int, int],
    ) -> None:
        """Index and link documents given as (id, key hash, length, date, has tokens), in order.

        `signatures[position[i]]` is the signature of entry `i`; entries without a position must be exact
        duplicates of a document already seen (their key hash was known when the batch was signed).
        """
        threshold = self.cfg.jaccard_threshold
        lsh = self.lsh if threshold is not None else None
        band_keys = lsh.band_keys(signatures) if lsh is not None and signatures is not None else None
        for i, (doc_id, key_hash, length, date, has_tokens) in enumerate(entries):
            row = self.uf.add()
            self.ids.append(doc_id)
            self.lengths.append(length)
            self.dates.append(self._date_strings.setdefault(date, date))
            first = self.exact.get(key_hash)
            if first is not None:
                self.key_hashes.append(self.key_hashes[first])
                self.signatures.append(self.signatures[first])
                self.uf.union(row, first)
                self.links[row] = (first, 1.0)
                continue
            self.key_hashes.append(key_hash)
            self.exact[key_hash] = row
            assert signatures is not None
            j = position[i]
            signature = signatures[j]
            self.signatures.append(signature)
            if lsh is None or threshold is None or not has_tokens:
                continue
            assert band_keys is not None
            candidates = sorted(lsh.query_insert(row, band_keys[j]))
            if candidates:
                similarity = estimated_jaccard(signature, self.signatures.take(candidates))
                best = -1.0
                for candidate, value in zip(candidates, similarity.tolist(), strict=True):
                    if abs(value - threshold) < self.margin:
                        exact = self.exact_jaccard(row, candidate)
                        value = value if exact is None else exact
                    if value >= threshold:
                        self.uf.union(row, candidate)
                        if value > best:
                            best = value
                            self.links[row] = (candidate, value)
                        if candidate >= self.prior_rows and candidate not in self.links:
                            self.links[candidate] = (row, value)

    def shingle_set(self, row: int) -> np.ndarray | None:
        """Sorted unique shingle hashes of `row`, or None when its text is not at hand (LRU cache, 64 MiB)."""
        cache = self._shingle_cache
        if row in cache:
            cache.move_to_end(row)
            found = cache[row]
            if row in self._unsorted and found is not None:
                self._unsorted.discard(row)
                self._cache_shingles(row, shingle_set(found))
                found = cache[row]
            return found
        found = None
        if row < self.prior_rows:
            found = self._prior_shingles(row) if self._prior_shingles is not None else None
        elif self._texts is not None:
            tokens = hash_tokens([self._texts(row - self.prior_rows)], fold_digits=self.cfg.fold_digits)
            found = shingle_set(shingle_hashes(tokens.hashes, self.cfg.ngram_size))
        self._cache_shingles(row, found)
        return found

    def _cache_shingles(self, row: int, hashes: np.ndarray | None, unsorted: bool = False) -> None:
        cache = self._shingle_cache
        if row in cache:
            previous = cache.pop(row)
            self._shingle_cache_bytes -= 0 if previous is None else previous.nbytes
        cache[row] = hashes
        if unsorted:
            self._unsorted.add(row)
        self._shingle_cache_bytes += 0 if hashes is None else hashes.nbytes
        while self._shingle_cache_bytes > _SHINGLE_CACHE_BYTES and len(cache) > 1:
            evicted_row, evicted = cache.popitem(last=False)
            self._unsorted.discard(evicted_row)
            self._shingle_cache_bytes -= 0 if evicted is None else evicted.nbytes

    def exact_jaccard(self, a: int, b: int) -> float | None:
        """Jaccard similarity of the shingle sets of rows `a` and `b`; None if either is not at hand."""
        first, second = self.shingle_set(a), self.shingle_set(b)
        if first is None or second is None:
            return None
        shared = _shared(first, second)
        union = len(first) + len(second) - shared
        return shared / union if union else 1.0

    def decide(self) -> _Decisions:
        """Every row's cluster root, each root's cluster size, and each root's survivor row."""
        count = self.rows
        find = self.uf.find
        roots = np.fromiter((find(r) for r in range(count)), dtype=np.int64, count=count)
        sizes = np.bincount(roots, minlength=count)
        survivors = np.arange(count, dtype=np.int64)  # a singleton survives; so does a root under "first"
        in_run = np.zeros(count, dtype=bool)
        in_run[roots[self.prior_rows :]] = True
        grouped = np.nonzero((sizes[roots] > 1) & in_run[roots])[0]  # rows of multi-member clusters of this run
        if len(grouped):
            order = grouped[np.argsort(roots[grouped], kind="stable")]
            bounds = np.flatnonzero(np.diff(roots[order])) + 1
            for members_array in np.split(order, bounds):
                members = members_array.tolist()
                earlier = sorted({self.prior_survivors[m] for m in members if m < self.prior_rows})
                survivors[roots[members[0]]] = self._pick(earlier or members)
        return _Decisions(roots, sizes, survivors)

    def _pick(self, rows: list[int]) -> int:
        keep = self.cfg.keep
        if keep == "first" or len(rows) == 1:
            return min(rows)
        ordered = sorted(rows, key=lambda r: (self.key_hashes[r], self.ids[r], r))
        if keep == "longest":
            return max(ordered, key=lambda r: self.lengths[r])  # max keeps the first of equals
        return max(ordered, key=lambda r: self.dates[r])

    def outcome(self, row: int, doc: Document, decisions: _Decisions) -> Document | Rejected:
        survivor, size = decisions.of(row)
        cluster = self.ids[survivor]
        if row == survivor:
            doc.metadata["dedup"] = {
                "cluster": cluster,
                "cluster_size": size,
                "key_hash": self.key_hashes[row].hex(),
            }
            return doc
        exact = self.key_hashes[row] == self.key_hashes[survivor]
        similarity = 1.0 if exact else float(estimated_jaccard(self.signatures[row], self.signatures[survivor]))
        linked, linked_similarity = self.links.get(row, (survivor, similarity))
        detail = {
            "kept_id": cluster,
            "similarity": round(similarity, 4),
            "matched_id": self.ids[linked],
            "matched_similarity": round(linked_similarity, 4),
            "cluster": cluster,
            "cluster_size": size,
            "kept_in_earlier_run": survivor < self.prior_rows,
        }
        return Rejected(doc, "dedup.exact" if exact else "dedup.near_duplicate", DedupFilter.name, detail)

    def stored_rows(self, decisions: _Decisions) -> Iterator[StoredRow]:
        for row in range(self.prior_rows, self.rows):
            yield StoredRow(
                row=row,
                id=self.ids[row],
                key_hash=self.key_hashes[row],
                signature=self.signatures[row],
                length=self.lengths[row],
                date=self.dates[row],
                survivor=decisions.of(row)[0],
                # an exact duplicate is never a candidate (its first copy is): no shingle set needed
                shingles=self.shingle_set(row) if self.exact.get(self.key_hashes[row]) == row else None,
            )


def _shared(first: np.ndarray, second: np.ndarray) -> int:
    """How many values two sorted unique arrays have in common (a binary search of each value of the first in
    the second: no concatenated copy to sort, as `np.intersect1d` makes)."""
    if not len(first) or not len(second):
        return 0
    at = np.minimum(np.searchsorted(second, first), len(second) - 1)
    return int(np.count_nonzero(second[at] == first))


def _date(value: Any) -> str:
    """`metadata["date"]` as an ISO 8601 string ("" when missing), for the "newest" policy."""
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return ""


@dataclasses.dataclass(frozen=True, slots=True)
class _Decisions:
    """Per row: its cluster root; per root: the cluster's size and survivor (numpy arrays, 24 bytes a row)."""

    roots: np.ndarray
    sizes: np.ndarray
    survivors: np.ndarray

    def of(self, row: int) -> tuple[int, int]:
        """(survivor row, cluster size) of `row`'s cluster."""
        root = self.roots[row]
        return int(self.survivors[root]), int(self.sizes[root])


class _DocumentBuffer:
    """Documents in arrival order: in memory up to `limit`, then all of them in a temporary SQLite file."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.memory: list[Document] = []
        self.spill: sqlite3.Connection | None = None
        self.count = 0
        self._directory: tempfile.TemporaryDirectory[str] | None = None

    def extend(self, docs: list[Document]) -> None:
        if self.spill is None and (self.limit is None or len(self.memory) + len(docs) <= self.limit):
            self.memory.extend(docs)
            self.count += len(docs)
            return
        if self.spill is None:
            self._directory = tempfile.TemporaryDirectory(prefix="cleaner-dedup-")
            self.spill = sqlite3.connect(Path(self._directory.name) / "spill.sqlite")
            self.spill.execute("CREATE TABLE docs (n INTEGER PRIMARY KEY, doc BLOB NOT NULL)")
            log.info("dedup: more than %s documents buffered; spilling to %s", self.limit, self._directory.name)
            pending, self.memory = self.memory, []
            self.count = 0  # renumbered as they move to the file
            self._write(pending)
        self._write(docs)

    def _write(self, docs: list[Document]) -> None:
        assert self.spill is not None
        with self.spill:
            self.spill.executemany(
                "INSERT INTO docs (n, doc) VALUES (?, ?)",
                ((self.count + i, pickle.dumps(d, protocol=pickle.HIGHEST_PROTOCOL)) for i, d in enumerate(docs)),
            )
        self.count += len(docs)

    def get(self, index: int) -> Document:
        """The `index`-th document (random access, for exact verification of borderline pairs)."""
        if self.spill is None:
            return self.memory[index]
        (blob,) = self.spill.execute("SELECT doc FROM docs WHERE n = ?", (index,)).fetchone()
        loaded: Document = pickle.loads(blob)
        return loaded

    def __iter__(self) -> Iterator[Document]:
        if self.spill is None:
            yield from self.memory
            return
        for (blob,) in self.spill.execute("SELECT doc FROM docs ORDER BY n"):
            yield pickle.loads(blob)

    def close(self) -> None:
        if self.spill is not None:
            self.spill.close()
            self.spill = None
        if self._directory is not None:
            self._directory.cleanup()
            self._directory = None
        self.memory = []
