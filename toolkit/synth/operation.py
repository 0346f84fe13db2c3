"""The influence operation: teams of core operators and their amplifier swarms.

Modelled on the 2019 Hong Kong case (docs/synthetic-data.md): core accounts work in teams, post in
their team's China-time office hours, some are repurposed old spam accounts (old creation date, old
language, long silence) and some were created in batches; a few pose as news outlets. Amplifiers are
created in bursts after suspension waves, carry default profiles, and each retweets core content only a
few times, within minutes of it. Both camouflage by following and retweeting popular organic accounts.

Indices are global: the operation's accounts follow the organic block, its tweets follow the organic
tweets, and camouflage retweets point into the organic tweets.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netforensics.synth import profiles
from netforensics.synth import vocabulary as vocab
from netforensics.synth.params import Scenario
from netforensics.synth.population import TOPIC, Organic, _topic_hashtags, dedupe_follows
from netforensics.synth.tables import (
    AMPLIFIER,
    CORE,
    ORIGINAL,
    RETWEET,
    Accounts,
    Follows,
    Tweets,
    empty_tweets,
    make_tweets,
)
from netforensics.synth.timing import DAY, HOUR, epoch, epoch_of, human_times, lognormal_minutes, office_times

LANG = {code: i for i, code in enumerate(vocab.ACCOUNT_LANGS)}


@dataclass
class Operation:
    accounts: Accounts  # core accounts first, then amplifiers
    tweets: Tweets
    follows: Follows
    core: np.ndarray  # global account indices
    amplifiers: np.ndarray
    core_originals: np.ndarray  # global tweet indices of the core's own content (operation window)
    suspension_waves: np.ndarray  # epoch seconds


def _team_sizes(total: int, teams: int, rng: np.random.Generator) -> np.ndarray:
    minimum = max(1, min(2, total // teams))
    share = rng.dirichlet(np.full(teams, 3.0))
    sizes = minimum + np.floor(share * (total - minimum * teams)).astype(np.int64)
    sizes[np.argmax(sizes)] += total - sizes.sum()
    return sizes


def _core_accounts(sc: Scenario, offset: int, rng: np.random.Generator) -> tuple[Accounts, np.ndarray, np.ndarray]:
    """Core profiles; returns the accounts, a repurposed mask and a news-persona mask."""
    n, start = sc.params.core, epoch(sc.start)
    team = np.repeat(np.arange(sc.teams, dtype=np.int16), _team_sizes(n, sc.teams, rng))
    repurposed = rng.random(n) < sc.repurposed_share
    persona = np.zeros(n, bool)
    persona[rng.choice(n, sc.outlet_personas, replace=False)] = True
    repurposed &= ~persona

    created = np.empty(n, np.int64)
    created[repurposed] = epoch_of(2009) + rng.integers(0, 7 * 365 * DAY, int(repurposed.sum()))
    # batch registrations: each team signs accounts up on a few days, 2-18 months before the campaign
    batch_days = start - rng.integers(60, 540, (sc.teams, sc.batches_per_team)) * DAY
    batched = ~repurposed
    which = rng.integers(0, sc.batches_per_team, n)
    created[batched] = (
        batch_days[team[batched], which[batched]] + int(1.5 * HOUR) + rng.integers(0, 8 * HOUR, int(batched.sum()))
    )

    screen = profiles.default_handles(n, rng)
    chosen = rng.random(n) < 0.35
    screen[chosen] = profiles.chosen_handles(int(chosen.sum()), rng)
    display = profiles.display_names(n, rng, hanzi_share=0.6)
    description = profiles.bios(vocab.OPERATOR_BIOS, n, rng)
    location = np.asarray(["", "Hong Kong", "香港", ""], dtype=object)[rng.integers(0, 4, n)]
    url = np.full(n, "", dtype=object)
    followers = np.round(np.exp(np.log(40) + 1.2 * rng.standard_normal(n))).astype(np.int64)
    following = np.round(np.exp(np.log(120) + 0.9 * rng.standard_normal(n))).astype(np.int64)
    lang = np.where(rng.random(n) < 0.7, LANG["zh-cn"], LANG["en"]).astype(np.int16)
    # repurposed accounts keep the language of their first life
    lang[repurposed] = np.asarray([LANG["en"], LANG["id"], LANG["es"]], np.int16)[rng.integers(0, 3, int(repurposed.sum()))]

    names = vocab.OUTLET_NAMES
    for j, i in enumerate(np.flatnonzero(persona).tolist()):
        handle, name = names[j % len(names)]
        screen[i] = handle if j < len(names) else f"{handle}{j}"
        display[i] = name
        description[i] = vocab.OUTLET_BIOS[j % len(vocab.OUTLET_BIOS)]
        url[i] = f"https://www.facebook.com/{screen[i]}"
        location[i] = "Hong Kong"
    followers[persona] = rng.integers(2_000, 30_000, int(persona.sum()))
    accounts = Accounts(
        role=np.full(n, CORE, np.int8), team=team, community=np.full(n, -1, np.int32), created=created,
        followers=followers, following=following, lang=lang, utc_offset=np.full(n, 8.0, np.float32),
        screen_name=screen, display_name=display, description=description, location=location, profile_url=url,
    )
    return accounts, repurposed, persona


def _amplifier_accounts(sc: Scenario, team_weight: np.ndarray, rng: np.random.Generator) -> tuple[Accounts, np.ndarray]:
    """Amplifier profiles, created in bursts after suspension waves; returns accounts and the waves."""
    n, start, days = sc.params.amplifiers, epoch(sc.start), sc.params.days
    team = rng.choice(sc.teams, n, p=team_weight).astype(np.int16)
    # wave 0 precedes the campaign; the others fall in its first two thirds
    waves = np.sort(np.concatenate([
        [start - int(rng.integers(20, 60)) * DAY],
        start + rng.integers(2, max(3, days * 2 // 3), sc.suspension_waves - 1) * DAY,
    ])).astype(np.int64)
    wave_share = rng.dirichlet(np.full(waves.shape[0], 2.0))
    wave = rng.choice(waves.shape[0], n, p=wave_share)
    # sign-ups follow a wave within burst_days, most in the first hours (scripted registration)
    lag = np.minimum(rng.exponential(sc.burst_days * DAY / 3, n), sc.burst_days * DAY).astype(np.int64)
    created = waves[wave] + int(2 * HOUR) + lag
    old = rng.random(n) < sc.amp_preexisting_share  # bought or dormant accounts
    created[old] = epoch_of(2012) + rng.integers(0, 6 * 365 * DAY, int(old.sum()))

    default = rng.random(n) < sc.amp_default_profile_share
    screen = profiles.chosen_handles(n, rng)
    screen[default] = profiles.default_handles(int(default.sum()), rng)
    display = profiles.display_names(n, rng, hanzi_share=0.5)
    description = profiles.bios(vocab.SPAMMY_BIOS, n, rng)
    description[default] = ""
    location = np.full(n, "", dtype=object)
    location[~default & (rng.random(n) < 0.3)] = "香港"
    followers = np.floor(np.exp(np.log(3) + 1.1 * rng.standard_normal(n))).astype(np.int64)
    following = np.floor(np.exp(np.log(25) + 0.9 * rng.standard_normal(n))).astype(np.int64)
    lang = rng.choice([LANG["zh-cn"], LANG["en"], LANG["zh-tw"], LANG["id"]], n, p=[0.6, 0.3, 0.05, 0.05]).astype(np.int16)
    accounts = Accounts(
        role=np.full(n, AMPLIFIER, np.int8), team=team, community=np.full(n, -1, np.int32), created=created,
        followers=followers, following=following, lang=lang, utc_offset=np.full(n, 8.0, np.float32),
        screen_name=screen, display_name=display, description=description, location=location,
        profile_url=np.full(n, "", dtype=object),
    )
    return accounts, waves


def _recent_target(pool_times: np.ndarray, pool: np.ndarray, at: np.ndarray, rng: np.random.Generator, spread: float) -> np.ndarray:
    """For each time in ``at``, a pool tweet posted shortly before (geometric look-back); -1 if none."""
    look_back = rng.geometric(1.0 / spread, at.shape[0])  # 1, 2, ... posts back
    pos = np.searchsorted(pool_times, at, side="left") - look_back
    return np.where(pos >= 0, pool[np.maximum(pos, 0)], -1)


def generate(sc: Scenario, organic: Organic, rng: np.random.Generator) -> Operation:
    start, end, days = epoch(sc.start), epoch(sc.end), sc.params.days
    n_org = len(organic.accounts)
    t_org = len(organic.tweets)
    core_acc, repurposed, persona = _core_accounts(sc, n_org, rng)
    n_core = len(core_acc)
    team_weight = np.bincount(core_acc.team, minlength=sc.teams) / n_core
    amp_acc = _amplifier_accounts(sc, team_weight, rng) if sc.params.amplifiers else None
    accounts = Accounts.concat([core_acc] + ([amp_acc[0]] if amp_acc else []))
    waves = amp_acc[1] if amp_acc else np.zeros(0, np.int64)
    core = n_org + np.arange(n_core, dtype=np.int64)
    amplifiers = n_org + n_core + np.arange(len(accounts) - n_core, dtype=np.int64)
    created = accounts.created
    team_of = accounts.team  # local index

    # ---- core activity in office hours ----------------------------------------------------------
    per_account = rng.gamma(2.0, sc.tweets_per_core / 2.0, n_core)
    per_account[persona] *= 2
    posts = np.maximum(1, np.round(per_account)).astype(np.int64)
    local_author = np.repeat(np.arange(n_core), posts)
    m = local_author.shape[0]
    times = np.empty(m, np.int64)
    for t, schedule in enumerate(sc.schedules):
        mask = team_of[local_author] == t
        times[mask] = office_times(int(mask.sum()), start, days, schedule, rng)
    kind_draw = rng.random(m)
    is_camouflage = kind_draw < sc.camouflage
    is_team_rt = (~is_camouflage) & (kind_draw < sc.camouflage + sc.core_team_retweet_share)
    is_original = ~(is_camouflage | is_team_rt)

    o_author = local_author[is_original]
    o_times = times[is_original]
    topic = np.where(rng.random(o_author.shape[0]) < 0.75, TOPIC["op_zh"], TOPIC["op_en"]).astype(np.int16)
    hashtag = _topic_hashtags(topic, rng, 0.6)
    link = np.full(o_author.shape[0], -1, np.int32)
    linked = rng.random(o_author.shape[0]) < np.where(persona[o_author], 0.7, 0.15)
    link[linked] = 1_000_000 + rng.integers(0, len(vocab.OUTLET_DOMAINS) * 40, int(linked.sum()))
    client = rng.choice(len(vocab.CLIENTS), o_author.shape[0], p=vocab.CLIENT_MIX_CORE)
    originals = make_tweets(o_author + n_org, o_times, ORIGINAL, None, topic, client, rng, hashtag=hashtag, url=link)
    order = np.argsort(originals.time, kind="stable")
    originals = originals.take(order)
    o_author = o_author[order]
    core_originals = t_org + np.arange(len(originals), dtype=np.int64)

    # team retweets: teammates boost each other's recent posts
    parts: list[Tweets] = [originals]
    rt_author = local_author[is_team_rt]
    rt_time = times[is_team_rt]
    rt_target = np.full(rt_author.shape[0], -1, np.int64)
    for t in range(sc.teams):
        pool = np.flatnonzero(team_of[o_author] == t)
        mask = team_of[rt_author] == t
        if pool.shape[0] and mask.any():
            rt_target[mask] = _recent_target(originals.time[pool], pool, rt_time[mask], rng, 6.0)
    ok = rt_target >= 0
    ok &= o_author[np.maximum(rt_target, 0)] != rt_author
    parts.append(_retweets(rt_author[ok] + n_org, rt_time[ok], rt_target[ok] + t_org, originals.topic[rt_target[ok]],
                           vocab.CLIENT_MIX_CORE, rng))

    # camouflage: retweet popular organic posts (news hubs, the idol, community hubs)
    popular = organic.popular_originals
    popular_times = organic.tweets.time[popular]
    p_order = np.argsort(popular_times, kind="stable")
    popular, popular_times = popular[p_order], popular_times[p_order]
    c_author = local_author[is_camouflage]
    c_time = times[is_camouflage]
    c_target = _recent_target(popular_times, popular, c_time, rng, 20.0) if popular.shape[0] else np.full(c_author.shape[0], -1)
    ok = c_target >= 0
    parts.append(_retweets(c_author[ok] + n_org, c_time[ok], c_target[ok], organic.tweets.topic[c_target[ok]],
                           vocab.CLIENT_MIX_CORE, rng))

    # repurposed accounts: a first life of commercial spam in another language, then silence
    rep = np.flatnonzero(repurposed)
    if rep.shape[0]:
        counts = rng.integers(5, 40, rep.shape[0])
        s_author = np.repeat(rep, counts)
        life = np.minimum(2 * 365 * DAY, np.maximum(DAY, start - 365 * DAY - created[s_author]))
        s_time = created[s_author] + (rng.random(s_author.shape[0]) * life).astype(np.int64)
        s_topic = np.where(accounts.lang[s_author] == LANG["id"], TOPIC["spam_id"], TOPIC["spam_en"]).astype(np.int16)
        s_client = rng.choice(len(vocab.CLIENTS), s_author.shape[0], p=vocab.CLIENT_MIX_AMPLIFIER)
        parts.append(make_tweets(s_author + n_org, s_time, ORIGINAL, None, s_topic, s_client, rng,
                                 hashtag=_topic_hashtags(s_topic, rng, 0.3)))

    if amp_acc:
        parts.extend(_amplification(sc, originals, o_author, team_of, created, n_core, n_org, t_org, organic, rng))

    follows = _operation_follows(sc, organic, team_of, created, n_core, n_org, persona, rng)
    tweets = Tweets.concat(parts) if parts else empty_tweets()
    return Operation(accounts, tweets, follows, core, amplifiers, core_originals, waves)


def _retweets(author: np.ndarray, time: np.ndarray, target: np.ndarray, topic: np.ndarray, mix: tuple[float, ...],
              rng: np.random.Generator) -> Tweets:
    client = rng.choice(len(vocab.CLIENTS), author.shape[0], p=mix)
    return make_tweets(author, time, RETWEET, target, topic, client, rng)


def _amplification(sc: Scenario, originals: Tweets, o_author: np.ndarray, team_of: np.ndarray, created: np.ndarray,
                   n_core: int, n_org: int, t_org: int, organic: Organic, rng: np.random.Generator) -> list[Tweets]:
    """Each amplifier retweets a few of its team's amplified posts within minutes; a few camouflage."""
    end, start, days = epoch(sc.end), epoch(sc.start), sc.params.days
    n_amp = sc.params.amplifiers
    amp_local = n_core + np.arange(n_amp)
    amp_team = team_of[amp_local]
    per_amp = 1 + rng.poisson(sc.amp_retweets_mean - 1, n_amp)
    per_amp = np.minimum(per_amp, 8)
    total = int(per_amp.sum())
    # how many of the core's posts get swarmed: enough that each draws a crowd of several accounts
    n_original = len(originals)
    swarm_size = rng.uniform(5, 25)
    n_amplified = int(min(n_original * sc.amplified_tweet_share, max(1, total / swarm_size)))
    amplified = np.sort(rng.choice(n_original, max(1, n_amplified), replace=False))
    amp_author = np.repeat(amp_local, per_amp)
    a_team = team_of[amp_author]
    target = np.full(amp_author.shape[0], -1, np.int64)
    for t in range(sc.teams):
        pool = amplified[team_of[o_author[amplified]] == t]
        mask = a_team == t
        if not pool.shape[0] or not mask.any():
            continue
        pool_times = originals.time[pool]
        # only posts made after the amplifier existed can be retweeted by it
        lo = np.searchsorted(pool_times, created[amp_author[mask]] + HOUR, side="left")
        span = pool.shape[0] - lo
        pick = lo + np.floor(rng.random(int(mask.sum())) * np.maximum(span, 1)).astype(np.int64)
        target[mask] = np.where(span > 0, pool[np.minimum(pick, pool.shape[0] - 1)], -1)
    delay = lognormal_minutes(amp_author.shape[0], sc.amp_delay_median_min, sc.amp_delay_sigma, rng)
    time = originals.time[np.maximum(target, 0)] + delay
    ok = (target >= 0) & (time < end)
    # an amplifier retweets a given post once
    key = amp_author.astype(np.int64) * (1 << 32) + np.maximum(target, 0)
    _, first = np.unique(np.where(ok, key, -1 - np.arange(key.shape[0])), return_index=True)
    unique = np.zeros(key.shape[0], bool)
    unique[first] = True
    ok &= unique
    out = [_retweets(amp_author[ok] + n_org, time[ok], target[ok] + t_org, originals.topic[target[ok]],
                     vocab.CLIENT_MIX_AMPLIFIER, rng)]

    # a few chatty originals of their own
    own = rng.poisson(sc.amp_originals_mean, n_amp)
    c_author = np.repeat(amp_local, own)
    c_time = np.maximum(human_times(c_author.shape[0], start, days, np.full(c_author.shape[0], 8.0), rng),
                        created[c_author] + HOUR)
    keep = c_time < end
    client = rng.choice(len(vocab.CLIENTS), int(keep.sum()), p=vocab.CLIENT_MIX_AMPLIFIER)
    out.append(make_tweets(c_author[keep] + n_org, c_time[keep], ORIGINAL, None, TOPIC["chatter"], client, rng))

    # camouflage: some amplifiers retweet a popular organic post at a human delay
    camo = np.flatnonzero(rng.random(n_amp) < sc.camouflage)
    popular = organic.popular_originals
    if camo.shape[0] and popular.shape[0]:
        target_c = popular[rng.integers(0, popular.shape[0], camo.shape[0])]
        t = organic.tweets.time[target_c] + lognormal_minutes(camo.shape[0], 90, 1.5, rng)
        ok_c = (t < end) & (t > created[amp_local[camo]])
        out.append(_retweets(amp_local[camo][ok_c] + n_org, t[ok_c], target_c[ok_c], organic.tweets.topic[target_c[ok_c]],
                             vocab.CLIENT_MIX_AMPLIFIER, rng))
    return out


