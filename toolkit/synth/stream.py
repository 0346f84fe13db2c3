"""Tweets generated day by day and written in time order, holding only a few days of rows.

Every generator works on one day ``d`` of the period at a time: it posts originals dated ``d`` and, for
each of them, the retweets they draw, dated ``d`` or later; answers that look back (operators' retweets of
teammates' and popular posts, people's replies and quotes) pick posts of at most ``LOOK_BACK_DAYS`` before.
Rows wait in a bucket per UTC day until no later step can add to the bucket or to the counts of its
originals — ``LOOK_BACK_DAYS`` steps after its day — then they are sorted, given ids and counts, and handed
to the writer. What is held is those days plus the retweets still to come for them (a day or two of
people's slower retweets), never the whole period.

Ids: an original gets its id when created (responses copy it); every other row gets one when written.
Originals' ids are even, the rest odd, so both sets are unique on their own within their day.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from netforensics.synth.identity import snowflake_ids
from netforensics.synth.tables import NO_ID, ORGANIC, ORIGINAL, QUOTE, REPLY, RETWEET, TweetRows, empty_rows
from netforensics.synth.timing import DAY

#: Look-back answers (operators' retweets of teammates' and popular posts, replies, quotes) reach this many days back.
LOOK_BACK_DAYS = 2


@dataclass
class Engagement:
    """Per-row counts as the platform reported them."""

    quote_count: np.ndarray
    reply_count: np.ndarray
    like_count: np.ndarray
    retweet_count: np.ndarray


Sink = Callable[[TweetRows, Engagement, np.ndarray], None]  # rows, engagement, has_coordinates


def assign_original_ids(rows: TweetRows, rng: np.random.Generator) -> None:
    """Give every original without an id one (even, unique among these rows); they may now be targets."""
    todo = np.flatnonzero((rows.kind == ORIGINAL) & (rows.id == NO_ID))
    rows.id[todo] = snowflake_ids(rows.time[todo] + rng.integers(0, 60, todo.shape[0]), rng, parity=0)


class TweetStream:
    """Day buckets of pending rows; :meth:`finish_day` writes the buckets no later step can change."""

    def __init__(self, start: int, days: int, followers: np.ndarray, role: np.ndarray, sink: Sink,
                 rng: np.random.Generator) -> None:
        self.start, self.days = start, days
        self.followers, self.role = followers, role
        self.sink, self.rng = sink, rng
        self.buckets: dict[int, list[TweetRows]] = {}
        self.written = 0
        self.retweets_written = 0
        self.peak_pending = 0

    def add(self, rows: TweetRows) -> None:
        if not len(rows):
            return
        day = np.maximum((rows.time - self.start) // DAY, -1)  # everything before the period: one bucket
        if day.shape[0] and day.min() == day.max():
            self.buckets.setdefault(int(day[0]), []).append(rows)
            return
        order = np.argsort(day, kind="stable")
        bounds = np.flatnonzero(np.diff(day[order])) + 1
        for part in np.split(order, bounds):
            self.buckets.setdefault(int(day[part[0]]), []).append(rows.take(part))

    def recent_originals(self, day: int) -> TweetRows:
        """Targetable originals dated ``day - LOOK_BACK_DAYS`` .. ``day`` (what look-back retweets may pick)."""
        parts = []
        for d in range(day - LOOK_BACK_DAYS, day + 1):
            for block in self.buckets.get(d, []):
                parts.append(block.take(block.targetable()))
        return TweetRows.concat(parts) if parts else empty_rows()

    def finish_day(self, day: int) -> None:
        """Step ``day`` is generated: write every bucket up to ``day - LOOK_BACK_DAYS``."""
        self.peak_pending = max(self.peak_pending, sum(len(b) for blocks in self.buckets.values() for b in blocks))
        for d in sorted(k for k in self.buckets if k <= day - LOOK_BACK_DAYS):
            self._write_bucket(d)

    def close(self) -> None:
        for d in sorted(self.buckets):
            self._write_bucket(d)

    def _write_bucket(self, day: int) -> None:
        rows = TweetRows.concat(self.buckets.pop(day))
        rows = rows.take(np.argsort(rows.time, kind="stable"))
        missing = np.flatnonzero(rows.id == NO_ID)
        rows.id[missing] = snowflake_ids(rows.time[missing] + self.rng.integers(0, 60, missing.shape[0]), self.rng, parity=1)
        received = self._received(rows)
        self.sink(rows, self._engagement(rows, received), self._coordinates(rows))
        self.written += len(rows)
        self.retweets_written += int((rows.kind == RETWEET).sum())

    def _received(self, rows: TweetRows) -> dict[int, np.ndarray]:
        """Retweets, replies and quotes each row receives: its responses are in this bucket or later ones."""
        later = [rows] + [b for blocks in self.buckets.values() for b in blocks]
        target = np.concatenate([b.target_id for b in later])
        kind = np.concatenate([b.kind for b in later])
        order = np.argsort(rows.id)
        sorted_ids = rows.id[order]
        out = {}
        for k in (RETWEET, REPLY, QUOTE):
            t = target[(kind == k) & (target >= 0)]
            pos = np.minimum(np.searchsorted(sorted_ids, t), max(len(rows) - 1, 0))
            hit = sorted_ids[pos] == t if len(rows) else np.zeros(0, bool)
            counts = np.bincount(pos[hit], minlength=len(rows))
            out[k] = np.empty(len(rows), np.int64)
            out[k][order] = counts
        return out

    def _engagement(self, rows: TweetRows, received: dict[int, np.ndarray]) -> Engagement:
        """Counts as the platform shows them: responses seen in the data plus the author's wider audience."""
        rng, n = self.rng, len(rows)
        original = rows.kind != RETWEET
        audience = self.followers[rows.author].astype(np.float64)
        organic_author = self.role[rows.author] == ORGANIC
        extra_rt = rng.poisson(np.where(original & organic_author, audience * 0.0004, 0.0))
        retweet_count = np.where(original, received[RETWEET] + extra_rt, 0)
        like_count = np.where(original, np.round(retweet_count * rng.uniform(0.5, 3.0, n))
                              + rng.poisson(np.where(original, audience * 0.001, 0.0)), 0)
        reply_count = np.where(original, received[REPLY] + rng.poisson(np.where(original, audience * 0.0001, 0.0)), 0)
        quote_count = np.where(original, received[QUOTE], 0)
        return Engagement(quote_count.astype(np.int64), reply_count.astype(np.int64),
                          like_count.astype(np.int64), retweet_count.astype(np.int64))

    def _coordinates(self, rows: TweetRows) -> np.ndarray:
        return (self.role[rows.author] == ORGANIC) & (rows.kind == ORIGINAL) & (self.rng.random(len(rows)) < 0.004)


def split_over_days(remaining: np.ndarray, weight_today: np.ndarray | float, weight_left: np.ndarray | float,
                    rng: np.random.Generator) -> np.ndarray:
    """How many of each account's ``remaining`` items fall on today (binomial: exact totals over the days).

    ``weight_today / weight_left`` is today's share of the days still to come (including today).
    """
    share = np.clip(np.divide(weight_today, np.maximum(weight_left, 1e-12)), 0.0, 1.0)
    return rng.binomial(remaining, share)
