"""Co-retweet pairs: two accounts that retweeted the same tweet within a time window of each other.

This is the synchronised-amplification layer. It is pure: arrays in, arrays out, no database and no I/O, so the
Neo4j detection pipeline (arrays projected from the graph) and the file command ``netforensics network co-retweet``
(arrays read from CSV) share exactly one implementation.

Definition (the same as QUT's coordination-network-toolkit ``co_retweet``; see ``docs/co-retweet.md``):

* a retweet event is ``(account, original tweet, time)``;
* two events *match* when they retweet the same original tweet, come from two different accounts, and their
  times differ by at most ``window`` seconds (``|t1 - t2| <= window``, both bounds inclusive);
* the weight of the account pair ``{a, b}`` is the number of distinct original tweets for which ``a`` and ``b``
  have at least one matching pair of events. A tweet counts once per pair even when an account retweeted it
  several times; an account is never paired with itself.

Cost: the events are sorted per tweet by time and only pairs inside the window are generated, so the work is
``O(n log n + P log P)`` for ``n`` events and ``P`` matching event pairs, never ``O(k^2)`` for a tweet with ``k``
retweeters spread over time. ``P`` is the output's own size before aggregation: a tweet retweeted by ``k`` accounts
inside one window yields ``k (k - 1) / 2`` pairs, and no method can report them with less. Memory is bounded by
``chunk_pairs`` event pairs in flight plus the distinct account pairs of one pass (at most ``pass_pairs``).
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from netforensics.arrays import unique_sorted

#: Event pairs expanded at once; about 100 bytes each in flight, so the default keeps a chunk near 25 MB (smaller
#: chunks fault in fewer fresh pages: 2.6 s instead of 2.9 s on the HK-scale retweets, 0.19 instead of 0.21 s at 300k).
DEFAULT_CHUNK_PAIRS = 1 << 18
#: Up to this many bytes of event pair keys (8 each) are kept whole and sorted once, rather than counted per chunk.
RAW_BYTES = 1 << 30
#: At most this many event pairs are counted at once. Beyond it, the pairs are counted in passes over ranges of their
#: smaller account (each pass expands every chunk again and keeps its range), so memory does not grow with the answer.
PASS_PAIRS = RAW_BYTES // 8
#: The passes are cut from a histogram of event pairs over this many ranges of the smaller account.
_PASS_GROUPS = 1 << 16

# key = a * n_accounts + b must fit in int64.
_MAX_ACCOUNTS = 3_037_000_499

ProgressCallback = Callable[[int, int], None]
"""Called as ``progress(event_pairs_done, event_pairs_total)`` once before the work and after each chunk."""


_T = TypeVar("_T")


class CoRetweetPairs(NamedTuple):
    """Account pairs with their co-retweet weight; three aligned int64 arrays, sorted by ``(account_1, account_2)``.

    ``account_1 < account_2`` on every row; each unordered pair appears once.
    """

    account_1: npt.NDArray[np.int64]
    account_2: npt.NDArray[np.int64]
    weight: npt.NDArray[np.int64]


class _SortedEvents(NamedTuple):
    account: npt.NDArray[np.int64]  # per event, sorted by (tweet, time)
    tweet_rank: npt.NDArray[np.int64]  # dense 0..T-1 rank of the event's tweet, non-decreasing
    partners: npt.NDArray[np.int64]  # how many later events of the same tweet lie within the window


class _ChunkCounts(NamedTuple):
    keys: npt.NDArray[np.int64]  # distinct pair keys of the chunk, sorted (raw: every key, sorted)
    counts: npt.NDArray[np.int64]  # how many tweets gave each key (raw: empty)
    pending_tweets: npt.NDArray[np.int64]  # entries touching repeated events: tweet rank ...
    pending_keys: npt.NDArray[np.int64]  # ... and pair key, made distinct per tweet later
    bucket_offsets: npt.NDArray[np.int64] | None = None  # raw keys: where each bucket's keys start (and end)


def _validate(
    account: npt.ArrayLike, tweet: npt.ArrayLike, time: npt.ArrayLike, window: float
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64]]:
    acc = np.asarray(account)
    twt = np.asarray(tweet)
    tim = np.asarray(time)
    for name, arr in (("account", acc), ("tweet", twt), ("time", tim)):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be a one-dimensional array, got shape {arr.shape}")
    if not (len(acc) == len(twt) == len(tim)):
        raise ValueError(f"account, tweet and time must have the same length, got {len(acc)}, {len(twt)}, {len(tim)}")
    for name, arr in (("account", acc), ("tweet", twt)):
        if len(arr) and not np.issubdtype(arr.dtype, np.integer):
            raise ValueError(f"{name} must hold integer indices (factorise ids first), got dtype {arr.dtype}")
        if len(arr) and arr.min() < 0:
            raise ValueError(f"{name} indices must be non-negative")
    if len(tim) and not (np.issubdtype(tim.dtype, np.integer) or np.issubdtype(tim.dtype, np.floating)):
        raise ValueError(f"time must be numeric seconds, got dtype {tim.dtype}")
    times = tim.astype(np.float64, copy=False)
    if len(times) and not np.isfinite(times).all():
        raise ValueError("time holds NaN or infinite values")
    if not np.isfinite(window) or window < 0:
        raise ValueError(f"window must be a finite number of seconds >= 0, got {window}")
    return acc.astype(np.int64, copy=False), twt.astype(np.int64, copy=False), times


def _sort_events(
    account: npt.NDArray[np.int64], tweet: npt.NDArray[np.int64], time: npt.NDArray[np.float64], window: float,
    keep_ties: bool = True,
) -> _SortedEvents:
    """Sort events by (tweet, time) and count, per event, the later events of its tweet inside the window.

    ``keep_ties``: events at the same time of the same tweet stay in input order (which of them are "next" matters
    when partners are capped). Without a cap every pair of them matches whatever their order, and an unstable sort
    (SIMD on x86) is several times faster."""
    n = len(account)
    if n and np.array_equal(time, np.floor(time)):
        fast = _sort_whole_seconds(account, tweet, time, window, keep_ties)
        if fast is not None:
            return fast
    order = np.lexsort((time, tweet))
    acc = account[order]
    twt = tweet[order]
    tim = time[order]
    tweet_rank = np.zeros(n, dtype=np.int64)
    np.cumsum(twt[1:] != twt[:-1], out=tweet_rank[1:])
    # One searchsorted over all tweets at once: replace each time and each "time + window" by its rank among
    # all of them (exact float comparisons, no precision lost), then search the key (tweet_rank, rank).
    reach = tim + float(window)
    _, inverse = np.unique(np.concatenate([tim, reach]), return_inverse=True)
    levels = np.int64(inverse.max()) + 1
    key = tweet_rank * levels + inverse[:n]
    end = np.searchsorted(key, tweet_rank * levels + inverse[n:], side="right")
    partners = end - np.arange(1, n + 1, dtype=np.int64)
    return _SortedEvents(acc, tweet_rank, partners)


def _sort_whole_seconds(
    account: npt.NDArray[np.int64], tweet: npt.NDArray[np.int64], time: npt.NDArray[np.float64], window: float,
    keep_ties: bool = True,
) -> _SortedEvents | None:
    """:func:`_sort_events` for whole-second times (archives, shares files): one integer key (tweet, time) replaces
    the two-key sort and the float ranking; for integers ``t2 - t1 <= window`` is ``t2 - t1 <= floor(window)``.
    None when the key would not fit in 63 bits."""
    low, high = float(time.min()), float(time.max())
    reach = int(np.floor(window))
    span = int(high - low) + reach + 1
    if (int(tweet.max()) + 1) * span >= 1 << 62:
        return None
    offset = (time - low).astype(np.int64)
    key = tweet * np.int64(span) + offset
    order = np.argsort(key, kind="stable" if keep_ties else "quicksort")
    key = key[order]
    twt = tweet[order]
    tweet_rank = np.zeros(len(key), dtype=np.int64)
    np.cumsum(twt[1:] != twt[:-1], out=tweet_rank[1:])
    end = np.searchsorted(key, key + reach, side="right")
    partners = end - np.arange(1, len(key) + 1, dtype=np.int64)
    return _SortedEvents(account[order], tweet_rank, partners)


def matching_event_pairs(
    account: npt.ArrayLike, tweet: npt.ArrayLike, time: npt.ArrayLike, window: float
) -> int:
    """How many event pairs (same tweet, within ``window`` seconds) the computation will expand.

    This is the work and transient size of :func:`co_retweet_pairs` (self pairs included), available before
    running it: callers can warn about a giant synchronised burst. Same inputs as :func:`co_retweet_pairs`.
    """
    acc, twt, tim = _validate(account, tweet, time, window)
    if len(acc) == 0:
        return 0
    return int(_sort_events(acc, twt, tim, window, keep_ties=False).partners.sum())


def _merge_counts(
    keys: list[npt.NDArray[np.int64]], counts: list[npt.NDArray[np.int64]]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Sum the counts of equal keys across partial results (each sorted); returns sorted unique keys and totals."""
    if len(keys) == 1:
        return keys[0], counts[0]
    k = np.concatenate(keys)
    c = np.concatenate(counts)
    if len(k) == 0:
        return k, c
    # Each part is sorted, so a stable sort (timsort) only merges runs. When key and count fit one int64 together,
    # sort the packed values: one pass, no argsort and gathers.
    shift = int(c.max()).bit_length()
    if int(k.max()) < (1 << (63 - shift)):
        packed = k << shift
        packed |= c
        packed.sort(kind="stable")
        k = packed >> shift
        c = packed & ((1 << shift) - 1)
    else:
        order = np.argsort(k, kind="stable")
        k = k[order]
        c = c[order]
    last = np.flatnonzero(np.append(k[1:] != k[:-1], True))
    running = np.cumsum(c)[last]
    running[1:] -= running[:-1].copy()
    return k[last], running


