"""Match a new clustering to the previous one: stable community ids, lineage kinds, and a readable diff.

Pure functions on membership arrays (no database). Two memberships over the same account universe are
compared through their overlap counts: ``overlap[old, new] = |old ∩ new|``.

- A new community keeps an old id when each is the other's best match (largest overlap) and their Jaccard
  index reaches ``min_jaccard``; every other new community gets a fresh id (one more than any id used before).
- Lineage links (``CONTINUES``) join a new community to every old one that holds at least ``min_share`` of it
  or gives at least ``min_share`` of itself to it, with the Jaccard index and a kind:
  ``merged`` (the new one draws significantly from two or more old ones), ``split`` (the old one feeds two or
  more new ones significantly), otherwise ``grown`` / ``shrunk`` (size changed by more than ``size_tolerance``)
  or ``continued``. New communities with no link are ``new``; old ones with none are ``dissolved``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class LineageLink:
    new_label: int
    old_id: int
    overlap: int
    jaccard: float
    kind: str


@dataclass
class LineageResult:
    #: new label (index in the new clustering) -> stable community id
    stable_ids: dict[int, int]
    links: list[LineageLink]
    new_kinds: dict[int, str]  # per new label: continued/grown/shrunk/split/merged/new
    dissolved: list[int]  # old ids with no successor
    sizes_new: dict[int, int] = field(default_factory=dict)
    sizes_old: dict[int, int] = field(default_factory=dict)


def overlap_counts(old: IntArray, new: IntArray) -> tuple[IntArray, IntArray, IntArray]:
    """Aligned ``old`` and ``new`` labels per account (-1 = not in any community) -> (old, new, count) triples."""
    old = np.asarray(old, dtype=np.int64)
    new = np.asarray(new, dtype=np.int64)
    if old.shape != new.shape:
        raise ValueError("old and new memberships must be aligned on the same accounts")
    both = (old >= 0) & (new >= 0)
    if not both.any():
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty.copy(), empty.copy()
    o, n = old[both], new[both]
    span = np.int64(n.max()) + 1
    keys, counts = np.unique(o * span + n, return_counts=True)
    return keys // span, keys % span, counts.astype(np.int64)


def _sizes(labels: IntArray) -> dict[int, int]:
    values, counts = np.unique(labels[labels >= 0], return_counts=True)
    return {int(v): int(c) for v, c in zip(values, counts)}


def match(
    old_ids: IntArray,
    new_labels: IntArray,
    *,
    next_id: int | None = None,
    min_jaccard: float = 0.2,
    min_share: float = 0.1,
    size_tolerance: float = 0.1,
) -> LineageResult:
    """Stable ids and lineage for ``new_labels`` given the previous run's ``old_ids`` (aligned per account).

    ``next_id`` is the first fresh id to hand out (default: one more than the largest old id).
    Deterministic: ties are broken by the smaller label / id.
    """
    old_ids = np.asarray(old_ids, dtype=np.int64)
    new_labels = np.asarray(new_labels, dtype=np.int64)
    sizes_old, sizes_new = _sizes(old_ids), _sizes(new_labels)
    o, n, c = overlap_counts(old_ids, new_labels)
    jaccard = {}
    for oi, ni, ci in zip(o.tolist(), n.tolist(), c.tolist()):
        jaccard[(oi, ni)] = ci / (sizes_old[oi] + sizes_new[ni] - ci)

    def best(pairs: dict[int, list[tuple[int, int]]]) -> dict[int, int]:
        # largest overlap first, then the smaller partner label: deterministic
        return {k: min(v, key=lambda t: (-t[1], t[0]))[0] for k, v in pairs.items()}

    by_new: dict[int, list[tuple[int, int]]] = {}
    by_old: dict[int, list[tuple[int, int]]] = {}
    for oi, ni, ci in zip(o.tolist(), n.tolist(), c.tolist()):
        by_new.setdefault(ni, []).append((oi, ci))
        by_old.setdefault(oi, []).append((ni, ci))
    best_old_of_new, best_new_of_old = best(by_new), best(by_old)

    fresh = next_id if next_id is not None else (max(sizes_old, default=-1) + 1)
    stable: dict[int, int] = {}
    for label in sorted(sizes_new):
        partner = best_old_of_new.get(label)
        if partner is not None and best_new_of_old.get(partner) == label and jaccard[(partner, label)] >= min_jaccard:
            stable[label] = partner
    for label in sorted(sizes_new, key=lambda lab: (-sizes_new[lab], lab)):
        if label not in stable:
            stable[label] = fresh
            fresh += 1

    significant: list[tuple[int, int, int]] = []
    for oi, ni, ci in zip(o.tolist(), n.tolist(), c.tolist()):
        if ci >= min_share * sizes_new[ni] or ci >= min_share * sizes_old[oi]:
            significant.append((oi, ni, ci))
    feeds: dict[int, int] = {}
    draws: dict[int, int] = {}
    for oi, ni, _ in significant:
        feeds[oi] = feeds.get(oi, 0) + 1
        draws[ni] = draws.get(ni, 0) + 1

    links: list[LineageLink] = []
    new_kinds: dict[int, str] = {}
    for oi, ni, ci in sorted(significant, key=lambda t: (t[1], t[0])):
        if draws[ni] > 1:
            kind = "merged"
        elif feeds[oi] > 1:
            kind = "split"
        else:
            change = (sizes_new[ni] - sizes_old[oi]) / sizes_old[oi]
            kind = "grown" if change > size_tolerance else "shrunk" if change < -size_tolerance else "continued"
        links.append(LineageLink(ni, oi, ci, round(jaccard[(oi, ni)], 6), kind))
        new_kinds[ni] = kind if new_kinds.get(ni) in (None, kind) else "merged"
    for label in sizes_new:
        new_kinds.setdefault(label, "new")
    linked_old = {oi for oi, _, _ in significant}
    dissolved = sorted(oid for oid in sizes_old if oid not in linked_old)
    return LineageResult(stable, links, new_kinds, dissolved, sizes_new, sizes_old)


def id_stability(old_ids: IntArray, new_ids: IntArray) -> float:
    """Share of accounts in a community in both runs whose community id is unchanged (issue 7's ≥95% target)."""
    old_ids = np.asarray(old_ids, dtype=np.int64)
    new_ids = np.asarray(new_ids, dtype=np.int64)
    both = (old_ids >= 0) & (new_ids >= 0)
    if not both.any():
        return 1.0
    return float(np.mean(old_ids[both] == new_ids[both]))
