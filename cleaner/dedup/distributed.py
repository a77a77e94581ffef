"""The dedup step in distributed form: the same decisions as `DedupFilter`, computed shard by shard.

Rows are numbered in input order across shards (shard offsets from the shards' document counts), and

1. **sketch** (per shard): dedup key hash, MinHash signature, LSH band keys, length, date of each document;
2. **exact** (shuffle by key hash): each row's first row with the same key; later rows are exact duplicates,
   linked to it (the links are gathered here) and kept out of the LSH buckets, as in the streaming step;
3. **buckets** (shuffle by band key): the rows of each bucket in row order, with their signatures; a row's
   candidates are the rows before it in the bucket, at most `max_bucket_rows` (the streaming index stops filling a
   bucket there), and each pair's Jaccard is estimated where the bucket is (memory grows with the rows of a
   partition, not with the pairs: a corpus with large clusters makes many pairs);
4. **verify** (the shards holding the texts make the shingle sets, one task per worker compares its share of
   the pairs): a pair within three standard deviations of the threshold gets the exact Jaccard of the two sets;
5. **components** (here): union-find over the verified and exact edges only (memory grows with duplicated
   rows, not with the corpus), survivor by `keep`, each dropped row's link (its best earlier match, else the
   first later row that matched it) and its similarity to the survivor;
6. **filter** (per shard): survivors tagged, the others rejected with `dedup.exact` / `dedup.near_duplicate`
   and the same detail as the streaming step.

Pairs and buckets are partitioned by hash, so results do not depend on the partition or worker count. With
`index_path`, the step runs in streaming form over the gathered shards (an index is one sequential history).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import xxhash

from cleaner.dedup.clusters import UnionFind
from cleaner.dedup.lsh import LSHIndex
from cleaner.dedup.minhash import MinHasher, estimated_jaccard
from cleaner.dedup.normalize import dedup_tokens
from cleaner.dedup.shingles import shingle_set
from cleaner.dedup.step import DedupFilter
from cleaner.dedup.survivors import drop_record, iso_date, pick_survivor
from cleaner.dedup.verify import jaccard, verification_margin
from cleaner.distributed.plan import Shards, ShardState, _run_here
from cleaner.distributed.shuffle import gather_sketches, run_starts, split_by_shard
from cleaner.document import Document, Rejected
from cleaner.stats import RunStats
from cleaner.steps import Step

__all__ = ["Sketch", "run_dedup"]

#: One shard's part of a band-key partition: (band key, row) entries, the rows they hold, their signatures.
Bucketed = tuple[np.ndarray, np.ndarray, np.ndarray]


@dataclass
class Sketch:
    """What dedup knows about one shard's documents (local order)."""

    ids: list[str]
    key_hashes: list[bytes]
    lengths: np.ndarray
    dates: list[str]
    has_tokens: np.ndarray
    signatures: np.ndarray
    band_keys: np.ndarray | None
    seconds: float

    def __len__(self) -> int:
        return len(self.ids)


def run_dedup(shards: Shards, step: Step, stats: RunStats) -> None:
    """Queue the distributed dedup of every shard (its outcomes in place of the documents)."""
    assert isinstance(step, DedupFilter)
    if step.config.index_path is not None:
        _run_here(shards, [step], stats)
        return
    engine, count = shards.engine, len(shards)
    handles, sketches, bounds, parts = gather_sketches(shards, sketch_task, step)
    started = time.perf_counter()  # the sketches time themselves: their tasks also run the steps fused before
    emitted = engine.run(exact_emit, [(s, int(bounds[i]), parts) for i, s in enumerate(sketches)])
    columns = [engine.part(emitted, p) for p in range(parts)]
    exact = np.concatenate(engine.gather(engine.run(exact_reduce, [(list(c),) for c in columns])))
    repeats = split_by_shard(exact[:, 0], exact[:, 0], bounds)
    calls = [(s, repeats[i], int(bounds[i]), parts) for i, s in enumerate(sketches)]
    emitted = engine.run(lsh_emit, calls)
    columns = [engine.part(emitted, p) for p in range(parts)]
    found = engine.gather(engine.run(bucket_verify, [(list(c), step) for c in columns]))
    edges = np.unique(np.concatenate([e.reshape(-1, 4) for e in found]), axis=0)  # a pair may share two buckets
    edges = _settle(engine, step, handles, bounds, edges)
    decisions = _decide(engine, step, sketches, bounds, edges, exact)
    share = (time.perf_counter() - started) / max(1, count)
    shards.then_each(filter_task, [(d, share) for d in engine.scatter(decisions)])


