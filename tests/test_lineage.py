"""Stable community ids and lineage kinds on hand-made memberships."""

from __future__ import annotations

import numpy as np

from netforensics.refresh.lineage import id_stability, match, overlap_counts


def labels(*groups: tuple[int, int]) -> np.ndarray:
    """``labels((label, count), ...)`` -> a membership array of consecutive accounts."""
    return np.concatenate([np.full(count, label, dtype=np.int64) for label, count in groups])


def test_overlap_counts_ignore_unassigned_accounts() -> None:
    old = np.array([0, 0, 1, -1, 1])
    new = np.array([5, 5, 5, 2, -1])
    o, n, c = overlap_counts(old, new)
    assert list(zip(o.tolist(), n.tolist(), c.tolist())) == [(0, 5, 2), (1, 5, 1)]


def test_unchanged_clustering_keeps_every_id_even_when_labels_are_renumbered() -> None:
    old = labels((7, 50), (3, 30), (9, 20))
    new = labels((0, 50), (1, 30), (2, 20))
    result = match(old, new)
    assert result.stable_ids == {0: 7, 1: 3, 2: 9}
    assert result.new_kinds == {0: "continued", 1: "continued", 2: "continued"}
    assert result.dissolved == []
    assert all(link.jaccard == 1.0 for link in result.links)


def test_growth_and_shrinkage() -> None:
    old = np.concatenate([labels((0, 100), (1, 100)), np.full(50, -1)])
    new = np.concatenate([labels((0, 100), (1, 60)), np.full(40, -1), np.full(50, 0)])
    result = match(old, new)
    assert result.stable_ids[0] == 0 and result.stable_ids[1] == 1
    assert result.new_kinds[0] == "grown"
    assert result.new_kinds[1] == "shrunk"


def test_split_keeps_the_id_on_the_larger_part_and_gives_a_fresh_id_to_the_other() -> None:
    old = labels((4, 100))
    new = labels((0, 60), (1, 40))
    result = match(old, new)
    assert result.stable_ids == {0: 4, 1: 5}
    assert result.new_kinds == {0: "split", 1: "split"}


def test_merge_of_two_communities() -> None:
    old = labels((0, 50), (1, 50))
    new = labels((0, 100))
    result = match(old, new)
    assert result.new_kinds == {0: "merged"}
    assert result.stable_ids[0] in (0, 1)
    assert {link.old_id for link in result.links} == {0, 1}
    assert result.dissolved == []


def test_new_and_dissolved_communities() -> None:
    old = np.concatenate([labels((0, 30)), np.full(30, -1)])
    new = np.concatenate([np.full(30, -1), labels((0, 30))])
    result = match(old, new, next_id=10)
    assert result.stable_ids == {0: 10}
    assert result.new_kinds == {0: "new"}
    assert result.dissolved == [0]


def test_weak_overlap_does_not_inherit_an_id() -> None:
    old = np.concatenate([labels((0, 100)), np.full(100, -1)])
    new = np.concatenate([np.full(90, -1), labels((0, 110))])  # 10 shared accounts out of 200
    result = match(old, new)
    assert result.stable_ids[0] == 1


def test_id_stability_share() -> None:
    assert id_stability(np.array([1, 1, 2, -1]), np.array([1, 1, 3, 4])) == 2 / 3
    assert id_stability(np.array([-1]), np.array([-1])) == 1.0


def test_matching_is_deterministic() -> None:
    rng = np.random.default_rng(3)
    old = rng.integers(-1, 20, 5000)
    new = np.where(rng.random(5000) < 0.9, old, rng.integers(-1, 20, 5000))
    first, second = match(old, new), match(old.copy(), new.copy())
    assert first.stable_ids == second.stable_ids
    assert first.links == second.links


def test_leiden_seeded_from_the_previous_partition_finds_it_again() -> None:
    from netforensics.detect.layers import Layer
    from netforensics.detect.leiden import LeidenParams, initial_membership, leiden_igraph

    assert initial_membership(np.array([5, 5, -1, 9]), 6) == [0, 0, 2, 1, 3, 4]
    # two cliques of 20 joined by one edge: the seeded run keeps them apart and in the seeded grouping
    source, target = [], []
    for base in (0, 20):
        for i in range(20):
            for j in range(i + 1, 20):
                source.append(base + i)
                target.append(base + j)
    source.append(0)
    target.append(20)
    layer = Layer("test", np.array(source), np.array(target), np.ones(len(source)))
    previous = np.array([7] * 20 + [3] * 20)
    membership = leiden_igraph(40, layer, LeidenParams(seed=4), previous)
    assert len(set(membership[:20])) == 1 and len(set(membership[20:])) == 1
    assert membership[0] != membership[20]
