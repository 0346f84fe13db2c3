"""The second look inside large organic and suspicious communities (netforensics.detect.split), on hand-made graphs."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from netforensics.detect.layers import Layer, undirected
from netforensics.detect.leiden import LeidenParams
from netforensics.detect.split import SplitParams, split_hidden_groups

CROWD = range(0, 60)  # a large, loosely knit crowd
TEAM = range(60, 80)  # a tight group inside it


def graph() -> Layer:
    rng = np.random.default_rng(5)
    crowd = [(a, b) for a, b in itertools.combinations(CROWD, 2) if rng.random() < 0.15]
    team = list(itertools.combinations(TEAM, 2))
    bridges = [(0, 60), (1, 61), (2, 62), (3, 63)]
    pairs = np.array(crowd + team + bridges, dtype=np.int64)
    return undirected("combined", pairs[:, 0], pairs[:, 1], np.ones(len(pairs)))


def team_is_inauthentic(labels: np.ndarray) -> list[str]:
    """A stand-in for the scoring: a community made only of team members is inauthentic."""
    verdicts = ["organic"] * (int(labels.max()) + 1)
    for label in range(1, len(verdicts)):
        members = set(np.flatnonzero(labels == label).tolist())
        if members and members <= set(TEAM):
            verdicts[label] = "inauthentic"
    return verdicts


@pytest.mark.parametrize("engine", ["networkit", "igraph"])  # the second look runs the run's in-process engine
@pytest.mark.parametrize("verdict", ["organic", "suspicious"])  # a team can hide in a crowd that merely looks odd
def test_a_group_that_scores_inauthentic_on_its_own_is_split_off(engine: str, verdict: str) -> None:
    labels = np.ones(80, dtype=np.int64)
    out = split_hidden_groups(graph(), 80, labels, ["organic", verdict], LeidenParams(engine=engine, seed=1), team_is_inauthentic,
                              SplitParams(min_size=50))
    assert set(out[list(TEAM)].tolist()) == {2}  # its own community, numbered after the larger one
    assert set(out[list(CROWD)].tolist()) == {1}  # the rest stays together, whatever Leiden made of it


def test_nothing_changes_when_no_part_scores_inauthentic_or_the_community_is_small_or_flagged() -> None:
    labels = np.ones(80, dtype=np.int64)
    never = lambda candidate: ["organic"] * (int(candidate.max()) + 1)  # noqa: E731
    assert split_hidden_groups(graph(), 80, labels, ["organic", "organic"], LeidenParams(), never, SplitParams(50)) is labels
    assert split_hidden_groups(graph(), 80, labels, ["organic", "organic"], LeidenParams(), team_is_inauthentic,
                               SplitParams(min_size=81)) is labels
    assert split_hidden_groups(graph(), 80, labels, ["organic", "inauthentic"], LeidenParams(), team_is_inauthentic,
                               SplitParams(min_size=50)) is labels
    assert split_hidden_groups(graph(), 80, labels, ["organic", "organic"], LeidenParams(), team_is_inauthentic,
                               SplitParams(min_size=0)) is labels


@pytest.mark.parametrize("engine", ["networkit", "igraph"])
def test_accounts_outside_every_community_stay_outside_and_the_result_is_deterministic(engine: str) -> None:
    labels = np.ones(82, dtype=np.int64)
    labels[80:] = 0
    runs = [split_hidden_groups(graph(), 82, labels, ["organic", "organic"], LeidenParams(engine=engine, seed=3), team_is_inauthentic,
                                SplitParams(min_size=50)) for _ in range(2)]
    assert np.array_equal(runs[0], runs[1])
    assert runs[0][80:].tolist() == [0, 0] and set(runs[0][list(TEAM)].tolist()) == {2}
