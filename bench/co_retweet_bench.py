"""Benchmark: ``netforensics network co-retweet`` against QUT's coordination-network-toolkit, same input, same window.

Run from the repository root:  .venv/bin/python bench/co_retweet_bench.py [--window 60] [--events 300000 1000000]
[--archive DIR/tweets.csv]

For each input both tools run as separate processes, from the same file to a finished network:

* peer: ``compute_networks DB preprocess`` (CSV → SQLite) then ``compute_networks DB compute co_retweet``
  (``--n_cpus`` = this machine's cores, its default), the network left in its SQLite table;
* ours: ``netforensics network co-retweet FILE --window W --out PAIRS.csv`` (read, compute, write CSV).

Wall time and peak resident memory (RUSAGE_CHILDREN of a small launcher: the process and its workers) are measured in
the same run, and the pair counts are compared (they must be equal). Each tool runs ``--repeat`` times per input,
alternating with the other, and the medians are compared (one run of either can be a third slower than the next on
this shared machine); the peer runs once more only while one of its runs takes under a minute. Both write into a
fresh output every run. Inputs: the real CooRTweet sample (35k retweets), a synthetic event list (heavy-tailed
tweet popularity, exponential retweet delays), the retweets of IO-archive tweets files given with ``--archive``
(HK scale from ``netforensics synth``) and a viral tweet (tens of thousands of retweeters spread over days), all
generated here with numpy. Absolute times vary on shared machines; the ratio is the figure.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")  # as the CLI does (see netforensics/cli/network.py)

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "tests" / "data" / "real" / "coortweet_russian_coord_tweets.csv.gz"
BIN = Path(sys.executable).parent
PEER_HEADER = "message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n"


# A small launcher measures the command: a child's peak RSS as seen by wait4 would include the size of this
# (numpy-laden) process at fork time, so the command is started from a fresh interpreter and measured there.
_LAUNCHER = """
import resource, subprocess, sys, time
started = time.perf_counter()
done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
seconds = time.perf_counter() - started
if done.returncode:
    sys.stderr.write(done.stderr.decode())
    sys.exit(done.returncode)
