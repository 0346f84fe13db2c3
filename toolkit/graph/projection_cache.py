"""Incremental projection: a run's tweet events are kept on disk, so the next refresh reads only what it loaded.

After a run completes, the retweet and post columns it read (:class:`TweetEvents`, most of a projection) are saved
under the data home with the run's id and a :class:`GraphStamp` taken just before they were read. A refresh reuses
them only when all of these hold, and otherwise reads everything, as a full run does:

1. the current run is the run that saved them;
2. before the refresh loads anything, the graph's stamp equals the saved one: nothing was loaded, re-loaded or
   deleted since (node and relationship counts, every load batch's status and finish time);
3. after loading, the load batches differ from before only by the refresh's own files (no other load ran);
4. the loads recorded every tweet they wrote or referenced (:class:`TouchedTweets`, bounded).

Then the events that involve those tweets are read again (as the retweet, the original or the post) and replace
the cached ones. The follows and the IP observations (with their networks' kind and country) are cached too and
reused unless the refresh itself loaded a file that can change them (``follows``; ``ips`` or ``ip-ranges``);
accounts are always read whole. Hand edits that change no count and no load batch (a tweet's time or a network's
kind edited in Browser) are not seen until the next full run (``netforensics clusters``).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import time
from collections.abc import Collection
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from netforensics.cypher_files import load as load_cypher
from netforensics.graph.projection import Projection, project
from netforensics.graph.tweet_events import TweetEvents, fetch_touching
from netforensics.settings import data_home
from netforensics.store.connection import GraphStore
from netforensics.store.evidence_writes import TouchedTweets

log = logging.getLogger(__name__)
CACHE_VERSION = 2
#: The load kinds (``FileResult.kind``) that can change what each cached network query returns.
CHANGED_BY: dict[str, frozenset[str]] = {"follows": frozenset({"follows"}), "ips": frozenset({"ips", "ip-ranges"})}


@dataclass(frozen=True)
class GraphStamp:
    accounts: int
    tweets: int
    posted: int
    retweets: int
    follows: int
    used_ips: int
    in_networks: int
    batches: tuple[tuple[str, str, str], ...]  # (sha256, status, finished_at), by sha256

    @classmethod
    def read(cls, store: GraphStore) -> GraphStamp:
        row = store.read(load_cypher("projection/stamp"))[0]
        return cls(**{name: int(row[name]) for name in _COUNTS},
                   batches=tuple(tuple(str(v) for v in batch) for batch in row["batches"]))  # type: ignore[arg-type, misc]

    def batches_without(self, shas: Collection[str]) -> tuple[tuple[str, str, str], ...]:
        return tuple(b for b in self.batches if b[0] not in shas)

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> GraphStamp:
        data = json.loads(text)
        return cls(**{name: int(data[name]) for name in _COUNTS},
                   batches=tuple(tuple(b) for b in data["batches"]))  # type: ignore[arg-type, misc]


_COUNTS = ("accounts", "tweets", "posted", "retweets", "follows", "used_ips", "in_networks")


@dataclass(frozen=True)
class CachedEvents:
    run: str
    stamp: GraphStamp
    events: TweetEvents
    network: dict[str, dict[str, Any]]  # raw columns of NETWORK_QUERIES, by query then column


class ProjectionCache:
    """One file per database: ``<data home>/cache/projection-<database key>.npz``."""

    def __init__(self, path: Path) -> None:
        self.path = path

    @classmethod
    def for_store(cls, store: GraphStore) -> ProjectionCache:
        settings = store.settings
        where = "local" if settings.managed else hashlib.sha256(settings.uri.encode()).hexdigest()[:12]
        return cls(data_home() / "cache" / f"projection-{where}-{settings.database}.npz")

    def load(self) -> CachedEvents | None:
        """The saved events, or None (no file, another format, unreadable: each means a full projection)."""
        if not self.path.is_file():
            return None
        try:
            with np.load(self.path, allow_pickle=False) as data:
                meta = json.loads(str(data["meta"]))
                if meta.get("version") != CACHE_VERSION:
                    return None
                events = TweetEvents(**{name: np.asarray(data[name], dtype=np.int64) for name in TweetEvents.__dataclass_fields__})
                network: dict[str, dict[str, Any]] = {}
                for key, kind in meta["network"].items():
                    query, column = key.split(".", 1)
                    values = data[key]
                    network.setdefault(query, {})[column] = values.tolist() if kind == "str" else np.asarray(values, dtype=np.int64)
            return CachedEvents(str(meta["run"]), GraphStamp.from_json(meta["stamp"]), events, network)
        except (OSError, ValueError, KeyError, TypeError) as err:
            log.warning("ignoring the projection cache %s: %s", self.path, err)
            return None

    def save(self, run: str, stamp: GraphStamp, events: TweetEvents, network: dict[str, dict[str, Any]]) -> None:
        """Write atomically (a reader sees the old file or the new one); a failure only costs the next refresh time."""
        columns: dict[str, Any] = {}
        kinds: dict[str, str] = {}
        for query, named in network.items():
            for column, values in named.items():
                text = len(values) == 0 or isinstance(values[0], str)  # (an empty column comes back as [])
                columns[f"{query}.{column}"] = np.asarray(values, dtype=str if text else np.int64)
                kinds[f"{query}.{column}"] = "str" if text else "int"
        meta = json.dumps({"version": CACHE_VERSION, "run": run, "stamp": stamp.to_json(), "network": kinds})
        partial = self.path.with_name(self.path.name + f".{os.getpid()}.partial")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(partial, "wb") as handle:
                np.savez(handle, meta=np.array(meta), **events.arrays(), **columns)
            os.replace(partial, self.path)
        except OSError as err:
            log.warning("could not save the projection cache %s: %s", self.path, err)
            partial.unlink(missing_ok=True)


class ProjectionSource:
    """How a detection run gets its projection, and what it keeps for the next one.

    :meth:`full` reads everything; :meth:`incremental` (the refresh, set up before it loads the inbox) reuses the
    cached events when the conditions of the module docstring hold. Either way :meth:`remember` saves the events
    of a completed run."""

    def __init__(self, cache: ProjectionCache | None, base: CachedEvents | None = None, why_full: str = "") -> None:
        self.cache = cache
        self.base = base
        self.touched: TouchedTweets | None = TouchedTweets() if base is not None else None
        self.loaded_batches: set[str] = set()  # sha256 of the files the refresh loaded
        self.loaded_kinds: set[str] = set()  # their kinds (FileResult.kind): which cached network columns still hold
        self.reused: list[str] = []
        self.why_full = why_full or ("" if base is not None else "no cached projection")
        self.incremental_used = False
        self._stamp: GraphStamp | None = None

    @classmethod
    def full(cls, store: GraphStore) -> ProjectionSource:
        return cls(ProjectionCache.for_store(store), why_full="a full run")

    @classmethod
    def incremental(cls, store: GraphStore, current_run: str | None) -> ProjectionSource:
        cache = ProjectionCache.for_store(store)
        cached = cache.load() if current_run is not None else None
        if cached is None:
            return cls(cache, why_full="no cached projection" if current_run else "no current run")
        if cached.run != current_run:
            return cls(cache, why_full=f"the cached projection is of run {cached.run}, not the current {current_run}")
        if GraphStamp.read(store) != cached.stamp:
            return cls(cache, why_full="the graph changed since the current run (a load, re-load or deletion)")
        return cls(cache, cached)

    def project(self, store: GraphStore, *, include_follows: bool = True) -> Projection:
        self._stamp = GraphStamp.read(store)
        base, touched = self.base, self.touched
        if base is not None and touched is not None:
            if touched.overflowed:
                self.why_full = f"the loads touched more than {touched.limit:,} tweets"
            elif self._stamp.batches_without(self.loaded_batches) != base.stamp.batches_without(self.loaded_batches):
                self.why_full = "another load ran during the refresh"
            else:
                seconds: dict[str, float] = {}

                def updated_events() -> TweetEvents:
                    started = time.perf_counter()
                    nodes, delta = fetch_touching(store, touched.ids)
                    seconds["fetch_touched"] = time.perf_counter() - started
                    return base.events.updated(nodes, delta)

                reuse = {name: columns for name, columns in base.network.items()
                         if name in CHANGED_BY and not CHANGED_BY[name] & self.loaded_kinds}
                p = project(store, include_follows=include_follows, events=updated_events, reuse=reuse)
                p.timings.update(seconds)
                self.incremental_used = True
                self.reused = sorted(name for name in reuse if name in p.network_columns)
                return p
        if self.base is not None:
            log.info("full projection: %s", self.why_full)
        return project(store, include_follows=include_follows)

    def remember(self, run: str, p: Projection) -> None:
        if self.cache is not None and self._stamp is not None and p.tweet_events is not None:
            self.cache.save(run, self._stamp, p.tweet_events, p.network_columns)

    def describe(self) -> dict[str, Any]:
        return {"incremental": self.incremental_used, "why_full": "" if self.incremental_used else self.why_full,
                "touched_tweets": len(self.touched.ids) if self.touched is not None else None,
                "reused": self.reused}
