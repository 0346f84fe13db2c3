"""unique_sorted: np.unique's result (distinct values, ascending) without numpy's slow hash path."""

from __future__ import annotations

import numpy as np

from netforensics.arrays import unique_sorted


def test_unique_sorted_equals_numpy_unique() -> None:
    rng = np.random.default_rng(5)
    for high in (1, 3, 1000, 1 << 40):
        for n in (0, 1, 2, 17, 5000):
            values = rng.integers(-3, high, n)
            got = unique_sorted(values)
            assert got.dtype == values.dtype
            assert np.array_equal(got, np.unique(values))
    assert unique_sorted(np.array([[2, 1], [2, 7]], dtype=np.int32)).tolist() == [1, 2, 7]


def test_unique_sorted_leaves_its_input_alone() -> None:
    values = np.array([5, 1, 5, 3])
    assert unique_sorted(values).tolist() == [1, 3, 5]
    assert values.tolist() == [5, 1, 5, 3]
