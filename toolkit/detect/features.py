"""Per-account signals and per-community features, from projected arrays and community labels (pure numpy).

Every quantity here is documented in docs/detection.md with its meaning; the names below are the ones stored on
``MEMBER_OF`` (account signals, read by the role rules in ``cypher/roles``) and in ``Community.features``.
Labels are ``1..k`` (0 = in no community); community arrays are indexed by label, index 0 unused.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from netforensics.arrays import unique_sorted
from netforensics.detect.layers import Layers
from netforensics.graph.projection import NETWORK_KINDS, Projection

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

DAY = 86_400.0
EXIT_KINDS = np.array([kind in ("vpn", "hosting") for kind in NETWORK_KINDS])


@dataclass(frozen=True)
class FeatureParams:
    fast_delay_seconds: float = 600.0  # a retweet within 10 minutes of the original is "fast"
    young_days: float = 365.0  # created at most this long before its first activity in the data
    dormant_days: float = 180.0  # a silence this long between two activities marks a repurposed account
    burst_min_accounts: int = 5  # a creation day is a burst when at least this many members ...
    burst_min_share: float = 0.01  # ... and this share of the community were created on it
    hour_window: int = 9  # hours in the busiest contiguous block of the day ("office hours")
    exit_min_members: int = 2  # an exit address (VPN / hosting / mainland) shared with this many other members
    min_readable_handles: int = 20  # fewer readable handles (known, unhashed) in a community: handle share unknown
    # Data a source does not carry is not evidence: shares files and referenced-only accounts have no profile, and
    # a handful of retweets always falls in a few hours. Below these counts the feature is unknown (NaN, strength 0).
    min_known_profiles: int = 5  # members whose profile (and creation date) was loaded, for profile, creation, age
    min_known_addresses: int = 5  # members with at least one IP observation, for infrastructure
    min_hour_events: int = 50  # posts and retweets of the community's members


@dataclass
class AccountSignals:
    """Per account (index = account number)."""

    posts: IntArray  # own posts (not retweets)
    retweets: IntArray
    retweets_of_members: IntArray  # retweets of accounts in the same community
    amplified_by_members: IntArray  # distinct members of its community who retweeted it
    median_delay: FloatArray  # seconds from original to retweet (NaN: no retweets with known times)
    fast_share: FloatArray  # share of retweets within fast_delay_seconds
    sync_partners: IntArray  # co-retweet partners in the same community
    exit_members: IntArray  # most community members met on one of its exit addresses (VPN / hosting / mainland)
    vpn_hosting: BoolArray
    mainland: BoolArray
    creation_cohort: IntArray  # members of its community created on the same day (itself included)
    creation_burst: BoolArray
    age_days: FloatArray  # account age at its first activity in the data
    young: BoolArray
    dormant_days: FloatArray  # longest silence between two activities
    repurposed: BoolArray
    default_profile: BoolArray  # no bio and no profile link (never for a stub: its profile is unknown)
    default_handle: BoolArray  # letters + digits handle (never for hashed accounts)
    # share of its own posts made on a weekday inside its community's busiest hour_window-hour block (UTC): an
    # operator's posts keep its team's office hours, a person's spread over the day and the week (NaN: no posts)
    office_share: FloatArray


@dataclass
class CommunityFeatures:
    """Per community (index = label; 0 unused). Shares are of members unless said otherwise."""

    size: IntArray
    creation_burst_share: FloatArray  # of members (NaN: fewer than min_known_profiles with a creation date)
    young_share: FloatArray  # of members (NaN as creation_burst_share)
    repurposed_share: FloatArray
    default_profile_share: FloatArray  # of members with a loaded profile (NaN: fewer than min_known_profiles)
    default_handle_share: FloatArray  # of members with a readable handle (NaN: fewer than min_readable_handles)
    hour_concentration: FloatArray  # share of activity in the busiest hour_window-hour block of the day (UTC); NaN:
    weekend_share: FloatArray  # share of activity on Saturday/Sunday (UTC); ... fewer than min_hour_events events
    fast_retweet_share: FloatArray  # of retweets
    median_delay_minutes: FloatArray
    sync_share: FloatArray  # members with a co-retweet partner in the community
    vpn_hosting_share: FloatArray  # of members (NaN: fewer than min_known_addresses members with an IP)
    mainland_share: FloatArray  # (NaN as vpn_hosting_share)
    shared_exit_share: FloatArray  # members on an exit address shared with exit_min_members others (NaN as above)
    amplification_share: FloatArray  # of activity: retweets of members
    own_content_share: FloatArray  # of activity: own posts
    top_author_share: FloatArray  # of in-community retweets: received by the top 5 % of members

    def row(self, label: int) -> dict[str, float | None]:
        """One community's features as plain numbers; None where unknown."""
        return {f.name: _plain(getattr(self, f.name)[label]) for f in fields(self)}


