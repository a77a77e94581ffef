"""Union-find over document rows: A~B and B~C end in one cluster, whatever order the links arrive in.

Rows are numbered in arrival order (an earlier run's rows first). `union` keeps the smaller root, so the root
of a cluster is always its earliest row; `find` halves paths as it goes. Parents live in a compact `array`, 8
bytes a row, not a list of Python ints.
"""

from __future__ import annotations

from array import array

__all__ = ["UnionFind"]


class UnionFind:
    """Disjoint sets over rows `0 .. len(self) - 1`."""

    def __init__(self) -> None:
        self._parent = array("q")

    def __len__(self) -> int:
        return len(self._parent)

    def add(self) -> int:
        """A new singleton; returns its row."""
        row = len(self._parent)
        self._parent.append(row)
        return row

    def find(self, row: int) -> int:
        """The root (the earliest row) of `row`'s cluster."""
        parent = self._parent
        while parent[row] != row:
            parent[row] = parent[parent[row]]
            row = parent[row]
        return row

    def union(self, a: int, b: int) -> int:
        """Join the clusters of `a` and `b`; returns the root of the union."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if rb < ra:
            ra, rb = rb, ra
        self._parent[rb] = ra
        return ra

    def clusters(self, rows: range | None = None) -> dict[int, list[int]]:
        """Root -> member rows (ascending) for the clusters that hold any of `rows` (default: all rows)."""
        wanted = range(len(self)) if rows is None else rows
        roots = {self.find(r) for r in wanted}
        out: dict[int, list[int]] = {}
        for row in range(len(self)):
            root = self.find(row)
            if root in roots:
                out.setdefault(root, []).append(row)
        return out
