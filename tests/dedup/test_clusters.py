import pytest

from cleaner.dedup.clusters import UnionFind


def make(n: int) -> UnionFind:
    uf = UnionFind()
    for _ in range(n):
        uf.add()
    return uf


def test_chain_is_one_cluster_rooted_at_earliest_row() -> None:
    uf = make(5)
    uf.union(3, 4)  # D~E
    uf.union(1, 2)  # B~C
    uf.union(2, 3)  # C~D: B..E
    assert {uf.find(r) for r in (1, 2, 3, 4)} == {1}
    assert uf.find(0) == 0
    assert uf.clusters() == {0: [0], 1: [1, 2, 3, 4]}


@pytest.mark.parametrize("order", [[(0, 1), (1, 2)], [(1, 2), (0, 1)], [(2, 1), (1, 0)], [(0, 2), (2, 1)]])
def test_union_order_does_not_matter(order: list[tuple[int, int]]) -> None:
    uf = make(3)
    for a, b in order:
        uf.union(a, b)
    assert [uf.find(r) for r in range(3)] == [0, 0, 0]


def test_clusters_for_some_rows_only() -> None:
    uf = make(4)
    uf.union(0, 3)
    assert uf.clusters(range(3, 4)) == {0: [0, 3]}
