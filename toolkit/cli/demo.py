"""``netforensics demo``: synthetic operation -> load -> clusters -> scorecard, in one command (``make demo``)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Annotated, Optional

import typer

from netforensics.cli.clusters import SEED_MAX, show
from netforensics.cli.console import console, err_console
from netforensics.cli.evaluate import evaluate_command
from netforensics.cli.options import connection
from netforensics.cypher_files import load as load_cypher
from netforensics.detect.pipeline import DetectionParams, run_detection
from netforensics.errors import NetforensicsError
from netforensics.store import open_store
from netforensics.store.connection import GraphStore
from netforensics.store.ingest import LoadOptions, load_files
from netforensics.synth import SynthParams, generate

DEMO_DATASET = "synthetic-demo"
#: Files in loading order: networks first (IPs are linked to them), accounts and tweets before follows and IPs.
LOAD_ORDER: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ip-ranges", ("ip_ranges.csv",)),
    ("io-archive", ("users.csv", "tweets.csv")),
    ("follows", ("follows.csv",)),
    ("ips", ("ips.csv",)),
)


def _refuse_foreign_data(store: GraphStore, force: bool) -> None:
    rows = store.read(load_cypher("demo/other-datasets"), {"dataset": DEMO_DATASET})
    if rows and rows[0]["batches"] and not force:
        raise NetforensicsError(
            f"The database already holds other data (datasets {', '.join(map(str, rows[0]['datasets']))}); the demo would mix "
            "synthetic accounts into it. Point it at an empty database (NEO4J_URI) or pass --force."
        )


def load_synthetic(store: GraphStore, folder: Path) -> None:
    """Load a ``netforensics synth`` folder (every file but labels.csv) as the demo dataset."""
    options = LoadOptions(dataset=DEMO_DATASET, rejects_path=folder / "rejects.csv")
    for source, names in LOAD_ORDER:
        err_console.print(f"loading {', '.join(names)}", highlight=False)
        load_files(store, source, [folder / name for name in names], options)


def demo_command(
    out_dir: Annotated[Optional[Path], typer.Option("--dir", help="Folder for the synthetic files (default: a temporary folder, removed afterwards).", file_okay=False)] = None,
    seed: Annotated[int, typer.Option(help=f"Seed of the synthetic data and of Leiden, 0 to {SEED_MAX}.", min=0, max=SEED_MAX)] = 7,
    organic: Annotated[int, typer.Option(help="Organic accounts.", min=500)] = 5000,
    core: Annotated[int, typer.Option(help="Core operator accounts.", min=4)] = 60,
    amplifiers: Annotated[int, typer.Option(help="Amplifier accounts.", min=0)] = 1200,
    hashed: Annotated[bool, typer.Option("--hashed", help="Hash ids and handles of small accounts, as the public releases do.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Load into a database that already holds other datasets.")] = False,
) -> None:
    """Generate a synthetic influence operation (`netforensics synth`), load it, run `clusters` and print the
    scorecard from `netforensics evaluate` against its ground truth. Everything it loads is synthetic."""
    started = time.perf_counter()
    with open_store(connection()) as store:
        _refuse_foreign_data(store, force)
        with tempfile.TemporaryDirectory(prefix="netforensics-demo-") as scratch:
            folder = out_dir or Path(scratch)
            summary = generate(SynthParams(seed=seed, organic=organic, core=core, amplifiers=amplifiers, hashed=hashed), folder)
            err_console.print(f"synthetic data in {folder}: {summary.counts['accounts']:,} accounts, "
                              f"{summary.counts['tweets']:,} tweets", highlight=False)
            load_synthetic(store, folder)
            with err_console.status("detecting") as status:
                result = run_detection(store, DetectionParams(seed=seed), progress=lambda message: status.update(message))
            show(store, as_json=False, include_organic=False, limit=20)
            console.print()
            evaluate_command(labels=folder / "labels.csv", export=None, as_json=False, worst=5)
    err_console.print(f"demo finished in {time.perf_counter() - started:.0f} s (detection run {result.run_id}: "
                      f"{result.timings.get('total', 0):.1f} s)", highlight=False)
