"""Incremental projection (the refresh's): cached tweet events plus the events of the tweets a load touched must
equal a full projection, including originals that arrive after their retweets; anything else falls back to full."""

from __future__ import annotations

import csv
from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest

from netforensics.graph.projection import Projection, project
from netforensics.graph.projection_cache import ProjectionCache, ProjectionSource
from netforensics.store.connection import GraphStore
from netforensics.store.evidence_writes import TouchedTweets
from netforensics.store.ingest import LoadOptions, load_files

pytestmark = pytest.mark.neo4j
HEADER = (Path(__file__).parent / "data" / "load" / "io_tweets.csv").read_text(encoding="utf-8").splitlines()[0].split(",")


def write_tweets(path: Path, rows: list[tuple[str, str, str, str, str]]) -> Path:
    """IO-archive tweets: (tweetid, userid, minute 'HH:MM' on 2019-08-02, retweet_tweetid, retweet_userid)."""
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER)
        writer.writeheader()
        for tweet, user, minute, original, original_user in rows:
            writer.writerow({
                "tweetid": tweet, "userid": user, "user_screen_name": f"user{user}", "follower_count": "10",
                "following_count": "20", "account_creation_date": "2019-01-01", "tweet_language": "en",
                "tweet_text": f"RT @x: {original}" if original else f"post {tweet}", "tweet_time": f"2019-08-02 {minute}",
                "is_retweet": "True" if original else "False", "retweet_tweetid": original, "retweet_userid": original_user,
                "latitude": "absent", "longitude": "absent", "hashtags": "[]", "urls": "[]", "user_mentions": "[]",
            })
    return path


# Day 1: r2 retweets o2, which has no row yet but a known author (an event with no original time); r3 retweets o3,
# whose author is unknown (no event yet).
DAY1 = [
    ("101", "1", "10:00", "", ""),
    ("201", "2", "10:01", "101", "1"),
    ("202", "3", "10:02", "102", "4"),
    ("203", "2", "10:03", "103", ""),
    ("204", "3", "10:04", "101", "1"),
]
# Day 2: o2 arrives; r8 names o3's author (o3 is touched only as a referenced tweet, and r3 becomes an event); new
# retweets and posts, a new stub original.
DAY2 = [
    ("102", "4", "09:00", "", ""),
    ("208", "9", "10:08", "103", "5"),
    ("205", "5", "10:05", "101", "1"),
    ("206", "6", "10:06", "102", "4"),
    ("107", "6", "11:00", "", ""),
    ("207", "7", "11:01", "108", "8"),
]
OTHER = [("301", "9", "12:00", "", "")]


def assert_same_projection(a: Projection, b: Projection) -> None:
    for f in fields(Projection):
        if f.name in ("timings", "tweet_events", "network_columns"):
            continue
        left, right = getattr(a, f.name), getattr(b, f.name)
        assert np.array_equal(left, right, equal_nan=left.dtype.kind == "f"), f.name
    assert a.tweet_events is not None and b.tweet_events is not None
    for name, values in a.tweet_events.arrays().items():
        assert np.array_equal(values, getattr(b.tweet_events, name)), name


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NETFORENSICS_HOME", str(tmp_path / "home"))
    return tmp_path


def cached_day1(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, "io-archive", [write_tweets(tmp_path / "day1_tweets.csv", DAY1)], LoadOptions())
    source = ProjectionSource.full(store)
    source.remember("run-1", source.project(store))


def test_incremental_projection_equals_a_full_one(store: GraphStore, home: Path) -> None:
    cached_day1(store, home)
    refresh = ProjectionSource.incremental(store, "run-1")
    assert refresh.base is not None and refresh.touched is not None
    results = load_files(store, "io-archive", [write_tweets(home / "day2_tweets.csv", DAY2)], LoadOptions(),
                         touched=refresh.touched)
    refresh.loaded_batches = {r.sha256 for r in results}
    cached = refresh.base.events
    assert cached.n_retweets == 3 and (cached.rt_original_at >= 0).sum() == 2  # r1, r4 (o1); r2 without o2's time

    incremental = refresh.project(store)
    assert refresh.incremental_used, refresh.why_full
    full = project(store)
    assert_same_projection(incremental, full)
    # the cases that make it hard: o2's time is now known, r3 became an event, r5 to r8 are new
    assert full.tweet_events is not None and full.tweet_events.n_retweets == 8 and full.tweet_events.n_posts == 3
    assert (full.tweet_events.rt_original_at >= 0).sum() == 5

    # what the refresh keeps serves the next one
    refresh.remember("run-2", incremental)
    again = ProjectionSource.incremental(store, "run-2")
    assert again.base is not None
    assert_same_projection(again.project(store), full)


def test_a_load_between_runs_means_a_full_projection(store: GraphStore, home: Path) -> None:
    cached_day1(store, home)
    load_files(store, "io-archive", [write_tweets(home / "other_tweets.csv", OTHER)], LoadOptions())
    refresh = ProjectionSource.incremental(store, "run-1")
    assert refresh.base is None and refresh.touched is None and "changed" in refresh.why_full
    assert ProjectionSource.incremental(store, "run-0").base is None  # the cache belongs to another run