class _KeyCounter:
    """Sums the counts of pair keys that arrive as sorted runs (one per chunk), in memory O(result + a few chunks),
    or as raw keys (each counting 1) when the caller can afford to hold every key until the end.

    Keys are split by account range into buckets; each bucket merges its runs when they outgrow what it has merged
    (amortised O(P log P)), so a merge touches one bucket, not the whole result, and buckets merge in parallel.
    Raw keys come sorted per chunk and are only split by bucket: each bucket sorts its runs together once, at the end.
    """

    def __init__(self, n_accounts: int, chunk_pairs: int, buckets: int = 64, first: int = 0,
                 end: int | None = None) -> None:
        # Pairs whose smaller account lies in first..end-1 (default: all).
        span = (n_accounts if end is None else end) - first
        buckets = max(1, min(buckets, span))
        # Bucket b holds the pairs whose smaller account a has (a - first) * buckets // span == b; its first key is
        # that of the smallest such a, first + ceil(b * span / buckets).
        first_account = first + (np.arange(1, buckets, dtype=np.int64) * span + buckets - 1) // buckets
        self.bounds = first_account * n_accounts
        self.low = first * n_accounts
        self.keys: list[list[npt.NDArray[np.int64]]] = [[] for _ in range(buckets)]
        self.raw: list[list[npt.NDArray[np.int64]]] = [[] for _ in range(buckets)]
        self.counts: list[list[npt.NDArray[np.int64]]] = [[] for _ in range(buckets)]
        self.size = [0] * buckets
        self.merged = [0] * buckets
        self.min_merge = max(1, 8 * chunk_pairs // buckets)

    def add(self, keys: npt.NDArray[np.int64], counts: npt.NDArray[np.int64]) -> None:
        if len(keys) == 0:
            return
        cuts = np.searchsorted(keys, self.bounds).tolist()
        for bucket, (lo, hi) in enumerate(zip([0, *cuts], [*cuts, len(keys)])):
            if hi == lo:
                continue
            self.keys[bucket].append(keys[lo:hi])
            self.counts[bucket].append(counts[lo:hi])
            self.size[bucket] += hi - lo
            if self.size[bucket] - self.merged[bucket] > max(self.min_merge, self.merged[bucket]):
                self._merge(bucket)

    def offsets_of(self, sorted_keys: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """Where each bucket's keys start in ``sorted_keys`` (and, last, where they end); thread-safe."""
        offsets = np.empty(len(self.bounds) + 2, dtype=np.int64)
        offsets[0], offsets[-1] = 0, len(sorted_keys)
        offsets[1:-1] = np.searchsorted(sorted_keys, self.bounds)
        return offsets

    def add_raw(self, keys: npt.NDArray[np.int64], offsets: npt.NDArray[np.int64]) -> None:
        for bucket in np.flatnonzero(np.diff(offsets)).tolist():
            self.raw[bucket].append(keys[offsets[bucket]:offsets[bucket + 1]])

    def _merge(self, bucket: int, final: bool = False) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        if self.raw[bucket]:
            raw = np.concatenate(self.raw[bucket]) if len(self.raw[bucket]) > 1 else self.raw[bucket][0].copy()
            self.raw[bucket] = []
            low = int(self.bounds[bucket - 1]) if bucket else self.low
            if int(raw.max()) - low < (1 << 32):
                # Sorting 32-bit offsets from the bucket's first key is markedly faster than sorting 64-bit keys.
                offsets, c = _count_keys((raw - low).astype(np.uint32))
                k = offsets.astype(np.int64) + low
            else:
                k, c = _count_keys(raw)
            self.keys[bucket].append(k)
            self.counts[bucket].append(c)
        if not self.keys[bucket]:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty
        k, c = _merge_counts(self.keys[bucket], self.counts[bucket])
        # The final merge hands the bucket over: the counter keeps nothing, so memory falls as blocks are consumed.
        self.keys[bucket], self.counts[bucket] = ([], []) if final else ([k], [c])
        self.size[bucket] = self.merged[bucket] = 0 if final else len(k)
        return k, c

    def blocks(self, pool: ThreadPoolExecutor, ahead: int,
               finish: Callable[[npt.NDArray[np.int64], npt.NDArray[np.int64]], _T]) -> Iterator[_T]:
        """``finish(keys, counts)`` of each bucket (its keys sorted, with their total counts), in key order; merged and
        finished in ``pool``, ``ahead`` at a time."""
        in_flight: deque[Future[_T]] = deque()
        for bucket in range(len(self.keys)):
            in_flight.append(pool.submit(lambda b: finish(*self._merge(b, True)), bucket))
            if len(in_flight) > ahead:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def _repeated_events(acc: npt.NDArray[np.int64], tweet_rank: npt.NDArray[np.int64], n_accounts: int) -> npt.NDArray[np.bool_]:
    """Per event: does its account have another event of the same tweet?"""
    n = len(acc)
    if n == 0:
        return np.zeros(0, dtype=bool)
    if (int(tweet_rank.max()) + 1) * n_accounts > 1 << 63:
        by_tweet_account = np.lexsort((acc, tweet_rank))  # (tweet, account) does not fit one int64
        same = (acc[by_tweet_account[1:]] == acc[by_tweet_account[:-1]]) & (
            tweet_rank[by_tweet_account[1:]] == tweet_rank[by_tweet_account[:-1]]
        )
        repeated = np.zeros(n, dtype=bool)
        repeated[by_tweet_account[1:][same]] = True
        repeated[by_tweet_account[:-1][same]] = True
        return repeated
    # (tweet, account) as one int64: sorting the values (no argsort) finds the repeated ones (isin makes them distinct).
    tweet_account = tweet_rank * n_accounts + acc
    ordered = np.sort(tweet_account)
    repeats = ordered[1:][ordered[1:] == ordered[:-1]]
    if len(repeats) == 0:
        return np.zeros(n, dtype=bool)
    return np.isin(tweet_account, repeats, kind="sort")


def _pairs_of(keys: npt.NDArray[np.int64], weights: npt.NDArray[np.int64], n_accounts: int, min_weight: int) -> CoRetweetPairs:
    """A bucket's pair keys and weights as :class:`CoRetweetPairs`, pairs below ``min_weight`` dropped."""
    if min_weight > 1:
        strong = weights >= min_weight
        keys, weights = keys[strong], weights[strong]
    account_1, account_2 = np.divmod(keys, n_accounts)
    return CoRetweetPairs(account_1, account_2, weights)


def _count_keys(keys: npt.NDArray[Any]) -> tuple[npt.NDArray[Any], npt.NDArray[np.int64]]:
    """Sorted distinct keys and how often each occurs (sorts ``keys`` in place)."""
    keys.sort()
    starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
    counts = np.diff(np.append(starts, len(keys)))
    return keys[starts], counts.astype(np.int64, copy=False)


def _distinct_per_tweet(
    tweet_rank: npt.NDArray[np.int64], key: npt.NDArray[np.int64]
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Drop repeated (tweet, pair key) entries; returns the distinct entries, sorted by (tweet, key)."""
    if len(key) == 0:
        return tweet_rank, key
    low = int(tweet_rank.min())
    shift = int(key.max()).bit_length()
    if int(tweet_rank.max()) - low < (1 << (63 - shift)):
        # (tweet, key) packed into one int64 (it fits at HK scale): one sort, no inverse indices.
        packed = unique_sorted(((tweet_rank - low) << shift) | key)
        return (packed >> shift) + low, packed & ((1 << shift) - 1)
    # Two single-key sorts beat a two-key lexsort: number the distinct keys, then fold (tweet, key number) into one.
    keys, key_number = np.unique(key, return_inverse=True)
    tweets, tweet_number = np.unique(tweet_rank, return_inverse=True)
    combined = unique_sorted(tweet_number.astype(np.int64) * len(keys) + key_number)
    return tweets[combined // len(keys)], keys[combined % len(keys)]


def co_retweet_pairs(
    account: npt.ArrayLike,
    tweet: npt.ArrayLike,
    time: npt.ArrayLike,
    window: float,
    *,
    min_weight: int = 1,
    chunk_pairs: int = DEFAULT_CHUNK_PAIRS,
    progress: ProgressCallback | None = None,
    max_partners: int | None = None,
    threads: int | None = None,
    raw_bytes: int = RAW_BYTES,
    pass_pairs: int = PASS_PAIRS,
) -> CoRetweetPairs:
    """Weighted co-retweet account pairs from retweet events, as one :class:`CoRetweetPairs`.

    The concatenation of :func:`co_retweet_pair_blocks` (same arguments; see there for the definition and options).
    """
    blocks = list(co_retweet_pair_blocks(account, tweet, time, window, min_weight=min_weight, chunk_pairs=chunk_pairs,
                                         progress=progress, max_partners=max_partners, threads=threads,
                                         raw_bytes=raw_bytes, pass_pairs=pass_pairs))
    if not blocks:
        empty = np.zeros(0, dtype=np.int64)
        return CoRetweetPairs(empty, empty.copy(), empty.copy())
    if len(blocks) == 1:
        return blocks[0]
    return CoRetweetPairs(*(np.concatenate([block[i] for block in blocks]) for i in range(3)))


def co_retweet_pair_blocks(
    account: npt.ArrayLike,
    tweet: npt.ArrayLike,
    time: npt.ArrayLike,
    window: float,
    *,
    min_weight: int = 1,
    chunk_pairs: int = DEFAULT_CHUNK_PAIRS,
    progress: ProgressCallback | None = None,
    max_partners: int | None = None,
    threads: int | None = None,
    raw_bytes: int = RAW_BYTES,
    pass_pairs: int = PASS_PAIRS,
) -> Iterator[CoRetweetPairs]:
    """Weighted co-retweet account pairs from retweet events, in consecutive blocks (a range of ``account_1`` each).

    A caller that writes the pairs out block by block never holds the whole result (the CLI does this).

    Inputs (aligned one-dimensional arrays, one entry per retweet event; any order):

    * ``account`` — non-negative integer index of the retweeting account (factorised ids);
    * ``tweet`` — non-negative integer index of the original tweet that was retweeted;
    * ``time`` — when the retweet happened, in seconds (int or float; any common origin);
    * ``window`` — seconds; events match when ``|t1 - t2| <= window`` (inclusive);
    * ``min_weight`` — keep only pairs with at least this many co-retweeted tweets (>= 1);
    * ``chunk_pairs`` — event pairs expanded per step (memory knob, result does not depend on it);
    * ``progress`` — optional ``callback(event_pairs_done, event_pairs_total)``: the total (the work, known before it
      starts; see :func:`matching_event_pairs`) comes with the first call, so a caller can warn about huge bursts;
    * ``max_partners`` — pair each event only with the next ``max_partners`` events of its tweet inside the window
      (in time order): a burst of ``k`` retweeters yields about ``k * max_partners`` pairs instead of ``k^2 / 2``,
      still one connected band. ``None`` (the default, and what ``netforensics network co-retweet`` uses) is the
      exact definition above; the detection layer caps it (see ``LayerParams.co_retweet_max_partners``);
    * ``threads`` — chunks expanded in parallel (default: the machine's cores; the result does not depend on it);
    * ``raw_bytes`` — when all event pairs fit in this many bytes (8 each), keep them and sort once at the end (faster);
      beyond it, count chunk by chunk so memory follows the result, not the work (the result does not depend on it);
    * ``pass_pairs`` — when more event pairs than this match, count them in passes, each over a range of
      ``account_1`` holding at most about this many event pairs (found by a first pass that only counts them), and
      finish each range's blocks before the next: memory is bounded by it, not by the size of the answer, for the
      price of expanding the event pairs once more per pass. ``progress`` then reports the work of every pass
      (its total grows once the passes are known). The result does not depend on it.

    Output: :class:`CoRetweetPairs` blocks ``(account_1, account_2, weight)``, int64 arrays sorted by
    ``(account_1, account_2)`` within and across blocks (empty blocks are skipped), with ``account_1 < account_2`` (the same integer indices as the input) and
    ``weight`` = number of distinct original tweets both accounts retweeted within ``window`` seconds of each
    other. Repeated retweets of one tweet by one account count once for that tweet; self pairs are never reported.

    Raises ``ValueError`` on malformed input (shapes, dtypes, negative indices, NaN times, negative window).
    """
    if int(min_weight) != min_weight or min_weight < 1:
        raise ValueError(f"min_weight must be an integer >= 1, got {min_weight}")
    if int(chunk_pairs) != chunk_pairs or chunk_pairs < 1:
        raise ValueError(f"chunk_pairs must be an integer >= 1, got {chunk_pairs}")
    if int(pass_pairs) != pass_pairs or pass_pairs < 1:
        raise ValueError(f"pass_pairs must be an integer >= 1, got {pass_pairs}")
    acc_in, twt_in, tim_in = _validate(account, tweet, time, window)
    empty = np.zeros(0, dtype=np.int64)
    n = len(acc_in)
    if n == 0:
        if progress is not None:
            progress(0, 0)
        return
    n_accounts = int(acc_in.max()) + 1
    if n_accounts > _MAX_ACCOUNTS:
        raise ValueError(f"account indices up to {n_accounts - 1} do not fit the int64 pair key; factorise ids first")

    acc, tweet_rank, partners = _sort_events(acc_in, twt_in, tim_in, window, keep_ties=max_partners is not None)
    if max_partners is not None:
        if int(max_partners) != max_partners or max_partners < 1:
            raise ValueError(f"max_partners must be an integer >= 1, got {max_partners}")
        partners = np.minimum(partners, max_partners)

    # Events whose account retweeted the same tweet more than once: pairs touching them may repeat within the
    # tweet and must be made distinct per tweet. Everywhere else a (tweet, pair) is generated at most once.
    repeated = _repeated_events(acc, tweet_rank, n_accounts)
    has_repeats = bool(repeated.any())

    cumulative = np.cumsum(partners)
    work = int(cumulative[-1])
    if progress is not None:
        progress(0, work)

    bounds = []
    start = 0
    while start < n:
        base = int(cumulative[start - 1]) if start else 0
        stop = max(int(np.searchsorted(cumulative, base + chunk_pairs, side="right")), start + 1)
        bounds.append((start, stop))
        start = stop

    def event_pairs(start: int, stop: int) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
        """(earlier, later) event indices of the event pairs of events start..stop-1."""
        base = int(cumulative[start - 1]) if start else 0
        counts = partners[start:stop]
        total = int(cumulative[stop - 1]) - base
        if not total:
            return empty, empty
        # Ragged expansion: event i pairs with events i+1 .. i+partners[i], all in the same tweet.
        src = np.repeat(np.arange(start, stop, dtype=np.int64), counts)
        run_start = np.cumsum(counts) - counts
        dst = src + (np.arange(total, dtype=np.int64) - np.repeat(run_start, counts) + 1)
        return src, dst

    # Every pass is one range of smaller accounts, key range [key_low, key_high); one pass (all) when the work fits.
    passes = [(0, n_accounts, work)]
    groups = min(n_accounts, _PASS_GROUPS)

    def group_histogram(start: int, stop: int) -> npt.NDArray[np.int64]:
        """Event pairs of events start..stop-1 (self pairs excluded) per group of their smaller account."""
        src, dst = event_pairs(start, stop)
        a, b = acc[src], acc[dst]
        del src, dst
        smaller = np.minimum(a, b)[a != b]
        del a, b
        return np.bincount(smaller * groups // n_accounts, minlength=groups).astype(np.int64, copy=False)

    def run_chunks(submit: Callable[[int, int], Future[_T]], fold: Callable[[_T, int], None], workers: int) -> None:
        # numpy releases the GIL while it sorts and gathers, so chunks expand in parallel threads. They are folded in
        # chunk order with at most `workers` in flight (memory stays bounded); the sums do not depend on the order.
        in_flight: deque[tuple[Future[_T], int]] = deque()
        for start, stop in bounds:
            in_flight.append((submit(start, stop), stop))
            if len(in_flight) >= workers:
                future, done_stop = in_flight.popleft()
                fold(future.result(), done_stop)
        while in_flight:
            future, done_stop = in_flight.popleft()
            fold(future.result(), done_stop)

    workers = max(1, threads if threads is not None else (os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        step, steps = 0, 1
        if work > pass_pairs:
            # A pair's counts are final only once every chunk is expanded (a pair gathers weight from every tweet),
            # so a range's pairs can be written only after a full pass; the ranges are cut so that each holds at
            # most pass_pairs event pairs (a single group may hold more: it is then counted chunk by chunk).
            histogram = np.zeros(groups, dtype=np.int64)

            def add_histogram(part: npt.NDArray[np.int64], stop: int) -> None:
                np.add(histogram, part, out=histogram)
                if progress is not None:
                    progress(int(cumulative[stop - 1]), 2 * work)

            run_chunks(lambda lo, hi: pool.submit(group_histogram, lo, hi), add_histogram, workers)
            passes = []
            first_group = 0
            running = np.cumsum(histogram)
            while first_group < groups:
                before = int(running[first_group - 1]) if first_group else 0
                end_group = max(int(np.searchsorted(running, before + pass_pairs, side="right")), first_group + 1)
                passes.append((first_group, end_group, int(running[end_group - 1]) - before))
                first_group = end_group
            # Group g starts at account ceil(g * n_accounts / groups).
            passes = [((g0 * n_accounts + groups - 1) // groups, (g1 * n_accounts + groups - 1) // groups, w)
                      for g0, g1, w in passes if w]
            step, steps = 1, 1 + len(passes)

        for first, end, pass_work in passes:
            whole = first == 0 and end == n_accounts
            key_low, key_high = first * n_accounts, end * n_accounts
            counter = _KeyCounter(n_accounts, chunk_pairs, first=first, end=end)
            # Every event pair's key can be held until the end (8 bytes each): keep them, split by bucket, and count
            # each bucket once there, instead of counting every chunk and merging the counted runs. Otherwise count
            # per chunk to bound memory.
            keep_raw = pass_work * 8 <= raw_bytes
            pending_tweets: list[npt.NDArray[np.int64]] = []
            pending_keys: list[npt.NDArray[np.int64]] = []
            pending_size = 0

            def settle_pending(before_tweet: int | None) -> None:
                """Count the repeated-event entries of tweets that no later chunk can touch (all when None)."""
                nonlocal pending_tweets, pending_keys, pending_size
                if not pending_keys:
                    return
                t, k = _distinct_per_tweet(np.concatenate(pending_tweets), np.concatenate(pending_keys))
                cut = len(t) if before_tweet is None else int(np.searchsorted(t, before_tweet, side="left"))
                if cut:
                    counter.add(*_count_keys(k[:cut]))
                pending_tweets, pending_keys = [t[cut:]], [k[cut:]]
                pending_size = len(t) - cut

            def expand(start: int, stop: int) -> _ChunkCounts:
                """Event pairs of events start..stop-1 in this pass's range as pair keys, counted (or, with
                ``keep_raw``, only sorted), plus the entries touching repeated events. Runs in a worker thread: it
                reads shared arrays, writes none."""
                src, dst = event_pairs(start, stop)
                if not len(src):
                    return _ChunkCounts(empty, empty, empty, empty)
                a = acc[src]
                b = acc[dst]
                distinct_accounts = a != b
                if not distinct_accounts.all():
                    src, dst, a, b = (src[distinct_accounts], dst[distinct_accounts], a[distinct_accounts],
                                      b[distinct_accounts])
                key = np.minimum(a, b)
                np.maximum(a, b, out=b)
                key *= n_accounts
                key += b
                del a, b
                if not whole:
                    inside = (key >= key_low) & (key < key_high)
                    src, dst, key = src[inside], dst[inside], key[inside]
                touched_tweets, touched_keys = empty, empty
                if has_repeats:
                    touched = repeated[src] | repeated[dst]
                    if touched.any():
                        touched_tweets, touched_keys = tweet_rank[src[touched]], key[touched]
                        key = key[~touched]
                del src, dst
                if len(key) == 0:
                    return _ChunkCounts(empty, empty, touched_tweets, touched_keys)
                if keep_raw:
                    # Sorting the keys groups them by bucket (buckets are key ranges): cheaper than a radix argsort
                    # of the bucket numbers and the gather after it (1.1 s against 1.5 s on the HK-scale retweets).
                    key.sort()
                    return _ChunkCounts(key, empty, touched_tweets, touched_keys, counter.offsets_of(key))
                return _ChunkCounts(*_count_keys(key), touched_tweets, touched_keys)

            def fold(chunk: _ChunkCounts, stop: int) -> None:
                nonlocal pending_size
                if chunk.bucket_offsets is not None:
                    counter.add_raw(chunk.keys, chunk.bucket_offsets)
                else:
                    counter.add(chunk.keys, chunk.counts)
                if len(chunk.pending_keys):
                    pending_tweets.append(chunk.pending_tweets)
                    pending_keys.append(chunk.pending_keys)
                    pending_size += len(chunk.pending_keys)
                if pending_size > chunk_pairs and stop < n:
                    settle_pending(int(tweet_rank[stop]))
                if progress is not None:
                    progress(step * work + int(cumulative[stop - 1]), steps * work)

            run_chunks(lambda lo, hi: pool.submit(expand, lo, hi), fold, workers)
            settle_pending(None)
            for block in counter.blocks(pool, ahead=workers,
                                        finish=lambda k, w: _pairs_of(k, w, n_accounts, min_weight)):
                if len(block.weight):
                    yield block
            step += 1
