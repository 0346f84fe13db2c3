"""Feature arithmetic and the community score / verdict, on hand-made arrays."""

from __future__ import annotations

from dataclasses import fields

import numpy as np
import pytest

from netforensics.detect.features import (
    CommunityFeatures, FeatureParams, _hour_block, account_signals, community_features, group_median,
)
from netforensics.detect.layers import LayerParams, build_layers
from netforensics.detect.scoring import Ramp, ScoringParams, score_communities
from tests.test_detect_layers import projection

DAY = 86_400.0


def test_group_median_ignores_nan_and_handles_even_counts() -> None:
    groups = np.array([0, 0, 0, 1, 1, 1, 1, 2])
    values = np.array([5.0, 1.0, 3.0, 4.0, 1.0, 2.0, 3.0, np.nan])
    result = group_median(groups, values, 4)
    assert result[:2].tolist() == [3.0, 2.5]
    assert np.isnan(result[2]) and np.isnan(result[3])


def test_hour_block_is_circular() -> None:
    hist = np.zeros((2, 24))
    hist[0, [22, 23, 0, 1]] = 10  # night owls across midnight
    hist[1] = 1  # uniform
    shares = _hour_block(hist, 4)
    assert shares[0] == pytest.approx(1.0)
    assert shares[1] == pytest.approx(4 / 24)


def test_account_signals_and_community_features_arithmetic() -> None:
    # community 1: accounts 0-5 (0 is the author; 1-5 retweet it fast, from one hosting exit, created the same day)
    # community 2: accounts 6-9 (people retweeting 6 hours later, each from a home address, created years apart)
    t0 = 1_560_000_000.0
    rt = [(k, 0, 0, t0 + 120 * k, t0) for k in range(1, 6)] + [(k, 6, 1, t0 + 6 * 3600 + k, t0) for k in range(7, 10)]
    ips = [(k, 0) for k in range(0, 6)] + [(k, k - 5) for k in range(6, 10)]
    p = projection(10, rt=rt, ips=ips, ip_kinds=["hosting", "residential", "residential", "residential", "residential"])
    p.created[:] = np.array([t0 - 3 * DAY] * 6 + [t0 - 3000 * DAY, t0 - 2000 * DAY, t0 - 1000 * DAY, t0 - 900 * DAY])
    p.no_bio[:6] = True
    p.post_account = np.array([0, 0, 6, 6])
    p.post_time = np.array([t0, t0 - 200 * DAY, t0, t0 - DAY])
    layers = build_layers(p, LayerParams(co_retweet_window=120))
    labels = np.array([1] * 6 + [2] * 4)
        # arithmetic on tiny communities: every feature counts however few members or events carry it
    params = FeatureParams(burst_min_accounts=5, min_known_profiles=1, min_known_addresses=1, min_hour_events=1)
    s = account_signals(p, layers, labels, params)
    assert s.retweets.tolist() == [0, 1, 1, 1, 1, 1, 0, 1, 1, 1]
    assert s.amplified_by_members.tolist() == [5, 0, 0, 0, 0, 0, 3, 0, 0, 0]
    assert s.median_delay[1:6].tolist() == [120, 240, 360, 480, 600]
    assert s.fast_share[1:6].tolist() == [1.0] * 5 and s.fast_share[7:].tolist() == [0.0] * 3
    assert s.sync_partners[1:6].tolist() == [1, 2, 2, 2, 1]  # neighbours within 120 s
    assert s.exit_members[:6].tolist() == [5] * 6 and s.exit_members[6:].tolist() == [0] * 4
    assert s.creation_burst.tolist() == [True] * 6 + [False] * 4
    assert s.repurposed.tolist() == [True] + [False] * 9  # 200 days of silence
    assert bool(s.young[1]) and not bool(s.young[7])

    f = community_features(p, labels, s, params)
    assert f.size.tolist() == [0, 6, 4]
    assert f.creation_burst_share[1] == 1.0 and f.creation_burst_share[2] == 0.0
    assert f.default_profile_share[1] == 1.0
    assert f.shared_exit_share[1] == 1.0 and f.shared_exit_share[2] == 0.0
    assert f.fast_retweet_share[1] == 1.0 and f.fast_retweet_share[2] == 0.0
    assert f.median_delay_minutes[1] == pytest.approx(6.0)
    assert f.amplification_share[1] == pytest.approx(5 / 7)  # 5 member retweets of 7 activities
    assert f.own_content_share[2] == pytest.approx(2 / 5)


