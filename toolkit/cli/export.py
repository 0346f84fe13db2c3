"""``netforensics export ...``: tables and graphs for the tools analysts already use."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.report.export import FORMATS, export_graph, format_for
from netforensics.store import open_store
from netforensics.store.detection_reads import export_accounts, require_current_run

app = typer.Typer(help="Export detection results (accounts table; account graph for Gephi).", no_args_is_help=True)


@app.command("accounts")
def accounts_command(
    out: Annotated[Path, typer.Argument(help="CSV file to write: account_id,community,role,role_score,evidence.", dir_okay=False)],
) -> None:
    """Every account the current detection run assessed, with its community, role (core, amplifier or empty), role
    score and evidence (JSON); `netforensics evaluate LABELS --export OUT.csv` scores it. Accounts loaded after the
    run started are left out (the count is printed): run `netforensics clusters` to assess them."""
    with open_store(connection()) as store:
        run = require_current_run(store)
        done = export_accounts(store, run["run"], out)
    err_console.print(f"wrote {done.written:,} accounts of run {run['run']} to {out}", highlight=False)
    if done.not_assessed:
        err_console.print(f"left out {done.not_assessed:,} accounts loaded after run {run['run']} started at "
                          f"{run['started_at']} (not assessed): run `netforensics clusters` or wait for the nightly "
                          "refresh to include them", highlight=False)


@app.command("graph")
def graph_command(
    out: Annotated[Path, typer.Argument(help="File to write (.gexf / .graphml); for --format csv a folder that receives nodes.csv and edges.csv.")],
    fmt: Annotated[Optional[str], typer.Option("--format", help=f"One of {', '.join(FORMATS)} (default: from the file name).", show_default=False)] = None,
    community: Annotated[Optional[str], typer.Option("--community", help="Only the members of this community (its id in the current run).", show_default=False)] = None,
    max_ip_sharing: Annotated[int, typer.Option("--max-ip-sharing", min=2, help="Leave out shared_ip edges through addresses used by more accounts than this (NATs, big VPN exits).")] = 100,
    as_json: Annotated[bool, typer.Option("--json", help="Print what was written as JSON (paths, node and edge counts).")] = False,
) -> None:
    """The account graph with community, verdict, community score, role and role score on every node, and
    `retweeted` (weight = retweets) and `shared_ip` (weight = shared addresses) edges: opens directly in Gephi,
    Cytoscape, networkx or igraph."""
    chosen = format_for(out, fmt)
    with open_store(connection()) as store:
        with Progress(SpinnerColumn(), TextColumn("export: {task.description}"), TimeElapsedColumn(),
                      console=err_console, transient=True) as progress:
            task = progress.add_task("nodes", total=None)
            summary = export_graph(store, out, chosen, community=community, max_ip_sharing=max_ip_sharing,
                                   progress=lambda phase, n: progress.update(task, description=f"{n:,} {phase}"))
    if as_json:
        typer.echo(json.dumps(summary.as_dict(), indent=2))
        return
    edges = ", ".join(f"{n:,} {kind}" for kind, n in summary.edges.items())
    console.print(f"Wrote {', '.join(str(p) for p in summary.paths)} ({chosen}): {summary.nodes:,} accounts, edges {edges}.",
                  highlight=False)
