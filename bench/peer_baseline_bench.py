"""Benchmark: the "peer baseline" of issue #4 — QUT's coordination-network-toolkit as a detector — on synthetic data.

Run from the repository root:

    .venv/bin/python bench/peer_baseline_bench.py [--seed 7] [--organic 20000] [--core 200] [--amplifiers 4000]
                                                   [--window 120] [--data DIR] [--ours-export accounts.csv] [--json]

What it does, in one run:

1. ``netforensics synth`` at the given size (or reuse ``--data DIR``, a folder it wrote);
2. the retweets of ``tweets.csv`` go to the peer's preprocess CSV (``message_id,user_id,username,repost_id,
   reply_id,message,timestamp,urls``; ``timestamp`` in epoch seconds from ``tweet_time``, which has minute
   resolution as in the real releases) and through ``compute_networks DB preprocess`` then
   ``compute_networks DB compute co_retweet --time_window W --min_edge_weight 1``;
3. the peer's network is read from its SQLite table ``co_retweet_network`` (its CSV export crashes; see
   tests/test_co_retweet_peer.py) and **every account with at least one co-retweet edge is flagged**;
4. the flags are scored against ``labels.csv`` with the project's scorecard (:mod:`netforensics.evaluate`):
   the peer has no notion of core versus amplifier, so its flags count as "amplifier" and only the
   ``inauthentic`` line (core or amplifier) is meaningful.

It prints inauthentic precision / recall / F1, the share of organic accounts flagged, which traps the flagged
organic accounts fell into (what they retweeted), and how many silent amplifiers were caught. With
``--ours-export`` (an ``netforensics export accounts`` CSV of a detection run on the same folder) it prints
netforensics' scorecard beside the peer's.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from netforensics.evaluate import Prediction, Scorecard, read_export, read_labels, scorecard
from netforensics.synth import SynthParams, generate
from netforensics.synth import vocabulary as vocab

BIN = Path(sys.executable).parent
PEER_HEADER = ["message_id", "user_id", "username", "repost_id", "reply_id", "message", "timestamp", "urls"]
IDOL = vocab.IDOL_NAME[0]
NEWS = {handle for handle, _ in vocab.ORGANIC_NEWS_NAMES}


def peer_command() -> str:
    return str(BIN / "compute_networks")


def write_peer_input(tweets: Path, out: Path) -> tuple[int, dict[str, str]]:
    """Retweets of an IO-archive tweets CSV in the peer's CSV format; returns their count and who each retweeted."""
    retweeted_author: dict[str, list[str]] = {}
    count = 0
    with tweets.open(newline="", encoding="utf-8") as src, out.open("w", newline="", encoding="utf-8") as dst:
        writer = csv.writer(dst)
        writer.writerow(PEER_HEADER)
        for row in csv.DictReader(src):
            if row["is_retweet"] != "True":
                continue
            stamp = int(dt.datetime.strptime(row["tweet_time"], "%Y-%m-%d %H:%M").replace(tzinfo=dt.timezone.utc).timestamp())
            writer.writerow([row["tweetid"], row["userid"], row["user_screen_name"], row["retweet_tweetid"], "", "", stamp, ""])
            retweeted_author.setdefault(row["userid"], []).append(row["retweet_userid"])
            count += 1
    return count, {a: ",".join(v) for a, v in retweeted_author.items()}


