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


def human_times(day_start: int, utc_offset: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Posting times within the UTC day starting at ``day_start`` for people living at ``utc_offset``
    (hours, one per post): their local hour follows :data:`HUMAN_HOURLY`."""
    n = utc_offset.shape[0]
    local_hour = rng.choice(24, size=n, p=HUMAN_HOURLY)
    seconds = local_hour * HOUR + rng.integers(0, HOUR, n) - np.round(utc_offset * HOUR).astype(np.int64)
    return day_start + seconds % DAY  # local time of day kept; the post stays on this UTC day


def is_weekend(day_start: int) -> bool:
    return bool((day_start // DAY + 3) % 7 >= 5)  # epoch day 0 was a Thursday


def office_weights(start: int, days: int, schedule: TeamSchedule) -> np.ndarray:
    """Relative activity of a team on each day of the period: weekdays 1, weekends ``weekend_share``."""
    return np.asarray([schedule.weekend_share if is_weekend(start + d * DAY) else 1.0 for d in range(days)])


def office_times(n: int, day_start: int, schedule: TeamSchedule, rng: np.random.Generator) -> np.ndarray:
    """``n`` times within a team's China-time working day on the UTC day starting at ``day_start``."""
    morning = schedule.lunch_start - schedule.start
    afternoon = schedule.end - schedule.lunch_end
    in_morning = rng.random(n) < morning / (morning + afternoon)
    hour = np.where(
        in_morning,
        schedule.start + rng.random(n) * morning,
        schedule.lunch_end + rng.random(n) * afternoon,
    )
    local_seconds = np.floor(hour * HOUR).astype(np.int64)
    return day_start + (local_seconds - int(CHINA_UTC_OFFSET * HOUR)) % DAY


def lognormal_minutes(n: int, median_min: float, sigma: float, rng: np.random.Generator) -> np.ndarray:
    """Delays in seconds with the given median (minutes) and log-sd; at least one second."""
    minutes = np.exp(np.log(median_min) + sigma * rng.standard_normal(n))
    return np.maximum(1, np.round(minutes * 60)).astype(np.int64)


def epoch(value: np.datetime64) -> int:
    return int(value.astype("datetime64[s]").astype(np.int64))


def epoch_of(year: int, month: int = 1, day: int = 1) -> int:
    return epoch(np.datetime64(f"{year:04d}-{month:02d}-{day:02d}"))
