"""``netforensics db``: install, start, stop and inspect the managed local Neo4j server."""

from __future__ import annotations

import json
import time
from dataclasses import asdict

import typer
from rich.table import Table
from rich.text import Text

from netforensics.cli.console import console, err_console
from netforensics.server import assembly, process, versions
from netforensics.server.layout import ServerLayout
from netforensics.errors import NetforensicsError, UsageError
from netforensics.server.memory import MemorySettings, normalise_size
from netforensics.server.warm import start_background_warmup
from netforensics.settings import data_home

app = typer.Typer(
    help="The managed local Neo4j 5.26 server (Community + GDS + APOC + Browser), assembled from Maven Central "
    "into $NETFORENSICS_HOME. Not needed when NEO4J_URI points at your own server.",
    no_args_is_help=True,
)


def _layout() -> ServerLayout:
    return ServerLayout(data_home())


def _size(value: str | None) -> str | None:
    """``--heap``/``--pagecache``: checked before anything starts (Neo4j would refuse it with its whole config)."""
    if value is None:
        return None
    try:
        return normalise_size(value)
    except UsageError as err:
        raise typer.BadParameter(str(err)) from err


@app.command("install")
def install_command(force: bool = typer.Option(False, "--force", help="Re-assemble even when the right versions are present.")) -> None:
    """Assemble Neo4j, GDS, APOC and Browser from Maven Central (needs Java 17 and Maven; a no-op when done)."""
    layout = _layout()
    started = time.monotonic()
    with err_console.status("Assembling Neo4j from Maven Central") as spinner:
        done = assembly.install(layout, force=force, report=lambda message: spinner.update(message))
    if done:
        console.print(f"Installed Neo4j {versions.NEO4J_VERSION} with GDS {versions.GDS_VERSION}, APOC {versions.APOC_VERSION} "
                      f"and Browser {versions.BROWSER_VERSION} into {layout.server_home} in {time.monotonic() - started:.0f} s.")
    else:
        console.print(f"Neo4j {versions.NEO4J_VERSION} with GDS {versions.GDS_VERSION} is already installed in {layout.server_home}.")


@app.command("start")
def start_command(
    bolt_port: int = typer.Option(None, "--bolt-port", min=1, max=65535, help="Bolt port on 127.0.0.1, 1-65535 (default 7687, or the last one used)."),
    http_port: int = typer.Option(None, "--http-port", min=1, max=65535, help="HTTP/Browser port on 127.0.0.1, 1-65535 (default 7474, or the last one used)."),
    free_ports: bool = typer.Option(False, "--free-ports", help="Pick free ports for whatever is not given."),
    heap: str = typer.Option(None, "--heap", callback=_size, help="JVM heap: a whole number with k, m or g, e.g. 4g (default: 15% of RAM or of the control-group memory limit, 1–8 GiB)."),
    pagecache: str = typer.Option(None, "--pagecache", callback=_size, help="Page cache: a whole number with k, m or g, e.g. 2g (default: 10% of RAM or of the control-group limit, 0.5–4 GiB)."),
    install: bool = typer.Option(True, "--install/--no-install", help="Install first when the server is missing."),
    warm: bool = typer.Option(True, "--warm/--no-warm", help="Warm the server in the background: read the store files once so the first queries do not wait for the disk (skipped when the store exceeds half the available memory), then run the projection queries so their code is compiled before the first `clusters` (stops as soon as anyone else uses the server)."),
) -> None:
    """Start the server in the background bound to 127.0.0.1 with auth on; waits until Bolt answers. When it
    already runs, nothing changes: ports and memory options given are ignored (and said so)."""
    layout = _layout()
    if process.read_pid(layout) is not None:
        _already_running(layout, bolt_port=bolt_port, http_port=http_port, free_ports=free_ports, heap=heap,
                         pagecache=pagecache)
        return
    if install and not assembly.is_installed(layout):
        with err_console.status("Assembling Neo4j from Maven Central") as spinner:
            assembly.install(layout, report=lambda message: spinner.update(message))
    with err_console.status("Starting Neo4j"):
        result = process.start(
            layout,
            bolt_port=bolt_port,
            http_port=http_port,
            pick_free_ports=free_ports,
            memory=MemorySettings.from_options(heap, pagecache),
        )
    console.print(f"Neo4j is running: {result.bolt_uri}  (Browser: {result.http_url}, user neo4j, "
                  f"password in {layout.password_file})")
    if warm:
        reader, size = start_background_warmup(layout.data / "databases")
        if reader is not None:
            reading = f"reading the {size / (1 << 20):,.0f} MiB store once, then " if size else ""
            err_console.print(f"warming up in the background (pid {reader.pid}): {reading}running the projection "
                              "queries, so the first run finds the store in memory and the server's code compiled",
                              highlight=False)