def test_office_share_is_measured_against_the_communitys_busiest_block_of_weekday_hours() -> None:
    # community 1: accounts 0-3. 0 and 1 post on weekdays at 02:00-05:00 UTC (the community's busy hours: office
    # hours in China), 2 posts in the evening and on a Saturday, 3 only retweets; account 4 is in no community.
    monday = 1_559_520_000.0  # 2019-06-03 00:00 UTC, a Monday
    hour = 3600.0
    p = projection(5, rt=[(3, 0, 0, monday + 3 * hour, monday + 2 * hour)])
    posts = [(0, monday + 2 * hour), (0, monday + DAY + 3 * hour), (0, monday + 2 * DAY + 4 * hour),
             (1, monday + 3 * hour), (1, monday + 3 * DAY + 5 * hour),
             (2, monday + 14 * hour), (2, monday + DAY + 15 * hour), (2, monday + 5 * DAY + 3 * hour),
             (4, monday + 2 * hour)]
    p.post_account = np.array([a for a, _ in posts])
    p.post_time = np.array([t for _, t in posts])
    labels = np.array([1, 1, 1, 1, 0])
    s = account_signals(p, build_layers(p, LayerParams()), labels, FeatureParams(hour_window=9))
    assert s.office_share[:2].tolist() == [1.0, 1.0]
    assert s.office_share[2] == pytest.approx(0.0)  # evenings (outside the block) and a Saturday (a weekend)
    assert np.isnan(s.office_share[3]) and np.isnan(s.office_share[4])  # no posts; no community


def test_data_a_source_does_not_carry_is_unknown_not_evidence() -> None:
    # community 1: accounts 0-5 known only from a shares file (stubs: no profile, no creation date, no address),
    # a few fast synchronised retweets; community 2: accounts 6-11 with profiles and home addresses
    t0 = 1_560_000_000.0
    rt = [(k, 0, 0, t0 + 10 * k, t0) for k in range(1, 6)] + [(k, 6, 1, t0 + 6 * 3600 + k, t0) for k in range(7, 12)]
    ips = [(k, k - 6) for k in range(6, 12)]
    p = projection(12, rt=rt, ips=ips, ip_kinds=["residential"] * 6)
    p.stub[:6] = True
    p.no_bio[:] = True  # what a stub looks like: no bio, no link
    p.created[:6] = np.nan
    p.created[6:] = t0 - 2000 * DAY
    labels = np.array([1] * 6 + [2] * 6)
    params = FeatureParams(min_hour_events=5)
    s = account_signals(p, build_layers(p, LayerParams(co_retweet_window=120)), labels, params)
    assert not s.default_profile[:6].any() and s.default_profile[6:].all()
    f = community_features(p, labels, s, params)
    for unknown in ("default_profile_share", "creation_burst_share", "young_share", "vpn_hosting_share",
                    "mainland_share", "shared_exit_share"):
        assert np.isnan(getattr(f, unknown)[1]), unknown
        assert not np.isnan(getattr(f, unknown)[2]), unknown
    assert f.default_profile_share[2] == 1.0
    assert np.isnan(f.default_handle_share[1])  # no handle known at all
    assert f.row(1)["default_profile_share"] is None and f.row(2)["default_profile_share"] == 1.0
    scores = score_communities(f, ScoringParams())
    assert scores.strengths["profile"][1] == 0.0 and scores.strengths["infrastructure"][1] == 0.0
    # synchronised, and too little identity data to clear or convict it: worth a look, nothing more
    assert scores.strengths["synchronisation"][1] == 1.0
    assert scores.verdict[1] == "suspicious"

    # too few events for posting hours: unknown, whatever hours they fell in
    few = community_features(p, labels, s, FeatureParams(min_hour_events=50))
    assert np.isnan(few.hour_concentration[1]) and np.isnan(few.weekend_share[1])
    assert score_communities(few, ScoringParams()).strengths["posting_hours"][1] == 0.0


