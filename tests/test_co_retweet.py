"""Co-retweet pairs: the pure computation on hand-made arrays, the file reader, and the CLI command."""

from __future__ import annotations

import csv
import gzip
import itertools
import subprocess
import sys
import tracemalloc
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from netforensics.cli import app
from netforensics.detect.co_retweet import (
    _distinct_per_tweet,
    co_retweet_pair_blocks,
    co_retweet_pairs,
    matching_event_pairs,
)
from netforensics.detect.share_events import ARCHIVE_FORMAT, SHARES_FORMAT, detect_format, read_share_events
from netforensics.errors import NetforensicsError

SAMPLE = Path(__file__).parent / "data" / "real" / "coortweet_russian_coord_tweets.csv.gz"


def as_dict(pairs) -> dict[tuple[int, int], int]:
    return {(int(a), int(b)): int(w) for a, b, w in zip(*pairs)}


def reference(account, tweet, time, window, min_weight=1) -> dict[tuple[int, int], int]:
    """The definition, written naively: distinct tweets per pair of distinct accounts within |dt| <= window."""
    tweets: dict[tuple[int, int], set[int]] = defaultdict(set)
    for i, j in itertools.combinations(range(len(account)), 2):
        if tweet[i] == tweet[j] and account[i] != account[j] and abs(time[i] - time[j]) <= window:
            a, b = sorted((int(account[i]), int(account[j])))
            tweets[(a, b)].add(int(tweet[i]))
    return {pair: len(ts) for pair, ts in tweets.items() if len(ts) >= min_weight}


# --- the computation --------------------------------------------------------------------------------------------


def test_window_bounds_are_inclusive() -> None:
    account, tweet, time = [0, 1, 2], [7, 7, 7], [100.0, 110.0, 120.5]
    assert as_dict(co_retweet_pairs(account, tweet, time, 10)) == {(0, 1): 1}
    assert as_dict(co_retweet_pairs(account, tweet, time, 10.5)) == {(0, 1): 1, (1, 2): 1}
    assert as_dict(co_retweet_pairs(account, tweet, time, 9.999)) == {}
    assert as_dict(co_retweet_pairs(account, tweet, time, 20.5)) == {(0, 1): 1, (0, 2): 1, (1, 2): 1}


def test_zero_window_pairs_only_simultaneous_retweets() -> None:
    pairs = co_retweet_pairs([0, 1, 2], [5, 5, 5], [60, 60, 61], 0)
    assert as_dict(pairs) == {(0, 1): 1}


def test_different_tweets_never_pair() -> None:
    assert as_dict(co_retweet_pairs([0, 1], [1, 2], [0, 0], 3600)) == {}


def test_tweet_retweeted_twice_by_one_account_counts_once() -> None:
    # Account 0 retweets tweet 3 at t=0 and t=100; account 1 at t=5 and t=105: two matching event pairs, one tweet.
    pairs = co_retweet_pairs([0, 0, 1, 1], [3, 3, 3, 3], [0, 100, 5, 105], 10)
    assert as_dict(pairs) == {(0, 1): 1}
    # The second retweet alone can make the match.
    assert as_dict(co_retweet_pairs([0, 0, 1], [3, 3, 3], [0, 100, 95], 10)) == {(0, 1): 1}


def test_no_self_pairs() -> None:
    pairs = co_retweet_pairs([4, 4, 4], [1, 1, 2], [0, 1, 1], 60)
    assert len(pairs.weight) == 0


def test_weight_counts_tweets_and_min_weight_filters() -> None:
    account = [0, 1, 0, 1, 0, 2]
    tweet = [1, 1, 2, 2, 3, 3]
    time = [0, 5, 50, 52, 90, 99]
    assert as_dict(co_retweet_pairs(account, tweet, time, 10)) == {(0, 1): 2, (0, 2): 1}
    assert as_dict(co_retweet_pairs(account, tweet, time, 10, min_weight=2)) == {(0, 1): 2}
    assert as_dict(co_retweet_pairs(account, tweet, time, 10, min_weight=3)) == {}


