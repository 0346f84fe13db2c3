"""``netforensics synth OUT_DIR``: write a synthetic influence operation with ground truth."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from netforensics.cli.console import console, err_console
from netforensics.synth import HK_SCALE, SynthParams, generate


def synth_command(
    out_dir: Annotated[Path, typer.Argument(help="Folder to write users.csv, tweets.csv, follows.csv, ips.csv, ip_ranges.csv, labels.csv into.", file_okay=False)],
    seed: Annotated[int, typer.Option(help="Random seed: same seed and options give byte-identical files.")] = 1,
    organic: Annotated[Optional[int], typer.Option(help="Organic (authentic) accounts. [default: 20000]")] = None,
    core: Annotated[Optional[int], typer.Option(help="Core operator accounts. [default: 150]")] = None,
    amplifiers: Annotated[Optional[int], typer.Option(help="Amplifier accounts. [default: 3000]")] = None,
    hk_scale: Annotated[bool, typer.Option("--hk-scale", help="Sizes of the 2019 Hong Kong case: 400,000 organic, 936 core, 200,000 amplifiers (explicit sizes still win).")] = False,
    days: Annotated[int, typer.Option(help="Length of the observed period in days.")] = 60,
    start_date: Annotated[dt.datetime, typer.Option("--start-date", formats=["%Y-%m-%d"], help="First day of the observed period (UTC).")] = dt.datetime(2019, 6, 1),
    teams: Annotated[Optional[int], typer.Option(help="Operator teams. [default: drawn per seed, 3-8]")] = None,
    tweets_per_core: Annotated[Optional[float], typer.Option("--tweets-per-core", help="Mean posts per core account in the period. [default: drawn per seed, 40-160]")] = None,
    camouflage: Annotated[Optional[float], typer.Option(help="Share of operator activity spent retweeting / following popular organic accounts, 0-0.9. [default: drawn per seed, 0.05-0.3]")] = None,
    tweets_per_person: Annotated[Optional[float], typer.Option("--tweets-per-person", help="Median posts per organic account in the period (log-normal; raises the tweet count, not the accounts). [default: drawn per seed, 2-5]")] = None,
    hashed: Annotated[bool, typer.Option("--hashed", help="Replace id, handle and name of accounts under 5,000 followers by one base64 hash, as the public releases do.")] = False,
) -> None:
    """Generate a synthetic influence operation (core teams, amplifier swarms, an organic population with
    its traps) in the real file formats, with ground truth in labels.csv. The data is synthetic."""
    scale = HK_SCALE if hk_scale else {"organic": 20_000, "core": 150, "amplifiers": 3_000}
    params = SynthParams(
        seed=seed,
        organic=organic if organic is not None else scale["organic"],
        core=core if core is not None else scale["core"],
        amplifiers=amplifiers if amplifiers is not None else scale["amplifiers"],
        days=days,
        start_date=start_date.date(),
        hashed=hashed,
        teams=teams,
        tweets_per_core=tweets_per_core,
        camouflage=camouflage,
        tweets_per_person=tweets_per_person,
    )
    began = time.perf_counter()
    summary = generate(params, out_dir)
    seconds = time.perf_counter() - began
    counts = summary.counts
    console.print(
        f"Wrote synthetic data to {out_dir}: {counts['accounts']:,} accounts "
        f"({counts['core']:,} core in {summary.scenario.teams} teams, {counts['amplifiers']:,} amplifiers, "
        f"{counts['organic']:,} organic), {counts['tweets']:,} tweets, {counts['follows']:,} follows, "
        f"{counts['ip_observations']:,} IP observations.",
        highlight=False,
    )
    err_console.print(f"generated in {seconds:.1f} s; ground truth in {out_dir / 'labels.csv'}", highlight=False)