print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def run_measured(command: list[str]) -> tuple[float, float]:
    """Run a command to completion; (wall seconds, peak RSS in MiB of it and its worker processes)."""
    done = subprocess.run([sys.executable, "-c", _LAUNCHER, *command], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed ({done.returncode}):\n{done.stderr}")
    seconds, peak = done.stdout.split()
    return float(seconds), float(peak)


def write_inputs(directory: Path, account: np.ndarray, tweet: np.ndarray, seconds: np.ndarray) -> tuple[Path, Path]:
    """The same events as a shares CSV (ours) and the peer's preprocess CSV; ids are strings 'a123', 't45'."""
    n = len(account)
    share_ids = np.char.add("r", np.arange(n).astype(str))
    account_ids = np.char.add("a", account.astype(str))
    tweet_ids = np.char.add("t", tweet.astype(str))
    stamps = seconds.astype(np.int64).astype(str)
    shares = directory / "shares.csv"
    with shares.open("w") as fh:
        fh.write("object_id,account_id,content_id,timestamp_share\n")
        fh.writelines(f"{t},{a},{r},{s}\n" for t, a, r, s in zip(tweet_ids, account_ids, share_ids, stamps))
    peer = directory / "peer.csv"
    with peer.open("w") as fh:
        fh.write(PEER_HEADER)
        fh.writelines(f"{r},{a},{a},{t},,,{s},\n" for t, a, r, s in zip(tweet_ids, account_ids, share_ids, stamps))
    return shares, peer


def sample_inputs(directory: Path) -> tuple[Path, Path]:
    """The real sample as is (ours reads the .gz) and converted to the peer's CSV."""
    peer = directory / "peer.csv"
    with gzip.open(SAMPLE, "rt", newline="") as src, peer.open("w", newline="") as out:
        writer = csv.writer(out)
        out.write(PEER_HEADER)
        for row in csv.DictReader(src):
            writer.writerow([row["content_id"], row["account_id"], row["account_id"], row["object_id"], "", "", row["timestamp_share"], ""])
    return SAMPLE, peer


def archive_inputs(directory: Path, archive: Path) -> tuple[Path, Path]:
    """The retweets of an IO-archive tweets CSV (e.g. ``netforensics synth`` at HK scale) as a shares CSV (ours) and
    the peer's preprocess CSV: the same events, ids as in the archive, times in unix seconds."""
    from netforensics.detect.share_events import read_share_events

    events = read_share_events([archive])
    accounts = np.asarray(events.account_ids.to_pylist(), dtype=object)[events.account]
    tweets = np.asarray(events.tweet_ids.to_pylist(), dtype=object)[events.tweet]
    stamps = events.time.astype(np.int64).astype(str)
    shares, peer = directory / "shares.csv", directory / "peer.csv"
    with shares.open("w") as fh:
        fh.write("object_id,account_id,content_id,timestamp_share\n")
        fh.writelines(f"{t},{a},r{i},{s}\n" for i, (t, a, s) in enumerate(zip(tweets, accounts, stamps)))
    with peer.open("w") as fh:
        fh.write(PEER_HEADER)
        fh.writelines(f"r{i},{a},{a},{t},,,{s},\n" for i, (t, a, s) in enumerate(zip(tweets, accounts, stamps)))
    return shares, peer


def synthetic_events(rng: np.random.Generator, n_events: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """About ``n_events`` retweets: heavy-tailed tweet popularity and account activity, tweets posted over 30
    days, retweets after exponential delays (mean 2 h), each account retweeting a given tweet at most once."""
    n_tweets = max(n_events // 20, 1)
    n_accounts = max(n_events // 4, 2)
    draws = int(n_events * 1.5)
    popularity = rng.zipf(1.7, n_tweets).astype(float)
    tweet = rng.choice(n_tweets, draws, p=popularity / popularity.sum())
    activity = np.minimum(rng.zipf(2.0, n_accounts), 1_000).astype(float)
    account = rng.choice(n_accounts, draws, p=activity / activity.sum())
    posted = 1_600_000_000 + rng.integers(0, 30 * 86_400, n_tweets)
    seconds = posted[tweet] + rng.exponential(7_200, draws).astype(np.int64)
    # The platform allows one retweet per account and tweet: keep the first draw of each pair.
    _, first = np.unique(account.astype(np.int64) * n_tweets + tweet, return_index=True)
    first = np.sort(first)[:n_events]
    return account[first], tweet[first], seconds[first].astype(float)


def viral_events(rng: np.random.Generator, retweeters: int, days: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One tweet retweeted once by each of ``retweeters`` accounts at uniformly random seconds over ``days``."""
    seconds = 1_600_000_000 + rng.integers(0, int(days * 86_400), retweeters)
    return np.arange(retweeters), np.zeros(retweeters, dtype=np.int64), seconds.astype(float)


def peer_pairs(database: Path) -> int:
    with sqlite3.connect(database) as db:
        return int(db.execute("select count(*) from co_retweet_network where user_1 < user_2").fetchone()[0])


def _peer_run(peer_input: Path, window: int, database: Path) -> tuple[float, float, float, int]:
    """One peer run into a fresh database: (preprocess s, co_retweet s, peak RSS MiB, pairs)."""
    cpus = str(os.cpu_count() or 1)
    t_pre, m_pre = run_measured([str(BIN / "compute_networks"), str(database), "preprocess", "--format", "csv", str(peer_input)])
    t_net, m_net = run_measured(
        [str(BIN / "compute_networks"), str(database), "compute", "co_retweet", "--time_window", str(window), "--min_edge_weight", "1", "--n_cpus", cpus]
    )
    pairs = peer_pairs(database)
    for suffix in ("", "-wal", "-shm"):
        Path(str(database) + suffix).unlink(missing_ok=True)
    return t_pre, t_net, max(m_pre, m_net), pairs


def _spread(values: list[float]) -> str:
    return f"{min(values):.2f}-{max(values):.2f}" if len(values) > 1 else "one run"


def compare(name: str, ours_input: Path, peer_input: Path, window: int, directory: Path, repeat: int) -> float:
    """Both commands end to end as processes, alternately, ``repeat`` times each (the peer once more only while a
    run of it takes under a minute); prints medians and ranges and returns the peer's median co_retweet step."""
    database = directory / "peer.db"
    out = directory / "pairs.csv"
    peer: list[tuple[float, float, float, int]] = []
    ours: list[tuple[float, float]] = []
    for _ in range(repeat):
        if not peer or peer[-1][0] + peer[-1][1] < 60:
            peer.append(_peer_run(peer_input, window, database))
        # Each tool writes into a fresh output, outside the timing: the peer's database is deleted after its run, and
        # ours before it (replacing a 1 GB CSV costs the kernel about a second freeing the old file's pages).
        out.unlink(missing_ok=True)
        ours.append(run_measured(
            [str(BIN / "netforensics"), "network", "co-retweet", str(ours_input), "--window", str(window), "--out", str(out)]
        ))
    theirs = {run[3] for run in peer}
    with out.open() as fh:
        mine = sum(1 for _ in fh) - 1
    t_pre = statistics.median(run[0] for run in peer)
    t_net = statistics.median(run[1] for run in peer)
    peer_totals = [run[0] + run[1] for run in peer]
    peer_total = statistics.median(peer_totals)
    t_ours = statistics.median(run[0] for run in ours)
    print(
        f"{name}: window {window} s, {mine:,} pairs (peer {', '.join(f'{t:,}' for t in sorted(theirs))}"
        f"{'' if theirs == {mine} else ' — MISMATCH'})\n"
        f"  peer  preprocess {t_pre:7.2f} s + co_retweet {t_net:7.2f} s = {peer_total:7.2f} s   "
        f"({len(peer)} run(s), median; totals {_spread(peer_totals)} s)   peak RSS {max(run[2] for run in peer):7.0f} MiB\n"
        f"  ours  network co-retweet (read+compute+write) {t_ours:7.2f} s   ({len(ours)} run(s), median; "
        f"{_spread([run[0] for run in ours])} s)   peak RSS {max(run[1] for run in ours):7.0f} MiB\n"
        f"  ratio end to end {peer_total / t_ours:6.1f}x (medians)   peer's co_retweet step alone / ours whole "
        f"{t_net / t_ours:6.1f}x",
        flush=True,
    )
    return t_net


def in_process(name: str, ours_input: Path, window: int, directory: Path, peer_step: float) -> None:
    """Our read + compute + write without the interpreter start-up (what a notebook or the pipeline pays)."""
    from netforensics.detect.co_retweet import co_retweet_pairs
    from netforensics.detect.share_events import read_share_events, write_pairs_csv

    (directory / "pairs.csv").unlink(missing_ok=True)
    started = time.perf_counter()
    events = read_share_events([ours_input])
    read = time.perf_counter()
    pairs = co_retweet_pairs(events.account, events.tweet, events.time, window)
    computed = time.perf_counter()
    write_pairs_csv(pairs.account_1, pairs.account_2, pairs.weight, events.account_ids, directory / "pairs.csv")
    done = time.perf_counter()
    print(
        f"  ours  in process: read {read - started:.3f} s + co_retweet_pairs {computed - read:.3f} s + write "
        f"{done - computed:.3f} s = {done - started:.3f} s   ratio peer co_retweet step / ours in process "
        f"{peer_step / (done - started):6.1f}x   / co_retweet_pairs alone {peer_step / (computed - read):6.1f}x ({name})",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--window", type=int, default=60, help="seconds (default 60)")
    parser.add_argument("--events", type=int, nargs="+", default=[300_000, 1_000_000],
                        help="sizes of the synthetic inputs, in retweet events (default 300,000 and 1,000,000)")
    parser.add_argument("--viral", type=int, default=30_000, help="retweeters of the viral tweet (default 30,000)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=3,
                        help="end-to-end runs of each tool per input, alternating, medians reported (default 3; the "
                             "peer runs once more only while one of its runs takes under a minute)")
    parser.add_argument("--archive", type=Path, nargs="*", default=[],
                        help="IO-archive tweets CSVs (e.g. from `netforensics synth` at HK scale): their retweets as one more input each")
    args = parser.parse_args()
    rng = np.random.default_rng(args.seed)

    with tempfile.TemporaryDirectory(prefix="co_retweet_bench_") as tmp:
        directory = Path(tmp)
        ours_input, peer_input = sample_inputs(directory)
        peer_step = compare("real sample (35,125 retweets)", ours_input, peer_input, args.window, directory, args.repeat)
        in_process("real sample", ours_input, args.window, directory, peer_step)

        for events in args.events:
            drawn = synthetic_events(rng, events)  # fewer than asked when draws repeat an (account, tweet) pair
            ours_input, peer_input = write_inputs(directory, *drawn)
            name = f"synthetic ({len(drawn[0]):,} retweets, {events:,} asked)"
            peer_step = compare(name, ours_input, peer_input, args.window, directory, args.repeat)
            in_process(name, ours_input, args.window, directory, peer_step)

        for archive in args.archive:
            ours_input, peer_input = archive_inputs(directory, archive)
            with ours_input.open() as fh:
                retweets = sum(1 for _ in fh) - 1
            name = f"retweets of {archive.name} ({retweets:,})"
            peer_step = compare(name, ours_input, peer_input, args.window, directory, args.repeat)
            in_process(name, ours_input, args.window, directory, peer_step)

        ours_input, peer_input = write_inputs(directory, *viral_events(rng, args.viral, days=3))
        peer_step = compare(f"viral tweet ({args.viral:,} retweeters over 3 days)", ours_input, peer_input, args.window, directory, args.repeat)
        in_process("viral", ours_input, args.window, directory, peer_step)


if __name__ == "__main__":
    main()
