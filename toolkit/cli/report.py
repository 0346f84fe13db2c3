"""``netforensics report OUT.html``: one self-contained HTML page on the current detection run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.errors import NetforensicsError
from netforensics.evaluate import read_current_run, read_labels, read_traps, scorecard
from netforensics.output_files import cannot_write, make_folder, replaced_on_success
from netforensics.report import ReportLimits, read_report, render_report
from netforensics.store import open_store


def report_command(
    out: Annotated[Path, typer.Argument(help="The HTML file to write (opens offline: inline CSS and SVG, no scripts).", dir_okay=False)],
    community: Annotated[Optional[str], typer.Option("--community", help="Only this community (its id in the current run), whatever its verdict.", show_default=False)] = None,
    labels: Annotated[Optional[Path], typer.Option("--labels", help="Ground truth account_id,role[,team] (e.g. labels.csv from `netforensics synth`): adds the scorecard.", exists=True, dir_okay=False, show_default=False)] = None,
    top_core: Annotated[int, typer.Option("--top-core", min=1, help="Core accounts listed per community.")] = 10,
    max_nodes: Annotated[int, typer.Option("--max-nodes", min=10, max=1000, help="Accounts drawn in each community's network picture (a sample).")] = 150,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON (path, run, communities).")] = False,
) -> None:
    """Write a report on the current detection run: what was loaded, the run's parameters and timings, the
    scorecard (with --labels), and a card per flagged community with plots (account creation, posting hours in
    the likely time zone, retweet delays, network kinds, lineage), top core accounts and a network picture.

    Exit codes: 0 written, 1 no current run or unknown community, 3/4 database unreachable/auth."""
    if out.exists() and out.is_dir():
        raise NetforensicsError(f"{out} is a folder: give a file name such as report.html.")
    limits = ReportLimits(top_core=top_core, max_nodes=max_nodes)
    with open_store(connection()) as store:
        card = None
        if labels is not None:
            card = scorecard(read_labels(labels), read_current_run(store), traps=read_traps(labels))
            for warning in card.warnings:
                err_console.print(f"warning: {warning}", highlight=False)
        with Progress(SpinnerColumn(), TextColumn("report: {task.description}"), TimeElapsedColumn(),
                      console=err_console, transient=True) as progress:
            task = progress.add_task("starting", total=None)
            data = read_report(store, community=community, limits=limits, scorecard=card,
                               labels_source=str(labels) if labels else None,
                               progress=lambda text: progress.update(task, description=text))
    page = render_report(data)
    make_folder(out.parent, out)
    try:
        with replaced_on_success(out) as part:
            part.write_text(page, encoding="utf-8")
    except OSError as err:
        raise cannot_write(out, err) from err
    summary = {"path": str(out), "run": data.run.id, "communities": [c.id for c in data.cards], "bytes": len(page.encode("utf-8"))}
    if as_json:
        typer.echo(json.dumps(summary, indent=2))
        return
    console.print(f"Wrote {out}: run {data.run.id}, {len(data.cards)} community card(s), {summary['bytes'] / 1024:,.0f} KiB.",
                  highlight=False)
