"""The organic population: communities, popular hubs, heavy-tailed activity, human retweet delays.

It also holds three of the traps: organic news hubs with huge genuine retweet counts, a fandom that
retweets its idol within minutes, and a campus whose students share a NAT address (the address itself
is assigned in :mod:`netforensics.synth.infrastructure`).

Account layout of the block (indices from 0): news hubs, the idol, fans, campus, then regular
communities in order. :func:`generate` draws the accounts and each person's totals for the period; the
per-day functions post a day's share of them (see :mod:`netforensics.synth.stream`).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netforensics.synth import profiles
from netforensics.synth import vocabulary as vocab
from netforensics.synth.params import Scenario
from netforensics.synth.stream import split_over_days
from netforensics.synth.tables import ORGANIC, QUOTE, REPLY, Accounts, TweetRows, empty_rows, new_posts, retweets_of, strings
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
    """The organic block (account indices 0..n-1) and each person's plan for the period."""

    accounts: Accounts
    news_hubs: np.ndarray  # account indices
    idol: int
    fans: np.ndarray
    campus: np.ndarray
    region: np.ndarray  # per account, index into profiles.REGIONS
    popular: np.ndarray  # bool per account: news hubs, the idol, community hubs (worth retweeting as camouflage)
    n_groups: int  # communities: 0 news, 1 idol and fans, 2 campus, 3.. regular
    first_day: np.ndarray  # int64: first day of the period the account exists on
    originals_left: np.ndarray  # int64: posts still to come in the period
    retweets_left: np.ndarray  # int64: retweets still to come
    op_retweet_day: np.ndarray  # int64: day this person retweets one operation post (a trap), -1 for most


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


