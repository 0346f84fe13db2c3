"""The influence operation: teams of core operators and their amplifier squads.

Modelled on the 2019 Hong Kong case (docs/synthetic-data.md): core accounts work in teams, post in
their team's China-time office hours, some are repurposed old spam accounts (old creation date, old
language, long silence) and some were created in batches; a few pose as news outlets. Amplifiers come in
squads: each squad boosts one sub-group of a team's core accounts, was registered in its own burst after
a suspension wave and exits through its own pool of addresses. Amplifiers carry default profiles and each
retweets core content only a few times, within minutes of it; silent amplifiers retweet once and do
nothing else. Operators camouflage by following and retweeting popular organic accounts.

:func:`plan` draws the accounts and every per-day count up front (O(accounts x days) integers for the
core, O(accounts) for amplifiers); the per-day functions then post one day at a time. Operation account
indices follow the organic block (global index = ``offset`` + local index; core first, then amplifiers).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from netforensics.synth import profiles
from netforensics.synth import vocabulary as vocab
from netforensics.synth.params import Scenario
from netforensics.synth.population import TOPIC, Organic, _topic_hashtags
from netforensics.synth.stream import assign_original_ids, split_over_days
from netforensics.synth.tables import (
    AMPLIFIER,
    CORE,
    Accounts,
    TweetRows,
    empty_rows,
    new_posts,
    once_per_pair,
    retweets_of,
    strings,
)
from netforensics.synth.timing import DAY, HOUR, epoch, epoch_of, human_times, lognormal_minutes, office_times, office_weights

LANG = {code: i for i, code in enumerate(vocab.ACCOUNT_LANGS)}


@dataclass
class Squads:
    """Amplifier squads: each boosts one sub-group of a team's core accounts."""

    team: np.ndarray  # int64 per squad
    wave: np.ndarray  # int64 epoch seconds: the suspension wave the squad was registered after
    burst_days: np.ndarray  # float64: how long its registration burst lasted
    delay_median_min: np.ndarray  # float64: its retweet delay (log-normal median)
    amplified: np.ndarray  # int64 [squad, day]: swarmed posts by its sub-group per day
    amplified_left: np.ndarray  # int64 [squad, day]: the same, summed from that day to the end

    def __len__(self) -> int:
        return int(self.team.shape[0])


@dataclass
class Operation:
    accounts: Accounts  # core accounts first, then amplifiers
    offset: int  # global index of the first operation account
    n_core: int
    persona: np.ndarray  # bool per core account: poses as a news outlet
    repurposed: np.ndarray  # bool per core account: an old spam account put back to work
    waves: np.ndarray  # epoch seconds of the suspension waves
    squads: Squads
    core_squad: np.ndarray  # int64 per core account: the squad boosting it (-1 if none)
    core_posts: np.ndarray  # int64 [core, day]: posts (own, team retweets, camouflage)
    core_originals: np.ndarray  # int64 [core, day]: of which own posts
    core_amplified: np.ndarray  # int64 [core, day]: of which swarmed by its squad
    amp_first_day: np.ndarray  # int64 per amplifier
    amp_retweets_left: np.ndarray  # int64 per amplifier
    amp_chatter_left: np.ndarray  # int64 per amplifier
    amp_camouflage_day: np.ndarray  # int64 per amplifier, -1 for none

    @property
    def n_amplifiers(self) -> int:
        return len(self.accounts) - self.n_core

    def is_core(self, account: np.ndarray) -> np.ndarray:
        return (account >= self.offset) & (account < self.offset + self.n_core)


