"""``netforensics refresh``: the nightly job — load the inbox, re-cluster with stable ids, print what changed."""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table

from netforensics.cli.clusters import DEFAULTS, SEED_MAX, parse_layer_weights, parse_layers
from netforensics.cli.console import console, err_console
from netforensics.cli.load import LoadProgress
from netforensics.cli.options import connection
from netforensics.detect.layers import LAYER_NAMES
from netforensics.detect.leiden import ENGINES, OBJECTIVES
from netforensics.detect.pipeline import DetectionParams
from netforensics.errors import NetforensicsError
from netforensics.refresh.run import RefreshReport, last_refresh, refresh, roles_changed
from netforensics.refresh.schedule import next_run, parse_daily_at
from netforensics.store import open_store
from netforensics.store.ingest import LoadOptions


def _print_report(report: dict[str, Any]) -> None:
    previous = report.get("previous_run")
    console.print(f"[bold]Refresh {report['run']}[/]" + (f" (previous run {previous})" if previous else " (first run)"), markup=True)
    loaded = report.get("files_loaded", [])
    console.print(f"files loaded: {len(loaded)}, already loaded and skipped: {report.get('files_skipped', 0)}")
    projection = report.get("projection") or {}
    if projection.get("incremental"):
        reused = projection.get("reused") or []
        kept = f"; {' and '.join(reused)} kept from the previous run" if reused else ""
        console.print(f"projection: incremental ({projection.get('touched_tweets') or 0:,} loaded or referenced tweets read again{kept})")
    elif projection:
        console.print(f"projection: full ({projection.get('why_full') or 'no reason recorded'})", highlight=False)
    for sentence in report.get("sentences", []):
        console.print(f"  • {sentence}", highlight=False)
    kinds = report.get("kinds") or {}
    if kinds:
        table = Table("lineage", "communities", title="All communities by lineage", title_justify="left")
        for kind in ("continued", "grown", "shrunk", "split", "merged", "new", "dissolved"):
            if kinds.get(kind):
                table.add_row(kind, f"{kinds[kind]:,}")
        console.print(table)
    _print_role_changes(report)
    if report.get("flagged_id_stability") is not None:
        console.print(f"flagged accounts keeping their community id: {report['flagged_id_stability']:.1%}")


def _print_last(found: dict[str, Any]) -> None:
    status = found.get("liveness") or found["status"]  # a running run: is anything still working on it?
    finished = f", finished {found['finished_at']}" if found.get("finished_at") else ""
    console.print(f"last refresh {found['run']}: {status}" + (" [current]" if found.get("current") else "")
                  + f", started {found['started_at']}{finished}", highlight=False)
    if found.get("error"):
        step = f" (step: {found['failed_step']})" if found.get("failed_step") else ""
        console.print(f"error{step}: {found['error']}", highlight=False)
    if found.get("diff"):
        _print_report(found["diff"])


def _role_cell(before: dict[str, int] | None, after: dict[str, int], role: str) -> str:
    return f"{after[role]:,}" if before is None or before[role] == after[role] else f"{before[role]:,} → {after[role]:,}"


def _print_role_changes(report: dict[str, Any]) -> None:
    """Accounts newly flagged core/amplifier and no longer flagged, per community and in total."""
    totals = report.get("roles") or {}
    changed = [c for c in report.get("changes", []) if roles_changed(c)]
    if not changed and not roles_changed(totals):
        return
    table = Table("community", "core", "amplifiers", "newly core", "newly amplifier", "no longer flagged",
                  title="Role changes", title_justify="left")
    for c in changed:
        table.add_row(str(c["community"]), _role_cell(c.get("previous_roles"), c["roles"], "core"),
                      _role_cell(c.get("previous_roles"), c["roles"], "amplifier"), f"{c['newly_core']:,}",
                      f"{c['newly_amplifier']:,}", f"{c['no_longer_flagged']:,}")
    if totals:
        table.add_row("all", _role_cell(totals["before"], totals["after"], "core"),
                      _role_cell(totals["before"], totals["after"], "amplifier"), f"{totals['newly_core']:,}",
                      f"{totals['newly_amplifier']:,}", f"{totals['no_longer_flagged']:,}")
    console.print(table)


