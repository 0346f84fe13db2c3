"""Project the evidence graph out of Neo4j into numpy arrays: the input of every detection step.

Each ``cypher/projection/*.cypher`` query returns a single row of aligned lists (one list per column), which
the driver decodes far faster than millions of records; accounts are joined by internal node id (integers,
``searchsorted``), never by a per-event Python loop. Internal ids are used only inside one projection.

Accounts are indexed ``0..n-1`` in the sort order of their ids, so the same graph always gives the same
arrays (and, downstream, the same communities).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from netforensics.graph.columns import read_columns
from netforensics.graph.tweet_events import TweetEvents
from netforensics.store.connection import GraphStore

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Network kinds as small integer codes (``Projection.ip_kind``); anything else is ``unknown``.
NETWORK_KINDS: tuple[str, ...] = ("unknown", "residential", "mobile", "hosting", "vpn", "campus")
#: Countries whose residents reach the platform only through a VPN: a plain address there is notable.
MAINLAND_COUNTRIES: tuple[str, ...] = ("CN",)
#: A handle of letters followed by at least four digits: the platform's suggested default (``liyun271197393``).
DEFAULT_HANDLE_PATTERN = r"^[A-Za-z_]+[0-9]{4,}$"


@dataclass
class Projection:
    """Aligned arrays describing accounts and their behaviour. Times are epoch seconds (NaN when unknown)."""

    account_ids: npt.NDArray[np.object_]  # sorted account ids; the index is the account's number everywhere
    account_nodes: IntArray  # internal node ids of the accounts (valid for writing back within this run only)
    created: FloatArray
    followers: FloatArray
    following: FloatArray
    screen_names: npt.NDArray[np.object_]
    default_handle: BoolArray
    no_bio: BoolArray
    has_url: BoolArray
    hashed: BoolArray
    stub: BoolArray
    # retweet events: who retweeted which original tweet by whom, when
    rt_account: IntArray  # account numbers (positions in account_ids), as everywhere below
    rt_author: IntArray
    rt_tweet: IntArray  # index into tweet_nodes
    rt_time: FloatArray
    rt_original_time: FloatArray
    tweet_nodes: IntArray  # internal node ids of the retweeted originals (valid during this projection only)
    # own posts (not retweets)
    post_account: IntArray
    post_time: FloatArray
    # IP observations
    ip_account: IntArray
    ip_index: IntArray  # index into ip_nodes
    ip_nodes: IntArray  # internal node ids of the addresses
    ip_kind: npt.NDArray[np.int8]  # per address, index into NETWORK_KINDS
    ip_mainland: BoolArray  # per address
    # follows
    follow_src: IntArray
    follow_dst: IntArray
    tweet_events: TweetEvents | None = None  # the raw retweet and post columns read (kept for the next refresh)
    network_columns: dict[str, dict[str, Any]] = field(default_factory=dict)  # raw "follows" / "ips" columns, likewise
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def n_accounts(self) -> int:
        return len(self.account_ids)


def _fetch_all(store: GraphStore, names: list[str], timings: dict[str, float],
               workers: int = 2) -> dict[str, dict[str, list[Any]]]:
    """Run the projection queries two at a time (largest first): each is one server thread building its lists
    while the driver decodes another's, so both cores work."""
    def fetch(name: str) -> dict[str, list[Any]]:
        started = time.perf_counter()
        columns = read_columns(store, name)
        timings[f"fetch_{name}"] = time.perf_counter() - started
        return columns

    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="projection") as pool:
        futures = {name: pool.submit(fetch, name) for name in names}
        return {name: future.result() for name, future in futures.items()}


class NodeIndex:
    """Maps internal node ids of accounts to account numbers (positions in the sorted account ids); -1 for any
    other node. Node ids are dense in practice, so a table indexed by node id does it (one gather per lookup, 10x
    faster than a binary search over millions of events); a binary search serves ids too sparse for a table."""

    def __init__(self, nodes: IntArray) -> None:
        self._nodes = np.asarray(nodes, dtype=np.int64)
        self._table: npt.NDArray[np.int32] | None = None
        self._search: tuple[IntArray, IntArray] | None = None  # (order, sorted nodes), built when first needed
        n = len(self._nodes)
        if n and self._nodes.min() >= 0 and self._nodes.max() < max(1 << 24, 32 * n) and n < 1 << 31:
            self._table = np.full(int(self._nodes.max()) + 1, -1, dtype=np.int32)
            self._table[self._nodes[::-1]] = np.arange(n - 1, -1, -1, dtype=np.int32)  # a repeated node: first wins

    def __call__(self, nodes: Any) -> IntArray:
        values = np.asarray(nodes, dtype=np.int64)
        if len(self._nodes) == 0 or len(values) == 0:
            return np.full(len(values), -1, dtype=np.int64)
        if self._table is not None:
            found = np.full(len(values), -1, dtype=np.int64)
            inside = (values >= 0) & (values < len(self._table))
            found[inside] = self._table[values[inside]]
            return found
        if self._search is None:
            order = np.argsort(self._nodes, kind="stable")
            self._search = (order, self._nodes[order])
        order, ordered = self._search
        pos = np.minimum(np.searchsorted(ordered, values), len(ordered) - 1)
        return np.where(ordered[pos] == values, order[pos], -1)


def _times(values: Any) -> FloatArray:
    times = np.asarray(values, dtype=np.float64) if len(values) else np.zeros(0, dtype=np.float64)
    times[times < 0] = np.nan
    return times


def _dense(values: Any) -> tuple[IntArray, IntArray]:
    """Distinct values (sorted) and each value's position among them."""
    uniq, inverse = np.unique(np.asarray(values, dtype=np.int64), return_inverse=True)
    return uniq, inverse.astype(np.int64)