def _team_sizes(total: int, teams: int, rng: np.random.Generator) -> np.ndarray:
    minimum = max(1, min(2, total // teams))
    share = rng.dirichlet(np.full(teams, 3.0))
    sizes = minimum + np.floor(share * (total - minimum * teams)).astype(np.int64)
    sizes[np.argmax(sizes)] += total - sizes.sum()
    return sizes


def _core_accounts(sc: Scenario, rng: np.random.Generator) -> tuple[Accounts, np.ndarray, np.ndarray]:
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
        role=np.full(n, CORE, np.int8), team=team, squad=np.full(n, -1, np.int16), silent=np.zeros(n, bool), community=np.full(n, -1, np.int32),
        created=created, followers=followers, following=following, lang=lang, utc_offset=np.full(n, 8.0, np.float32),
        screen_name=strings(screen), display_name=strings(display), description=strings(description),
        location=strings(location), profile_url=strings(url),
    )
    return accounts, repurposed, persona


def _squads(sc: Scenario, core_team: np.ndarray, waves: np.ndarray, rng: np.random.Generator) -> tuple[Squads, np.ndarray]:
    """Squads per team (around ``squads_per_team``), each with a core sub-group, a wave, a burst and a delay."""
    core_squad = np.full(core_team.shape[0], -1, np.int64)
    team_list: list[int] = []
    wave: list[int] = []
    burst: list[float] = []
    delay: list[float] = []
    for t in range(sc.teams):
        members = rng.permutation(np.flatnonzero(core_team == t))
        n_squads = int(np.clip(sc.squads_per_team + rng.integers(-1, 2), 1, max(1, members.shape[0])))
        for group in np.array_split(members, n_squads):
            core_squad[group] = len(team_list)
            team_list.append(t)
            wave.append(int(waves[rng.integers(0, waves.shape[0])]))
            burst.append(float(sc.burst_days * rng.uniform(0.25, 1.0)))
            delay.append(max(1.5, float(sc.amp_delay_median_min * rng.uniform(0.6, 1.6))))
    empty = np.zeros((len(team_list), sc.params.days), np.int64)
    squads = Squads(np.asarray(team_list, np.int64), np.asarray(wave, np.int64), np.asarray(burst),
                    np.asarray(delay), empty, empty.copy())
    return squads, core_squad


def _amplifier_accounts(sc: Scenario, squads: Squads, squad_weight: np.ndarray,
                        rng: np.random.Generator) -> tuple[Accounts, np.ndarray]:
    """Amplifier profiles, each squad registered in its own burst after its wave; returns accounts and squads."""
    n = sc.params.amplifiers
    squad = rng.choice(len(squads), n, p=squad_weight)
    # sign-ups follow the squad's wave within its burst, most in the first hours (scripted registration)
    burst = squads.burst_days[squad] * DAY
    lag = np.minimum(rng.exponential(burst / 3), burst).astype(np.int64)
    created = squads.wave[squad] + int(2 * HOUR) + lag
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
        role=np.full(n, AMPLIFIER, np.int8), team=squads.team[squad].astype(np.int16), squad=squad.astype(np.int16), silent=np.zeros(n, bool),
        community=np.full(n, -1, np.int32), created=created, followers=followers, following=following, lang=lang,
        utc_offset=np.full(n, 8.0, np.float32), screen_name=strings(screen), display_name=strings(display),
        description=strings(description), location=strings(location), profile_url=strings(np.full(n, "", dtype=object)),
    )
    return accounts, squad