def test_pairs_are_ordered_and_sorted() -> None:
    pairs = co_retweet_pairs([9, 3, 5, 1], [0, 0, 0, 0], [0, 1, 2, 3], 10)
    assert (pairs.account_1 < pairs.account_2).all()
    assert list(zip(pairs.account_1, pairs.account_2)) == sorted(itertools.combinations([1, 3, 5, 9], 2))
    assert pairs.weight.dtype == np.int64


@pytest.mark.parametrize("seed", range(40))
def test_matches_naive_definition_whatever_the_chunking_and_threads(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 90))
    account = rng.integers(0, 15, n)  # few accounts and tweets: many repeated retweets and shared tweets
    tweet = rng.integers(0, 6, n)
    # odd seeds: half-second times (float ranking); even seeds: whole seconds (integer keys), also negative
    time = rng.integers(-20, 50, n) + (rng.choice([0.0, 0.5], n) if seed % 2 else 0.0)
    window = float(rng.choice([0, 0.5, 1, 3.5, 10, 60]))
    min_weight = int(rng.integers(1, 3))
    expected = reference(account, tweet, time, window, min_weight)
    for chunk_pairs in (1, 3, 17, 1 << 20):
        for threads in (1, 2, 3):
            for raw_bytes in (0, 1 << 30):  # counted chunk by chunk, or all keys kept and sorted once
                for pass_pairs in (1, 7, 1 << 27):  # in passes over ranges of account_1, or all at once
                    got = co_retweet_pairs(account, tweet, time, window, min_weight=min_weight,
                                           chunk_pairs=chunk_pairs, threads=threads, raw_bytes=raw_bytes,
                                           pass_pairs=pass_pairs)
                    assert as_dict(got) == expected
    shuffled = rng.permutation(n)
    got = co_retweet_pairs(account[shuffled], tweet[shuffled], time[shuffled], window, min_weight=min_weight)
    assert as_dict(got) == expected


@pytest.mark.parametrize("key_high", [1_000, 1 << 62])  # (tweet, key) packed into one int64, or too wide for it
def test_entries_of_repeated_retweets_are_made_distinct_per_tweet(key_high: int) -> None:
    rng = np.random.default_rng(key_high % 97)
    tweet = np.sort(rng.integers(0, 40, 3_000)) + 500
    key = rng.integers(0, key_high, 3_000)
    key[::3] = key[0]  # the same pair in many tweets, and twice in some
    got_tweet, got_key = _distinct_per_tweet(tweet, key)
    expected = sorted(set(zip(tweet.tolist(), key.tolist())))
    assert list(zip(got_tweet.tolist(), got_key.tolist())) == expected


@pytest.mark.parametrize("raw_bytes", [0, 1 << 30])
def test_large_account_indices_match_the_naive_definition(raw_bytes: int) -> None:
    """Millions of account indices: pair keys beyond 32 bits within one bucket take the 64-bit path."""
    rng = np.random.default_rng(5)
    n = 400
    account = rng.choice([0, 7, 1_500_000, 2_999_999, 2_000_001, 123_456], n)
    tweet = rng.integers(0, 4, n)
    time = rng.integers(0, 30, n).astype(float)
    expected = reference(account, tweet, time, 5.0, 1)
    for chunk_pairs in (3, 1 << 20):
        for pass_pairs in (50, 1 << 27):
            got = co_retweet_pairs(account, tweet, time, 5.0, chunk_pairs=chunk_pairs, raw_bytes=raw_bytes,
                                   pass_pairs=pass_pairs)
            assert as_dict(got) == expected


def test_empty_input() -> None:
    pairs = co_retweet_pairs(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0), 60)
    assert len(pairs.account_1) == len(pairs.account_2) == len(pairs.weight) == 0


