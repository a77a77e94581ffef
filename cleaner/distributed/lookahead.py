"""`templates` and `repeated_lines` in distributed form, with the streaming steps' decisions.

Both steps count, for every line hash, the documents holding it, and judge document `i` (in input order) on the
counts after documents `0 .. i + lookahead_docs` were counted. That is a prefix count, so it can be computed
from where the documents are:

1. **count** (per shard): each document's distinct line hashes, by the step's own `_count`;
2. **shuffle by line hash**: every (hash, position, site) meets the others of its hash; the count a document
   sees is the number of holders at positions up to its own plus the look-ahead (and, for `repeated_lines`, the
   distinct sites among them, capped at `min_sites`). `templates` salts its hashes with the site key, so this
   is the shuffle by site (URL host or input directory) that brings a site's pages together;
3. **decide** (per shard): the step's own `_decide`, given those counts.

The streaming steps forget the rarest lines when their count table outgrows `max_entries`. When the whole run
holds more distinct lines than that, step 2 is a replay instead: the driver reads the shards' hash lists in input
order, shard by shard, through the step's own bounded table, and hands each shard the counts its documents would
have seen. The documents stay on their workers, the driver's memory is the table's, and the output is the same.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

import numpy as np

from cleaner.distributed.plan import Shards, ShardState
from cleaner.distributed.shuffle import gather_sketches, regroup, run_starts, split_by_shard
from cleaner.document import Document
from cleaner.filters.repeated import RepeatedLinesTransform, _Table
from cleaner.filters.templates import _prune
from cleaner.stats import RunStats
from cleaner.steps import Step

__all__ = ["run_lookahead"]

_NO_SITE = 0  # a site hash of 0 (odds 2**-64) would count as no site


def run_lookahead(shards: Shards, step: Step, stats: RunStats) -> None:
    """Queue the distributed form of a look-ahead counting step (`templates`, `repeated_lines`)."""
    engine, count = shards.engine, len(shards)
    _, sketches, bounds, parts = gather_sketches(shards, count_task, step)
    emitted = engine.run(emit_task, [(s, int(bounds[i]), parts) for i, s in enumerate(sketches)])
    columns = [engine.part(emitted, p) for p in range(parts)]
    reduced = engine.run(reduce_task, [(list(c), bounds, step) for c in columns])
    distinct = sum(engine.gather(engine.part(reduced, 1)))
    if distinct > step.config.max_entries:  # type: ignore[attr-defined]
        routed = replay(engine, step, sketches, bounds)
    else:
        routed = regroup(engine, engine.part(reduced, 0), count)
    shards.then_each(decide_task, [(step, r, int(bounds[i])) for i, r in enumerate(routed)])


def replay(engine: Any, step: Step, sketches: list[Any], bounds: np.ndarray) -> list[Any]:
    """Per shard, a handle to the (position, hash, holders, sites) rows of its documents as the streaming step's
    bounded table gives them: the step's own counting, forgetting and look-ahead, run over the hash lists alone.
    A shard's rows are handed out as soon as its last document is judged."""
    cfg: Any = step.config
    tally, seen = _bounded_table(step)
    waiting: deque[tuple[int, list[int]]] = deque()
    rows: list[tuple[int, int, int, int]] = []
    routed: list[Any] = []

    def judge(position: int, hashes: list[int]) -> None:
        while bounds[len(routed) + 1] <= position:  # every earlier shard is complete
            flush()
        rows.extend((position, h, *seen(h)) for h in hashes)

    def flush() -> None:
        routed.extend(engine.scatter([np.array(rows, dtype=np.uint64).reshape(-1, 4)]))
        rows.clear()

    for handle, offset in zip(sketches, bounds[:-1].tolist(), strict=True):
        (sketch,) = engine.gather([handle])
        for k, (hashes, site) in enumerate(sketch):
            tally(hashes, site)
            waiting.append((offset + k, hashes))
            while len(waiting) > cfg.lookahead_docs:
                judge(*waiting.popleft())
    while waiting:
        judge(*waiting.popleft())
    while len(routed) < len(sketches):
        flush()
    return routed


Tally = Callable[[list[int], int], None]
Seen = Callable[[int], tuple[int, int]]