def _waves(sc: Scenario, rng: np.random.Generator) -> np.ndarray:
    """Suspension waves: one precedes the campaign, the others fall in its first two thirds."""
    start, days = epoch(sc.start), sc.params.days
    return np.sort(np.concatenate([
        [start - int(rng.integers(20, 60)) * DAY],
        start + rng.integers(2, max(3, days * 2 // 3), sc.suspension_waves - 1) * DAY,
    ])).astype(np.int64)


def plan(sc: Scenario, offset: int, rng: np.random.Generator) -> Operation:
    """The operation's accounts and its per-day activity counts for the whole period (no tweets yet)."""
    start, days = epoch(sc.start), sc.params.days
    core_acc, repurposed, persona = _core_accounts(sc, rng)
    n_core = len(core_acc)
    waves = _waves(sc, rng)
    squads, core_squad = _squads(sc, core_acc.team, waves, rng)
    core_acc.squad = core_squad.astype(np.int16)  # labels.csv names the squad that boosts each core account
    # a squad's size follows its sub-group's share of the core, blurred (some squads are larger than others)
    sub_share = np.bincount(core_squad, minlength=len(squads)) / n_core
    squad_weight = sub_share * rng.gamma(4.0, 0.25, len(squads))
    squad_weight /= squad_weight.sum()
    n_amp = sc.params.amplifiers
    if n_amp:
        amp_acc, amp_squad = _amplifier_accounts(sc, squads, squad_weight, rng)
        accounts = Accounts.concat([core_acc, amp_acc])
    else:
        amp_squad = np.zeros(0, np.int64)
        accounts = core_acc

    # ---- core: posts per account per day, in the team's working week ------------------------
    per_account = rng.gamma(2.0, sc.tweets_per_core / 2.0, n_core)
    per_account[persona] *= 2
    total = np.maximum(1, np.round(per_account)).astype(np.int64)
    week = np.stack([office_weights(start, days, s) for s in sc.schedules])
    pvals = week[core_acc.team]
    core_posts = rng.multinomial(total, pvals / pvals.sum(axis=1, keepdims=True)).astype(np.int64)
    own_share = max(0.0, 1.0 - sc.camouflage - sc.core_team_retweet_share)
    core_originals = rng.binomial(core_posts, own_share)

    # ---- amplifiers: a budget of retweets each; silent ones retweet once and do nothing else ------
    silent = rng.random(n_amp) < sc.silent_amp_share
    accounts.silent[n_core:] = silent
    budget = np.minimum(1 + rng.poisson(sc.amp_retweets_mean - 1, n_amp), 8)
    budget[silent] = 1
    # how many of a sub-group's posts its squad swarms: enough that each draws a crowd of several accounts
    swarm_size = rng.uniform(5, 25)
    squad_budget = np.bincount(amp_squad, weights=budget, minlength=len(squads))
    squad_originals = np.bincount(core_squad, weights=core_originals.sum(axis=1), minlength=len(squads))
    wanted = np.minimum(squad_originals * sc.amplified_tweet_share, np.where(squad_budget > 0, np.maximum(1.0, squad_budget / swarm_size), 0.0))
    swarmed_share = wanted / np.maximum(squad_originals, 1)
    core_amplified = rng.binomial(core_originals, swarmed_share[core_squad][:, None])
    for q in range(len(squads)):
        squads.amplified[q] = core_amplified[core_squad == q].sum(axis=0)
    squads.amplified_left[:] = np.cumsum(squads.amplified[:, ::-1], axis=1)[:, ::-1]

    amp_created = accounts.created[n_core:]
    first_day = np.clip((amp_created + HOUR - start) // DAY, 0, days - 1).astype(np.int64)
    chatter = rng.poisson(sc.amp_originals_mean, n_amp)
    chatter[silent] = 0
    camouflage = (rng.random(n_amp) < sc.camouflage) & ~silent
    camouflage_day = np.where(camouflage, first_day + np.floor(rng.random(n_amp) * (days - first_day)).astype(np.int64), -1)
    return Operation(accounts, offset, n_core, persona, repurposed, waves, squads, core_squad, core_posts,
                     core_originals, core_amplified, first_day, budget.astype(np.int64), chatter, camouflage_day)


def first_lives(sc: Scenario, op: Operation, rng: np.random.Generator) -> TweetRows:
    """Repurposed accounts' first life: commercial spam in another language, years before the campaign."""
    start = epoch(sc.start)
    rep = np.flatnonzero(op.repurposed)
    counts = rng.integers(5, 40, rep.shape[0])
    author = np.repeat(rep, counts)
    created = op.accounts.created[author]
    life = np.minimum(2 * 365 * DAY, np.maximum(DAY, start - 365 * DAY - created))
    time = created + (rng.random(author.shape[0]) * life).astype(np.int64)
    topic = np.where(op.accounts.lang[author] == LANG["id"], TOPIC["spam_id"], TOPIC["spam_en"]).astype(np.int16)
    client = rng.choice(len(vocab.CLIENTS), author.shape[0], p=vocab.CLIENT_MIX_AMPLIFIER)
    posts = new_posts(author + op.offset, time, topic, client, rng, hashtag=_topic_hashtags(topic, rng, 0.3))
    assign_original_ids(posts, rng)
    return posts


@dataclass
class CoreDay:
    """The core's activity on one day: own posts (ids set) and the look-back retweets still to target."""

    posts: TweetRows
    amplified: np.ndarray  # bool per post: its squad swarms it
    team_retweeters: np.ndarray  # global account indices, with their times
    team_retweet_times: np.ndarray
    camouflage_authors: np.ndarray
    camouflage_times: np.ndarray


def core_day(sc: Scenario, op: Operation, day: int, rng: np.random.Generator) -> CoreDay:
    """Core posts on ``day`` in office hours: own content (the day's planned count, some swarmed), the rest
    retweets of teammates or camouflage retweets of popular organic posts (targets picked later)."""
    day_start = epoch(sc.start) + day * DAY
    team = op.accounts.team[: op.n_core]
    count = op.core_posts[:, day]
    author = np.repeat(np.arange(op.n_core), count)
    times = np.empty(author.shape[0], np.int64)
    for t, schedule in enumerate(sc.schedules):
        mask = team[author] == t
        times[mask] = office_times(int(mask.sum()), day_start, schedule, rng)
    # rank of each post within its author's day: the first ones are own posts, the first of those swarmed
    rank = np.arange(author.shape[0]) - np.repeat(np.cumsum(count) - count, count)
    own = rank < op.core_originals[author, day]
    amplified = rank < op.core_amplified[author, day]
    camouflage_share = sc.camouflage / max(sc.camouflage + sc.core_team_retweet_share, 1e-9)
    camouflage = ~own & (rng.random(author.shape[0]) < camouflage_share)
    team_rt = ~own & ~camouflage

    o_author = author[own]
    topic = np.where(rng.random(o_author.shape[0]) < 0.75, TOPIC["op_zh"], TOPIC["op_en"]).astype(np.int16)
    hashtag = _topic_hashtags(topic, rng, 0.6)
    link = np.full(o_author.shape[0], -1, np.int32)
    linked = rng.random(o_author.shape[0]) < np.where(op.persona[o_author], 0.7, 0.15)
    link[linked] = 1_000_000 + rng.integers(0, len(vocab.OUTLET_DOMAINS) * 40, int(linked.sum()))
    client = rng.choice(len(vocab.CLIENTS), o_author.shape[0], p=vocab.CLIENT_MIX_CORE)
    posts = new_posts(o_author + op.offset, times[own], topic, client, rng, hashtag=hashtag, url=link)
    return CoreDay(posts, amplified[own], author[team_rt] + op.offset, times[team_rt],
                   author[camouflage] + op.offset, times[camouflage])


def _recent_target(pool_times: np.ndarray, at: np.ndarray, rng: np.random.Generator, spread: float) -> np.ndarray:
    """For each time in ``at``, the position of a pool post made shortly before (geometric look-back); -1 if none."""
    look_back = rng.geometric(1.0 / spread, at.shape[0])  # 1, 2, ... posts back
    pos = np.searchsorted(pool_times, at, side="left") - look_back
    return np.where(pos >= 0, pos, -1)


def look_back_retweets(sc: Scenario, op: Operation, organic: Organic, core: CoreDay, recent: TweetRows,
                       rng: np.random.Generator) -> TweetRows:
    """Teammates boost each other's recent posts; camouflage retweets go to recent popular organic posts."""
    parts = []
    team = op.accounts.team
    by_time = recent.take(np.argsort(recent.time, kind="stable"))
    is_core = op.is_core(by_time.author)
    for t in range(sc.teams):
        pool = by_time.take(np.flatnonzero(is_core & (team[np.where(is_core, by_time.author - op.offset, 0)] == t)))
        mask = team[core.team_retweeters - op.offset] == t
        if not len(pool) or not mask.any():
            continue
        pos = _recent_target(pool.time, core.team_retweet_times[mask], rng, 6.0)
        safe = np.maximum(pos, 0)
        ok = (pos >= 0) & (pool.author[safe] != core.team_retweeters[mask])
        client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_CORE)
        parts.append(retweets_of(pool, pos[ok], core.team_retweeters[mask][ok], core.team_retweet_times[mask][ok], client))
    popular = by_time.take(np.flatnonzero((by_time.author < op.offset)
                                          & organic.popular[np.minimum(by_time.author, op.offset - 1)]))
    if len(popular) and core.camouflage_authors.shape[0]:
        pos = _recent_target(popular.time, core.camouflage_times, rng, 20.0)
        ok = pos >= 0
        client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_CORE)
        parts.append(retweets_of(popular, pos[ok], core.camouflage_authors[ok], core.camouflage_times[ok], client))
    return TweetRows.concat(parts) if parts else empty_rows()


def amplification(sc: Scenario, op: Operation, day: int, core: CoreDay, rng: np.random.Generator) -> TweetRows:
    """Amplifiers' retweets of the day's swarmed core posts, each within minutes at its squad's delay.

    Each amplifier spreads its budget over the days it exists in proportion to its squad's swarmed posts
    (binomial per day: the totals hold exactly), then picks that many distinct posts made after it existed.
    """
    end = epoch(sc.end)
    squads = op.squads
    posts = core.posts.take(np.flatnonzero(core.amplified))
    post_squad = op.core_squad[posts.author - op.offset]
    order = np.lexsort((posts.time, post_squad))
    posts, post_squad = posts.take(order), post_squad[order]
    amp_squad = op.accounts.squad[op.n_core:].astype(np.int64)
    active = np.flatnonzero((op.amp_first_day <= day) & (op.amp_retweets_left > 0))
    q = amp_squad[active]
    count = split_over_days(op.amp_retweets_left[active], squads.amplified[q, day], squads.amplified_left[q, day], rng)
    op.amp_retweets_left[active] -= count
    amp = np.repeat(active, count)
    if not amp.shape[0] or not len(posts):
        return empty_rows()
    # posts of the amplifier's squad made at least an hour after it was created: [lo, hi) in the sorted posts
    key = post_squad * (1 << 40) + posts.time
    squad = amp_squad[amp]
    created = op.accounts.created[op.n_core + amp]
    lo = np.searchsorted(key, squad * (1 << 40) + created + HOUR, side="left")
    hi = np.searchsorted(key, squad * (1 << 40) + (1 << 40) - 1, side="right")
    pick = lo + np.floor(rng.random(amp.shape[0]) * np.maximum(hi - lo, 1)).astype(np.int64)
    ok = hi > lo
    pick = np.minimum(pick, max(len(posts) - 1, 0))
    delay = lognormal_minutes(amp.shape[0], 1.0, sc.amp_delay_sigma, rng) * squads.delay_median_min[squad]
    time = posts.time[pick] + delay.astype(np.int64)
    ok &= time < end
    ok = once_per_pair(ok, amp, pick)
    client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_AMPLIFIER)
    return retweets_of(posts, pick[ok], amp[ok] + op.offset + op.n_core, time[ok], client)