@pytest.mark.parametrize(
    ("account", "tweet", "time", "window", "message"),
    [
        ([0, 1], [0], [0, 1], 10, "same length"),
        ([0.5, 1], [0, 0], [0, 1], 10, "integer"),
        ([0, -1], [0, 0], [0, 1], 10, "non-negative"),
        ([0, 1], [0, 0], [0, float("nan")], 10, "NaN"),
        ([0, 1], [0, 0], [0, 1], -1, "window"),
    ],
)
def test_bad_input_is_a_clear_error(account, tweet, time, window, message) -> None:
    with pytest.raises(ValueError, match=message):
        co_retweet_pairs(account, tweet, time, window)


def test_viral_tweet_is_not_quadratic() -> None:
    """30,000 retweeters of one tweet, one every 7 s for 58 hours, window 60 s: each pairs with the next 8."""
    n = 30_000
    rng = np.random.default_rng(5)
    account = rng.permutation(n)  # account ids unrelated to time order
    time = np.arange(n) * 7.0 + 1_600_000_000
    # A second viral tweet retweeted by the same accounts in the same rhythm: every pair gets weight 2.
    account = np.concatenate([account, account])
    tweet = np.repeat([0, 1], n)
    time = np.concatenate([time, time + 86_400 * 10])
    expected_pairs = 8 * n - 36  # sum over k of min(8, n - 1 - k)
    assert matching_event_pairs(account, tweet, time, 60) == 2 * expected_pairs

    tracemalloc.start()
    pairs = co_retweet_pairs(account, tweet, time, 60)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert len(pairs.weight) == expected_pairs
    assert (pairs.weight == 2).all()
    rank = np.empty(n, np.int64)
    rank[account[:n]] = np.arange(n)  # position in time of each account
    gaps = np.abs(rank[pairs.account_1] - rank[pairs.account_2])
    assert gaps.min() == 1 and gaps.max() == 8
    # All-pairs would be n(n-1)/2 = 450M pairs (GBs); the window keeps it to a few MB.
    assert peak < 150 * 2**20


def test_synchronised_burst_is_counted_exactly_across_chunks() -> None:
    """1,500 accounts retweet in the same second, some twice: every pair once, however the work is chunked."""
    n = 1_500
    account = np.concatenate([np.arange(n), np.arange(0, n, 7)])
    time = np.full(len(account), 1_000.0)
    tweet = np.zeros(len(account), np.int64)
    pairs = co_retweet_pairs(account, tweet, time, 0, chunk_pairs=50_000)
    assert len(pairs.weight) == n * (n - 1) // 2
    assert (pairs.weight == 1).all()


def test_burst_memory_is_bounded_by_the_pass_size_not_the_answer() -> None:
    """A burst whose pairs exceed ``pass_pairs`` is counted in passes over ranges of account_1: the blocks come out
    pass by pass, and the largest allocation follows the pass, not the 4.5 M pairs of the answer."""
    n = 3_000
    account = np.arange(n)
    tweet = np.zeros(n, np.int64)
    time = np.arange(n) % 30 + 1_000.0
    expected = n * (n - 1) // 2
    tracemalloc.start()
    try:
        total = 0
        last = -1
        for block in co_retweet_pair_blocks(account, tweet, time, 60, chunk_pairs=1 << 14, pass_pairs=250_000):
            assert int(block.account_1[0]) > last  # blocks in order across passes
            last = int(block.account_1[-1])
            assert (block.weight == 1).all()
            total += len(block.weight)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert total == expected
    # All at once this holds 36 MB of raw keys and 72 MB of counted pairs; in passes, a few MB per pass.
    assert peak < 20_000_000, peak


# --- reading files -----------------------------------------------------------------------------------------------

ARCHIVE_HEADER = (
    "tweetid,userid,user_display_name,user_screen_name,user_reported_location,user_profile_description,"
    "user_profile_url,follower_count,following_count,account_creation_date,account_language,tweet_language,"
    "tweet_text,tweet_time,tweet_client_name,in_reply_to_userid,in_reply_to_tweetid,quoted_tweet_tweetid,"
    "is_retweet,retweet_userid,retweet_tweetid,latitude,longitude,quote_count,reply_count,like_count,"
    "retweet_count,hashtags,urls,user_mentions,poll_choices"
).split(",")