def generate(sc: Scenario, rng: np.random.Generator) -> Organic:
    """The organic accounts and each person's plan (posts and retweets in the period); no tweets yet."""
    n = sc.params.organic
    start, days = epoch(sc.start), sc.params.days

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
        role=np.full(n, ORGANIC, np.int8), team=np.full(n, -1, np.int16), squad=np.full(n, -1, np.int16), silent=np.zeros(n, bool),
        community=community, created=created, followers=followers, following=following, lang=lang,
        utc_offset=utc_offset, screen_name=strings(screen), display_name=strings(display),
        description=strings(description), location=strings(location), profile_url=strings(url),
    )

    # ---- the period's plan per person ---------------------------------------------------------
    activity = np.floor(np.exp(np.log(sc.organic_tweets_median) + sc.organic_tweets_sigma * rng.standard_normal(n)))
    activity = np.minimum(activity, 40 * days).astype(np.int64)
    activity[hub_mask] *= 4
    activity[news_hubs] = rng.integers(8 * days, 30 * days, n_news)
    activity[idol] = sc.idol_tweets
    retweet_share = np.clip(rng.beta(4, 4, n) * 2 * sc.organic_retweet_share, 0, 0.95)
    retweet_share[news_hubs] = 0.02
    retweet_share[idol] = 0.0
    retweets = np.round(activity * retweet_share).astype(np.int64)
    first_day = np.clip((created - start) // DAY, 0, days - 1).astype(np.int64)
    op_retweet_day = np.full(n, -1, np.int64)
    crossover = rng.random(n) < sc.op_retweeter_share
    op_retweet_day[crossover] = first_day[crossover] + np.floor(rng.random(int(crossover.sum())) * (days - first_day[crossover])).astype(np.int64)
    popular = hub_mask.copy()
    popular[news_hubs] = True
    popular[idol] = True
    return Organic(accounts, news_hubs, idol, fans, campus, region, popular, n_groups, first_day,
                   activity - retweets, retweets, op_retweet_day)


def _share_of_today(org: Organic, day: int, days: int) -> np.ndarray:
    """Today's share of what each person still has to post (0 before the account exists)."""
    return np.where(org.first_day <= day, 1.0 / (days - day), 0.0)


def originals(sc: Scenario, org: Organic, day: int, rng: np.random.Generator) -> tuple[TweetRows, np.ndarray]:
    """People's own posts on ``day`` and a mask of those that are replies or quotes (conversations)."""
    start, days = epoch(sc.start), sc.params.days
    acc = org.accounts
    count = split_over_days(org.originals_left, _share_of_today(org, day, days), 1.0, rng)
    org.originals_left -= count
    author = np.repeat(np.arange(count.shape[0], dtype=np.int64), count)
    day_start = start + day * DAY
    times = np.maximum(human_times(day_start, acc.utc_offset[author], rng), acc.created[author] + 600)
    keep = times < day_start + DAY
    author, times = author[keep], times[keep]
    m = author.shape[0]

    region_topic_table = [[TOPIC[t] for t in REGION_TOPICS[r]] for r in profiles.REGIONS]
    topic = np.empty(m, np.int16)
    reg = org.region[author]
    for r, choices in enumerate(region_topic_table):
        mask = reg == r
        topic[mask] = np.asarray(choices, np.int16)[rng.integers(0, len(choices), int(mask.sum()))]
    com = acc.community[author]
    topic[com == 1] = TOPIC["fandom"]
    topic[author == org.idol] = TOPIC["idol"]
    topic[(com == 2) & (rng.random(m) < 0.6)] = TOPIC["campus_en"]
    is_news = com == 0
    topic[is_news] = np.where(org.region[author[is_news]] == 0, TOPIC["news_zh"], TOPIC["news_en"])
    hashtag = _topic_hashtags(topic, rng, 0.3)
    link = np.full(m, -1, np.int32)
    linked = rng.random(m) < np.where(is_news, 0.85, 0.08)
    link[linked] = rng.integers(0, len(vocab.ORGANIC_DOMAINS) * 50, int(linked.sum()))
    client = rng.choice(len(vocab.CLIENTS), m, p=vocab.CLIENT_MIX_ORGANIC)
    client[is_news] = rng.choice(len(vocab.CLIENTS), int(is_news.sum()), p=vocab.CLIENT_MIX_NEWS)
    posts = new_posts(author, times, topic, client, rng, hashtag=hashtag, url=link)
    # a share of people's own posts are replies or quotes of posts in their community
    conversational = (rng.random(m) < 0.12) & (com >= 2)
    return posts, conversational


def conversations(org: Organic, posts: TweetRows, recent: TweetRows, rng: np.random.Generator) -> TweetRows:
    """Turn ``posts`` into replies / quotes of recent posts in the author's community (audience-weighted).

    A post with no earlier post to answer stays an original (it gets its id when written: nobody answers it).
    """
    acc = org.accounts
    organic_pool = recent.take(np.flatnonzero(recent.author < len(acc)))
    weight = np.power(acc.followers[organic_pool.author].astype(np.float64), 0.85)
    target = _weighted_pick_within_group(acc.community[organic_pool.author].astype(np.int64), weight,
                                         acc.community[posts.author].astype(np.int64), org.n_groups, rng)
    safe = np.maximum(target, 0)
    ok = (target >= 0) & (organic_pool.time[safe] < posts.time) & (organic_pool.author[safe] != posts.author)
    posts.kind[ok] = np.where(rng.random(int(ok.sum())) < 0.8, REPLY, QUOTE)
    posts.target_id[ok] = organic_pool.id[safe[ok]]
    posts.target_author[ok] = organic_pool.author[safe[ok]]
    return posts


def retweets(sc: Scenario, org: Organic, day: int, today: TweetRows, rng: np.random.Generator) -> TweetRows:
    """People's retweets of posts made on ``day``: their community's (audience-weighted) or news hubs',
    at human delays, and the fandom's of its idol within minutes."""
    acc = org.accounts
    end, days = epoch(sc.end), sc.params.days
    pool = today.take(np.flatnonzero(today.author < len(acc)))
    count = split_over_days(org.retweets_left, _share_of_today(org, day, days), 1.0, rng)
    org.retweets_left -= count
    if not len(pool):
        return empty_rows()
    rt_author = np.repeat(np.arange(count.shape[0], dtype=np.int64), count)
    k = rt_author.shape[0]
    pool_com = acc.community[pool.author].astype(np.int64)
    to_news = rng.random(k) < 0.3
    target = np.full(k, -1, np.int64)
    news_posts = np.flatnonzero(pool_com == 0)
    if news_posts.shape[0]:
        news_w = np.power(acc.followers[pool.author[news_posts]].astype(np.float64), 0.5)
        target[to_news] = news_posts[rng.choice(news_posts.shape[0], int(to_news.sum()), p=news_w / news_w.sum())]
    own = ~to_news
    weight = np.power(acc.followers[pool.author].astype(np.float64), 0.85)
    target[own] = _weighted_pick_within_group(pool_com, weight, acc.community[rt_author[own]].astype(np.int64), org.n_groups, rng)
    delay = np.where(
        to_news,
        lognormal_minutes(k, sc.news_delay_median_min, 1.3, rng),
        lognormal_minutes(k, sc.organic_delay_median_min, sc.organic_delay_sigma, rng),
    )
    safe = np.maximum(target, 0)
    rt_time = pool.time[safe] + delay
    valid = (target >= 0) & (rt_time < end) & (rt_time > acc.created[rt_author]) & (pool.author[safe] != rt_author)

    # the fandom: every fan retweets a share of the idol's posts within minutes (synchronised, authentic)
    idol_posts = np.flatnonzero(pool.author == org.idol)
    fan_of = np.repeat(org.fans, idol_posts.shape[0])
    idol_post = np.tile(idol_posts, org.fans.shape[0])
    chosen = rng.random(fan_of.shape[0]) < sc.fan_retweet_prob
    fan_of, idol_post = fan_of[chosen], idol_post[chosen]
    fan_time = pool.time[idol_post] + lognormal_minutes(fan_of.shape[0], sc.fan_delay_median_min, 0.7, rng)
    fan_ok = (fan_time < end) & (fan_time > acc.created[fan_of])

    index = np.concatenate([target[valid], idol_post[fan_ok]])
    author = np.concatenate([rt_author[valid], fan_of[fan_ok]])
    time = np.concatenate([rt_time[valid], fan_time[fan_ok]])
    client = rng.choice(len(vocab.CLIENTS), author.shape[0], p=vocab.CLIENT_MIX_ORGANIC)
    return retweets_of(pool, index, author, time, client)


def operation_retweets(sc: Scenario, org: Organic, day: int, core_posts: TweetRows, rng: np.random.Generator) -> TweetRows:
    """Real people who retweet one piece of operation content, once, at a human delay (a trap)."""
    people = np.flatnonzero(org.op_retweet_day == day)
    if not people.shape[0] or not len(core_posts):
        return empty_rows()
    target = rng.integers(0, len(core_posts), people.shape[0])
    time = core_posts.time[target] + lognormal_minutes(people.shape[0], sc.organic_delay_median_min, sc.organic_delay_sigma, rng)
    ok = (time < epoch(sc.end)) & (time > org.accounts.created[people])
    client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_ORGANIC)
    return retweets_of(core_posts, target[ok], people[ok], time[ok], client)


