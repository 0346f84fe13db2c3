"""Column tables for generated accounts and tweets: numpy arrays, one entry per row.

Strings that vary per account (names, bios) are kept as numpy object arrays (one per account, a few
hundred thousand at most); tweets hold only integer codes and their texts are rendered chunk by chunk
when written (:mod:`netforensics.synth.writers`), so memory does not grow with text volume.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

import numpy as np

ORGANIC, CORE, AMPLIFIER = 0, 1, 2
ROLE_NAMES = ("organic", "core", "amplifier")

ORIGINAL, RETWEET, REPLY, QUOTE = 0, 1, 2, 3


@dataclass
class Accounts:
    role: np.ndarray  # int8: ORGANIC / CORE / AMPLIFIER (ground truth, written only to labels.csv)
    team: np.ndarray  # int16: operation team, -1 for organic
    community: np.ndarray  # int32: organic community, -1 for the operation
    created: np.ndarray  # int64: account creation, epoch seconds
    followers: np.ndarray  # int64
    following: np.ndarray  # int64
    lang: np.ndarray  # int16: index into vocabulary.ACCOUNT_LANGS
    utc_offset: np.ndarray  # float32: hours; where the person lives (drives posting hours)
    screen_name: np.ndarray  # object (str)
    display_name: np.ndarray  # object (str)
    description: np.ndarray  # object (str)
    location: np.ndarray  # object (str)
    profile_url: np.ndarray  # object (str)

    def __len__(self) -> int:
        return int(self.role.shape[0])

    @staticmethod
    def concat(parts: list["Accounts"]) -> "Accounts":
        return Accounts(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Accounts)})


@dataclass
class Tweets:
    author: np.ndarray  # int64: account index
    time: np.ndarray  # int64: epoch seconds, whole minutes
    kind: np.ndarray  # int8: ORIGINAL / RETWEET / REPLY / QUOTE
    target: np.ndarray  # int64: tweet index retweeted / replied to / quoted, -1
    topic: np.ndarray  # int16: index into vocabulary.TOPICS (for retweets: the original's)
    phrase_a: np.ndarray  # int32: phrase choice (taken modulo the topic's phrase count)
    phrase_b: np.ndarray  # int32
    hashtag: np.ndarray  # int16: index into vocabulary.HASHTAGS, -1
    url: np.ndarray  # int32: index into the run's URL list, -1
    client: np.ndarray  # int8: index into vocabulary.CLIENTS

    def __len__(self) -> int:
        return int(self.author.shape[0])

    @staticmethod
    def concat(parts: list["Tweets"]) -> "Tweets":
        return Tweets(**{f.name: np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Tweets)})

    def take(self, order: np.ndarray) -> "Tweets":
        return Tweets(**{f.name: getattr(self, f.name)[order] for f in fields(Tweets)})


@dataclass
class Follows:
    src: np.ndarray  # int64 account index
    dst: np.ndarray  # int64 account index
    observed: np.ndarray  # int64 epoch seconds

    @staticmethod
    def concat(parts: list["Follows"]) -> "Follows":
        return Follows(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(Follows)))


@dataclass
class IpObservations:
    account: np.ndarray  # int64 account index
    network: np.ndarray  # int64 index into the infrastructure's networks
    host: np.ndarray  # int64 offset of the address inside its network
    first_seen: np.ndarray  # int64 epoch seconds
    last_seen: np.ndarray  # int64
    count: np.ndarray  # int64

    @staticmethod
    def concat(parts: list["IpObservations"]) -> "IpObservations":
        return IpObservations(*(np.concatenate([getattr(p, f.name) for p in parts]) for f in fields(IpObservations)))


def empty_tweets() -> Tweets:
    i64 = np.zeros(0, np.int64)
    return Tweets(i64, i64, np.zeros(0, np.int8), i64, np.zeros(0, np.int16), np.zeros(0, np.int32),
                  np.zeros(0, np.int32), np.zeros(0, np.int16), np.zeros(0, np.int32), np.zeros(0, np.int8))


def make_tweets(author: np.ndarray, time: np.ndarray, kind: int | np.ndarray, target: np.ndarray | None,
                topic: np.ndarray | int, client: np.ndarray, rng: np.random.Generator,
                hashtag: np.ndarray | None = None, url: np.ndarray | None = None) -> Tweets:
    """Build a tweet block; phrase choices are drawn here, times floored to whole minutes."""
    n = int(author.shape[0])
    return Tweets(
        author=author.astype(np.int64),
        time=(time.astype(np.int64) // 60) * 60,
        kind=np.broadcast_to(np.asarray(kind, np.int8), (n,)).copy(),
        target=(np.full(n, -1, np.int64) if target is None else target.astype(np.int64)),
        topic=np.broadcast_to(np.asarray(topic, np.int16), (n,)).copy(),
        phrase_a=rng.integers(0, 1 << 20, n, dtype=np.int32),
        phrase_b=rng.integers(0, 1 << 20, n, dtype=np.int32),
        hashtag=(np.full(n, -1, np.int16) if hashtag is None else hashtag.astype(np.int16)),
        url=(np.full(n, -1, np.int32) if url is None else url.astype(np.int32)),
        client=client.astype(np.int8),
    )
