"""Pure arithmetic behind the report's plots: time zones, delay bins, creation windows (no I/O, no drawing)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

WORKDAY = (9, 18)  # local hours [start, end): a 9-to-6 office day
# One whole-hour offset per clock: UTC-11 .. UTC+12 (UTC+13/+14 show the same clock as UTC-11/-10; half-hour
# zones align to the nearest whole hour).
OFFSETS = tuple(range(-11, 13))

# Retweet delay bins: upper edges in seconds and their labels. Archive times have minute resolution, so the
# first bin is "under a minute" rather than anything finer.
DELAY_EDGES: tuple[tuple[float, str], ...] = (
    (60, "<1m"), (180, "1-3m"), (600, "3-10m"), (1800, "10-30m"), (3600, "30-60m"),
    (3 * 3600, "1-3h"), (12 * 3600, "3-12h"), (86400, "12-24h"), (3 * 86400, "1-3d"), (float("inf"), ">3d"),
)


@dataclass(frozen=True)
class TimeZoneGuess:
    offset: int  # hours east of UTC
    workday_share: float  # share of posts inside the 9-to-6 day at that offset
    fits_from: int  # the westernmost offset that fits as well (within TIE_TOLERANCE)
    fits_to: int  # the easternmost

    @property
    def label(self) -> str:
        return offset_label(self.offset)

    @property
    def ambiguous(self) -> bool:
        return self.fits_from != self.fits_to


TIE_TOLERANCE = 0.005  # offsets whose 9-to-6 share is within half a percentage point fit equally well


def offset_label(offset: int) -> str:
    return "UTC" if offset == 0 else f"UTC{offset:+d}"


def local_hours(hours_utc: Sequence[int | float], offset: int) -> list[float]:
    """Counts per UTC hour -> counts per local hour at ``offset`` (local = UTC + offset)."""
    return [float(hours_utc[(h - offset) % 24]) for h in range(24)]


def workday_share(hours_local: Sequence[float]) -> float:
    total = sum(hours_local)
    return sum(hours_local[WORKDAY[0]:WORKDAY[1]]) / total if total else 0.0


def infer_utc_offset(hours_utc: Sequence[int | float]) -> TimeZoneGuess | None:
    """The UTC offset at which the most posts fall in a 9-to-6 working day. None without posts.

    A team active for fewer than nine hours fits several offsets equally well (within :data:`TIE_TOLERANCE`);
    then the tied offset nearest the middle of the tied range is chosen (the western one on a tie), and the range
    is reported so that the reader knows how sure the guess is."""
    if sum(hours_utc) <= 0:
        return None
    scored = {o: workday_share(local_hours(hours_utc, o)) for o in OFFSETS}
    best_share = max(scored.values())
    tied = [o for o, share in scored.items() if share >= best_share - TIE_TOLERANCE]
    middle = (min(tied) + max(tied)) / 2
    best = min(tied, key=lambda o: (abs(o - middle), o))
    return TimeZoneGuess(best, scored[best], min(tied), max(tied))


def shares(counts: Sequence[float]) -> list[float]:
    total = sum(counts)
    return [c / total if total else 0.0 for c in counts]


def delay_histogram(delays: Sequence[float]) -> list[int]:
    """Counts per :data:`DELAY_EDGES` bin; negative delays (clock noise) count as under a minute."""
    counts = [0] * len(DELAY_EDGES)
    for d in delays:
        for i, (upper, _) in enumerate(DELAY_EDGES):
            if d < upper:
                counts[i] += 1
                break
    return counts


def median(values: Sequence[float]) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    return ordered[mid] if len(ordered) % 2 else (ordered[mid - 1] + ordered[mid]) / 2


@dataclass(frozen=True)
class CreationWindow:
    """Account creations binned by day over the window where most of them happened."""

    start: dt.date
    days: list[dt.date]
    by_role: dict[str, list[int]]  # role -> accounts per day of ``days``
    earlier: int  # accounts created before ``start`` (repurposed or older accounts), not in the bins
    earliest: dt.date | None
    peak_day: dt.date | None
    peak_accounts: int


def creation_window(rows: Sequence[tuple[dt.date, str, int]], *, quantile: float = 0.1, margin_days: int = 30,
                    max_days: int = 400) -> CreationWindow | None:
    """Bin ``(day, role, accounts)`` rows by day from a little before the ``quantile`` creation date to the last.

    Old accounts (the tail before the window) are counted in ``earlier`` instead of squeezing the bursts into
    thin lines on a decade-long axis. The window is at most ``max_days`` long (its end is kept).
    """
    rows = [r for r in rows if r[2] > 0]
    if not rows:
        return None
    total = sum(r[2] for r in rows)
    ordered = sorted(rows, key=lambda r: r[0])
    seen, q_day = 0, ordered[0][0]
    for day, _, n in ordered:
        seen += n
        if seen >= quantile * total:
            q_day = day
            break
    last = ordered[-1][0]
    start = max(q_day - dt.timedelta(days=margin_days), ordered[0][0], last - dt.timedelta(days=max_days - 1))
    n_days = (last - start).days + 1
    days = [start + dt.timedelta(days=i) for i in range(n_days)]
    roles = sorted({r[1] for r in rows}, key=_role_order)
    by_role = {role: [0] * n_days for role in roles}
    earlier = 0
    for day, role, n in rows:
        if day < start:
            earlier += n
        else:
            by_role[role][(day - start).days] += n
    per_day = [sum(by_role[r][i] for r in roles) for i in range(n_days)]
    peak = max(range(n_days), key=lambda i: (per_day[i], -i))
    return CreationWindow(start, days, by_role, earlier, ordered[0][0], days[peak], per_day[peak])


def _role_order(role: str) -> tuple[int, str]:
    return ({"core": 0, "amplifier": 1}.get(role, 2), role)
