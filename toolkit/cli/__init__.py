"""The ``netforensics`` command: one typer app, one module per command group (file tree = command tree).

Every command is a thin shell over importable functions. Domain errors become one line on stderr
and the exit code documented in :mod:`netforensics.errors`; tracebacks are never shown to users
(and typer's locals printing, which could leak passwords, is off).
"""

from __future__ import annotations

import functools
import importlib
import logging
import os
import sys
import threading
from pathlib import Path

import typer
from rich.markup import escape

import netforensics
from netforensics.cli import options
from netforensics.cli.console import err_console
from netforensics.errors import NetforensicsError

# In the order of the workflow: set up, load, detect, investigate, refresh, report; then the tools.
# name -> (module under netforensics.cli, attribute, True for a command group). Modules are imported only for the
# command being run (numpy, igraph and the driver are slow to import; `network co-retweet` should not pay for them).
COMMANDS: dict[str, tuple[str, str, bool]] = {
    "demo": ("demo", "demo_command", False),
    "db": ("db", "app", True),
    "schema": ("schema", "app", True),
    "load": ("load", "app", True),
    "synth": ("synth", "synth_command", False),
    "clusters": ("clusters", "clusters_command", False),
    "explain": ("explain", "explain_command", False),
    "query": ("query", "query_command", False),
    "evaluate": ("evaluate", "evaluate_command", False),
    "refresh": ("refresh", "refresh_command", False),
    "report": ("report", "report_command", False),
    "export": ("export", "app", True),
    "browser": ("browser", "app", True),
    "network": ("network", "app", True),
}
# Commands that read and write files only (no database connection, no background work): their process ends
# without Python's module teardown (see _exit_without_teardown).
_NO_TEARDOWN = {"network"}
# Root options that take a value (so the word after them is not the command name).
_VALUE_OPTIONS = {"--uri", "--username", "--database", "--password-file"}


@functools.cache
def build_app(only: str | None = None) -> typer.Typer:
    """The command tree; with ``only`` a known command name, just that command (the rest are not imported)."""
    root = typer.Typer(
        name="netforensics",
        help="Find coordinated inauthentic behaviour in social-media graphs stored in Neo4j: "
        "load evidence, detect communities, separate core operators from amplifier swarms.",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        pretty_exceptions_show_locals=False,
        rich_markup_mode="rich",
    )
    root.callback()(_root)
    for name, (module_name, attribute, is_group) in COMMANDS.items():
        if only is not None and name != only:
            continue
        target = getattr(importlib.import_module(f"netforensics.cli.{module_name}"), attribute)
        if is_group:
            root.add_typer(target, name=name)
        else:
            root.command(name)(target)
    return root


def command_name(argv: list[str]) -> str | None:
    """The command word in ``argv`` (after the root options), if it names a known command; else None."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in _VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def __getattr__(name: str) -> typer.Typer:
    # `from netforensics.cli import app` (tests, documentation tools) gets the whole tree.
    if name == "app":
        return build_app()
    raise AttributeError(name)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"netforensics {netforensics.__version__}")
        raise typer.Exit()


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
    name = command_name(sys.argv[1:])
    try:
        _run(name)
    except SystemExit as done:
        if name in _NO_TEARDOWN and (done.code is None or isinstance(done.code, int)):
            _exit_without_teardown(done.code or 0)
        raise


def _exit_without_teardown(code: int) -> None:
    """End the process without Python's teardown of every imported module (40-50 ms with numpy, pyarrow and rich:
    a tenth of `network co-retweet` on 300k retweets). Only when nothing is left to run or close: the command has
    returned, its files are closed, and no other thread is alive."""
    if threading.active_count() > 1:
        return
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _run(name: str | None) -> None:
    try:
        build_app(name)()
    except NetforensicsError as err:
        err_console.print(f"[bold red]error:[/] {escape(str(err))}", highlight=False, emoji=False, markup=True)
        sys.exit(err.exit_code)
    except KeyboardInterrupt:
        err_console.print("[yellow]interrupted[/]", markup=True)
        sys.exit(130)