def _already_running(layout: ServerLayout, **options: object) -> None:
    result = process.status(layout)
    if result.bolt_uri is None:
        raise NetforensicsError(process.unknown_ports(layout, result.pid))
    console.print(f"Neo4j is already running: {result.bolt_uri}  (Browser: {result.http_url}, user neo4j, "
                  f"password in {layout.password_file})")
    given = [f"--{name.replace('_', '-')}" for name, value in options.items() if value not in (None, False)]
    if given:
        err_console.print(f"{', '.join(given)} ignored: the server is already running. To apply them run "
                          "`netforensics db stop`, then `netforensics db start` with them.", highlight=False)


@app.command("stop")
def stop_command() -> None:
    """Shut the server down cleanly."""
    if process.stop(_layout()):
        console.print("Neo4j stopped.")
    else:
        console.print("Neo4j was not running.")


@app.command("status")
def status_command(as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON.")) -> None:
    """Show whether the server runs (and answers within 5 s), its versions, URI, pid and store size (exit 1 when
    stopped)."""
    layout = _layout()
    result = process.status(layout)
    if as_json:
        console.print_json(json.dumps(asdict(result)))
    elif not result.running:
        installed = result.installed
        what = f"installed ({installed['neo4j']} + GDS {installed['gds']})" if installed else "not installed"
        console.print(f"Neo4j is not running ({what}; data home {layout.home}). Start it with `netforensics db start`.")
    else:
        table = Table(show_header=False, box=None)
        if result.bolt_uri is None:
            table.add_row("status", Text(process.unknown_ports(layout, result.pid), style="yellow"))
        elif result.answering:
            table.add_row("status", Text("running", style="green"))
        elif result.refused:
            table.add_row("status", Text(f"running, but it refused the password in {layout.password_file} (changed "
                                         "outside netforensics?): write the current one into that file", style="yellow"))
        else:
            table.add_row("status", Text(f"running but not answering within {process.STATUS_TIMEOUT:.0f} s "
                                         "(starting, overloaded or frozen; see `netforensics db logs`)", style="yellow"))
        table.add_row("Neo4j", str(result.neo4j_version or "?"))
        table.add_row("GDS", str(result.gds_version or "?"))
        table.add_row("APOC", str(result.apoc_version or "?"))
        table.add_row("Bolt URI", str(result.bolt_uri))
        table.add_row("Browser", str(result.http_url))
        table.add_row("pid", str(result.pid))
        table.add_row("store size", f"{result.store_bytes / 1024 / 1024:.1f} MiB")
        table.add_row("data home", str(layout.home))
        console.print(table)
    if not result.running:
        raise typer.Exit(1)


@app.command("logs")
def logs_command(
    lines: int = typer.Option(50, "--lines", "-n", help="How many lines from the end."),
    follow: bool = typer.Option(False, "--follow", "-f", help="Keep printing new lines (Ctrl-C to stop)."),
) -> None:
    """Tail the server log (neo4j.log)."""
    layout = _layout()
    if not layout.server_log.exists():
        err_console.print(f"No server log yet at {layout.server_log}.")
        raise typer.Exit(1)
    for line in process.log_tail(layout, lines):
        typer.echo(line.rstrip("\n"))
    if follow:
        with layout.server_log.open(encoding="utf-8", errors="replace") as handle:
            handle.seek(0, 2)
            try:
                while True:
                    line = handle.readline()
                    if line:
                        typer.echo(line.rstrip("\n"))
                    else:
                        time.sleep(0.5)
            except KeyboardInterrupt:
                pass
