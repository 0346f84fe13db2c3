"""Split an IO-archive tweets CSV by time: yesterday's evidence and today's delta, for refresh tests and benchmarks.

``tweet_time`` is ``YYYY-MM-DD HH:MM`` text, so comparing the text compares the times.
"""

from __future__ import annotations

import csv
from pathlib import Path


def split_tweets_by_time(tweets: Path, cutoff: str, before: Path, after: Path) -> tuple[int, int]:
    """Rows with ``tweet_time < cutoff`` go to ``before``, the rest to ``after``; returns both row counts."""
    counts = [0, 0]
    with tweets.open(newline="", encoding="utf-8") as source, before.open("w", newline="", encoding="utf-8") as early, \
            after.open("w", newline="", encoding="utf-8") as late:
        reader = csv.reader(source)
        header = next(reader)
        at = header.index("tweet_time")
        writers = [csv.writer(early, quoting=csv.QUOTE_ALL), csv.writer(late, quoting=csv.QUOTE_ALL)]
        for writer in writers:
            writer.writerow(header)
        for row in reader:
            side = 0 if row[at] < cutoff else 1
            writers[side].writerow(row)
            counts[side] += 1
    return counts[0], counts[1]
