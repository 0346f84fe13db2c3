"""When things happen: human posting hours, office hours, creation bursts and retweet delays.

All functions are vectorised: they take a count (or arrays) and return epoch seconds as int64.
"""

from __future__ import annotations

import numpy as np

from netforensics.synth.params import TeamSchedule

DAY = 86_400
HOUR = 3_600
CHINA_UTC_OFFSET = 8.0

# Relative posting activity per local hour for people (quiet at night, evening peak).
HUMAN_HOURLY = np.array(
    [2.0, 1.2, 0.7, 0.45, 0.35, 0.4, 0.9, 1.8, 2.8, 3.2, 3.4, 3.5, 3.9, 3.6, 3.4, 3.4, 3.6, 4.0, 4.6, 5.2, 5.6, 5.4, 4.6, 3.3]
)
HUMAN_HOURLY = HUMAN_HOURLY / HUMAN_HOURLY.sum()


def human_times(n: int, start: int, days: int, utc_offset: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """``n`` posting times for people living at ``utc_offset`` (hours, one per item)."""
    day = rng.integers(0, days, n)
    local_hour = rng.choice(24, size=n, p=HUMAN_HOURLY)
    seconds = local_hour * HOUR + rng.integers(0, HOUR, n)
    relative = day * DAY + seconds - np.round(utc_offset * HOUR).astype(np.int64)
    return start + relative % (days * DAY)  # the period's first local night wraps to its end


def office_times(n: int, start: int, days: int, schedule: TeamSchedule, rng: np.random.Generator) -> np.ndarray:
    """``n`` times within a team's China-time working day; weekends only at ``weekend_share``."""
    day = rng.integers(0, days, n)
    # Day 0 is the start date; weekday of an epoch day: (days since 1970-01-01 + 3) % 7 gives Mon=0.
    weekday = (start // DAY + day + 3) % 7
    on_weekend = weekday >= 5
    keep_weekend = rng.random(n) < schedule.weekend_share
    # Move weekend draws that should be weekdays to the previous Friday / following Monday.
    shift = np.where(weekday == 5, -1, np.where(weekday == 6, 1, 0))
    day = np.where(on_weekend & ~keep_weekend, day + shift, day)
    day = np.clip(day, 0, days - 1)
    morning = schedule.lunch_start - schedule.start
    afternoon = schedule.end - schedule.lunch_end
    in_morning = rng.random(n) < morning / (morning + afternoon)
    hour = np.where(
        in_morning,
        schedule.start + rng.random(n) * morning,
        schedule.lunch_end + rng.random(n) * afternoon,
    )
    local_seconds = np.floor(hour * HOUR).astype(np.int64)
    relative = day * DAY + local_seconds - int(CHINA_UTC_OFFSET * HOUR)
    return start + relative % (days * DAY)


def lognormal_minutes(n: int, median_min: float, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Delays in seconds with the given median (minutes) and log-sd; at least one second."""
    minutes = np.exp(np.log(median_min) + sigma * rng.standard_normal(n))
    return np.maximum(1, np.round(minutes * 60)).astype(np.int64)


def epoch(value: np.datetime64) -> int:
    return int(value.astype("datetime64[s]").astype(np.int64))


def epoch_of(year: int, month: int = 1, day: int = 1) -> int:
    return epoch(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}"))
