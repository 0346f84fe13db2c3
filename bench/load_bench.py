"""Benchmark: ``netforensics load io-archive`` end to end against the server's bare write ceiling, in one run.

Run from the repository root against an EMPTY database (it refuses otherwise; ``--wipe`` empties it first; the
database is emptied again at the end unless ``--keep``):
    NEO4J_URI=bolt://... NEO4J_PASSWORD=... .venv/bin/python bench/load_bench.py [--scale 1.0] [--batch-size 2000]

Scale 1.0 generates an HK-scale release (2,000,000 tweets, 200,000 accounts) plus 400,000 follows and 300,000 IP
observations with 2,000 IP ranges, as the real formats (users/tweets CSV with all 31 columns, Python-list text,
hashed small accounts, float counts). It then measures, against the same server:
  1. the ceiling: ``UNWIND $rows AS r CREATE (:Bare {id: r.id})`` with the same batch size and as many rows as tweets;
  2. ``load io-archive`` on the users and tweets files (parse, validate, write, RETWEETED refresh): tweets/s;
and prints both figures and their ratio; then loads follows, IPs and IP ranges and prints their rows/s.
Absolute figures vary on a shared machine; the ratio is measured in the same run.

What bounds the load is printed too: the CPU seconds the server process (the managed local server, read from
``/proc``) and this loader process spent during ``load io-archive``, per tweet, and the rate each would allow if it
had a core to itself. The larger of the two is the bound of a single writer.
"""

from __future__ import annotations

import argparse
import csv
import math
import os
import random
import sys
import tempfile
import time
from pathlib import Path

from netforensics.cypher_files import load as load_cypher
from netforensics.errors import NetforensicsError
from netforensics.server.layout import ServerLayout
from netforensics.server.process import read_pid
from netforensics.settings import data_home, resolve_connection
from netforensics.store import schema
from netforensics.store.connection import GraphStore, batched, connect
from netforensics.store.ingest import DEFAULT_BATCH_SIZE, LoadOptions, load_files
from netforensics.loaders.io_archive import TWEET_COLUMNS, USER_COLUMNS

HASHTAGS = ["香港", "HongKong", "hk", "反暴力", "StandWithHK", "police", "news", "暴徒", "China", "freedom"]