def sketch_task(state: ShardState, step: DedupFilter) -> ShardState:
    """Key hashes, signatures and band keys of one shard's documents, kept with the shard."""
    started = time.perf_counter()
    cfg = step.config
    docs = [i for i in state.items if isinstance(i, Document)]
    tokens = [dedup_tokens(d.text or "", fold_digits=cfg.fold_digits) for d in docs]
    hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram_size)
    signatures = hasher.signatures(tokens) if docs else np.empty((0, cfg.num_perm), dtype=np.uint32)
    params = step.lsh_params
    band_keys = LSHIndex(cfg.num_perm, *params).band_keys(signatures) if params is not None else None
    state.sketch = Sketch(
        ids=[d.id for d in docs],
        key_hashes=[xxhash.xxh3_128_digest(" ".join(t).encode("utf-8", "surrogatepass")) for t in tokens],
        lengths=np.array([len(d.text or "") for d in docs], dtype=np.int64),
        dates=[iso_date(d.metadata.get("date")) for d in docs],
        has_tokens=np.array([bool(t) for t in tokens], dtype=bool),
        signatures=signatures,
        band_keys=band_keys,
        seconds=time.perf_counter() - started,
    )
    return state


# --- shuffles by key hash and by band key -----------------------------------------------------------------------


def exact_emit(sketch: Sketch, offset: int, parts: int) -> list[np.ndarray]:
    """(key hash high, key hash low, row) by key-hash partition."""
    keys = np.frombuffer(b"".join(sketch.key_hashes), dtype="<u8").reshape(-1, 2)
    table = np.column_stack([keys, np.arange(offset, offset + len(sketch), dtype=np.uint64)])
    part = (keys[:, 0] % np.uint64(parts)).astype(np.int64)
    return [table[part == p] for p in range(parts)]


def exact_reduce(pieces: list[np.ndarray]) -> np.ndarray:
    """(row, first row with the same key) for every row of the partition that repeats an earlier key."""
    table = np.concatenate(pieces)
    table = table[np.lexsort((table[:, 2], table[:, 1], table[:, 0]))]
    first = table[run_starts(table[:, :2]), 2].astype(np.int64)
    rows = table[:, 2].astype(np.int64)
    links = np.column_stack([rows, first])
    return links[rows != first]


def lsh_emit(sketch: Sketch, repeats: np.ndarray, offset: int, parts: int) -> list[Bucketed]:
    """By band-key partition: (band key, row) of each row that is the first of its key and has tokens, and those
    rows with their signatures (once per partition, for the pairs found there)."""
    if sketch.band_keys is None:
        return [(np.empty((0, 2), dtype=np.int64), np.empty(0, dtype=np.int64), sketch.signatures[:0])] * parts
    rows = np.arange(offset, offset + len(sketch), dtype=np.int64)
    fresh = np.flatnonzero(~np.isin(rows, repeats) & sketch.has_tokens)
    keys = sketch.band_keys[fresh].astype(np.int64)
    table = np.column_stack([keys.ravel(), np.repeat(rows[fresh], sketch.band_keys.shape[1])])
    part = (table[:, 0] >> 1) % parts  # band keys are odd (`LSHIndex.band_keys`): the low bit would leave half unused
    out: list[Bucketed] = []
    for p in range(parts):
        piece = table[part == p]
        held = np.unique(piece[:, 1])
        out.append((piece, held, sketch.signatures[held - offset]))
    return out