def _operation_follows(sc: Scenario, organic: Organic, team_of: np.ndarray, created: np.ndarray, n_core: int,
                       n_org: int, persona: np.ndarray, rng: np.random.Generator) -> Follows:
    """Core follow teammates; amplifiers follow a few core accounts of their team; both follow hubs."""
    start, days = epoch(sc.start), sc.params.days
    n_total = team_of.shape[0]
    src_parts, dst_parts = [], []
    # core -> teammates (dense within a team)
    for t in range(sc.teams):
        members = np.flatnonzero(team_of[:n_core] == t)
        a, b = np.meshgrid(members, members, indexing="ij")
        keep = (a != b) & (rng.random(a.shape) < 0.5)
        src_parts.append(a[keep])
        dst_parts.append(b[keep])
    # amplifiers -> 1..10 core of their team (personas more likely)
    n_amp = n_total - n_core
    if n_amp:
        k = rng.integers(1, 11, n_amp)
        src = np.repeat(n_core + np.arange(n_amp), k)
        dst = np.empty(src.shape[0], np.int64)
        for t in range(sc.teams):
            members = np.flatnonzero(team_of[:n_core] == t)
            w = np.where(persona[members], 5.0, 1.0)
            mask = team_of[src] == t
            dst[mask] = members[rng.choice(members.shape[0], int(mask.sum()), p=w / w.sum())]
        src_parts.append(src)
        dst_parts.append(dst)
    local_src = np.concatenate(src_parts) + n_org
    local_dst = np.concatenate(dst_parts) + n_org
    # camouflage: follow news hubs, the idol and other popular organic accounts
    hubs = np.concatenate([organic.news_hubs, [organic.idol]])
    k = rng.binomial(hubs.shape[0], min(0.9, sc.camouflage * 2), n_total)
    c_src = np.repeat(np.arange(n_total), k) + n_org
    c_dst = hubs[rng.integers(0, hubs.shape[0], c_src.shape[0])]
    return dedupe_follows(np.concatenate([local_src, c_src]), np.concatenate([local_dst, c_dst]), start, days, rng)
