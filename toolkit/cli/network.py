"""``netforensics network``: coordination networks computed straight from files, no database needed."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

# numpy asks for transparent huge pages on its large arrays; where the kernel then compacts memory on demand (THP
# defrag "madvise", common), a short-lived process spends more in page faults than it gains (measured: 1.35 s
# vs 1.75 s end to end on 300k retweets). Set before numpy is imported; the environment still wins.
os.environ.setdefault("NUMPY_MADVISE_HUGEPAGE", "0")
# Arrow's default pool (mimalloc) costs a short run dearly in fresh memory: on this VM, where memory left idle for
# a few seconds must be faulted in again, 0.97 s against 0.65 s on 300k retweets (the same page faults, three times
# the system time), and 9.4 s against 6.9 s on HK-scale retweets. glibc's malloc (Arrow's "system" pool) does not.
os.environ.setdefault("ARROW_DEFAULT_MEMORY_POOL", "system")

import numpy as np  # noqa: E402
import typer
from rich.markup import escape
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from netforensics.cli.console import err_console
from netforensics.detect.co_retweet import CoRetweetPairs, co_retweet_pair_blocks
from netforensics.detect.share_events import read_share_events, write_pair_blocks_csv
from netforensics.errors import NetforensicsError

app = typer.Typer(
    help="Compute account-account coordination networks from share files (no Neo4j needed).", no_args_is_help=True
)

_LARGE_BURST = 500_000_000


def _finite_window(value: float) -> float:
    # typer's min=0 lets inf and nan through (nan compares false with everything).
    if not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number of seconds.")
    return value


@app.command("co-retweet")
def co_retweet_command(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="Shares CSV (object_id,account_id,content_id,timestamp_share) or IO-archive tweets CSV; .gz accepted.",
            dir_okay=False,
            metavar="FILE",
        ),
    ],
    window: Annotated[
        float,
        typer.Option("--window", "-w", min=0, callback=_finite_window, help="Seconds: two retweets of one tweet match when |t1 - t2| <= WINDOW."),
    ],
    out: Annotated[Path, typer.Option("--out", "-o", dir_okay=False, help="Write account_1,account_2,weight here.")],
    min_weight: Annotated[
        int, typer.Option("--min-weight", min=1, help="Keep pairs that co-retweeted at least this many tweets.")
    ] = 1,
) -> None:
    """Account pairs that retweeted the same tweets within WINDOW seconds of each other.

    Writes account_1,account_2,weight with account_1 < account_2 (as strings), weight = number of distinct tweets both retweeted within the window, sorted by account_1 then account_2. Same pairs as QUT's coordination-network-toolkit co_retweet; see docs/co-retweet.md.
    """  # noqa: E501 (one line per paragraph: rich keeps docstring line breaks in --help)
    started = time.perf_counter()
    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed:,}/{task.total:,}"),
        TimeElapsedColumn(),
        console=err_console,
        transient=True,
        disable=not err_console.is_terminal,
    ) as progress:
        reading = progress.add_task("reading", total=len(files))

        def on_file(path: Path, kind: str) -> None:
            progress.update(reading, description=escape(f"reading {path.name} ({kind})"))
            progress.advance(reading)

        try:
            events = read_share_events(files, on_file=on_file)
        except MemoryError as err:
            raise NetforensicsError(
                f"out of memory reading {len(files)} file(s); {out} was not written. Give the process more memory."
            ) from err
        progress.update(reading, description=f"read {len(events):,} retweets")

        if events.resolution is not None and window < events.resolution:
            err_console.print(
                f"[yellow]warning:[/] --window {window:g} s is below the data's time resolution "
                f"({events.resolution:g} s{', IO-archive minute times' if events.resolution == 60 else ''}); "
                "retweets in the same time step all match and the rest never do.",
                highlight=False, markup=True,
            )
        pairing = progress.add_task("pairing retweets", total=None)

        work = 0

        def on_pairs(done: int, total: int) -> None:
            nonlocal work
            starting = work == 0  # the first report (a pass may report done == 0 again, with its own total)
            if starting:
                work = total
            if starting and total > _LARGE_BURST:
                err_console.print(
                    f"[yellow]warning:[/] {total:,} retweet pairs fall within the window (synchronised bursts); "
                    "that is the size of the answer, so this will take a while.",
                    highlight=False, markup=True,
                )
            progress.update(pairing, completed=done, total=total)

        # Pairs are written block by block as they are counted: the whole network is never in memory at once.
        paired = np.zeros(len(events.account_ids), dtype=bool)
        n_pairs = 0

        def counted(blocks: Iterator[CoRetweetPairs]) -> Iterator[CoRetweetPairs]:
            nonlocal n_pairs
            progress.update(pairing, description=escape(f"pairing retweets, writing {out.name}"))
            for block in blocks:
                paired[block.account_1] = True
                paired[block.account_2] = True
                n_pairs += len(block.weight)
                yield block
            progress.update(pairing, description=escape(f"wrote {out.name}"))

        blocks = co_retweet_pair_blocks(events.account, events.tweet, events.time, window, min_weight=min_weight,
                                        progress=on_pairs)
        try:
            write_pair_blocks_csv(counted(blocks), events.account_ids, out)
        except MemoryError as err:
            raise NetforensicsError(
                f"out of memory pairing {work:,} retweet pairs within {window:g} s of each other (synchronised "
                f"bursts); {out} was not written. Try a smaller --window or give the process more memory."
            ) from err
    accounts = int(paired.sum())
    notes = []
    if events.duplicates_dropped:
        notes.append(f"{events.duplicates_dropped:,} duplicate share ids dropped")
    if events.rows_skipped:
        notes.append(f"{events.rows_skipped:,} rows skipped (no account, tweet or readable time)")
    err_console.print(
        f"{n_pairs:,} pairs among {accounts:,} accounts from {len(events):,} retweets of "
        f"{len(events.tweet_ids):,} tweets (window {window:g} s, min weight {min_weight}) "
        f"in {time.perf_counter() - started:.2f} s → {out}" + (f"; {'; '.join(notes)}" if notes else ""),
        highlight=False,
    )