class GroupSampler:
    """Weighted draws of an item within a group, many at once (items sorted by group once)."""

    def __init__(self, group_of_item: np.ndarray, weight: np.ndarray, n_groups: int) -> None:
        self.order = np.argsort(group_of_item, kind="stable")
        self.cum = np.cumsum(weight[self.order].astype(np.float64))
        counts = np.bincount(group_of_item, minlength=n_groups)
        self.ends = np.cumsum(counts)
        starts = self.ends - counts
        padded = np.concatenate([[0.0], self.cum])  # padded[i] = total weight of the first i items
        self.cum_start = padded[starts]
        self.cum_end = padded[self.ends]

    def pick(self, groups_wanted: np.ndarray, rng: np.random.Generator) -> np.ndarray:
        """An item index from each wanted group drawn by weight; -1 where the group is empty."""
        total = self.cum_end[groups_wanted] - self.cum_start[groups_wanted]
        u = self.cum_start[groups_wanted] + rng.random(groups_wanted.shape[0]) * total
        pos = np.searchsorted(self.cum, u, side="right")
        pos = np.minimum(pos, np.maximum(self.ends[groups_wanted] - 1, 0))
        if not self.order.shape[0]:
            return np.full(groups_wanted.shape[0], -1, np.int64)
        return np.where(total > 0, self.order[np.minimum(pos, self.order.shape[0] - 1)], -1)


def _weighted_pick_within_group(group_of_item: np.ndarray, weight: np.ndarray, groups_wanted: np.ndarray,
                                n_groups: int, rng: np.random.Generator) -> np.ndarray:
    if not groups_wanted.shape[0]:
        return np.zeros(0, np.int64)
    return GroupSampler(group_of_item, weight, n_groups).pick(groups_wanted, rng)


def follows(sc: Scenario, org: Organic, sources: np.ndarray, within: GroupSampler, anywhere: GroupSampler,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Follows of the organic ``sources``: mostly within the community (preferring popular accounts),
    some to news hubs, a few anywhere; fans follow the idol."""
    community = org.accounts.community
    k = np.floor(np.exp(np.log(sc.organic_follows_median) + 0.9 * rng.standard_normal(sources.shape[0]))).astype(np.int64)
    k = np.minimum(k, 500)
    src = np.repeat(sources, k)
    m = src.shape[0]
    kind = rng.random(m)
    dst = np.empty(m, np.int64)
    inside = kind < 0.72
    dst[inside] = within.pick(community[src[inside]].astype(np.int64), rng)
    to_news = (kind >= 0.72) & (kind < 0.9)
    dst[to_news] = org.news_hubs[rng.integers(0, org.news_hubs.shape[0], int(to_news.sum()))]
    far = kind >= 0.9
    dst[far] = anywhere.pick(np.zeros(int(far.sum()), np.int64), rng)
    fans = sources[np.isin(sources, org.fans)]
    src = np.concatenate([src, fans])
    dst = np.concatenate([dst, np.full(fans.shape[0], org.idol, np.int64)])
    keep = (dst >= 0) & (dst != src)
    return src[keep], dst[keep]