def _plain(value: object) -> float | None:
    number = float(value)  # type: ignore[arg-type]
    return round(number, 4) if np.isfinite(number) else None


def _ratio(numerator: npt.NDArray[Any], denominator: npt.NDArray[Any]) -> FloatArray:
    num = numerator.astype(np.float64)
    return np.divide(num, denominator, out=np.zeros(len(num)), where=denominator > 0)


def group_median(groups: IntArray, values: FloatArray, n_groups: int) -> FloatArray:
    """Median of ``values`` per group (NaN values ignored; NaN for empty groups), vectorised."""
    ok = ~np.isnan(values)
    groups, values = groups[ok], values[ok]
    result = np.full(n_groups, np.nan)
    if len(values) == 0:
        return result
    order = np.lexsort((values, groups))
    groups, values = groups[order], values[order]
    counts = np.bincount(groups, minlength=n_groups)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    present = counts > 0
    lo = starts[present] + (counts[present] - 1) // 2
    hi = starts[present] + counts[present] // 2
    result[present] = (values[lo] + values[hi]) / 2.0
    return result


def _max_gap(account: IntArray, times: FloatArray, n: int) -> FloatArray:
    gaps = np.zeros(n)
    if len(times) < 2:
        return gaps
    order = np.lexsort((times, account))
    account, times = account[order], times[order]
    same = account[1:] == account[:-1]
    np.maximum.at(gaps, account[1:][same], np.diff(times)[same])
    return gaps