def _bounded_table(step: Step) -> tuple[Tally, Seen]:
    """The streaming step's own count table: add one document's distinct hashes (and its site hash), and read
    (holders, sites) of a hash, forgetting as the step forgets past `max_entries`."""
    cfg: Any = step.config
    if isinstance(step, RepeatedLinesTransform):
        table = _Table(cfg.max_entries, cfg.min_sites or 1)

        def add_lines(hashes: list[int], site: int) -> None:
            for h in hashes:
                table.add(h, None if site == _NO_SITE else site)

        return add_lines, table.count
    counts: dict[int, int] = {}

    def add_page(hashes: list[int], site: int) -> None:
        for h in hashes:
            counts[h] = counts.get(h, 0) + 1
        if len(counts) > cfg.max_entries:
            _prune(counts, cfg.max_entries // 2)

    return add_page, lambda h: (counts.get(h, 0), 0)


def count_task(state: ShardState, step: Step) -> ShardState:
    """Each document's distinct counted line hashes and its site hash (kept with the shard)."""
    counted: list[tuple[list[int], int]] = []
    for item in state.items:
        if isinstance(item, Document):
            counted.append(_counted(step, item))
    state.sketch = counted
    return state


def _counted(step: Step, doc: Document) -> tuple[list[int], int]:
    if isinstance(step, RepeatedLinesTransform):
        table = _Table(1 << 62, 1)
        step._count(doc, table)
        held = table.sites
        site = next(iter(held.values())) if held else _NO_SITE
        return list(table.docs), site if isinstance(site, int) else _NO_SITE
    counts: dict[int, int] = {}
    step._count(doc, counts)  # type: ignore[attr-defined]
    return list(counts), _NO_SITE


def emit_task(sketch: list[tuple[list[int], int]], offset: int, parts: int) -> list[np.ndarray]:
    """(hash, position, site hash) rows (uint64) by hash partition."""
    rows = [(h, offset + k, site) for k, (hashes, site) in enumerate(sketch) for h in hashes]
    table = np.array(rows, dtype=np.uint64).reshape(-1, 3)
    part = (table[:, 0] % np.uint64(parts)).astype(np.int64)
    return [table[part == p] for p in range(parts)]


def reduce_task(pieces: list[np.ndarray], bounds: np.ndarray, step: Step) -> tuple[list[np.ndarray], int]:
    """Per shard: (position, hash, holders, sites) as each document sees them; and how many distinct hashes the
    partition holds."""
    table = np.concatenate(pieces)
    table = table[np.lexsort((table[:, 1], table[:, 0]))]  # by hash, then position
    hashes, positions, sites = table[:, 0], table[:, 1].astype(np.int64), table[:, 2]
    start = run_starts(hashes)
    run = np.cumsum(start == np.arange(len(table))) - 1
    lookahead = int(step.config.lookahead_docs)  # type: ignore[attr-defined]
    span = (int(positions.max()) if len(table) else 0) + lookahead + 2
    keys = run * span + positions  # increasing: runs in order, positions in order within a run
    upto = np.searchsorted(keys, run * span + positions + lookahead, side="right") - 1
    first = _first_appearances(hashes, sites)
    cumulative = np.cumsum(first)
    before = cumulative[start] - first[start]
    cap = getattr(step.config, "min_sites", None) or 1
    seen_sites = np.minimum(cumulative[upto] - before, cap)
    columns = [positions, hashes, upto - start + 1, seen_sites]
    out = np.column_stack([c.astype(np.uint64) for c in columns])  # int64 beside uint64 would go through float
    return split_by_shard(positions, out, bounds), int(run[-1] + 1) if len(table) else 0


def _first_appearances(hashes: np.ndarray, sites: np.ndarray) -> np.ndarray:
    """1 where an entry (sorted by hash, then position) is the first of its hash with its site, else 0."""
    order = np.lexsort((np.arange(len(hashes)), sites, hashes))
    first = np.zeros(len(hashes), dtype=np.int64)
    if len(hashes):
        new = np.ones(len(hashes), dtype=bool)
        new[1:] = (hashes[order][1:] != hashes[order][:-1]) | (sites[order][1:] != sites[order][:-1])
        first[order[new]] = 1
    first[sites == _NO_SITE] = 0
    return first


class _Counts:
    """One document's view of the counts: `get` for `templates`, `count` for `repeated_lines`."""

    def __init__(self, rows: np.ndarray) -> None:
        self.rows = {int(h): (int(n), int(s)) for _, h, n, s in rows.tolist()}

    def get(self, h: int, default: int = 0) -> int:
        return self.rows[h][0] if h in self.rows else default

    def count(self, h: int) -> tuple[int, int]:
        return self.rows.get(h, (0, 0))


def decide_task(state: ShardState, step: Step, rows: np.ndarray, offset: int) -> ShardState:
    """The step's own decision on each document, from the counts it would have seen; counted as the pipeline
    counts a stateful step."""
    started = time.perf_counter()
    stats = state.stats.step(step.name)
    rows = rows.reshape(-1, 4)
    where = rows[:, 0].astype(np.int64)
    order = np.argsort(where, kind="stable")
    rows, where = rows[order], where[order]
    cuts = np.searchsorted(where, np.arange(offset, offset + len(state.sketch) + 1))
    out: list[Any] = []
    k = 0
    for item in state.items:
        if not isinstance(item, Document):
            out.append(item)
            continue
        size = item.size
        stats.docs_in += 1
        stats.chars_in += size
        counts = _Counts(rows[cuts[k] : cuts[k + 1]])
        scratch: Any = _Table(1 << 62, 1) if isinstance(step, RepeatedLinesTransform) else {}
        pending = step._count(item, scratch)  # type: ignore[attr-defined]
        decided = step._decide(pending, counts)  # type: ignore[attr-defined]
        stats.kept += 1
        stats.chars_removed += size - len(decided.text)
        out.append(decided)
        k += 1
    state.items = out
    state.sketch = None
    stats.seconds += time.perf_counter() - started
    return state
