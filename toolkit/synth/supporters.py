"""Supporters: real people who follow a fake news-outlet persona and retweet it again and again (a trap).

The 2019 outlet personas had real readers: people who agreed with what the "outlet" posted, followed it
and retweeted it, some within minutes of a post (notifications on), now and then a teammate's post the
persona had passed on. They are authentic accounts (the organic population's profiles, home addresses,
human hours and their own posting), yet they retweet operation content repeatedly, sometimes fast, and
more than one core account: part of what an amplifier does. Operators pass on some of their posts (a
persona retweeting a reader's praise), so some are retweeted by core accounts and retweet them back, as
teammates do. A detector that names them amplifiers or core teammates accuses real people; one that looks
only at who they retweet cannot tell them apart.

People are drawn from the Hong Kong and Taiwan communities (where the personas were read); each follows
one persona (chosen by its audience). Their retweets use the generator's own ``supporters`` stream, so the
rest of a seed's data is drawn as without them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netforensics.synth import vocabulary as vocab
from netforensics.synth.operation import Operation
from netforensics.synth.params import Scenario
from netforensics.synth.population import Organic
from netforensics.synth.profiles import REGIONS
from netforensics.synth.stream import split_over_days
from netforensics.synth.tables import TweetRows, empty_rows, once_per_pair, retweets_of
from netforensics.synth.timing import epoch, lognormal_minutes

READER_REGIONS = (REGIONS.index("hk"), REGIONS.index("tw"))
TEAMMATE_SHARE = 0.25  # of a supporter's retweets: posts of the persona's teammates (passed on by the persona)


@dataclass
class Supporters:
    account: np.ndarray  # int64 global indices (organic block), sorted
    persona: np.ndarray  # int64 global index of the persona each follows
    retweets_left: np.ndarray  # int64: retweets still to come in the period
    delay_median_min: np.ndarray  # float64 per supporter: minutes after a post (fast ones have notifications on)
    created: np.ndarray  # int64 epoch seconds: when each supporter's account was created

    def __len__(self) -> int:
        return int(self.account.shape[0])


def plan(sc: Scenario, organic: Organic, op: Operation, rng: np.random.Generator) -> Supporters:
    """Who supports which persona, and how much, for the whole period."""
    personas = np.flatnonzero(op.persona)
    readers = np.flatnonzero(np.isin(organic.region, READER_REGIONS) & ~organic.popular)
    n = min(readers.shape[0], int(round(sc.supporter_share * len(organic.accounts))))
    if not personas.shape[0] or n == 0:
        empty = np.zeros(0, np.int64)
        return Supporters(empty, empty, empty, np.zeros(0, np.float64), empty)
    account = np.sort(rng.choice(readers, n, replace=False))
    audience = op.accounts.followers[personas].astype(np.float64)
    persona = personas[rng.choice(personas.shape[0], n, p=audience / audience.sum())] + op.offset
    total = np.round(np.exp(np.log(sc.supporter_retweets_median) + 0.7 * rng.standard_normal(n)))
    fast = rng.random(n) < sc.supporter_fast_share
    delay = np.where(fast, rng.uniform(2.0, 15.0, n), sc.organic_delay_median_min)
    return Supporters(account, persona, np.clip(total, 2, 60).astype(np.int64), delay, organic.accounts.created[account])


def retweets(sc: Scenario, sup: Supporters, op: Operation, day: int, core_posts: TweetRows,
             rng: np.random.Generator) -> TweetRows:
    """Supporters' retweets of ``day``'s core posts: mostly their persona's, some of its teammates'.

    Each supporter spreads the rest of its budget over the persona's posting days (binomial per day, in
    proportion to the persona's posts still to come), then picks distinct posts of the day.
    """
    if not len(sup) or not len(core_posts):
        return empty_rows()
    persona_local = sup.persona - op.offset
    count = split_over_days(sup.retweets_left, op.core_originals[persona_local, day],
                            op.core_originals[persona_local, day:].sum(axis=1), rng)
    sup.retweets_left -= count
    who = np.repeat(np.arange(len(sup)), count)
    if not who.shape[0]:
        return empty_rows()
    post_author = core_posts.author
    post_team = op.accounts.team[post_author - op.offset]
    persona = sup.persona[who]
    to_team = rng.random(who.shape[0]) < TEAMMATE_SHARE
    # candidates: the persona's posts of the day, or its team's posts by other accounts
    pick = np.full(who.shape[0], -1, np.int64)
    for target in np.unique(persona).tolist():
        mine = np.flatnonzero(post_author == target)
        mates = np.flatnonzero((post_team == op.accounts.team[target - op.offset]) & (post_author != target))
        for mask, pool in ((~to_team & (persona == target), mine), (to_team & (persona == target), mates)):
            if pool.shape[0] and mask.any():
                pick[mask] = pool[rng.integers(0, pool.shape[0], int(mask.sum()))]
    author = sup.account[who]
    safe = np.maximum(pick, 0)
    # log-normal delays with a median of one minute (in seconds), scaled by each supporter's median
    time = core_posts.time[safe] + lognormal_minutes(who.shape[0], 1.0, sc.organic_delay_sigma, rng) * sup.delay_median_min[who]
    time = time.astype(np.int64)
    ok = (pick >= 0) & (time < epoch(sc.end)) & (time > sup.created[who])
    ok = once_per_pair(ok, who, safe)
    client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_ORGANIC)
    return retweets_of(core_posts, pick[ok], author[ok], time[ok], client)


def boosts(sc: Scenario, sup: Supporters, op: Operation, today: TweetRows, rng: np.random.Generator) -> TweetRows:
    """Operators of a persona's team retweet some of its supporters' posts of the day (passing on a reader's
    praise), an hour or so later: real people whom core accounts retweet, and who retweet core accounts."""
    if not len(sup) or not len(today):
        return empty_rows()
    posts = np.flatnonzero(np.isin(today.author, sup.account))
    posts = posts[rng.random(posts.shape[0]) < sc.supporter_boost_share]
    if not posts.shape[0]:
        return empty_rows()
    persona = sup.persona[np.searchsorted(sup.account, today.author[posts])]
    team = op.accounts.team[persona - op.offset]
    k = 1 + rng.poisson(1.0, posts.shape[0])
    post = np.repeat(posts, k)
    post_team = np.repeat(team, k)
    booster = np.full(post.shape[0], -1, np.int64)
    for t in np.unique(post_team).tolist():
        members = np.flatnonzero(op.accounts.team[: op.n_core] == t)
        mask = post_team == t
        booster[mask] = members[rng.integers(0, members.shape[0], int(mask.sum()))] + op.offset
    time = today.time[post] + lognormal_minutes(post.shape[0], 60.0, 1.0, rng)
    ok = time < epoch(sc.end)
    ok = once_per_pair(ok, booster, post)
    client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_CORE)
    return retweets_of(today, post[ok], booster[ok], time[ok], client)


def follows(sup: Supporters, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each supporter among ``sources`` (global indices) follows its persona."""
    mine = np.isin(sup.account, sources)
    return sup.account[mine], sup.persona[mine]
