"""The tweet-derived part of a projection, as read from Neo4j: retweet events and own posts.

These are most of what a projection reads (every tweet of the graph), and the part a refresh can avoid re-reading:
a :class:`TweetEvents` kept from the previous run is brought up to date by replacing the events that involve the
tweets the refresh loaded (:func:`fetch_touching`, :meth:`TweetEvents.updated`). Columns stay as the queries return
them (internal node ids, epoch seconds, -1 for an unknown time); :func:`netforensics.graph.projection.project`
turns them into account numbers.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, fields
from typing import Any

import numpy as np
import numpy.typing as npt

from netforensics.arrays import unique_sorted
from netforensics.graph.columns import read_columns
from netforensics.store.connection import GraphStore

IntArray = npt.NDArray[np.int64]


@dataclass(frozen=True)
class TweetEvents:
    """Aligned columns of the ``projection-retweets`` (``rt_*``) and ``projection-posts`` (``post_*``) queries."""

    rt_retweet: IntArray  # the retweet's node
    rt_account: IntArray  # who retweeted (account node)
    rt_author: IntArray  # the original's author (account node)
    rt_original: IntArray  # the original's node
    rt_at: IntArray  # epoch seconds
    rt_original_at: IntArray  # epoch seconds, -1 when unknown
    post_tweet: IntArray
    post_account: IntArray
    post_at: IntArray

    @classmethod
    def from_columns(cls, retweets: Mapping[str, list[Any]], posts: Mapping[str, list[Any]]) -> TweetEvents:
        def column(values: list[Any]) -> IntArray:
            return np.asarray(values, dtype=np.int64) if len(values) else np.zeros(0, dtype=np.int64)

        return cls(
            rt_retweet=column(retweets["retweet"]), rt_account=column(retweets["account"]),
            rt_author=column(retweets["author"]), rt_original=column(retweets["original"]),
            rt_at=column(retweets["at"]), rt_original_at=column(retweets["original_at"]),
            post_tweet=column(posts["tweet"]), post_account=column(posts["account"]), post_at=column(posts["at"]),
        )

    def arrays(self) -> dict[str, IntArray]:
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @property
    def n_retweets(self) -> int:
        return len(self.rt_retweet)

    @property
    def n_posts(self) -> int:
        return len(self.post_tweet)

    def canonical(self) -> TweetEvents:
        """The same events in one fixed order (retweets by retweet then original node, posts by tweet node), so
        a projection does not depend on the order the server returned them in or on how they were assembled."""
        rt_order = np.lexsort((self.rt_original, self.rt_retweet))
        post_order = np.argsort(self.post_tweet, kind="stable")
        return TweetEvents(**{name: values[rt_order if name.startswith("rt_") else post_order]
                              for name, values in self.arrays().items()})

    def updated(self, touched_nodes: IntArray, delta: TweetEvents) -> TweetEvents:
        """These events with every event that involves a touched tweet (as the retweet, the original or the post)
        replaced by ``delta``, the current events of the touched tweets."""
        touched = unique_sorted(np.asarray(touched_nodes, dtype=np.int64))
        keep_rt = ~(np.isin(self.rt_retweet, touched) | np.isin(self.rt_original, touched))
        keep_post = ~np.isin(self.post_tweet, touched)
        merged: dict[str, IntArray] = {}
        for name, values in self.arrays().items():
            keep = keep_rt if name.startswith("rt_") else keep_post
            merged[name] = np.concatenate([values[keep], getattr(delta, name)])
        return TweetEvents(**merged)


def fetch_touching(store: GraphStore, tweet_ids: Collection[str]) -> tuple[IntArray, TweetEvents]:
    """The nodes of ``tweet_ids`` (those that exist) and the current events that involve them."""
    ids = sorted(tweet_ids)
    nodes = read_columns(store, "tweet-nodes", {"ids": ids})["tweet"]
    events = TweetEvents.from_columns(read_columns(store, "retweets-touching", {"ids": ids}),
                                      read_columns(store, "posts-touching", {"ids": ids}))
    return np.asarray(nodes, dtype=np.int64), events
