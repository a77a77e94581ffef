"""One survivor per cluster of duplicates, chosen by the `keep` policy once every document has been linked.

* `"first"`: the earliest document in input order;
* `"longest"`: the longest text (in characters);
* `"newest"`: the latest `metadata["date"]` (ISO 8601 strings compared as text; a missing date is oldest).

Ties under "longest" and "newest" go to the smallest dedup-key hash, then the smallest id, so the survivors of
those policies do not depend on input order or worker count; under "first" the input order is the policy. A
cluster holding rows of an earlier run keeps that run's survivor (it was already published).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

__all__ = ["Decisions", "decide", "drop_record", "iso_date", "pick_survivor"]


@dataclasses.dataclass(frozen=True, slots=True)
class Decisions:
    """Per row: its cluster root; per root: the cluster's size and survivor (numpy arrays, 24 bytes a row)."""

    roots: np.ndarray
    sizes: np.ndarray
    survivors: np.ndarray

    def of(self, row: int) -> tuple[int, int]:
        """(survivor row, cluster size) of `row`'s cluster."""
        root = self.roots[row]
        return int(self.survivors[root]), int(self.sizes[root])


def decide(
    find: Callable[[int], int],
    count: int,
    prior_rows: int,
    prior_survivors: Sequence[int],
    pick: Callable[[list[int]], int],
) -> Decisions:
    """Every row's cluster root (`find`), each root's cluster size, and each root's survivor: `pick` of the
    members, or of the earlier run's survivors when the cluster holds rows of the first `prior_rows`."""
    roots = np.fromiter((find(r) for r in range(count)), dtype=np.int64, count=count)
    sizes = np.bincount(roots, minlength=count)
    survivors = np.arange(count, dtype=np.int64)  # a singleton survives; so does a root under "first"
    in_run = np.zeros(count, dtype=bool)
    in_run[roots[prior_rows:]] = True
    grouped = np.nonzero((sizes[roots] > 1) & in_run[roots])[0]  # rows of multi-member clusters of this run
    if len(grouped):
        order = grouped[np.argsort(roots[grouped], kind="stable")]
        bounds = np.flatnonzero(np.diff(roots[order])) + 1
        for members_array in np.split(order, bounds):
            members = members_array.tolist()
            earlier = sorted({prior_survivors[m] for m in members if m < prior_rows})
            survivors[roots[members[0]]] = pick(earlier or members)
    return Decisions(roots, sizes, survivors)


def pick_survivor(
    keep: str,
    rows: list[int],
    tie_order: Callable[[int], Any],
    length: Callable[[int], int],
    date: Callable[[int], str],
) -> int:
    """The row that survives among `rows` under `keep`; `tie_order` (key hash, id, row) settles equals."""
    if keep == "first" or len(rows) == 1:
        return min(rows)
    ordered = sorted(rows, key=tie_order)
    if keep == "longest":
        return max(ordered, key=length)  # max keeps the first of equals
    return max(ordered, key=date)


def iso_date(value: Any) -> str:
    """`metadata["date"]` as an ISO 8601 string ("" when missing), for the "newest" policy."""
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return ""


def drop_record(
    *,
    exact: bool,
    similarity: float,
    kept_id: str,
    matched: tuple[str, float],
    cluster_size: int,
    kept_in_earlier_run: bool,
) -> tuple[str, dict[str, Any]]:
    """The reason and detail of a duplicate's reject record, the same from the streaming and distributed steps:
    the survivor it lost to (`kept_id`, `similarity`), the document it actually matched (`matched`: id and
    similarity; with near-duplicates these may differ) and its cluster."""
    detail = {
        "kept_id": kept_id,
        "similarity": round(similarity, 4),
        "matched_id": matched[0],
        "matched_similarity": round(matched[1], 4),
        "cluster": kept_id,
        "cluster_size": cluster_size,
        "kept_in_earlier_run": kept_in_earlier_run,
    }
    return ("dedup.exact" if exact else "dedup.near_duplicate"), detail
