"""The ``netforensics`` command: one typer app, one module per command group (file tree = command tree).

Every command is a thin shell over importable functions. Domain errors become one line on stderr
and the exit code documented in :mod:`netforensics.errors`; tracebacks are never shown to users
(and typer's locals printing, which could leak passwords, is off).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import typer
from rich.markup import escape

from netforensics import __version__
from netforensics.cli import browser, clusters, db, demo, evaluate, explain, export, load, network, options, query, refresh, report, schema, synth
from netforensics.cli.console import err_console
from netforensics.errors import NetforensicsError

app = typer.Typer(
    name="netforensics",
    help="Find coordinated inauthentic behaviour in social-media graphs stored in Neo4j: "
    "load evidence, detect communities, separate core operators from amplifier swarms.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode="rich",
)
# In the order of the workflow: set up, load, detect, investigate, refresh, report; then the tools.
app.command("demo")(demo.demo_command)
app.add_typer(db.app, name="db")
app.add_typer(schema.app, name="schema")
app.add_typer(load.app, name="load")
app.command("synth")(synth.synth_command)
app.command("clusters")(clusters.clusters_command)
app.command("explain")(explain.explain_command)
app.command("query")(query.query_command)
app.command("evaluate")(evaluate.evaluate_command)
app.command("refresh")(refresh.refresh_command)
app.command("report")(report.report_command)
app.add_typer(export.app, name="export")
app.add_typer(browser.app, name="browser")
app.add_typer(network.app, name="network")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netforensics {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="Log diagnostics to stderr."),
    uri: str = typer.Option(None, "--uri", envvar="NEO4J_URI", help="Bolt URI of the server (default: the managed local server).", show_envvar=True),
    username: str = typer.Option(None, "--username", envvar="NEO4J_USERNAME", help="Database user (default neo4j).", show_envvar=True),
    database: str = typer.Option(None, "--database", envvar="NEO4J_DATABASE", help="Database name (default neo4j).", show_envvar=True),
    password_file: Path = typer.Option(None, "--password-file", help="Read the password from this file (else NEO4J_PASSWORD; never a flag).", exists=False, dir_okay=False),
) -> None:
    options.overrides.uri = uri
    options.overrides.username = username
    options.overrides.database = database
    options.overrides.password_file = password_file
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    # The driver logs connection details at DEBUG; keep it quiet unless asked.
    logging.getLogger("neo4j").setLevel(logging.WARNING)


def main() -> None:
    try:
        app()
    except NetforensicsError as err:
        err_console.print(f"[bold red]error:[/] {escape(str(err))}", highlight=False, emoji=False)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]")
        sys.exit(130)