def write_archive(path: Path, rows: list[dict[str, str]], compress: bool = False) -> None:
    opener = gzip.open if compress else open
    with opener(path, "wt", newline="", encoding="utf-8") as fh:  # type: ignore[operator]
        writer = csv.DictWriter(fh, ARCHIVE_HEADER, restval="")
        writer.writeheader()
        writer.writerows(rows)


def archive_row(tweetid: str, userid: str, time: str, original: str, is_retweet: str = "True") -> dict[str, str]:
    return {
        "tweetid": tweetid,
        "userid": userid,
        "tweet_time": time,
        "is_retweet": is_retweet,
        "retweet_tweetid": original,
        "tweet_text": f"RT @x: line one,\nline \"two\" {tweetid}",
        "hashtags": "['香港']",
        "latitude": "absent",
    }


def test_sample_reads_as_shares() -> None:
    events = read_share_events([SAMPLE])
    assert events.formats == (SHARES_FORMAT,)
    assert events.rows_read == 35_125
    assert events.duplicates_dropped == 40  # repeated content_id rows: first occurrence kept
    assert len(events) == 35_085
    assert events.resolution == 1.0
    ids = events.account_ids.to_pylist()
    assert ids == sorted(ids) and len(ids) == 9_509


def test_archive_retweets_with_big_ids_and_minute_times(tmp_path: Path) -> None:
    big = "1167093541463793664"  # overflows a float: must survive as a string
    rows = [
        archive_row("1", big, "2019-08-19 10:00", "900"),
        archive_row("2", "u2", "2019-08-19 10:01", "900"),
        archive_row("3", "u3", "2019-08-19 10:03", "900"),
        archive_row("4", "u4", "2019-08-19 10:00", "900", is_retweet="False"),  # not a retweet
        archive_row("5", "u5", "2019-08-19 10:00", ""),  # retweet without an original: skipped as a non-retweet
        archive_row("6", "u6", "not a time", "900"),  # unreadable time: skipped and counted
        archive_row("1", "u7", "2019-08-19 10:00", "900"),  # repeated tweetid: first wins
    ]
    path = tmp_path / "tweets.csv.gz"
    write_archive(path, rows, compress=True)
    assert detect_format(path) == ARCHIVE_FORMAT
    events = read_share_events([path])
    assert events.rows_read == 5 and events.rows_skipped == 1 and events.duplicates_dropped == 1
    ids = events.account_ids.to_pylist()
    assert ids == sorted([big, "u2", "u3"])
    by_account = dict(zip([ids[a] for a in events.account], events.time.tolist()))
    assert by_account[big] == 1566208800.0  # 2019-08-19 10:00 UTC
    assert by_account["u3"] - by_account[big] == 180
    pairs = co_retweet_pairs(events.account, events.tweet, events.time, 60)
    assert {(ids[a], ids[b]) for a, b in zip(pairs.account_1, pairs.account_2)} == {(big, "u2")}


def test_archive_seconds_times_missing_accounts_and_look_alike_ids(tmp_path: Path) -> None:
    """Times with seconds are read beside minute times; a retweet without an account is skipped and counted; share
    ids that are the same number but not the same string ("01", "1") are two events, not a duplicate."""
    rows = [
        archive_row("01", "u1", "2019-08-19 10:00:30", "900"),
        archive_row("1", "u2", "2019-08-19 10:01", "900"),
        archive_row("2", "", "2019-08-19 10:01", "900"),  # no account: skipped
        archive_row("3", "u3", "2019-08-19 10:02:31", "900"),
    ]
    path = tmp_path / "tweets.csv"
    write_archive(path, rows)
    events = read_share_events([path])
    assert events.rows_read == 4 and events.rows_skipped == 1 and events.duplicates_dropped == 0
    ids = events.account_ids.to_pylist()
    assert dict(zip([ids[a] for a in events.account], (events.time - events.time.min()).tolist())) == {
        "u1": 0.0, "u2": 30.0, "u3": 121.0
    }
    pairs = co_retweet_pairs(events.account, events.tweet, events.time, 60)
    assert {(ids[a], ids[b]) for a, b in zip(pairs.account_1, pairs.account_2)} == {("u1", "u2")}