def test_a_load_during_the_refresh_means_a_full_projection(store: GraphStore, home: Path) -> None:
    cached_day1(store, home)
    refresh = ProjectionSource.incremental(store, "run-1")
    assert refresh.touched is not None
    load_files(store, "io-archive", [write_tweets(home / "other_tweets.csv", OTHER)], LoadOptions())  # not the refresh's
    results = load_files(store, "io-archive", [write_tweets(home / "day2_tweets.csv", DAY2)], LoadOptions(),
                         touched=refresh.touched)
    refresh.loaded_batches = {r.sha256 for r in results}
    p = refresh.project(store)
    assert not refresh.incremental_used and "another load" in refresh.why_full
    assert_same_projection(p, project(store))


def test_too_many_touched_tweets_means_a_full_projection(store: GraphStore, home: Path) -> None:
    cached_day1(store, home)
    refresh = ProjectionSource.incremental(store, "run-1")
    refresh.touched = TouchedTweets(limit=3)
    results = load_files(store, "io-archive", [write_tweets(home / "day2_tweets.csv", DAY2)], LoadOptions(),
                         touched=refresh.touched)
    refresh.loaded_batches = {r.sha256 for r in results}
    assert refresh.touched.overflowed and not refresh.touched.ids
    refresh.project(store)
    assert not refresh.incremental_used and "more than 3" in refresh.why_full


def test_an_unreadable_cache_is_ignored(store: GraphStore, home: Path) -> None:
    cached_day1(store, home)
    cache = ProjectionCache.for_store(store)
    cache.path.write_bytes(b"not a cache")
    assert cache.load() is None
    assert ProjectionSource.incremental(store, "run-1").base is None


def write_text(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def cached_day1_with_network(store: GraphStore, tmp_path: Path) -> None:
    """Day 1 with follows, IP observations and ranges as well (accounts 1-3 exist from the tweets)."""
    load_files(store, "io-archive", [write_tweets(tmp_path / "day1_tweets.csv", DAY1)], LoadOptions())
    load_files(store, "follows", [write_text(tmp_path / "follows1.csv", "src_account_id,dst_account_id\n1,2\n2,3\n")],
               LoadOptions())
    load_files(store, "ip-ranges", [write_text(tmp_path / "ranges1.csv",
               "network,asn,as_org,country,is_vpn,kind\n198.51.100.0/24,64500,Exit Ltd,NL,true,vpn\n")], LoadOptions())
    load_files(store, "ips", [write_text(tmp_path / "ips1.csv", "account_id,ip,first_seen,last_seen\n"
               "1,198.51.100.7,2019-08-01 10:00,2019-08-01 11:00\n2,198.51.100.7,2019-08-01 10:00,2019-08-01 11:00\n")],
               LoadOptions())
    source = ProjectionSource.full(store)
    source.remember("run-1", source.project(store))


def refresh_loading(store: GraphStore, files: list[tuple[str, Path]]) -> ProjectionSource:
    refresh = ProjectionSource.incremental(store, "run-1")
    assert refresh.base is not None and refresh.touched is not None
    for source, path in files:
        for result in load_files(store, source, [path], LoadOptions(), touched=refresh.touched):
            refresh.loaded_batches.add(result.sha256)
            refresh.loaded_kinds.add(result.kind)
    return refresh


def test_follows_and_addresses_are_kept_when_the_refresh_loads_only_tweets(store: GraphStore, home: Path) -> None:
    cached_day1_with_network(store, home)
    refresh = refresh_loading(store, [("io-archive", write_tweets(home / "day2_tweets.csv", DAY2))])
    incremental = refresh.project(store)
    assert refresh.incremental_used and refresh.reused == ["follows", "ips"]
    assert "fetch_follows" not in incremental.timings and "fetch_ips" not in incremental.timings
    full = project(store)
    assert_same_projection(incremental, full)
    assert len(full.follow_src) == 2 and len(full.ip_account) == 2 and full.ip_kind.tolist() == [4]  # vpn
    refresh.remember("run-2", incremental)
    again = ProjectionSource.incremental(store, "run-2")
    assert again.base is not None and set(again.base.network) == {"follows", "ips"}


def test_follows_and_addresses_are_read_again_after_the_refresh_loads_them(store: GraphStore, home: Path) -> None:
    cached_day1_with_network(store, home)
    # a new follow, and the range re-classified: no IP count changes, only the network's kind
    refresh = refresh_loading(store, [
        ("io-archive", write_tweets(home / "day2_tweets.csv", DAY2)),
        ("follows", write_text(home / "follows2.csv", "src_account_id,dst_account_id\n3,1\n")),
        ("ip-ranges", write_text(home / "ranges2.csv",
                                 "network,asn,as_org,country,is_vpn,kind\n198.51.100.0/24,64500,Exit Ltd,NL,false,hosting\n")),
    ])
    incremental = refresh.project(store)
    assert refresh.incremental_used and refresh.reused == []
    full = project(store)
    assert_same_projection(incremental, full)
    assert len(full.follow_src) == 3 and full.ip_kind.tolist() == [3]  # hosting
