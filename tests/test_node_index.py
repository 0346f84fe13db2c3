"""Node ids to account numbers: the lookup table and the binary search give the same answer, -1 for other nodes."""

from __future__ import annotations

import numpy as np

from netforensics.graph.projection import NodeIndex


def test_table_and_search_agree_on_any_nodes() -> None:
    rng = np.random.default_rng(3)
    for _ in range(200):
        nodes = rng.choice(300, int(rng.integers(1, 60)), replace=bool(rng.integers(0, 2)))
        queries = rng.integers(-5, 400, 100)
        table = NodeIndex(nodes)
        search = NodeIndex(nodes)
        search._table = None
        assert table._table is not None
        assert np.array_equal(table(queries), search(queries))


def test_sparse_ids_use_the_search() -> None:
    index = NodeIndex(np.array([5, 1 << 40, 7]))
    assert index._table is None
    assert index(np.array([7, 5, 1 << 40, 6])).tolist() == [2, 0, 1, -1]
