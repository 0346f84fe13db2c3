"""Column tables for generated accounts, tweets, follows and IP observations: numpy arrays, one entry per row.

Accounts live for the whole run (O(accounts)); their strings are Arrow arrays (compact, gathered per chunk
with ``take``). Tweets exist only as :class:`TweetRows` blocks of a few days (see
:mod:`netforensics.synth.stream`): each row carries what the writer needs without looking anything up in
other tweets (a retweet holds its original's id, author and content codes), so nothing indexes the whole
tweet table and memory does not grow with the number of tweets.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np
import pyarrow as pa

ORGANIC, CORE, AMPLIFIER = 0, 1, 2
ROLE_NAMES = ("organic", "core", "amplifier")

ORIGINAL, RETWEET, REPLY, QUOTE = 0, 1, 2, 3
NO_ID = -1  # a tweet id assigned when the row is written (only originals get theirs when created)


@dataclass
class Accounts:
    role: np.ndarray  # int8: ORGANIC / CORE / AMPLIFIER (ground truth, written only to labels.csv)
    team: np.ndarray  # int16: operation team, -1 for organic
    squad: np.ndarray  # int16: amplifier squad (global number); for core accounts the squad boosting them; -1
    silent: np.ndarray  # bool: a silent amplifier (one retweet, nothing else)
    community: np.ndarray  # int32: organic community, -1 for the operation
    created: np.ndarray  # int64: account creation, epoch seconds
    followers: np.ndarray  # int64
    following: np.ndarray  # int64
    lang: np.ndarray  # int16: index into vocabulary.ACCOUNT_LANGS
    utc_offset: np.ndarray  # float32: hours; where the person lives (drives posting hours)
    screen_name: pa.Array  # string
    display_name: pa.Array
    description: pa.Array
    location: pa.Array
    profile_url: pa.Array

    def __len__(self) -> int:
        return int(self.role.shape[0])

    @staticmethod
    def concat(parts: list["Accounts"]) -> "Accounts":
        def join(name: str) -> np.ndarray | pa.Array:
            values = [getattr(p, name) for p in parts]
            return pa.concat_arrays(values) if isinstance(values[0], pa.Array) else np.concatenate(values)

        return Accounts(**{f.name: join(f.name) for f in fields(Accounts)})


def strings(values: np.ndarray | list[str]) -> pa.Array:
    return pa.array(values, type=pa.string())


@dataclass
class TweetRows:
    """A block of tweets. Content codes are what the row shows: a retweet carries its original's."""

    id: np.ndarray  # int64: tweet id, NO_ID until written (originals get theirs when created)
    author: np.ndarray  # int64: account index
    time: np.ndarray  # int64: epoch seconds, whole minutes
    kind: np.ndarray  # int8: ORIGINAL / RETWEET / REPLY / QUOTE
    topic: np.ndarray  # int16: index into vocabulary.TOPICS
    phrase_a: np.ndarray  # int32: phrase choice (taken modulo the topic's phrase count)
    phrase_b: np.ndarray  # int32
    hashtag: np.ndarray  # int16: index into vocabulary.HASHTAGS, -1
    url: np.ndarray  # int32: index into the run's URL list, -1
    client: np.ndarray  # int8: index into vocabulary.CLIENTS
    target_id: np.ndarray  # int64: id of the tweet retweeted / replied to / quoted, -1
    target_author: np.ndarray  # int64: its author, -1

    def __len__(self) -> int:
        return int(self.author.shape[0])

    @staticmethod
    def concat(parts: list["TweetRows"]) -> "TweetRows":
        parts = [p for p in parts if len(p)] or parts[:1] or [empty_rows()]
        if len(parts) == 1:
            return parts[0]
        return TweetRows(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(TweetRows)})

    def take(self, index: np.ndarray) -> "TweetRows":
        return TweetRows(**{f.name: getattr(self, f.name)[index] for f in fields(TweetRows)})

    def targetable(self) -> np.ndarray:
        """Rows others may retweet, reply to or quote: originals whose id is already known."""
        return np.flatnonzero((self.kind == ORIGINAL) & (self.id >= 0))


def empty_rows() -> TweetRows:
    i64 = np.zeros(0, np.int64)
    return TweetRows(i64, i64, i64, np.zeros(0, np.int8), np.zeros(0, np.int16), np.zeros(0, np.int32),
                     np.zeros(0, np.int32), np.zeros(0, np.int16), np.zeros(0, np.int32), np.zeros(0, np.int8), i64, i64)


def new_posts(author: np.ndarray, time: np.ndarray, topic: np.ndarray | int, client: np.ndarray, rng: np.random.Generator,
              hashtag: np.ndarray | None = None, url: np.ndarray | None = None) -> TweetRows:
    """Posts with their own content (phrases drawn here); times floored to whole minutes; ids not yet set."""
    n = int(author.shape[0])
    return TweetRows(
        id=np.full(n, NO_ID, np.int64),
        author=author.astype(np.int64),
        time=(time.astype(np.int64) // 60) * 60,
        kind=np.zeros(n, np.int8),
        topic=np.broadcast_to(np.asarray(topic, np.int16), (n,)).copy(),
        phrase_a=rng.integers(0, 1 << 20, n, dtype=np.int32),
        phrase_b=rng.integers(0, 1 << 20, n, dtype=np.int32),
        hashtag=(np.full(n, -1, np.int16) if hashtag is None else hashtag.astype(np.int16)),
        url=(np.full(n, -1, np.int32) if url is None else url.astype(np.int32)),
        client=client.astype(np.int8),
        target_id=np.full(n, -1, np.int64),
        target_author=np.full(n, -1, np.int64),
    )


def once_per_pair(ok: np.ndarray, who: np.ndarray, what: np.ndarray) -> np.ndarray:
    """``ok`` keeping only the first row of each (``who``, ``what``) pair among its rows: an account retweets a
    given post once."""
    pair = np.where(ok, who.astype(np.int64) * (1 << 32) + what, -1 - np.arange(who.shape[0]))
    _, first = np.unique(pair, return_index=True)
    keep = np.zeros(who.shape[0], bool)
    keep[first] = True
    return ok & keep


def retweets_of(originals: TweetRows, index: np.ndarray, author: np.ndarray, time: np.ndarray,
                client: np.ndarray) -> TweetRows:
    """Retweets by ``author`` at ``time`` of ``originals[index]``: they show the original's content."""
    n = int(index.shape[0])
    return TweetRows(
        id=np.full(n, NO_ID, np.int64),
        author=author.astype(np.int64),
        time=(time.astype(np.int64) // 60) * 60,
        kind=np.full(n, RETWEET, np.int8),
        topic=originals.topic[index],
        phrase_a=originals.phrase_a[index],
        phrase_b=originals.phrase_b[index],
        hashtag=originals.hashtag[index],
        url=originals.url[index],
        client=client.astype(np.int8),
        target_id=originals.id[index],
        target_author=originals.author[index],
    )


@dataclass
class Follows:
    src: np.ndarray  # int64 account index
    dst: np.ndarray  # int64 account index
    observed: np.ndarray  # int64 epoch seconds


@dataclass
class IpObservations:
    account: np.ndarray  # int64 account index
    network: np.ndarray  # int64 index into the infrastructure's networks
    host: np.ndarray  # int64 offset of the address inside its network
    first_seen: np.ndarray  # int64 epoch seconds
    last_seen: np.ndarray  # int64
    count: np.ndarray  # int64