def generate(folder: Path, scale: float, seed: int = 7) -> dict[str, Path]:
    rng = random.Random(seed)
    n_accounts, n_tweets = int(200_000 * scale), int(2_000_000 * scale)
    n_follows, n_ips, n_ranges = int(400_000 * scale), int(300_000 * scale), max(10, int(2_000 * scale))
    accounts = []
    for i in range(n_accounts):
        big = rng.random() < 0.05
        account_id = str(1_000_000_000_000_000_000 + i) if big else f"{rng.getrandbits(256):064x}"[:44] + "="
        accounts.append([account_id, f"name{i}" if big else account_id, f"handle{i}" if big else account_id, "", "",
                         "", f"{rng.randint(5000, 90000)}" if big else f"{rng.randint(0, 4999)}.0",
                         f"{rng.randint(0, 2000)}.0", f"20{rng.randint(10, 19)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}", "zh-cn"])
    paths = {"users": folder / "bench_release_users.csv", "tweets": folder / "bench_release_tweets.csv",
             "follows": folder / "follows.csv", "ips": folder / "ips.csv", "ranges": folder / "ip_ranges.csv"}
    with open(paths["users"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(USER_COLUMNS)
        writer.writerows(accounts)
    originals: list[tuple[str, str]] = []
    with open(paths["tweets"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(TWEET_COLUMNS)
        for i in range(n_tweets):
            author = accounts[int(rng.paretovariate(1.2) * 7) % n_accounts]
            tweet_id = str(1_100_000_000_000_000_000 + i)
            minute = 1_564_600_000 // 60 + i // 20
            when = time.strftime("%Y-%m-%d %H:%M", time.gmtime(minute * 60))
            retweet = originals and rng.random() < 0.6
            rt_user, rt_id = rng.choice(originals) if retweet else ("", "")
            tags = rng.sample(HASHTAGS, rng.randint(1, 2)) if rng.random() < 0.3 else []
            urls = [f"https://news{rng.randint(0, 50)}.example.com/{i}"] if rng.random() < 0.1 else []
            mentions = [rng.choice(accounts)[0]] if rng.random() < 0.1 else []
            writer.writerow([tweet_id, *author, "zh", f"text of tweet {i}", when, "Twitter for Android", "", "", "",
                             "true" if retweet else "false", rt_user, rt_id, "absent", "absent", "0.0", "0.0",
                             f"{rng.randint(0, 9)}.0", "0", repr(tags), repr(urls), repr(mentions), ""])
            if not retweet and len(originals) < 200_000:
                originals.append((author[0], tweet_id))
    with open(paths["follows"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["src_account_id", "dst_account_id", "observed_at"])
        for _ in range(n_follows):
            src, dst = rng.choice(accounts)[0], rng.choice(accounts)[0]
            if src != dst:
                writer.writerow([src, dst, "2019-08-01"])
    with open(paths["ips"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["account_id", "ip", "first_seen", "last_seen", "count"])
        for _ in range(n_ips):
            ip = f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}"
            writer.writerow([rng.choice(accounts)[0], ip, "2019-08-01 10:00", "2019-08-02 10:00", rng.randint(1, 50)])
    with open(paths["ranges"], "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["network", "asn", "as_org", "country", "is_vpn", "kind"])
        for i in range(n_ranges):
            writer.writerow([f"{rng.randint(1, 223)}.{rng.randint(0, 255)}.0.0/{rng.choice([16, 20, 24])}", 64_000 + i,
                             f"AS org {i}", rng.choice(["US", "HK", "CN", "NL"]), "false",
                             rng.choice(["vpn", "hosting", "residential", "mobile", "campus", "unknown"])])
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 2M tweets, 200k accounts")
    parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="rows per transaction, for the ceiling and the loads")
    parser.add_argument("--wipe", action="store_true", help="empty the database first (it must be a scratch database)")
    parser.add_argument("--keep", action="store_true", help="keep the loaded graph at the end (default: empty the database)")
    args = parser.parse_args()
    try:
        run(args)
    except NetforensicsError as err:  # the server went away, refused the password, ...: one line, no traceback
        sys.exit(f"load_bench: {err}")


def process_cpu_seconds(pid: int) -> float:
    """User + system CPU of a whole process (all its threads) so far."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
        fields = handle.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")  # utime, stime after the name


def report_bound(n_tweets: int, elapsed: float, server_cpu: float, loader_cpu: float) -> None:
    per_tweet = {"loader (Python)": loader_cpu / n_tweets * 1e6}
    if not math.isnan(server_cpu):
        per_tweet["server (Neo4j)"] = server_cpu / n_tweets * 1e6
    for name, micros in per_tweet.items():
        print(f"  CPU per tweet, {name}: {micros:.0f} µs -> at most {1e6 / micros:,.0f} tweets/s on a core of its own")
    if math.isnan(server_cpu):
        print("  server CPU not measured (not the managed local server: NEO4J_URI points elsewhere)")
        return
    bound = max(per_tweet, key=lambda name: per_tweet[name])
    print(f"  bound: the {bound}; both together used {(server_cpu + loader_cpu) / elapsed:.2f} cores "
          f"of {os.cpu_count()} over {elapsed:.1f}s (load average now {os.getloadavg()[0]:.1f}: the rest went "
          f"to other processes)")


def run(args: argparse.Namespace) -> None:
    settings = resolve_connection()
    server_pid = read_pid(ServerLayout(data_home())) if settings.managed else None

    def server_cpu_seconds() -> float:  # NaN when the server is not ours to read
        return process_cpu_seconds(server_pid) if server_pid else float("nan")

    store = connect(settings)
    schema.ensure(store)
    if store.read_value(load_cypher("bench/count-nodes")):
        if not args.wipe:
            sys.exit("The database is not empty; point NEO4J_URI at a scratch database or pass --wipe.")
        wipe(store)
    with tempfile.TemporaryDirectory(prefix="nf-load-bench-") as tmp:
        started = time.perf_counter()
        paths = generate(Path(tmp), args.scale)
        with open(paths["tweets"], encoding="utf-8") as handle:
            n_tweets = sum(1 for _ in csv.reader(handle)) - 1
        print(f"generated {n_tweets:,} tweets and side files in {time.perf_counter() - started:.1f}s", flush=True)

        bare = load_cypher("bench/bare-create")
        for batch in batched(({"id": str(i)} for i in range(3 * args.batch_size)), args.batch_size):
            store.write_rows(bare, batch)  # warm-up: the ceiling is not measured on a cold JIT
        store.run_autocommit(load_cypher("bench/bare-delete"))
        print(f"load average before the ceiling: {os.getloadavg()[0]:.1f} (2 cores shared)", flush=True)
        started, server_started = time.perf_counter(), server_cpu_seconds()
        for batch in batched(({"id": str(i)} for i in range(n_tweets)), args.batch_size):
            store.write_rows(bare, batch)
        ceiling = n_tweets / (time.perf_counter() - started)
        bare_micros = (server_cpu_seconds() - server_started) / n_tweets * 1e6
        store.run_autocommit(load_cypher("bench/bare-delete"))
        cpu_note = "" if math.isnan(bare_micros) else f"; server CPU {bare_micros:.1f} µs per row"
        print(f"ceiling  UNWIND $rows AS r CREATE (:Bare {{id: r.id}}): {ceiling:,.0f} rows/s "
              f"(batch {args.batch_size:,}{cpu_note})", flush=True)

        options = LoadOptions(batch_size=args.batch_size)
        print(f"load average before the load: {os.getloadavg()[0]:.1f}", flush=True)
        started, loader_started = time.perf_counter(), time.process_time()
        server_started = server_cpu_seconds()
        results = load_files(store, "io-archive", [paths["users"], paths["tweets"]], options)
        elapsed = time.perf_counter() - started
        loader_cpu = time.process_time() - loader_started
        server_cpu = server_cpu_seconds() - server_started
        rate = n_tweets / elapsed
        print(f"load io-archive (users + tweets, end to end): {rate:,.0f} tweets/s "
              f"({elapsed:.1f}s; tweets file alone {results[1].rows_read / results[1].seconds:,.0f} rows/s)")
        print(f"ratio load/ceiling: {rate / ceiling:.2f}   (targets: >= 30,000 tweets/s and >= 0.40)")
        report_bound(n_tweets, elapsed, server_cpu, loader_cpu)
        for source, key in (("follows", "follows"), ("ip-ranges", "ranges"), ("ips", "ips")):
            [result] = load_files(store, source, [paths[key]], options)
            print(f"load {source}: {result.rows_read:,} rows, {result.rows_read / result.seconds:,.0f} rows/s")
    if not args.keep:
        wipe(store)  # an HK-scale graph left behind makes the next test session's one-transaction wipe run out of heap
    store.close()


def wipe(store: GraphStore) -> None:
    store.run_autocommit(load_cypher("bench/wipe-relationships"))
    store.run_autocommit(load_cypher("bench/wipe"))


if __name__ == "__main__":
    main()