def bucket_verify(pieces: list[Bucketed], step: DedupFilter) -> np.ndarray:
    """(row, candidate, estimated Jaccard, borderline) of the partition's pairs at or above the threshold or near
    it: each row with the rows before it in its buckets, at most `max_bucket_rows` of them (the rows the streaming
    index stores)."""
    threshold = step.config.jaccard_threshold
    table = np.unique(np.concatenate([p[0] for p in pieces]), axis=0)  # by band key, then row
    if threshold is None or not len(table):
        return np.empty((0, 4))
    rows = np.concatenate([p[1] for p in pieces])  # shards in order, each ascending: ascending
    signatures = np.concatenate([p[2] for p in pieces])
    group = run_starts(table[:, 0])
    count = np.minimum(np.arange(len(table)) - group, _max_bucket_rows(step))
    within = np.arange(int(count.sum())) - np.repeat(np.cumsum(count) - count, count)
    pairs = np.column_stack([np.repeat(table[:, 1], count), table[np.repeat(group, count) + within, 1]])
    pairs = np.unique(pairs, axis=0) if len(pairs) else pairs.reshape(0, 2)
    mine, theirs = np.searchsorted(rows, pairs[:, 0]), np.searchsorted(rows, pairs[:, 1])
    value = np.empty(len(pairs), dtype=np.float64)
    for at in range(0, len(pairs), _PAIRS_AT_ONCE):
        cut = slice(at, at + _PAIRS_AT_ONCE)
        value[cut] = (signatures[mine[cut]] == signatures[theirs[cut]]).mean(axis=-1)
    borderline = np.abs(value - threshold) < verification_margin(threshold, step.config.num_perm)
    keep = borderline | (value >= threshold)
    return np.column_stack([pairs[keep, 0], pairs[keep, 1], value[keep], borderline[keep]])


#: Pairs compared in one array operation (bounds the memory of the comparison: about 9 bytes a signature value).
_PAIRS_AT_ONCE = 1 << 14


def _max_bucket_rows(step: DedupFilter) -> int:
    params = step.lsh_params or (1, 1)
    return LSHIndex(step.config.num_perm, *params).max_bucket_rows


# --- verification, components, decisions ---------------------------------------------------------------------------


def shingles_task(step: DedupFilter, state: ShardState, local: list[int]) -> list[np.ndarray]:
    """Sorted unique shingle hashes of the shard's `local`-th documents (for exact Jaccard)."""
    cfg = step.config
    docs = [i for i in state.items if isinstance(i, Document)]
    hasher = MinHasher(cfg.num_perm, cfg.seed, cfg.ngram_size)
    tokens = [dedup_tokens(docs[i].text or "", fold_digits=cfg.fold_digits) for i in local]
    return [shingle_set(hasher.shingle_hashes(t)) for t in tokens]


def _settle(engine: Any, step: DedupFilter, handles: list[Any], bounds: np.ndarray, edges: np.ndarray) -> np.ndarray:
    """Borderline pairs get their exact Jaccard, computed on the workers (the shingle sets stay there: the driver
    only hands out the pairs); the edges at or above the threshold remain."""
    threshold = step.config.jaccard_threshold
    border = np.flatnonzero(edges[:, 3] == 1)
    if len(border):
        pairs = edges[border, :2].astype(np.int64)
        rows = np.unique(pairs)
        shard = np.searchsorted(bounds, rows, side="right") - 1
        asked = [(s, rows[shard == s]) for s in np.unique(shard).tolist()]
        held = engine.run(shingles_task, [(step, handles[s], (r - bounds[s]).tolist()) for s, r in asked])
        owners = [r for _, r in asked]
        chunks = np.array_split(pairs, min(len(pairs), engine.workers))
        found = engine.gather(engine.run(jaccard_task, [(c, owners, list(held)) for c in chunks]))
        edges[border, 2] = np.concatenate(found)
    return edges[edges[:, 2] >= threshold] if threshold is not None else edges[:0]


def jaccard_task(pairs: np.ndarray, owners: list[np.ndarray], shingles: list[list[np.ndarray]]) -> np.ndarray:
    """The exact Jaccard of each pair of rows, from the sorted unique shingle hashes `shingles[k][j]` of row
    `owners[k][j]`."""
    sets = {int(r): x for rows, xs in zip(owners, shingles, strict=True) for r, x in zip(rows, xs, strict=True)}
    values = np.empty(len(pairs), dtype=np.float64)
    for i, (a, b) in enumerate(pairs.tolist()):
        values[i] = jaccard(sets[a], sets[b])
    return values


def info_task(sketch: Sketch, local: list[int]) -> list[tuple[str, bytes, int, str, np.ndarray]]:
    """(id, key hash, length, date, signature) of the shard's `local`-th documents."""
    return [
        (sketch.ids[i], sketch.key_hashes[i], int(sketch.lengths[i]), sketch.dates[i], sketch.signatures[i])
        for i in local
    ]