def test_gzip_detected_by_content_not_name(tmp_path: Path) -> None:
    path = tmp_path / "shares.csv"
    with gzip.open(path, "wt") as fh:
        fh.write("object_id,account_id,content_id,timestamp_share\nt1,a,r1,10\nt1,b,r2,12.5\n")
    events = read_share_events([path])
    assert len(events) == 2 and events.time.tolist() == [10.0, 12.5]


def test_shares_rows_without_account_tweet_or_readable_time_are_skipped(tmp_path: Path) -> None:
    """A clean file takes Arrow's strict number cast; one unusual time sends every row through the checks."""
    header = "object_id,account_id,content_id,timestamp_share\n"
    clean = tmp_path / "clean.csv"
    clean.write_text(header + "t1,a,r1,10\nt1,b,r2,1.25e1\nt1,c,r3,-3\n")
    events = read_share_events([clean])
    assert (events.rows_read, events.rows_skipped, events.time.tolist()) == (3, 0, [10.0, 12.5, -3.0])
    messy = tmp_path / "messy.csv"
    rows = ["t1,a,r1, 10 ", "t1,b,r2,12.5", "t1,,r3,11", ",c,r4,11", "t1,d,r5,nan", "t1,e,r6,inf", "t1,f,r7,soon",
            "t1,g,r8,"]
    messy.write_text(header + "\n".join(rows) + "\n")
    events = read_share_events([messy])
    assert (events.rows_read, events.rows_skipped) == (8, 6)
    assert events.account_ids.to_pylist() == ["a", "b"] and events.time.tolist() == [10.0, 12.5]