def refresh_command(
    inbox: Annotated[Optional[Path], typer.Option("--inbox", help="Folder of new evidence files (any format the loaders read, recognised by header; files already loaded are skipped by sha256).", file_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the diff report as JSON.")] = False,
    last: Annotated[bool, typer.Option("--last", help="Print the last refresh's status, error (with the step that failed) and diff report instead of refreshing (exit 1 when it failed, is still running or was interrupted).")] = False,
    daily_at: Annotated[Optional[str], typer.Option("--daily-at", help="Stay running and refresh every day at HH:MM (local time of the machine or container); for the compose service.")] = None,
    stale_after: Annotated[int, typer.Option(help="Seconds without a heartbeat after which another refresh's lock counts as stale and is taken over.", min=60)] = 600,
    seed: Annotated[int, typer.Option(help=f"Leiden seed, 0 to {SEED_MAX} (a range every engine takes).", min=0, max=SEED_MAX)] = DEFAULTS.seed,
    resolution: Annotated[float, typer.Option(help="Leiden resolution.", min=0.0001)] = DEFAULTS.resolution,
    engine: Annotated[str, typer.Option(help=f"Leiden engine: {', '.join(ENGINES)} (the first run; later runs start from the previous partition, with igraph when the engine is networkit).")] = DEFAULTS.engine,
    objective: Annotated[str, typer.Option(help=f"Leiden objective: {', '.join(OBJECTIVES)}.")] = DEFAULTS.objective,
    iterations: Annotated[int, typer.Option(help="Leiden passes of a run without a previous partition (-1: until the partition stops improving; not with networkit).", min=-1)] = DEFAULTS.iterations,
    warm_iterations: Annotated[int, typer.Option(help="Leiden passes from the previous run's partition (-1: until it stops improving, which keeps ids most stable; see docs/refresh.md).", min=-1)] = DEFAULTS.warm_iterations,
    split_min_size: Annotated[int, typer.Option(help="Organic communities of at least this many accounts get a second look (0: never).", min=0)] = DEFAULTS.split_min_size,
    window: Annotated[float, typer.Option(help="Co-retweet window in seconds.")] = DEFAULTS.window,
    layers: Annotated[str, typer.Option(help=f"Comma-separated behaviour layers: {','.join(LAYER_NAMES)}.")] = ",".join(DEFAULTS.layers),
    layer_weight: Annotated[Optional[list[str]], typer.Option("--layer-weight", help=f"NAME=WEIGHT, NAME in {', '.join(LAYER_NAMES)} (repeatable).")] = None,
    max_reject_rate: Annotated[float, typer.Option(help="Fail a file (and the refresh) when more than this share of its rows is rejected.")] = 0.01,
) -> None:
    """Nightly refresh: load new files from --inbox, re-run detection seeded by the current run so unchanged
    structure keeps its community ids, record lineage (CONTINUES) and print what changed. One refresh at a
    time (exit 7 when another holds the lock); a failure leaves the previous results current.
    Exit codes: 0 ok, 1 failed run, 3 database unreachable, 4 authentication failed, 5 too many rejected rows,
    7 another refresh is running."""
    if last:
        with open_store(connection()) as store:
            found = last_refresh(store)
        if found is None:
            raise NetforensicsError("No refresh has run yet: run `netforensics refresh --inbox DIR`.")
        if as_json:
            typer.echo(json.dumps(found, indent=2, default=str))
        else:
            _print_last(found)
        if found["status"] != "complete" or found.get("error"):
            raise typer.Exit(1)
        return
    params = DetectionParams(seed=seed, resolution=resolution, engine=engine, objective=objective, iterations=iterations,
                             warm_iterations=warm_iterations, split_min_size=split_min_size, window=window,
                             layers=parse_layers(layers), layer_weights=parse_layer_weights(layer_weight or []))
    options = LoadOptions(max_reject_rate=max_reject_rate)

    def once() -> RefreshReport:
        with open_store(connection()) as store, LoadProgress() as bar:
            report = refresh(store, inbox, params, load_options=options, load_progress=bar,
                             say=lambda message: err_console.print(f"refresh: {message}", highlight=False),
                             stale_after=stale_after)
        if as_json:
            typer.echo(json.dumps(report.as_dict(), indent=2, default=str))
        else:
            _print_report(report.as_dict())
        return report

    if daily_at is None:
        once()
        return
    at = parse_daily_at(daily_at)
    while True:
        wake = next_run(at, datetime.now())
        err_console.print(f"next refresh at {wake.isoformat(timespec='minutes')}", highlight=False)
        time.sleep(max(0.0, (wake - datetime.now()).total_seconds()))
        try:
            once()
        except NetforensicsError as err:  # keep the service alive; the failure is recorded and logged
            err_console.print(f"refresh failed: {err}", highlight=False)