def run_peer(peer_csv: Path, database: Path, window: int) -> tuple[set[str], float]:
    """Preprocess and compute the peer's co-retweet network; the accounts with at least one edge, and seconds."""
    started = time.perf_counter()
    subprocess.run([peer_command(), str(database), "preprocess", "--format", "csv", str(peer_csv)], check=True, capture_output=True)
    subprocess.run(
        [peer_command(), str(database), "compute", "co_retweet", "--time_window", str(window), "--min_edge_weight", "1", "--n_cpus", "1"],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - started
    # the table holds both orientations of every pair: the distinct first users are all accounts with an edge
    # (asked of SQLite, not fetched: at HK scale the table has hundreds of millions of rows)
    with sqlite3.connect(database) as db:
        rows = db.execute("select distinct user_1 from co_retweet_network where user_1 != user_2")
        return {str(a) for (a,) in rows}, seconds


def handles(users: Path) -> dict[str, str]:
    """Account id -> handle (the idol and the news hubs have 5,000+ followers: never hashed)."""
    with users.open(newline="", encoding="utf-8") as fh:
        return {r["userid"]: r["user_screen_name"] for r in csv.DictReader(fh)}


def labels_table(path: Path) -> dict[str, dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return {r["account_id"]: r for r in csv.DictReader(fh)}


def organic_traps(flagged: set[str], labels: dict[str, dict[str, str]], retweeted: dict[str, str],
                  handle: dict[str, str]) -> Counter[str]:
    """What the flagged organic accounts retweeted: the idol (fandom), news hubs, operation content, others."""
    out: Counter[str] = Counter()
    for account in flagged:
        if labels.get(account, {}).get("role") != "organic":
            continue
        authors = [a for a in retweeted.get(account, "").split(",") if a]
        kinds = set()
        for author in authors:
            role = labels.get(author, {}).get("role")
            if role in ("core", "amplifier"):
                kinds.add("operation content")
            elif handle.get(author) == IDOL:
                kinds.add("the idol (fandom)")
            elif handle.get(author) in NEWS:
                kinds.add("news hubs")
            else:
                kinds.add("community posts")
        for kind in ("the idol (fandom)", "news hubs", "operation content", "community posts"):
            if kind in kinds:
                out[kind] += 1
                break
    return out


def describe(name: str, card: Scorecard) -> str:
    i = card.inauthentic
    return (f"{name:>13}: inauthentic precision {i.precision:.3f} recall {i.recall:.3f} F1 {i.f1:.3f}   "
            f"organic flagged {card.organic_flagged:,} of {card.labelled['organic']:,} ({card.organic_flagged_share:.1%})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="an existing `netforensics synth` folder (default: generate one)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--organic", type=int, default=20_000)
    parser.add_argument("--core", type=int, default=200)
    parser.add_argument("--amplifiers", type=int, default=4_000)
    parser.add_argument("--window", type=int, default=120, help="co-retweet window in seconds (default 120)")
    parser.add_argument("--ours-export", type=Path, help="`netforensics export accounts` CSV of a detection run on the same data")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="peer-baseline-") as scratch:
        work = Path(scratch)
        data = args.data
        if data is None:
            data = work / "synth"
            started = time.perf_counter()
            generate(SynthParams(seed=args.seed, organic=args.organic, core=args.core, amplifiers=args.amplifiers), data)
            print(f"synthetic data (seed {args.seed}, {args.organic:,} organic, {args.core:,} core, {args.amplifiers:,} "
                  f"amplifiers) in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        retweets, retweeted = write_peer_input(data / "tweets.csv", work / "peer.csv")
        flagged, seconds = run_peer(work / "peer.csv", work / "peer.db", args.window)

    labels = labels_table(data / "labels.csv")
    truth = read_labels(data / "labels.csv")
    peer_card = scorecard(truth, {a: Prediction("amplifier", "peer") for a in flagged})
    traps = organic_traps(flagged, labels, retweeted, handles(data / "users.csv"))
    silent = [a for a, r in labels.items() if r.get("silent") == "true"]
    silent_caught = sum(a in flagged for a in silent)
    ours = read_export(args.ours_export) if args.ours_export else None
    ours_card = scorecard(truth, ours) if ours is not None else None
    ours_silent = sum(ours[a].role in ("core", "amplifier") for a in silent if a in ours) if ours is not None else None

    if args.json:
        print(json.dumps({
            "data": str(data), "window": args.window, "retweets": retweets, "peer_seconds": seconds,
            "peer": peer_card.as_dict(), "organic_flagged_by_trap": dict(traps),
            "silent_amplifiers": len(silent), "silent_amplifiers_flagged": silent_caught,
            "ours": ours_card.as_dict() if ours_card else None, "ours_silent_amplifiers_flagged": ours_silent,
        }, indent=2))
        return
    print(f"peer baseline: coordination-network-toolkit co_retweet, window {args.window} s, min edge weight 1, "
          f"an account is flagged if it has any edge; {retweets:,} retweets, {seconds:.1f} s")
    print(describe("peer", peer_card))
    if ours_card:
        print(describe("netforensics", ours_card))
        print(f"  ratio organic flagged peer / netforensics: "
              f"{peer_card.organic_flagged / ours_card.organic_flagged:.1f}x" if ours_card.organic_flagged
              else "  netforensics flagged no organic account")
    print("  flagged organic accounts by what they retweeted (first match: idol, news, operation, community): "
          + ", ".join(f"{k} {v:,}" for k, v in traps.most_common()))
    print(f"  silent amplifiers flagged: peer {silent_caught:,} of {len(silent):,}"
          + (f", netforensics {ours_silent:,}" if ours_silent is not None else ""))


if __name__ == "__main__":
    main()
