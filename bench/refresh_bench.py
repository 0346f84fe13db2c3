"""Benchmark: the nightly refresh on synthetic data split by time, against a full detection run, in one process.

    NETFORENSICS_HOME=... .venv/bin/python bench/refresh_bench.py --organic 40000 --core 300 --amplifiers 8000

Steps (the database is wiped first; use a throw-away data home):

1. ``netforensics synth`` at the given size; tweets of the last ``--delta-days`` days become tomorrow's inbox file;
2. day 1: ``refresh --inbox day1`` (loads everything else, first run);
3. a full detection run on the same graph (``run_detection``: what ``netforensics clusters`` does), timed;
4. day 2: the delta file is added to the inbox and ``refresh`` runs again (loads the delta, seeded detection,
   lineage, diff), timed; then a second full detection run on the graph with the delta, timed (page-cache warmth
   differs between the runs, so the refresh is compared with both);
5. prints: the delta's share of tweets, both times and their ratio (refresh / full run; the refresh includes loading
   the delta), the share of accounts flagged in both runs that keep their community id (target ≥ 95%), the lineage
   counts, and the refresh's scorecard against the labels.

Absolute times vary on shared machines; compare the two figures of one run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from netforensics.detect.pipeline import DetectionParams, run_detection
from netforensics.evaluate import read_current_run, read_labels, scorecard
from netforensics.refresh.run import refresh
from netforensics.store import schema
from netforensics.store.connection import GraphStore, open_store
from netforensics.synth import SynthParams, generate
from netforensics.synth.split import split_tweets_by_time


def wipe(store: GraphStore) -> None:
    store.run_autocommit("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 20000 ROWS")
    store.run_autocommit("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 20000 ROWS")


_PROJECTION_PARTS = ("fetch", "order", "accounts", "retweets", "posts", "ips", "follows")


def _phases(timings: dict[str, float]) -> str:
    """Phases and steps, without the projection's per-query breakdown (kept on the run) except the touched reads."""
    def detail(key: str) -> bool:
        part = key.split("projection_", 1)[1] if "projection_" in key else ""
        return part.startswith(_PROJECTION_PARTS) and part != "fetch_touched"

    return ", ".join(f"{k} {v:.1f}" for k, v in timings.items() if not detail(k))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--seed", type=int, default=41)
    parser.add_argument("--organic", type=int, default=40_000)
    parser.add_argument("--core", type=int, default=300)
    parser.add_argument("--amplifiers", type=int, default=8_000)
    parser.add_argument("--days", type=int, default=60)
    parser.add_argument("--delta-days", type=int, default=1)
    parser.add_argument("--from", dest="source", type=Path,
                        help="an existing `netforensics synth` folder (e.g. HK scale) instead of generating one")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="nf-refresh-bench-"))
    try:
        generated, day1 = work / "all", work / "inbox"
        day1.mkdir(parents=True)
        if args.source:
            generated = args.source
            made = json.loads((generated / "manifest.json").read_text(encoding="utf-8"))["scenario"]["params"]
            params = SynthParams(seed=made["seed"], days=made["days"], start_date=date.fromisoformat(made["start_date"]))
            args.seed = made["seed"]
        else:
            params = SynthParams(seed=args.seed, organic=args.organic, core=args.core, amplifiers=args.amplifiers, days=args.days)
            generate(params, generated)
        for name in ("users.csv", "follows.csv", "ips.csv", "ip_ranges.csv"):
            shutil.copy(generated / name, day1 / name)
        cutoff = (params.start_date + timedelta(days=params.days - args.delta_days)).isoformat()
        delta_file = work / "tweets_delta.csv"
        early, late = split_tweets_by_time(generated / "tweets.csv", cutoff, day1 / "tweets.csv", delta_file)
        print(f"synthetic data: {early + late:,} tweets; delta after {cutoff}: {late:,} tweets ({late / (early + late):.1%})")

        with open_store() as store:
            wipe(store)
            schema.apply(store)
            started = time.perf_counter()
            first = refresh(store, day1, DetectionParams(seed=args.seed))
            print(f"day 1 refresh (load everything + first run): {time.perf_counter() - started:.1f} s")

            started = time.perf_counter()
            full = run_detection(store, DetectionParams(seed=args.seed))
            full_seconds = time.perf_counter() - started
            print(f"full detection run: {full_seconds:.1f} s  (phases: " +
                  _phases(full.timings) + ")")

            shutil.copy(delta_file, day1 / "tweets_delta.csv")
            started = time.perf_counter()
            second = refresh(store, day1, DetectionParams(seed=args.seed))
            refresh_seconds = time.perf_counter() - started
            second_card = read_current_run(store)
            print(f"day 2 refresh (load the delta + seeded run + lineage): {refresh_seconds:.1f} s  (steps: " +
                  _phases(second.timings) + ")")
            # Caches differ between the two full runs (the first follows day 1's load, the second the refresh): both
            # are reported, and the refresh is compared with each.
            started = time.perf_counter()
            again = run_detection(store, DetectionParams(seed=args.seed))
            again_seconds = time.perf_counter() - started
            print(f"full detection run again (graph with the delta): {again_seconds:.1f} s  (phases: " +
                  _phases(again.timings) + ")")
            print(f"ratio refresh / full run: {refresh_seconds / full_seconds:.2f} (before) and "
                  f"{refresh_seconds / again_seconds:.2f} (after)  (target: below 1)")
            print(f"projection of the refresh: {second.projection}")
            print(f"flagged accounts keeping their community id: {second.flagged_id_stability}  (target ≥ 0.95)")
            print(f"lineage: {second.kinds}")
            for sentence in second.sentences[:12]:
                print(f"  • {sentence}")
            card = scorecard(read_labels(generated / "labels.csv"), second_card)
            print(f"scorecard after the refresh: inauthentic F1 {card.inauthentic.f1:.3f}, core F1 {card.core.f1:.3f}, "
                  f"amplifier F1 {card.amplifier.f1:.3f}, organic flagged {card.organic_flagged_share:.2%}")
            del first
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