def _decide(
    engine: Any, step: DedupFilter, sketches: list[Any], bounds: np.ndarray, edges: np.ndarray, exact: np.ndarray
) -> list[dict[int, Any]]:
    """Per shard: local index -> the outcome of every document in a cluster of two or more."""
    decisions: list[dict[int, Any]] = [{} for _ in sketches]
    pairs = edges[:, :2].astype(np.int64)
    nodes = np.unique(np.concatenate([pairs.ravel(), exact.ravel()]))
    if not len(nodes):
        return decisions
    uf = UnionFind()
    for _ in range(len(nodes)):
        uf.add()
    for a, b in np.searchsorted(nodes, np.concatenate([pairs, exact])).tolist():
        uf.union(a, b)
    shard = np.searchsorted(bounds, nodes, side="right") - 1
    asked = [(s, nodes[shard == s]) for s in np.unique(shard).tolist()]
    found = engine.gather(engine.run(info_task, [(sketches[s], (r - bounds[s]).tolist()) for s, r in asked]))
    info = {int(r): x for (_, rs), xs in zip(asked, found, strict=True) for r, x in zip(rs, xs, strict=True)}
    links = _links(edges, exact)
    members: dict[int, list[int]] = {}
    for i, row in enumerate(nodes.tolist()):
        members.setdefault(uf.find(i), []).append(row)
    for rows in members.values():
        survivor = pick_survivor(
            step.config.keep,
            rows,
            tie_order=lambda r: (info[r][1], info[r][0], r),
            length=lambda r: info[r][2],
            date=lambda r: info[r][3],
        )
        kept_id, kept_hash, _, _, kept_signature = info[survivor]
        for row in rows:
            s = int(np.searchsorted(bounds, row, side="right") - 1)
            if row == survivor:
                decisions[s][row - int(bounds[s])] = ("kept", kept_id, len(rows), kept_hash.hex())
                continue
            exact_copy = info[row][1] == kept_hash
            similarity = 1.0 if exact_copy else float(estimated_jaccard(info[row][4], kept_signature))
            linked, linked_similarity = links.get(row, (survivor, similarity))
            reason, detail = drop_record(
                exact=exact_copy,
                similarity=similarity,
                kept_id=kept_id,
                matched=(info[linked][0], linked_similarity),
                cluster_size=len(rows),
                kept_in_earlier_run=False,
            )
            decisions[s][row - int(bounds[s])] = ("dropped", reason, detail)
    return decisions


def _links(edges: np.ndarray, exact: np.ndarray) -> dict[int, tuple[int, float]]:
    """Each row's link as the streaming step records it: an exact duplicate's first copy; else its best earlier
    match (highest similarity, then earliest); else the first later row that matched it."""
    links: dict[int, tuple[int, float]] = {}
    by_row = edges[np.lexsort((edges[:, 1], -edges[:, 2], edges[:, 0]))]
    for row, candidate, value, _ in by_row.tolist():
        links.setdefault(int(row), (int(candidate), value))
    by_candidate = edges[np.lexsort((edges[:, 0], edges[:, 1]))]
    for row, candidate, value, _ in by_candidate.tolist():
        links.setdefault(int(candidate), (int(row), value))
    for row, first in exact.tolist():
        links[row] = (first, 1.0)
    return links


def filter_task(state: ShardState, decisions: dict[int, Any], seconds: float) -> ShardState:
    """Tag survivors and singletons, reject the other members; count as the streaming step does."""
    started = time.perf_counter()
    sketch = state.sketch
    stats = state.stats.step(DedupFilter.name)
    local = 0
    out: list[Document | Rejected] = []
    for item in state.items:
        if isinstance(item, Rejected):
            out.append(item)
            continue
        size = item.size
        stats.docs_in += 1
        stats.chars_in += size
        decision = decisions.get(local)
        local += 1
        if decision is not None and decision[0] == "dropped":
            stats.dropped[decision[1]] += 1
            out.append(Rejected(item, decision[1], DedupFilter.name, decision[2]))
            continue
        if decision is None:
            key = sketch.key_hashes[local - 1].hex()
            item.metadata["dedup"] = {"cluster": item.id, "cluster_size": 1, "key_hash": key}
        else:
            item.metadata["dedup"] = {"cluster": decision[1], "cluster_size": decision[2], "key_hash": decision[3]}
        stats.kept += 1
        stats.chars_removed += size - len(item.text)
        out.append(item)
    state.items = out
    stats.seconds += sketch.seconds + seconds + time.perf_counter() - started
    return state
