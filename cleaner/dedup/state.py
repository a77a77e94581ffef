"""What the dedup step remembers of every document, and how each new one is linked to those before it.

Per row (an earlier run's rows first, then this run's in input order): id, dedup-key hash, length, date and
MinHash signature, in compact columns; the signature's band keys go into the LSH index. A new document whose key
hash is already known is an exact duplicate of the row that brought it; any other is looked up in the index and
linked to every candidate whose Jaccard is at least the threshold (the estimate from the signatures, or the exact
value for a borderline pair: `verify`). Union-find joins the links into clusters; `survivors` picks one per
cluster; `outcome` says what became of each document and why.
"""

from __future__ import annotations

from array import array
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.lsh import LSHIndex
from cleaner.dedup.minhash import MinHasher, SignatureArray, estimated_jaccard
from cleaner.dedup.shingles import batch_shingle_hashes
from cleaner.dedup.store import StoredRow, StoredRows
from cleaner.dedup.survivors import Decisions, decide, drop_record, iso_date, pick_survivor
from cleaner.dedup.token_batch import hash_tokens
from cleaner.dedup.verify import ShingleSets, verification_margin
from cleaner.document import Document, Rejected

if TYPE_CHECKING:
    from cleaner.dedup.step import DedupFilter

__all__ = ["DedupState"]


class DedupState:
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
        self.step_name = step.name
        #: Shingle sets for exact verification: from this run's texts (by position) and the index's rows.
        self.shingles = ShingleSets(
            ngram_size=cfg.ngram_size,
            fold_digits=cfg.fold_digits,
            prior_rows=len(prior) if prior is not None else 0,
            texts=texts,
            prior_shingles=prior_shingles,
        )
        #: Estimates this close to the threshold are re-checked with the exact Jaccard of the two shingle sets.
        self.margin = verification_margin(cfg.jaccard_threshold, cfg.num_perm)
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
        #: key hash -> the first row with it (later rows with the same key are its exact duplicates).
        self.first_row_of_key: dict[bytes, int] = {}
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
            if key_hash not in self.first_row_of_key:
                self.first_row_of_key[key_hash] = row
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
        fresh = [i for i, h in enumerate(key_hashes) if h not in self.first_row_of_key]
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
                self.shingles.keep_signed(self.rows + i, shingles[start:end].copy())
        entries = []
        for doc, key_hash, count in zip(batch, key_hashes, tokens.counts.tolist(), strict=True):
            date = iso_date(doc.metadata.get("date"))
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
            first = self.first_row_of_key.get(key_hash)
            if first is not None:
                self.key_hashes.append(self.key_hashes[first])
                self.signatures.append(self.signatures[first])
                self.uf.union(row, first)
                self.links[row] = (first, 1.0)
                continue
            self.key_hashes.append(key_hash)
            self.first_row_of_key[key_hash] = row
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
                        measured = self.shingles.exact_jaccard(row, candidate)
                        value = value if measured is None else measured
                    if value >= threshold:
                        self.uf.union(row, candidate)
                        if value > best:
                            best = value
                            self.links[row] = (candidate, value)
                        if candidate >= self.prior_rows and candidate not in self.links:
                            self.links[candidate] = (row, value)

    def decide(self) -> Decisions:
        """Every row's cluster root, each root's cluster size, and each root's survivor row."""
        return decide(self.uf.find, self.rows, self.prior_rows, self.prior_survivors, self._pick)

    def _pick(self, rows: list[int]) -> int:
        return pick_survivor(
            self.cfg.keep,
            rows,
            tie_order=lambda r: (self.key_hashes[r], self.ids[r], r),
            length=self.lengths.__getitem__,
            date=self.dates.__getitem__,
        )

    def outcome(self, row: int, doc: Document, decisions: Decisions) -> Document | Rejected:
        """`doc` tagged with its cluster when it survives, else rejected with the kept copy and its link."""
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
        reason, detail = drop_record(
            exact=exact,
            similarity=similarity,
            kept_id=cluster,
            matched=(self.ids[linked], linked_similarity),
            cluster_size=size,
            kept_in_earlier_run=survivor < self.prior_rows,
        )
        return Rejected(doc, reason, self.step_name, detail)

    def stored_rows(self, decisions: Decisions) -> Iterator[StoredRow]:
        """This run's rows as the index file stores them."""
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
                shingles=self.shingles.get(row) if self.first_row_of_key.get(self.key_hashes[row]) == row else None,
            )