#: Queries whose raw columns a refresh may reuse from the previous run, instead of reading them again.
NETWORK_QUERIES: tuple[str, ...] = ("follows", "ips")


def project(store: GraphStore, *, include_follows: bool = True,
            events: Callable[[], TweetEvents] | None = None,
            reuse: Mapping[str, dict[str, Any]] | None = None) -> Projection:
    """Read accounts, retweets, posts, IPs and (optionally) follows into a :class:`Projection`.

    ``events``: gives the retweets and posts another way (an incremental projection); it runs while the rest is
    read. ``reuse``: columns of :data:`NETWORK_QUERIES` known to be unchanged, used instead of reading them."""
    timings: dict[str, float] = {}
    started = time.perf_counter()
    tweet_queries = ["retweets", "posts"] if events is None else []
    wanted = [name for name in NETWORK_QUERIES if include_follows or name != "follows"]
    reused = {name: columns for name, columns in (reuse or {}).items() if name in wanted}
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="tweet-events") as pool:
        given = pool.submit(events) if events is not None else None
        skip = set(reused) | (set(NETWORK_QUERIES) - set(wanted))
        to_read = [name for name in [*tweet_queries, "follows", "accounts", "ips"] if name not in skip]  # largest first
        fetched = {**_fetch_all(store, to_read, timings), **reused}
        tweet_events = given.result() if given is not None else TweetEvents.from_columns(fetched["retweets"], fetched["posts"])
    timings["fetch"] = time.perf_counter() - started
    started = time.perf_counter()
    tweet_events = tweet_events.canonical()
    timings["order"] = time.perf_counter() - started

    started = time.perf_counter()
    acc = fetched["accounts"]
    ids = np.asarray(acc["id"], dtype=object)
    order = np.argsort(ids, kind="stable")

    def column(key: str, dtype: Any) -> Any:
        return np.asarray(acc[key], dtype=dtype)[order] if len(acc[key]) else np.zeros(0, dtype=dtype)

    account_ids = ids[order] if len(ids) else np.zeros(0, dtype=object)
    account_nodes = column("node", np.int64)
    index = NodeIndex(account_nodes)
    screen_names = column("screen_name", object)
    default_handle = np.asarray(
        pc.match_substring_regex(pa.array(screen_names.tolist(), type=pa.string()), DEFAULT_HANDLE_PATTERN).fill_null(False),
        dtype=bool,
    )
    created, followers, following = (column(k, np.float64) for k in ("created", "followers", "following"))
    for values in (created, followers, following):
        values[values < 0] = np.nan
    timings["accounts"] = time.perf_counter() - started

    started = time.perf_counter()
    rt_account, rt_author = index(tweet_events.rt_account), index(tweet_events.rt_author)
    tweet_nodes, rt_tweet = _dense(tweet_events.rt_original)
    rt_time, rt_original_time = _times(tweet_events.rt_at), _times(tweet_events.rt_original_at)
    timings["retweets"] = time.perf_counter() - started

    started = time.perf_counter()
    post_account, post_time = index(tweet_events.post_account), _times(tweet_events.post_at)
    timings["posts"] = time.perf_counter() - started

    started = time.perf_counter()
    ips = fetched["ips"]
    ip_account = index(ips["account"])
    ip_nodes, ip_index = _dense(ips["ip"])
    kind_code = np.asarray(pc.index_in(pa.array(ips["kind"], type=pa.string()), value_set=pa.array(NETWORK_KINDS)).fill_null(0), dtype=np.int8)
    ip_kind = np.zeros(len(ip_nodes), dtype=np.int8)
    ip_kind[ip_index] = kind_code
    ip_mainland = np.zeros(len(ip_nodes), dtype=bool)
    ip_mainland[ip_index] = np.asarray(pc.is_in(pa.array(ips["country"], type=pa.string()), value_set=pa.array(MAINLAND_COUNTRIES)), dtype=bool)
    timings["ips"] = time.perf_counter() - started

    started = time.perf_counter()
    if include_follows:
        fol = fetched["follows"]
        follow_src, follow_dst = index(fol["source"]), index(fol["target"])
    else:
        follow_src = follow_dst = np.zeros(0, dtype=np.int64)
    timings["follows"] = time.perf_counter() - started

    keep_rt = (rt_account >= 0) & (rt_author >= 0) & (rt_account != rt_author) & ~np.isnan(rt_time)
    keep_ip = ip_account >= 0
    keep_follow = (follow_src >= 0) & (follow_dst >= 0) & (follow_src != follow_dst)
    keep_post = (post_account >= 0) & ~np.isnan(post_time)
    return Projection(
        account_ids=account_ids, account_nodes=account_nodes, created=created, followers=followers, following=following,
        screen_names=screen_names, default_handle=default_handle,
        no_bio=column("no_bio", bool), has_url=column("has_url", bool),
        hashed=column("hashed", bool), stub=column("stub", bool),
        rt_account=rt_account[keep_rt], rt_author=rt_author[keep_rt], rt_tweet=rt_tweet[keep_rt],
        rt_time=rt_time[keep_rt], rt_original_time=rt_original_time[keep_rt], tweet_nodes=tweet_nodes,
        post_account=post_account[keep_post], post_time=post_time[keep_post],
        ip_account=ip_account[keep_ip], ip_index=ip_index[keep_ip], ip_nodes=ip_nodes,
        ip_kind=ip_kind, ip_mainland=ip_mainland,
        follow_src=follow_src[keep_follow], follow_dst=follow_dst[keep_follow],
        tweet_events=tweet_events, network_columns={name: fetched[name] for name in wanted}, timings=timings,
    )