def test_shares_times_beyond_float64_are_skipped_not_a_traceback(tmp_path: Path) -> None:
    """1e400 looks like a number but casts to infinity: skipped and counted like "inf"."""
    path = tmp_path / "huge.csv"
    path.write_text("object_id,account_id,content_id,timestamp_share\nt1,a,1,1e400\nt1,b,2,5\nt1,c,3,-1E+999\nt1,d,4,6\n")
    events = read_share_events([path])
    assert (events.rows_read, events.rows_skipped, events.time.tolist()) == (4, 2, [5.0, 6.0])
    out = tmp_path / "pairs.csv"
    result = CliRunner().invoke(app, ["network", "co-retweet", str(path), "--window", "60", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text() == "account_1,account_2,weight\nb,d,1\n"
    assert "2 rows skipped" in result.output


@pytest.mark.parametrize("window", ["inf", "nan", "-inf", "-1"])
def test_window_that_is_not_a_finite_number_is_a_usage_error(tmp_path: Path, window: str) -> None:
    path = tmp_path / "s.csv"
    path.write_text("object_id,account_id,content_id,timestamp_share\nt1,a,1,5\nt1,b,2,6\n")
    result = CliRunner().invoke(app, ["network", "co-retweet", str(path), "--window", window, "--out",
                                      str(tmp_path / "o.csv")])
    assert result.exit_code == 2, result.output
    assert "--window" in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    assert not (tmp_path / "o.csv").exists()


def test_command_out_of_memory_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A numpy allocation that fails while pairing names the work and the fix, not a traceback."""
    import netforensics.cli.network as network

    def exhausted(*args, progress, **kwargs):  # type: ignore[no-untyped-def]
        progress(0, 199_990_000)
        raise MemoryError("Unable to allocate 1.5 GiB")
        yield  # pragma: no cover

    monkeypatch.setattr(network, "co_retweet_pair_blocks", exhausted)
    path = tmp_path / "s.csv"
    path.write_text("object_id,account_id,content_id,timestamp_share\nt1,a,1,5\nt1,b,2,6\n")
    out = tmp_path / "o.csv"
    result = CliRunner().invoke(app, ["network", "co-retweet", str(path), "--window", "60", "--out", str(out)])
    # The CLI's entry point prints a NetforensicsError as one "error:" line with its exit code (1).
    assert isinstance(result.exception, NetforensicsError) and result.exception.exit_code == 1
    message = str(result.exception)
    assert "out of memory pairing 199,990,000 retweet pairs" in message and "--window" in message
    assert not out.exists()


def test_unknown_header_names_what_was_expected_and_found(tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    path.write_text("src_account_id,dst_account_id\na,b\n")
    with pytest.raises(NetforensicsError) as err:
        read_share_events([path])
    text = str(err.value)
    assert "object_id,account_id,content_id,timestamp_share" in text and "tweetid" in text
    assert "found src_account_id,dst_account_id" in text and "\n" not in text


# --- the command -------------------------------------------------------------------------------------------------


def test_command_writes_sorted_string_ordered_pairs(tmp_path: Path) -> None:
    out = tmp_path / "pairs.csv"
    result = CliRunner().invoke(app, ["network", "co-retweet", str(SAMPLE), "--window", "60", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "6,206 pairs" in result.output
    with out.open(newline="") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["account_1", "account_2", "weight"]
    body = [(a, b, int(w)) for a, b, w in rows[1:]]
    assert len(body) == 6_206
    assert all(a < b for a, b, _ in body)
    assert body == sorted(body)
    events = read_share_events([SAMPLE])
    ids = events.account_ids.to_pylist()
    expected = co_retweet_pairs(events.account, events.tweet, events.time, 60)
    assert body == [(ids[a], ids[b], int(w)) for a, b, w in zip(*expected)]

    strong = tmp_path / "strong.csv"
    result = CliRunner().invoke(
        app, ["network", "co-retweet", str(SAMPLE), "--window", "60", "--out", str(strong), "--min-weight", "3"]
    )
    assert result.exit_code == 0, result.output
    with strong.open(newline="") as fh:
        weights = [int(row["weight"]) for row in csv.DictReader(fh)]
    assert weights and min(weights) >= 3 and len(weights) == int((expected.weight >= 3).sum())


def test_command_warns_below_minute_resolution(tmp_path: Path) -> None:
    rows = [archive_row(str(i), f"u{i % 7}", f"2019-08-19 10:{i % 60:02d}", str(900 + i % 3)) for i in range(40)]
    path = tmp_path / "tweets.csv"
    write_archive(path, rows)
    out = tmp_path / "pairs.csv"
    result = CliRunner().invoke(app, ["network", "co-retweet", str(path), "--window", "10", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "below the data's time resolution (60 s" in result.output
    result = CliRunner().invoke(app, ["network", "co-retweet", str(path), "--window", "60", "--out", str(out)])
    assert "resolution" not in result.output


def test_command_error_is_one_line_and_exit_code_1(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("a,b\n1,2\n")
    command = Path(sys.executable).parent / "netforensics"
    done = subprocess.run(
        [str(command), "network", "co-retweet", str(path), "--window", "60", "--out", str(tmp_path / "o.csv")],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("error:") and "found a,b" in lines[0]
    assert "Traceback" not in done.stderr


def test_command_process_writes_everything_before_it_ends(tmp_path: Path) -> None:
    """The network commands end their process without Python's teardown: output and messages must be complete."""
    out = tmp_path / "pairs.csv"
    command = Path(sys.executable).parent / "netforensics"
    done = subprocess.run([str(command), "network", "co-retweet", str(SAMPLE), "--window", "60", "--out", str(out)],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "6,206 pairs among" in done.stderr and str(out) in done.stderr
    text = out.read_text()
    assert text.endswith("\n") and len(text.splitlines()) == 6_207
    help_text = subprocess.run([str(command), "network", "co-retweet", "--help"], capture_output=True, text=True)
    assert help_text.returncode == 0 and "--window" in help_text.stdout


def test_pairs_csv_quotes_only_when_needed_and_batches(tmp_path: Path) -> None:
    from netforensics.detect.share_events import write_pairs_csv
    import pyarrow as pa

    a1, a2, w = np.array([0, 0, 1]), np.array([1, 2, 2]), np.array([3, 1, 2])
    plain = tmp_path / "plain.csv"
    write_pairs_csv(a1, a2, w, pa.array(["a", "b", "c"]), plain, batch_rows=2)
    assert plain.read_text() == "account_1,account_2,weight\na,b,3\na,c,1\nb,c,2\n"
    odd = tmp_path / "odd.csv"
    write_pairs_csv(a1, a2, w, pa.array(["a,1", 'b"', "c"]), odd, batch_rows=1)
    with odd.open(newline="") as fh:
        assert list(csv.reader(fh)) == [["account_1", "account_2", "weight"], ["a,1", 'b"', "3"], ["a,1", "c", "1"], ['b"', "c", "2"]]


def test_pairs_csv_batches_shrink_with_long_ids() -> None:
    """A few MiB of CSV per encoded batch, whatever the ids' length (see BATCH_BYTES)."""
    from netforensics.detect.share_events import BATCH_BYTES, batch_rows_for
    import pyarrow as pa

    hashed = batch_rows_for(pa.array(["x" * 44] * 10))  # `--hashed` ids
    assert hashed == BATCH_BYTES // 92 and hashed * 92 <= BATCH_BYTES
    assert batch_rows_for(pa.array(["a", "b"])) == 1 << 19  # one-character ids: the upper bound
    assert batch_rows_for(pa.array(["x" * 100_000])) == 1 << 14  # absurdly long ids: the lower bound
    assert batch_rows_for(pa.array([], type=pa.string())) == 1 << 19


def test_pairs_csv_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    """A write that fails halfway leaves the previous file as it was and no part file behind."""
    from netforensics.detect.share_events import write_pair_blocks_csv
    import pyarrow as pa

    out = tmp_path / "pairs.csv"
    out.write_text("account_1,account_2,weight\nold,run,1\n")
    ids = pa.array(["a", "b", "c"])

    def failing_blocks():
        yield np.array([0]), np.array([1]), np.array([2])
        raise RuntimeError("killed while counting")

    with pytest.raises(RuntimeError):
        write_pair_blocks_csv(failing_blocks(), ids, out, batch_rows=1)
    assert out.read_text() == "account_1,account_2,weight\nold,run,1\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]
    write_pair_blocks_csv([(np.array([0]), np.array([1]), np.array([2]))], ids, out)
    assert out.read_text() == "account_1,account_2,weight\na,b,2\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pairs.csv"]


def test_max_partners_pairs_each_retweet_with_its_next_ones_only() -> None:
    accounts = np.arange(10, dtype=np.int64)
    tweets = np.zeros(10, dtype=np.int64)
    times = np.arange(10, dtype=np.float64)
    exact = co_retweet_pairs(accounts, tweets, times, 100.0)
    assert len(exact.account_1) == 45
    banded = co_retweet_pairs(accounts, tweets, times, 100.0, max_partners=2)
    assert sorted(zip(banded.account_1.tolist(), banded.account_2.tolist())) == sorted(
        [(i, i + 1) for i in range(9)] + [(i, i + 2) for i in range(8)])
    assert co_retweet_pairs(accounts, tweets, times, 100.0, max_partners=100).account_1.tolist() == exact.account_1.tolist()
    with pytest.raises(ValueError, match="max_partners"):
        co_retweet_pairs(accounts, tweets, times, 100.0, max_partners=0)