def amplifier_chatter(sc: Scenario, op: Operation, day: int, rng: np.random.Generator) -> TweetRows:
    """A little chatter of amplifiers' own (Chinese-time human hours), spread over the days they exist."""
    days = sc.params.days
    day_start = epoch(sc.start) + day * DAY
    share = np.where(op.amp_first_day <= day, 1.0 / (days - day), 0.0)
    count = split_over_days(op.amp_chatter_left, share, 1.0, rng)
    op.amp_chatter_left -= count
    amp = np.repeat(np.arange(count.shape[0]), count)
    created = op.accounts.created[op.n_core + amp]
    time = np.maximum(human_times(day_start, np.full(amp.shape[0], 8.0), rng), created + HOUR)
    keep = time < day_start + DAY
    client = rng.choice(len(vocab.CLIENTS), int(keep.sum()), p=vocab.CLIENT_MIX_AMPLIFIER)
    return new_posts(amp[keep] + op.offset + op.n_core, time[keep], TOPIC["chatter"], client, rng)


def amplifier_camouflage(sc: Scenario, op: Operation, organic: Organic, day: int, today: TweetRows,
                         rng: np.random.Generator) -> TweetRows:
    """Some amplifiers retweet one popular organic post of the day, at a human delay."""
    amp = np.flatnonzero(op.amp_camouflage_day == day)
    pool = today.take(np.flatnonzero((today.author < op.offset) & organic.popular[np.minimum(today.author, op.offset - 1)]))
    if not amp.shape[0] or not len(pool):
        return empty_rows()
    target = rng.integers(0, len(pool), amp.shape[0])
    time = pool.time[target] + lognormal_minutes(amp.shape[0], 90, 1.5, rng)
    ok = (time < epoch(sc.end)) & (time > op.accounts.created[op.n_core + amp])
    client = rng.choice(len(vocab.CLIENTS), int(ok.sum()), p=vocab.CLIENT_MIX_AMPLIFIER)
    return retweets_of(pool, target[ok], amp[ok] + op.offset + op.n_core, time[ok], client)


