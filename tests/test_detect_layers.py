"""Behaviour layers on hand-made arrays: merging, weights, the campus-NAT rule, the co-retweet window."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np
import pytest

from netforensics.detect.layers import (
    Layer,
    LayerParams,
    Layers,
    build_layers,
    combine,
    infrastructure_layer,
    undirected,
)
from netforensics.graph.projection import NETWORK_KINDS, Projection


def projection(n: int, *, rt: Sequence[tuple[int, int, int, float, float]] = (), ips: Sequence[tuple[int, int]] = (),
               ip_kinds: Sequence[str] = (), follows: Sequence[tuple[int, int]] = ()) -> Projection:
    """A Projection of ``n`` accounts; rt rows are (retweeter, author, tweet, time, original time)."""
    r = np.array(rt, dtype=float).reshape(-1, 5)
    i = np.array(ips, dtype=np.int64).reshape(-1, 2)
    f = np.array(follows, dtype=np.int64).reshape(-1, 2)
    empty = np.zeros(0, dtype=np.int64)
    return Projection(
        account_ids=np.array([f"a{k:03d}" for k in range(n)], dtype=object), account_nodes=np.arange(n), created=np.zeros(n), followers=np.zeros(n),
        following=np.zeros(n), screen_names=np.array([""] * n, dtype=object), default_handle=np.zeros(n, bool),
        no_bio=np.zeros(n, bool), has_url=np.zeros(n, bool), hashed=np.zeros(n, bool), stub=np.zeros(n, bool),
        rt_account=r[:, 0].astype(np.int64), rt_author=r[:, 1].astype(np.int64), rt_tweet=r[:, 2].astype(np.int64),
        rt_time=r[:, 3], rt_original_time=r[:, 4], tweet_nodes=np.unique(r[:, 2]).astype(np.int64),
        post_account=empty, post_time=np.zeros(0),
        ip_account=i[:, 0], ip_index=i[:, 1], ip_nodes=np.arange(len(ip_kinds), dtype=np.int64),
        ip_kind=np.array([NETWORK_KINDS.index(k) for k in ip_kinds], dtype=np.int8),
        ip_mainland=np.zeros(len(ip_kinds), dtype=bool),
        follow_src=f[:, 0], follow_dst=f[:, 1],
    )


def test_undirected_merges_both_directions_and_drops_self_pairs() -> None:
    layer = undirected("x", np.array([0, 1, 2, 3]), np.array([1, 0, 2, 0]), np.array([1.0, 2.0, 5.0, 1.0]))
    assert layer.source.tolist() == [0, 0]
    assert layer.target.tolist() == [1, 3]
    assert layer.weight.tolist() == [3.0, 1.0]


def test_retweet_layer_weight_grows_with_log_of_count() -> None:
    p = projection(3, rt=[(0, 1, 0, 100, 0), (0, 1, 1, 200, 0), (0, 1, 2, 300, 0), (2, 1, 0, 400, 0)])
    layers = build_layers(p, LayerParams(), ("retweet",))
    retweet = layers.layers["retweet"]
    assert retweet.source.tolist() == [0, 1] and retweet.target.tolist() == [1, 2]
    assert retweet.weight[0] == pytest.approx(1 + np.log(3))
    assert retweet.weight[1] == pytest.approx(1.0)


def test_co_retweet_layer_pairs_only_within_the_window() -> None:
    # tweet 0 retweeted by 0 and 1 a minute apart (paired), by 2 an hour later (not paired)
    p = projection(4, rt=[(0, 3, 0, 1000, 0), (1, 3, 0, 1060, 0), (2, 3, 0, 4600, 0)])
    layers = build_layers(p, LayerParams(co_retweet_window=60), ("co_retweet",))
    co = layers.layers["co_retweet"]
    assert list(zip(co.source.tolist(), co.target.tolist())) == [(0, 1)]


def test_campus_nat_shared_by_hundreds_is_weak_and_a_vpn_exit_is_strong() -> None:
    # address 0: campus NAT behind which 300 students sit; address 1: a VPN exit shared by 20 accounts
    students = [(k, 0) for k in range(300)]
    operators = [(300 + k, 1) for k in range(20)]
    lonely = [(330, 2)]  # an address seen from one account carries no relation
    p = projection(331, ips=students + operators + lonely, ip_kinds=["campus", "vpn", "vpn"])
    layer, shared = infrastructure_layer(p, LayerParams())
    assert shared.tolist() == [0, 1]
    campus = layer.weight[layer.target == 331]
    vpn = layer.weight[layer.target == 332]
    assert len(campus) == 300 and len(vpn) == 20
    assert campus.max() < 0.05 * vpn.min()
    assert vpn.min() == pytest.approx(1.0)
    assert 330 not in layer.source.tolist()


def test_breadth_weakens_a_vpn_address_shared_far_beyond_a_team() -> None:
    p = projection(400, ips=[(k, 0) for k in range(400)] + [(k, 1) for k in range(10)], ip_kinds=["vpn", "vpn"])
    layer, _ = infrastructure_layer(p, LayerParams(breadth_scale=50))
    wide = layer.weight[layer.target == 400][0]
    narrow = layer.weight[layer.target == 401][0]
    assert wide == pytest.approx(np.sqrt(50 / 400))
    assert narrow == pytest.approx(1.0)


def test_combine_weights_layers_and_sums_shared_pairs() -> None:
    p = projection(3, rt=[(0, 1, 0, 100, 0)], follows=[(0, 1), (1, 0), (1, 2)])
    layers = build_layers(p, LayerParams(), ("retweet", "follow"))
    combined = combine(layers, {"retweet": 2.0, "follow": 0.5})
    pairs = dict(zip(zip(combined.source.tolist(), combined.target.tolist()), combined.weight.tolist()))
    assert pairs == {(0, 1): pytest.approx(2.0 * 1.0 + 0.5 * 2.0), (1, 2): pytest.approx(0.5)}


def test_combine_equals_summing_the_concatenated_layers() -> None:
    """The pairwise merge of sorted layers gives exactly what sorting their concatenation gives (keys and sums)."""
    rng = np.random.default_rng(5)
    n = 60
    layers = {}
    for name in ("retweet", "co_retweet", "infrastructure", "follow"):
        a, b = rng.integers(0, n, 300), rng.integers(0, n, 300)
        layers[name] = undirected(name, a, b, rng.random(300))
    weights = {"retweet": 1.0, "co_retweet": 1.5, "infrastructure": 3.0, "follow": 0.5}
    combined = combine(Layers(n, n, layers, np.zeros(0, dtype=np.int64), layers["co_retweet"]), weights)
    names = list(layers)
    expected = undirected(
        "combined",
        np.concatenate([layers[k].source for k in names]),
        np.concatenate([layers[k].target for k in names]),
        np.concatenate([layers[k].weight * weights[k] for k in names]),
    )
    assert np.array_equal(combined.source, expected.source)
    assert np.array_equal(combined.target, expected.target)
    assert np.array_equal(combined.weight, expected.weight)


def test_combine_refuses_an_unsorted_layer() -> None:
    sorted_layer = undirected("retweet", np.array([0, 1]), np.array([1, 2]), np.ones(2))
    unsorted = Layer("follow", np.array([1, 0]), np.array([2, 1]), np.ones(2))
    layers = Layers(3, 3, {"retweet": sorted_layer, "follow": unsorted}, np.zeros(0, dtype=np.int64), sorted_layer)
    with pytest.raises(ValueError, match="sorted"):
        combine(layers, {})


def test_window_below_minute_resolution_warns(caplog: pytest.LogCaptureFixture) -> None:
    rows = [(k % 5, 9, k // 5, 60.0 * k, 0.0) for k in range(40)]
    p = projection(10, rt=rows)
    with caplog.at_level(logging.WARNING):
        build_layers(p, LayerParams(co_retweet_window=30), ("co_retweet",))
    assert "below the data's time resolution" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        build_layers(p, LayerParams(co_retweet_window=60), ("co_retweet",))
    assert caplog.text == ""


def test_unknown_layer_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown layer"):
        build_layers(projection(2), LayerParams(), ("mentions",))
