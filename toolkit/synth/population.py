"""The organic population: communities, popular hubs, heavy-tailed activity, human retweet delays.

It also holds three of the traps: organic news hubs with huge genuine retweet counts, a fandom that
retweets its idol within minutes, and a campus whose students share a NAT address (the address itself
is assigned in :mod:`netforensics.synth.infrastructure`).

Account layout of the block (indices from 0): news hubs, the idol, fans, campus, then regular
communities in order. Tweets reference each other by index within the block.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netforensics.synth import profiles
from netforensics.synth import vocabulary as vocab
from netforensics.synth.params import Scenario
from netforensics.synth.tables import (
    ORGANIC,
    ORIGINAL,
    QUOTE,
    REPLY,
    RETWEET,
    Accounts,
    Follows,
    Tweets,
    make_tweets,
)
from netforensics.synth.timing import DAY, epoch, epoch_of, human_times, lognormal_minutes

TOPIC = {name: i for i, name in enumerate(vocab.TOPICS)}
REGION_TOPICS = {
    "hk": ("hk_zh", "news_zh", "daily_en"),
    "us": ("daily_en", "tech_en", "sports_en", "news_en"),
    "uk": ("daily_en", "sports_en", "news_en"),
    "tw": ("hk_zh", "news_zh", "tech_en"),
    "sea": ("daily_en", "sports_en", "news_en"),
    "kr": ("daily_en", "tech_en"),
}
REGION_SHARE = np.array([0.45, 0.15, 0.1, 0.1, 0.1, 0.1])
HASHTAG_INDEX = {tag: i for i, tag in enumerate(vocab.HASHTAGS)}


@dataclass
class Organic:
    accounts: Accounts
    tweets: Tweets
    follows: Follows
    news_hubs: np.ndarray  # account indices
    idol: int
    fans: np.ndarray
    campus: np.ndarray
    region: np.ndarray  # per account, index into profiles.REGIONS
    popular_originals: np.ndarray  # tweet indices worth retweeting as camouflage (news hubs, idol, hubs)


def _topic_hashtags(topic: np.ndarray, rng: np.random.Generator, share: float) -> np.ndarray:
    """One topical hashtag for a ``share`` of tweets, -1 otherwise."""
    out = np.full(topic.shape[0], -1, np.int16)
    chosen = rng.random(topic.shape[0]) < share
    for name, t in TOPIC.items():
        tags = vocab.HASHTAGS_BY_TOPIC[name]
        mask = chosen & (topic == t)
        if tags and mask.any():
            idx = np.asarray([HASHTAG_INDEX[x] for x in tags], np.int16)
            out[mask] = idx[rng.integers(0, len(tags), int(mask.sum()))]
    return out


def _weighted_pick_within_group(group_of_item: np.ndarray, weight: np.ndarray, groups_wanted: np.ndarray,
                                n_groups: int, rng: np.random.Generator) -> np.ndarray:
    """For each entry of ``groups_wanted``, an item index from that group drawn by ``weight``; -1 if empty.

    Items are sorted by group once; one ``searchsorted`` on the cumulative weight does all draws.
    """
    order = np.argsort(group_of_item, kind="stable")
    cum = np.cumsum(weight[order].astype(np.float64))
    counts = np.bincount(group_of_item, minlength=n_groups)
    ends = np.cumsum(counts)
    starts = ends - counts
    cum_start = np.where(starts > 0, cum[np.maximum(starts - 1, 0)], 0.0)
    cum_end = np.where(ends > 0, cum[np.maximum(ends - 1, 0)], 0.0)
    total = cum_end[groups_wanted] - cum_start[groups_wanted]
    u = cum_start[groups_wanted] + rng.random(groups_wanted.shape[0]) * total
    pos = np.searchsorted(cum, u, side="right")
    pos = np.minimum(pos, np.maximum(ends[groups_wanted] - 1, 0))
    picked = order[np.minimum(pos, order.shape[0] - 1)] if order.shape[0] else np.zeros(0, np.int64)
    return np.where(total > 0, picked, -1)


def generate(sc: Scenario, rng: np.random.Generator) -> Organic:
    n = sc.params.organic
    start, end, days = epoch(sc.start), epoch(sc.end), sc.params.days

    # ---- layout -------------------------------------------------------------------------------
    n_news = sc.news_hubs
    n_fans = max(30, int(round(n * sc.fandom_share)))
    n_campus = sc.campus_size
    n_regular = n - n_news - 1 - n_fans - n_campus
    n_communities = max(2, int(round(n_regular / sc.community_size)))
    sizes = rng.dirichlet(np.full(n_communities, 2.0)) * n_regular
    sizes = np.maximum(1, np.floor(sizes)).astype(np.int64)
    sizes[-1] += n_regular - sizes.sum()
    sizes = np.maximum(sizes, 1)
    n_regular = int(sizes.sum())
    n = n_news + 1 + n_fans + n_campus + n_regular

    # community ids: 0 news, 1 idol+fans, 2 campus, 3.. regular
    community = np.concatenate([
        np.zeros(n_news, np.int32), np.ones(1 + n_fans, np.int32), np.full(n_campus, 2, np.int32),
        np.repeat(np.arange(3, 3 + n_communities, dtype=np.int32), sizes),
    ])
    n_groups = 3 + n_communities
    community_region = np.concatenate([[0, 5, 0], rng.choice(len(profiles.REGIONS), n_communities, p=REGION_SHARE)])
    region = community_region[community].astype(np.int64)
    # fans live all over (the fandom is international); news hubs are Hong Kong and international outlets
    fans = np.arange(n_news + 1, n_news + 1 + n_fans)
    region[fans] = rng.choice([1, 3, 4, 5], n_fans, p=[0.2, 0.15, 0.35, 0.3])
    region[:n_news] = rng.choice([0, 1, 2], n_news, p=[0.6, 0.25, 0.15])
    news_hubs = np.arange(n_news)
    idol = n_news
    campus = np.arange(n_news + 1 + n_fans, n_news + 1 + n_fans + n_campus)
    utc_offset = profiles.REGION_UTC_OFFSET[region].astype(np.float32)

    # ---- profiles -----------------------------------------------------------------------------
    followers = np.round(np.exp(np.log(150) + 1.3 * rng.standard_normal(n))).astype(np.int64)
    following = np.round(np.exp(np.log(220) + 1.0 * rng.standard_normal(n))).astype(np.int64)
    regular_start = n_news + 1 + n_fans + n_campus
    # community hubs: the most followed 0.5% of every regular community
    hub_mask = np.zeros(n, bool)
    hub_mask[regular_start:] = rng.random(n_regular) < 0.005
    followers[hub_mask] = rng.integers(5_000, 200_000, int(hub_mask.sum()))
    followers[news_hubs] = np.round(np.exp(rng.uniform(np.log(1e5), np.log(3e6), n_news))).astype(np.int64)
    followers[idol] = int(rng.integers(1_000_000, 5_000_000))
    following[news_hubs] = rng.integers(50, 2_000, n_news)

    created = start - np.round(rng.exponential(4.0 * 365, n) * DAY).astype(np.int64)
    created = np.maximum(created, epoch_of(2007, 1, 1) + rng.integers(0, 365 * DAY, n))
    # Hong Kong saw many genuine new sign-ups during the protests: an organic creation wave
    newcomers = (region == 0) & (rng.random(n) < 0.05)
    created[newcomers] = start + rng.integers(0, days * DAY, int(newcomers.sum()))
    created[:n_news] = epoch_of(2008, 1, 1) + rng.integers(0, 4 * 365 * DAY, n_news)

    screen = profiles.chosen_handles(n, rng)
    default_pattern = rng.random(n) < 0.08  # some people keep the suggested handle
    screen[default_pattern] = profiles.default_handles(int(default_pattern.sum()), rng)
    display = profiles.display_names(n, rng, hanzi_share=0.3)
    description = profiles.bios(vocab.ORGANIC_BIOS, n, rng)
    description[fans] = profiles.bios(vocab.FAN_BIOS, n_fans, rng)
    location = profiles.locations(region, rng)
    url = np.full(n, "", dtype=object)
    has_url = rng.random(n) < 0.05
    url[has_url] = np.asarray([f"https://{h}.example.com" for h in screen[has_url].tolist()], dtype=object)
    for i, (handle, name) in zip(news_hubs.tolist(), vocab.ORGANIC_NEWS_NAMES):
        screen[i], display[i], description[i] = handle, name, "News, live updates and analysis"
        url[i] = f"https://{handle}.example"
    screen[idol], display[idol] = vocab.IDOL_NAME
    description[idol], url[idol] = "official account ✨ new album out now", "https://starlight.example"
    lang = profiles.REGION_LANG[region].astype(np.int16)
    lang[rng.random(n) < 0.25] = 0

    accounts = Accounts(
        role=np.full(n, ORGANIC, np.int8), team=np.full(n, -1, np.int16), community=community,
        created=created, followers=followers, following=following, lang=lang, utc_offset=utc_offset,
        screen_name=screen, display_name=display, description=description, location=location, profile_url=url,
    )

    # ---- originals ----------------------------------------------------------------------------
    activity = np.floor(np.exp(np.log(sc.organic_tweets_median) + sc.organic_tweets_sigma * rng.standard_normal(n)))
    activity = np.minimum(activity, 40 * days).astype(np.int64)
    activity[hub_mask] *= 4
    activity[news_hubs] = rng.integers(8 * days, 30 * days, n_news)
    activity[idol] = sc.idol_tweets
    retweet_share = np.clip(rng.beta(4, 4, n) * 2 * sc.organic_retweet_share, 0, 0.95)
    retweet_share[news_hubs] = 0.02
    retweet_share[idol] = 0.0
    retweets_per_account = np.round(activity * retweet_share).astype(np.int64)
    originals_per_account = activity - retweets_per_account

    author = np.repeat(np.arange(n, dtype=np.int64), originals_per_account)
    m = author.shape[0]
    times = human_times(m, start, days, utc_offset[author], rng)
    times = np.maximum(times, created[author] + 600)
    keep = times < end
    author, times = author[keep], times[keep]
    m = author.shape[0]

    region_topic_table = [[TOPIC[t] for t in REGION_TOPICS[r]] for r in profiles.REGIONS]
    topic = np.empty(m, np.int16)
    reg = region[author]
    for r, choices in enumerate(region_topic_table):
        mask = reg == r
        topic[mask] = np.asarray(choices, np.int16)[rng.integers(0, len(choices), int(mask.sum()))]
    com = community[author]
    topic[com == 1] = TOPIC["fandom"]
    topic[author == idol] = TOPIC["idol"]
    topic[(com == 2) & (rng.random(m) < 0.6)] = TOPIC["campus_en"]
    is_news = com == 0
    topic[is_news] = np.where(region[author[is_news]] == 0, TOPIC["news_zh"], TOPIC["news_en"])
    hashtag = _topic_hashtags(topic, rng, 0.3)
    link = np.full(m, -1, np.int32)
    linked = rng.random(m) < np.where(is_news, 0.85, 0.08)
    link[linked] = rng.integers(0, len(vocab.ORGANIC_DOMAINS) * 50, int(linked.sum()))
    client = rng.choice(len(vocab.CLIENTS), m, p=vocab.CLIENT_MIX_ORGANIC)
    client[is_news] = rng.choice(len(vocab.CLIENTS), int(is_news.sum()), p=vocab.CLIENT_MIX_NEWS)
    originals = make_tweets(author, times, ORIGINAL, None, topic, client, rng, hashtag=hashtag, url=link)
    # a share of people's own posts are replies or quotes of posts in their community
    n_orig = len(originals)
    conversational = (rng.random(n_orig) < 0.12) & (com >= 2)
    # weight of an original as a retweet / reply target: its author's audience
    weight = np.power(followers[originals.author].astype(np.float64), 0.85)
    reply_target = _weighted_pick_within_group(com.astype(np.int64), weight, com[conversational].astype(np.int64), n_groups, rng)
    conv_idx = np.flatnonzero(conversational)
    ok = (reply_target >= 0) & (reply_target != conv_idx)
    ok &= originals.time[np.maximum(reply_target, 0)] < originals.time[conv_idx]
    conv_idx, reply_target = conv_idx[ok], reply_target[ok]
    originals.target[conv_idx] = reply_target
    originals.kind[conv_idx] = np.where(rng.random(conv_idx.shape[0]) < 0.8, REPLY, QUOTE)

    # ---- retweets -----------------------------------------------------------------------------
    rt_author = np.repeat(np.arange(n, dtype=np.int64), retweets_per_account)
    k = rt_author.shape[0]
    to_news = rng.random(k) < 0.3
    target = np.full(k, -1, np.int64)
    news_originals = np.flatnonzero(com == 0)
    if news_originals.shape[0]:
        news_w = np.power(followers[originals.author[news_originals]].astype(np.float64), 0.5)
        target[to_news] = news_originals[rng.choice(news_originals.shape[0], int(to_news.sum()), p=news_w / news_w.sum())]
    own = ~to_news
    target[own] = _weighted_pick_within_group(com.astype(np.int64), weight, community[rt_author[own]].astype(np.int64), n_groups, rng)
    delay = np.where(
        to_news,
        lognormal_minutes(k, sc.news_delay_median_min, 1.3, rng),
        lognormal_minutes(k, sc.organic_delay_median_min, sc.organic_delay_sigma, rng),
    )
    valid = target >= 0
    rt_time = np.where(valid, originals.time[np.maximum(target, 0)] + delay, end)
    valid &= (rt_time < end) & (originals.author[np.maximum(target, 0)] != rt_author) & (rt_time > created[rt_author])
    rt_author, target, rt_time = rt_author[valid], target[valid], rt_time[valid]

    # the fandom: every fan retweets a share of the idol's posts within minutes (synchronised, authentic)
    idol_tweets = np.flatnonzero(originals.author == idol)
    fan_of = np.repeat(fans, idol_tweets.shape[0])
    idol_tweet = np.tile(idol_tweets, fans.shape[0])
    chosen = rng.random(fan_of.shape[0]) < sc.fan_retweet_prob
    fan_of, idol_tweet = fan_of[chosen], idol_tweet[chosen]
    fan_time = originals.time[idol_tweet] + lognormal_minutes(fan_of.shape[0], sc.fan_delay_median_min, 0.7, rng)
    fan_ok = (fan_time < end) & (fan_time > created[fan_of])

    all_author = np.concatenate([rt_author, fan_of[fan_ok]])
    all_target = np.concatenate([target, idol_tweet[fan_ok]])
    all_time = np.concatenate([rt_time, fan_time[fan_ok]])
    rt_client = rng.choice(len(vocab.CLIENTS), all_author.shape[0], p=vocab.CLIENT_MIX_ORGANIC)
    retweets = make_tweets(all_author, all_time, RETWEET, all_target, originals.topic[all_target], rt_client, rng)
    tweets = Tweets.concat([originals, retweets])

    follows = _follows(sc, community, followers, news_hubs, idol, fans, n_groups, start, days, rng)

    news_mask = np.isin(originals.author, news_hubs)
    popular = np.flatnonzero(news_mask | (originals.author == idol) | hub_mask[originals.author])
    return Organic(accounts, tweets, follows, news_hubs, idol, fans, campus, region, popular)


def _follows(sc: Scenario, community: np.ndarray, followers: np.ndarray, news_hubs: np.ndarray, idol: int,
             fans: np.ndarray, n_groups: int, start: int, days: int, rng: np.random.Generator) -> Follows:
    """Mostly within the community (preferring popular accounts), some to news hubs, a few anywhere."""
    n = community.shape[0]
    k = np.floor(np.exp(np.log(sc.organic_follows_median) + 0.9 * rng.standard_normal(n))).astype(np.int64)
    k = np.minimum(k, 500)
    src = np.repeat(np.arange(n, dtype=np.int64), k)
    m = src.shape[0]
    kind = rng.random(m)
    dst = np.empty(m, np.int64)
    within = kind < 0.72
    weight = np.power(followers.astype(np.float64), 0.8)
    dst[within] = _weighted_pick_within_group(community.astype(np.int64), weight, community[src[within]].astype(np.int64), n_groups, rng)
    to_news = (kind >= 0.72) & (kind < 0.9)
    dst[to_news] = news_hubs[rng.integers(0, news_hubs.shape[0], int(to_news.sum()))]
    anywhere = kind >= 0.9
    dst[anywhere] = rng.choice(n, int(anywhere.sum()), p=weight / weight.sum())
    src = np.concatenate([src, fans])
    dst = np.concatenate([dst, np.full(fans.shape[0], idol, np.int64)])
    keep = (dst >= 0) & (dst != src)
    return dedupe_follows(src[keep], dst[keep], start, days, rng)


def dedupe_follows(src: np.ndarray, dst: np.ndarray, start: int, days: int, rng: np.random.Generator) -> Follows:
    """Unique (src, dst) pairs, each with an observation time inside the period."""
    key = np.unique(src.astype(np.int64) * (1 << 31) + dst.astype(np.int64))
    src_u, dst_u = key >> 31, key & ((1 << 31) - 1)
    observed = start + rng.integers(0, days * DAY, key.shape[0])
    return Follows(src_u, dst_u, observed)
