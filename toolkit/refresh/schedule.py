"""``refresh --daily-at HH:MM``: the long-running form used by the compose service (cron and systemd call
``refresh`` once instead)."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from netforensics.errors import NetforensicsError


def parse_daily_at(text: str) -> time:
    try:
        hours, minutes = text.strip().split(":")
        return time(int(hours), int(minutes))
    except ValueError as err:
        raise NetforensicsError(f"--daily-at expects HH:MM (24-hour clock), not {text!r}.") from err


def next_run(at: time, now: datetime) -> datetime:
    """The first moment at ``at`` strictly after ``now`` (same timezone as ``now``)."""
    candidate = now.replace(hour=at.hour, minute=at.minute, second=0, microsecond=0)
    return candidate if candidate > now else candidate + timedelta(days=1)
