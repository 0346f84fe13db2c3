"""What a synthetic operation looks like: the researcher's choices plus the per-seed draws.

:class:`SynthParams` holds what the user chose on the command line (``None`` means "draw it from the
seed"). :func:`draw` turns them into a :class:`Scenario`: every number the generators use, drawn
from documented ranges (``docs/synthetic-data.md``) so that a detector tuned on one seed cannot lean
on one constant. The same seed and the same choices always give the same scenario.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from netforensics.errors import UsageError
from netforensics.machine import memory_bytes

# The 2019 Hong Kong operation as Twitter reported it (see docs/synthetic-data.md).
HK_SCALE = {"organic": 400_000, "core": 936, "amplifiers": 200_000}
# 33 times the HK case; at the measured ~530 bytes per account at the peak that is ~11 GB (docs/synthetic-data.md).
MAX_ACCOUNTS = 20_000_000
PEAK_BYTES_PER_ACCOUNT = 600  # measured 530 at HK scale, rounded up
# Account creation dates are drawn from fixed years (organic from 2007, repurposed core 2009-2015, pre-existing
# amplifiers 2012-2017): a period before 2018 would start before some accounts exist. The end keeps 4-digit years.
EARLIEST_START = dt.date(2018, 1, 1)
LATEST_END = dt.date(2100, 1, 1)


@dataclass(frozen=True)
class SynthParams:
    """The researcher's choices; ``None`` fields are drawn per seed."""

    seed: int = 1
    organic: int = 20_000
    core: int = 150
    amplifiers: int = 3_000
    days: int = 60
    start_date: dt.date = dt.date(2019, 6, 1)
    hashed: bool = False
    teams: int | None = None
    tweets_per_core: float | None = None
    camouflage: float | None = None
    tweets_per_person: float | None = None

    def validate(self) -> None:
        """Refuse choices that cannot work with a :class:`UsageError` (exit 2) naming the option."""
        if self.seed < 0:
            raise UsageError("--seed must be zero or positive.")
        if self.organic < 500:
            raise UsageError("--organic must be at least 500 (the traps need a population to hide in).")
        if self.core < 4:
            raise UsageError("--core must be at least 4.")
        if self.amplifiers < 0:
            raise UsageError("--amplifiers must be zero or positive.")
        if not 7 <= self.days <= 3650:
            raise UsageError("--days must be between 7 and 3650.")
        accounts = self.organic + self.core + self.amplifiers
        if accounts > MAX_ACCOUNTS:
            raise UsageError(f"--organic + --core + --amplifiers is {accounts:,}: at most {MAX_ACCOUNTS:,} accounts "
                             "are supported (the HK case is 600,936).")
        ram = memory_bytes()
        if ram is not None and accounts * PEAK_BYTES_PER_ACCOUNT > ram:
            raise UsageError(f"{accounts:,} accounts need about {accounts * PEAK_BYTES_PER_ACCOUNT / 2**30:.1f} GiB of "
                             f"memory and this machine lets it use {ram / 2**30:.1f} GiB: choose fewer accounts.")
        if not EARLIEST_START <= self.start_date <= LATEST_END - dt.timedelta(days=self.days):
            raise UsageError(f"--start-date must be between {EARLIEST_START.isoformat()} and "
                             f"{(LATEST_END - dt.timedelta(days=self.days)).isoformat()} (2099-12-31 is the last day "
                             "of the period; the generator's accounts are created 2007-2017).")
        if self.teams is not None and not 1 <= self.teams <= self.core:
            raise UsageError("--teams must be between 1 and the number of core accounts.")
        if self.tweets_per_core is not None and not 1 <= self.tweets_per_core <= 5_000:
            raise UsageError("--tweets-per-core must be between 1 and 5000.")
        if self.camouflage is not None and not 0.0 <= self.camouflage <= 0.9:
            raise UsageError("--camouflage must be between 0 and 0.9.")
        if self.tweets_per_person is not None and not 0.5 <= self.tweets_per_person <= 1_000:
            raise UsageError("--tweets-per-person must be between 0.5 and 1000.")


@dataclass(frozen=True)
class TeamSchedule:
    """A team's office hours in China Standard Time (UTC+8), as fractional hours."""

    start: float
    lunch_start: float
    lunch_end: float
    end: float
    weekend_share: float


