"""Array helpers the hot paths share.

``np.unique(x)`` without ``return_*`` takes a hash-table path in numpy 2.4 that is 40-90 times slower than sorting
on integer arrays with many distinct values (numpy 2.4.6, this machine: 10 M int64 in 10.2 s against 0.11 s for a
sort and a mask; 1 M in 0.37 s against 0.009 s). :func:`unique_sorted` is the sort-based result, same values and
order (ascending).
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np
import numpy.typing as npt

G = TypeVar("G", bound=np.generic)


def unique_sorted(values: npt.NDArray[G]) -> npt.NDArray[G]:
    """The distinct values of a one-dimensional array, ascending (what ``np.unique(values)`` returns)."""
    ordered = np.sort(np.asarray(values).ravel())
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]