def follows(sc: Scenario, op: Operation, organic: Organic, local: np.ndarray,
            rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Follows of the operation accounts ``local`` (local indices): core follow teammates, amplifiers a few
    core accounts of their squad's sub-group (outlet personas more likely), both follow popular accounts."""
    team = op.accounts.team
    src_parts, dst_parts = [], []
    core_src = local[local < op.n_core]
    for t in range(sc.teams):
        members = np.flatnonzero(team[: op.n_core] == t)
        mine = core_src[team[core_src] == t]
        a, b = np.meshgrid(mine, members, indexing="ij")
        keep = (a != b) & (rng.random(a.shape) < 0.5)
        src_parts.append(a[keep])
        dst_parts.append(b[keep])
    amp = local[local >= op.n_core]
    k = np.where(op.accounts.silent[amp], 1, rng.integers(1, 11, amp.shape[0]))
    src = np.repeat(amp, k)
    dst = np.full(src.shape[0], -1, np.int64)
    squad = op.accounts.squad[src].astype(np.int64)
    for q in range(len(op.squads)):
        members = np.flatnonzero(op.core_squad == q)
        mask = squad == q
        if members.shape[0] and mask.any():
            w = np.where(op.persona[members], 5.0, 1.0)
            dst[mask] = members[rng.choice(members.shape[0], int(mask.sum()), p=w / w.sum())]
    src_parts.append(src[dst >= 0])
    dst_parts.append(dst[dst >= 0])
    local_src = np.concatenate(src_parts) + op.offset
    local_dst = np.concatenate(dst_parts) + op.offset
    # camouflage: follow news hubs, the idol and other popular organic accounts (not the silent)
    hubs = np.concatenate([organic.news_hubs, [organic.idol]])
    chatty = local[~op.accounts.silent[local]]
    k = rng.binomial(hubs.shape[0], min(0.9, sc.camouflage * 2), chatty.shape[0])
    c_src = np.repeat(chatty, k) + op.offset
    c_dst = hubs[rng.integers(0, hubs.shape[0], c_src.shape[0])]
    return np.concatenate([local_src, c_src]), np.concatenate([local_dst, c_dst])