@dataclass(frozen=True)
class Scenario:
    """Every number the generators use. Ranges are in docs/synthetic-data.md."""

    params: SynthParams
    teams: int
    tweets_per_core: float
    camouflage: float
    schedules: tuple[TeamSchedule, ...]
    # core operators
    repurposed_share: float
    batches_per_team: int
    outlet_personas: int
    core_team_retweet_share: float
    mainland_core_share: float
    team_exit_ips: int
    # amplifiers
    amplified_tweet_share: float
    amp_retweets_mean: float
    amp_delay_median_min: float
    amp_delay_sigma: float
    amp_preexisting_share: float
    suspension_waves: int
    burst_days: float
    amp_default_profile_share: float
    amp_originals_mean: float
    amp_accounts_per_ip: float
    squads_per_team: int
    silent_amp_share: float
    # organic population
    community_size: float
    organic_tweets_median: float
    organic_tweets_sigma: float
    organic_retweet_share: float
    organic_delay_median_min: float
    organic_delay_sigma: float
    news_hubs: int
    news_delay_median_min: float
    fandom_share: float
    fan_delay_median_min: float
    fan_retweet_prob: float
    idol_tweets: int
    campus_size: int
    campus_nat_ips: int
    op_retweeter_share: float
    organic_vpn_share: float
    organic_follows_median: float
    supporter_share: float
    supporter_fast_share: float
    supporter_retweets_median: float
    supporter_boost_share: float
    # file format quirks of the real releases
    float_count_columns: tuple[str, ...] = field(default=())

    @property
    def start(self) -> np.datetime64:
        return np.datetime64(self.params.start_date.isoformat(), "s")

    @property
    def end(self) -> np.datetime64:
        return self.start + np.timedelta64(self.params.days * 86_400, "s")

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["params"]["start_date"] = self.params.start_date.isoformat()
        return data


COUNT_COLUMNS = ("quote_count", "reply_count", "like_count", "retweet_count")


def draw(params: SynthParams, rng: np.random.Generator) -> Scenario:
    """Draw the scenario for ``params`` from ``rng`` (the seed's first stream)."""
    params.validate()

    def uniform(low: float, high: float) -> float:
        return float(round(rng.uniform(low, high), 4))

    def integer(low: int, high: int) -> int:
        return int(rng.integers(low, high + 1))

    def chosen(value: float | None, drawn: float) -> float:
        # always draw, then let the researcher's choice win: the other draws stay the same either way
        return drawn if value is None else value

    teams = int(chosen(params.teams, min(integer(3, 8), max(1, params.core // 5))))
    schedules = []
    for _ in range(teams):
        start = float(rng.choice([8.0, 8.5, 9.0, 9.5, 10.0]))
        lunch_start = float(rng.choice([11.5, 12.0, 12.5]))
        lunch_end = lunch_start + float(rng.choice([1.0, 1.5, 2.0]))
        end = float(rng.choice([17.0, 17.5, 18.0, 18.5, 19.0]))
        schedules.append(TeamSchedule(start, lunch_start, lunch_end, end, uniform(0.0, 0.1)))
    organic = params.organic
    float_columns = tuple(c for c in COUNT_COLUMNS if rng.random() < 0.5)
    return Scenario(
        params=params,
        teams=teams,
        tweets_per_core=chosen(params.tweets_per_core, uniform(40, 160)),
        camouflage=chosen(params.camouflage, uniform(0.05, 0.3)),
        schedules=tuple(schedules),
        repurposed_share=uniform(0.15, 0.45),
        batches_per_team=integer(1, 4),
        outlet_personas=min(integer(2, 6), max(1, params.core // 10)),
        core_team_retweet_share=uniform(0.1, 0.3),
        mainland_core_share=uniform(0.02, 0.08),
        team_exit_ips=integer(3, 12),
        amplified_tweet_share=uniform(0.3, 0.8),
        amp_retweets_mean=uniform(1.5, 4.0),
        amp_delay_median_min=uniform(2.0, 12.0),
        amp_delay_sigma=uniform(0.5, 0.9),
        amp_preexisting_share=uniform(0.05, 0.25),
        suspension_waves=integer(2, 5),
        burst_days=uniform(1.0, 3.0),
        amp_default_profile_share=uniform(0.7, 0.95),
        amp_originals_mean=uniform(0.0, 2.0),
        amp_accounts_per_ip=uniform(20.0, 80.0),
        squads_per_team=integer(1, 4),
        silent_amp_share=uniform(0.1, 0.3),
        community_size=uniform(300.0, 900.0),
        organic_tweets_median=chosen(params.tweets_per_person, uniform(2.0, 5.0)),
        organic_tweets_sigma=uniform(1.2, 1.6),
        organic_retweet_share=uniform(0.3, 0.6),
        organic_delay_median_min=uniform(45.0, 240.0),
        organic_delay_sigma=uniform(1.4, 2.0),
        news_hubs=integer(5, 15),
        news_delay_median_min=uniform(15.0, 45.0),
        fandom_share=uniform(0.01, 0.03),
        fan_delay_median_min=uniform(1.5, 5.0),
        fan_retweet_prob=uniform(0.3, 0.7),
        idol_tweets=integer(20, 60),
        campus_size=min(integer(200, 700), organic // 5),
        campus_nat_ips=integer(1, 3),
        op_retweeter_share=uniform(0.005, 0.02),
        organic_vpn_share=uniform(0.01, 0.05),
        organic_follows_median=uniform(3.0, 8.0),
        float_count_columns=float_columns,
        # drawn last: added after the others, so every earlier draw of a seed stays what it was
        supporter_share=uniform(0.002, 0.008),
        supporter_fast_share=uniform(0.2, 0.5),
        supporter_retweets_median=uniform(3.0, 8.0),
        supporter_boost_share=uniform(0.05, 0.3),
    )