def features(k: int, **columns: list[float]) -> CommunityFeatures:
    base = {f.name: np.zeros(k) for f in fields(CommunityFeatures)}
    base["size"] = np.full(k, 100)
    base["weekend_share"] = np.full(k, 0.28)
    for name, values in columns.items():
        base[name] = np.asarray(values, dtype=float)
    return CommunityFeatures(**base)


def test_ramp_and_inverted_ramp() -> None:
    f = features(3, hour_concentration=[0.5, 0.7, 0.9], weekend_share=[0.3, 0.14, 0.0])
    assert Ramp("hour_concentration", 0.6, 0.8).strength(f).tolist() == pytest.approx([0.0, 0.5, 1.0])
    assert Ramp("weekend_share", 0.2, 0.08, invert=True).strength(f).tolist() == pytest.approx([0.0, 0.5, 1.0])


def test_dense_synchronised_fandom_is_not_guilty_but_an_operation_is() -> None:
    # 0 unused; 1 a fandom (synchronised, amplifying, but genuine people); 2 an operation; 3 a newsroom audience
    f = features(
        4,
        fast_retweet_share=[0, 0.7, 0.4, 0.3], sync_share=[0, 1.0, 0.8, 0.2], amplification_share=[0, 0.8, 0.3, 0.4],
        creation_burst_share=[0, 0.0, 0.8, 0.0], young_share=[0, 0.2, 0.8, 0.15], default_profile_share=[0, 0.1, 0.9, 0.1],
        hour_concentration=[0, 0.5, 0.85, 0.5], shared_exit_share=[0, 0.0, 1.0, 0.05],
    )
    scores = score_communities(f, ScoringParams())
    assert scores.verdict == ["organic", "organic", "inauthentic", "organic"]
    assert scores.score[2] > 0.8 > 0.3 > scores.score[1]
    assert [name for name, _ in scores.signals(2)][:2] == ["account_age", "creation"]


def test_synchronised_and_unmeasured_is_suspicious_synchronised_and_measured_clean_is_organic() -> None:
    unknown = [0.0, np.nan]
    measured_clean = features(2, fast_retweet_share=[0, 1.0], sync_share=[0, 1.0])
    assert score_communities(measured_clean, ScoringParams()).verdict[1] == "organic"
    unmeasured = features(2, fast_retweet_share=[0, 1.0], sync_share=[0, 1.0], creation_burst_share=unknown,
                          young_share=unknown, default_profile_share=unknown, default_handle_share=unknown,
                          shared_exit_share=unknown, mainland_share=unknown)
    assert score_communities(unmeasured, ScoringParams()).verdict[1] == "suspicious"
    quiet = features(2, creation_burst_share=unknown, young_share=unknown, default_profile_share=unknown,
                     default_handle_share=unknown, shared_exit_share=unknown, mainland_share=unknown)
    assert score_communities(quiet, ScoringParams()).verdict[1] == "organic"


def test_two_identity_families_are_not_enough() -> None:
    f = features(2, creation_burst_share=[0, 1.0], default_profile_share=[0, 1.0], fast_retweet_share=[0, 1.0],
                 sync_share=[0, 1.0], amplification_share=[0, 1.0])
    scores = score_communities(f, ScoringParams())
    assert scores.verdict[1] == "suspicious"
    small = features(2, creation_burst_share=[0, 1.0], default_profile_share=[0, 1.0], shared_exit_share=[0, 1.0],
                     young_share=[0, 1.0], size=[0, 4])
    assert score_communities(small, ScoringParams()).verdict[1] != "inauthentic"
