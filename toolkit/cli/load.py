"""``netforensics load``: put evidence files into the graph (thin shells over :func:`netforensics.store.ingest.load_files`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TaskID, TaskProgressColumn, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.store import open_store
from netforensics.store.ingest import DEFAULT_BATCH_SIZE, FileResult, LoadOptions, load_files

app = typer.Typer(help="Load evidence files (CSV, JSON lines, .gz, .mmdb) into Neo4j; idempotent and resumable.", no_args_is_help=True)

BatchSize = Annotated[int, typer.Option("--batch-size", min=1, help="Rows per write transaction.")]
Force = Annotated[bool, typer.Option("--force", help="Load files again even when an identical file (same sha256) was loaded completely.")]
MaxRejectRate = Annotated[float, typer.Option("--max-reject-rate", min=0.0, max=1.0, help="Fail (exit code 5) when more than this share of rows is rejected.")]
Rejects = Annotated[Path | None, typer.Option("--rejects", dir_okay=False, help="Write rejected rows here (default: <input>.rejects.csv beside each input).")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the summary as JSON on stdout instead of a table.")]
Dataset = Annotated[str | None, typer.Option("--dataset", help="Tag what is loaded with this dataset name.")]


class _RowsPerSecond(ProgressColumn):
    def render(self, task: Task) -> Text:
        rows = task.fields.get("rows", 0)
        elapsed = task.elapsed or 0.0
        return Text(f"{rows:,} rows  {rows / elapsed:,.0f} rows/s" if elapsed > 0 else f"{rows:,} rows", style="cyan")


class LoadProgress:
    """Progress on stderr: one bar per file, advanced by bytes read, showing rows/s and the time left."""

    def __init__(self) -> None:
        self.progress = Progress(
            TextColumn("{task.description}"), BarColumn(), TaskProgressColumn(), _RowsPerSecond(),
            TimeElapsedColumn(), TimeRemainingColumn(), console=err_console, transient=False,
        )
        self.task: TaskID | None = None
        self.rows = 0

    def __enter__(self) -> LoadProgress:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def start_file(self, path: Path, total_bytes: int) -> None:
        self.rows = 0
        self.task = self.progress.add_task(escape(path.name), total=total_bytes or None, rows=0)

    def advance(self, rows: int, bytes_done: int) -> None:
        self.rows += rows
        if self.task is not None:
            self.progress.update(self.task, completed=bytes_done or None, rows=self.rows)

    def finish_file(self, result: FileResult) -> None:
        if self.task is not None:
            total = self.progress.tasks[-1].total
            self.progress.update(self.task, completed=total, rows=self.rows, description=escape(f"{result.path.name} [{result.status}]"))
            # Stopped, a finished file's rows/s stays its own; running, it kept falling while later files loaded.
            self.progress.stop_task(self.task)
            self.task = None
        elif result.status == "skipped":
            err_console.print(f"{result.path}: already loaded completely (same sha256); skipped. Use --force to load it again.")


def _summary(results: list[FileResult], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({"files": [r.as_dict() for r in results]}, indent=2))
        return
    table = Table("file", "kind", "status", "read", "loaded", "rejected", "nodes created", "rels created", "seconds", "rows/s")
    for r in results:
        rate = f"{r.rows_read / r.seconds:,.0f}" if r.seconds and r.rows_read else ""
        table.add_row(r.path.name, r.kind, r.status, f"{r.rows_read:,}", f"{r.rows_loaded:,}", f"{r.rows_rejected:,}",
                      f"{r.counts.nodes_created:,}", f"{r.counts.relationships_created:,}", f"{r.seconds:.1f}", rate)
    console.print(table)
    for r in results:
        if r.rejects_path:
            err_console.print(f"{r.rows_rejected:,} rejected rows of {r.path.name} are in {r.rejects_path}")


def _run(source: str, paths: list[Path], options: LoadOptions, as_json: bool) -> None:
    results: list[FileResult] = []

    class _Collect(LoadProgress):
        def finish_file(self, result: FileResult) -> None:
            super().finish_file(result)
            results.append(result)

    with open_store(connection()) as store, _Collect() as bar:
        try:
            load_files(store, source, paths, options, bar)
        finally:
            bar.progress.stop()
            if results:
                _summary(results, as_json)


def _options(batch_size: int, force: bool, max_reject_rate: float, rejects: Path | None, dataset: str | None) -> LoadOptions:
    return LoadOptions(batch_size=batch_size, force=force, max_reject_rate=max_reject_rate, rejects_path=rejects, dataset=dataset)


Paths = Annotated[list[Path], typer.Argument(help="Input files (plain or .gz).", exists=True, dir_okay=False)]


@app.command("io-archive")
def io_archive_command(
    paths: Annotated[list[Path], typer.Argument(help="Users and tweets CSV files (plain or .gz) or release folders.", exists=True)],
    dataset: Annotated[str | None, typer.Option("--dataset", help="Dataset name (default: from the file names).")] = None,
    batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False, max_reject_rate: MaxRejectRate = 0.01,
    rejects: Rejects = None, as_json: AsJson = False,
) -> None:
    """Twitter information-operations archive: users CSV and tweets CSV (kind from the header)."""
    _run("io-archive", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)


@app.command("follows")
def follows_command(paths: Paths, dataset: Dataset = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False,
                    max_reject_rate: MaxRejectRate = 0.01, rejects: Rejects = None, as_json: AsJson = False) -> None:
    """Follow edges: src_account_id,dst_account_id[,observed_at] (CSV or JSON lines)."""
    _run("follows", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)


@app.command("ips")
def ips_command(paths: Paths, dataset: Dataset = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False,
                max_reject_rate: MaxRejectRate = 0.01, rejects: Rejects = None, as_json: AsJson = False) -> None:
    """IP observations: account_id,ip,first_seen,last_seen[,count] (IPv4 and IPv6; CSV or JSON lines)."""
    _run("ips", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)


@app.command("ip-ranges")
def ip_ranges_command(paths: Paths, dataset: Dataset = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False,
                      max_reject_rate: MaxRejectRate = 0.01, rejects: Rejects = None, as_json: AsJson = False) -> None:
    """IP ranges: network,asn,as_org,country,is_vpn[,kind] CSV/JSON lines, or a MaxMind .mmdb (ASN or City)."""
    _run("ip-ranges", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)


@app.command("shares")
def shares_command(paths: Paths, dataset: Dataset = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False,
                   max_reject_rate: MaxRejectRate = 0.01, rejects: Rejects = None, as_json: AsJson = False) -> None:
    """Content shares (CooRTweet): object_id,account_id,content_id,timestamp_share."""
    _run("shares", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)


@app.command("twitter-json")
def twitter_json_command(paths: Paths, dataset: Dataset = None, batch_size: BatchSize = DEFAULT_BATCH_SIZE, force: Force = False,
                         max_reject_rate: MaxRejectRate = 0.01, rejects: Rejects = None, as_json: AsJson = False) -> None:
    """Twitter API v1.1 / v2 tweet JSON from twarc or twarc2: one tweet or one response page per line."""
    _run("twitter-json", paths, _options(batch_size, force, max_reject_rate, rejects, dataset), as_json)