def account_signals(p: Projection, layers: Layers, labels: IntArray, params: FeatureParams) -> AccountSignals:
    n = p.n_accounts
    k = int(labels.max()) + 1 if n else 1
    posts = np.bincount(p.post_account, minlength=n)
    retweets = np.bincount(p.rt_account, minlength=n)
    in_community = (labels[p.rt_account] > 0) & (labels[p.rt_account] == labels[p.rt_author])
    retweets_of_members = np.bincount(p.rt_account[in_community], minlength=n)
    pair_span = np.int64(max(n, 1))
    member_pairs = unique_sorted(p.rt_author[in_community] * pair_span + p.rt_account[in_community])
    amplified_by_members = np.bincount(member_pairs // pair_span, minlength=n)

    delay = p.rt_time - p.rt_original_time
    delay[delay < 0] = np.nan
    median_delay = group_median(p.rt_account, delay, n)
    known = ~np.isnan(delay)
    fast = np.bincount(p.rt_account[known & (delay <= params.fast_delay_seconds)], minlength=n)
    fast_share = _ratio(fast.astype(float), np.bincount(p.rt_account[known], minlength=n).astype(float))

    co = layers.co_retweet
    same = (labels[co.source] > 0) & (labels[co.source] == labels[co.target])
    sync_partners = np.bincount(co.source[same], minlength=n) + np.bincount(co.target[same], minlength=n)

    # exit addresses: VPN / hosting, or a mainland address; members met there
    span = np.int64(max(len(p.ip_nodes), 1))
    obs = unique_sorted(p.ip_account * span + p.ip_index)
    obs_account, obs_ip = obs // span, obs % span
    is_exit = EXIT_KINDS[p.ip_kind[obs_ip].astype(np.int64)] | p.ip_mainland[obs_ip]
    vpn_hosting = np.zeros(n, dtype=bool)
    vpn_hosting[obs_account[EXIT_KINDS[p.ip_kind[obs_ip].astype(np.int64)]]] = True
    mainland = np.zeros(n, dtype=bool)
    mainland[obs_account[p.ip_mainland[obs_ip]]] = True
    exit_account, exit_ip = obs_account[is_exit], obs_ip[is_exit]
    exit_label = labels[exit_account]
    key = exit_label * span + exit_ip
    uniq, inverse, counts = np.unique(key, return_inverse=True, return_counts=True)
    met = np.where(exit_label > 0, counts[inverse.ravel()] - 1, 0)
    exit_members = np.zeros(n, dtype=np.int64)
    np.maximum.at(exit_members, exit_account, met)

    created_day = np.floor(p.created / DAY)
    has_day = ~np.isnan(created_day) & (labels > 0)
    day_key = labels[has_day] * np.int64(1 << 20) + created_day[has_day].astype(np.int64)
    creation_cohort = np.zeros(n, dtype=np.int64)
    if has_day.any():
        _, inverse, counts = np.unique(day_key, return_inverse=True, return_counts=True)
        creation_cohort[has_day] = counts[inverse.ravel()]
    size = np.bincount(labels, minlength=k)
    burst_needed = np.maximum(params.burst_min_accounts, params.burst_min_share * size)[labels]
    creation_burst = (labels > 0) & (creation_cohort >= burst_needed)

    act_account = np.concatenate([p.post_account, p.rt_account])
    act_time = np.concatenate([p.post_time, p.rt_time])
    first_active = np.full(n, np.inf)
    np.minimum.at(first_active, act_account, act_time)
    age_days = np.where(np.isfinite(first_active), (first_active - p.created) / DAY, np.nan)
    young = age_days <= params.young_days
    dormant_days = _max_gap(act_account, act_time, n) / DAY
    repurposed = dormant_days >= params.dormant_days

    return AccountSignals(
        posts=posts, retweets=retweets, retweets_of_members=retweets_of_members,
        amplified_by_members=amplified_by_members, median_delay=median_delay, fast_share=fast_share,
        sync_partners=sync_partners, exit_members=exit_members, vpn_hosting=vpn_hosting, mainland=mainland,
        creation_cohort=creation_cohort, creation_burst=creation_burst, age_days=age_days, young=young,
        dormant_days=dormant_days, repurposed=repurposed,
        default_profile=p.no_bio & ~p.has_url & ~p.stub, default_handle=p.default_handle & ~p.hashed,
        office_share=_office_share(p, labels, k, posts, params.hour_window),
    )


def _office_share(p: Projection, labels: IntArray, k: int, posts: IntArray, width: int) -> FloatArray:
    """Per account, the share of its own posts made on a weekday (UTC) inside the busiest ``width``-hour block
    of its community's activity (posts and retweets of its members); NaN without posts or community."""
    start = _block_sums(_hour_histogram(p, labels, k), width).argmax(axis=1)  # busiest block's first hour
    timed = ~np.isnan(p.post_time)
    post_time = np.where(timed, p.post_time, 0.0)
    post_label = labels[p.post_account]
    post_hour = ((post_time // 3600) % 24).astype(np.int64)
    weekday = ((post_time // DAY + 3) % 7) < 5  # 1970-01-01 was a Thursday: 0 = Monday
    inside = timed & weekday & (post_label > 0) & (((post_hour - start[post_label]) % 24) < width)
    office = np.bincount(p.post_account[inside], minlength=len(posts)).astype(float)
    share = _ratio(office, posts.astype(float))
    return np.where((posts > 0) & (labels > 0), share, np.nan)


def _hour_histogram(p: Projection, labels: IntArray, k: int) -> IntArray:
    """Posts and retweets of each community's members per hour of the day (UTC): [community, hour]."""
    act_label = labels[np.concatenate([p.post_account, p.rt_account])]
    act_time = np.concatenate([p.post_time, p.rt_time])
    keep = (act_label > 0) & ~np.isnan(act_time)
    hours = ((act_time[keep] // 3600) % 24).astype(np.int64)
    return np.bincount(act_label[keep] * 24 + hours, minlength=k * 24).reshape(k, 24)


def _block_sums(hist: npt.NDArray[Any], width: int) -> npt.NDArray[Any]:
    """Each row's total in the circular block of ``width`` consecutive bins starting at each bin."""
    window = (np.arange(hist.shape[1])[:, None] + np.arange(width)[None, :]) % hist.shape[1]
    return hist[:, window].sum(axis=2)


def _hour_block(hist: FloatArray, width: int) -> FloatArray:
    """Share of each row's total in its busiest circular block of ``width`` consecutive bins."""
    return _ratio(_block_sums(hist, width).max(axis=1), hist.sum(axis=1))


def community_features(p: Projection, labels: IntArray, s: AccountSignals, params: FeatureParams) -> CommunityFeatures:
    k = int(labels.max()) + 1 if len(labels) else 1
    size = np.bincount(labels, minlength=k).astype(np.int64)
    size[0] = 0
    fsize = size.astype(float)

    def share(flags: BoolArray, among: BoolArray | None = None) -> FloatArray:
        mask = flags & (labels > 0)
        base = fsize if among is None else np.bincount(labels[among & (labels > 0)], minlength=k).astype(float)
        return _ratio(np.bincount(labels[mask], minlength=k).astype(float), base)

    readable = np.bincount(labels[~p.hashed & (p.screen_names != "")], minlength=k)
    known_profiles = np.bincount(labels[~p.stub], minlength=k)
    dated = np.bincount(labels[~np.isnan(p.created)], minlength=k) >= params.min_known_profiles
    with_ip = np.zeros(len(labels), dtype=bool)
    with_ip[p.ip_account] = True
    addressed = np.bincount(labels[with_ip], minlength=k) >= params.min_known_addresses
    act_account = np.concatenate([p.post_account, p.rt_account])
    act_time = np.concatenate([p.post_time, p.rt_time])
    act_label = labels[act_account]
    keep = act_label > 0
    hist = _hour_histogram(p, labels, k).astype(float)
    weekday = ((act_time[keep] // DAY + 3) % 7).astype(np.int64)  # 1970-01-01 was a Thursday: 0 = Monday
    activity = np.bincount(act_label[keep], minlength=k).astype(float)
    weekend = np.bincount(act_label[keep][weekday >= 5], minlength=k).astype(float)
    hours_known = activity >= params.min_hour_events

    delay = p.rt_time - p.rt_original_time
    rt_label = labels[p.rt_account]
    known = ~np.isnan(delay) & (delay >= 0) & (rt_label > 0)
    fast = np.bincount(rt_label[known & (delay <= params.fast_delay_seconds)], minlength=k).astype(float)
    median_delay = group_median(rt_label[known], delay[known], k) / 60.0

    member_rt = np.bincount(labels, weights=s.retweets_of_members, minlength=k)
    posts = np.bincount(labels, weights=s.posts, minlength=k)
    # top 5 % of members by in-community retweets received
    received = np.bincount(p.rt_author[(rt_label > 0) & (rt_label == labels[p.rt_author])], minlength=len(labels)).astype(float)
    order = np.lexsort((-received, labels))
    sorted_labels = labels[order]
    rank = np.arange(len(labels)) - np.searchsorted(sorted_labels, sorted_labels)
    top = rank < np.maximum(1, np.ceil(0.05 * size[sorted_labels]))
    top_received = np.bincount(sorted_labels[top], weights=received[order][top], minlength=k)
    total_received = np.bincount(labels, weights=received, minlength=k)

    return CommunityFeatures(
        size=size,
        creation_burst_share=np.where(dated, share(s.creation_burst), np.nan),
        young_share=np.where(dated, share(s.young), np.nan),
        repurposed_share=share(s.repurposed),
        default_profile_share=np.where(known_profiles >= params.min_known_profiles,
                                       share(s.default_profile, among=~p.stub), np.nan),
        default_handle_share=np.where(readable >= params.min_readable_handles, share(s.default_handle, among=~p.hashed), np.nan),
        hour_concentration=np.where(hours_known, _hour_block(hist, params.hour_window), np.nan),
        weekend_share=np.where(hours_known, _ratio(weekend, activity), np.nan),
        fast_retweet_share=_ratio(fast, np.bincount(rt_label[known], minlength=k).astype(float)),
        median_delay_minutes=median_delay,
        sync_share=share(s.sync_partners > 0),
        vpn_hosting_share=np.where(addressed, share(s.vpn_hosting), np.nan),
        mainland_share=np.where(addressed, share(s.mainland), np.nan),
        shared_exit_share=np.where(addressed, share(s.exit_members >= params.exit_min_members), np.nan),
        amplification_share=_ratio(member_rt, activity),
        own_content_share=_ratio(posts, activity),
        top_author_share=_ratio(top_received, total_received),
    )
