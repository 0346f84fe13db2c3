"""``netforensics schema``: apply and inspect the versioned schema migrations."""

from __future__ import annotations

import json

import typer
from rich.table import Table

from netforensics.cli.console import console
from netforensics.cli.options import connection
from netforensics.store import open_store
from netforensics.store import schema as schema_store

app = typer.Typer(help="Apply and inspect the database schema (constraints and indexes).", no_args_is_help=True)


@app.command("apply")
def apply_command() -> None:
    """Create every constraint and index of the graph model (idempotent) and record the version."""
    with open_store(connection()) as store:
        newly = schema_store.apply(store)
        version = schema_store.applied_version(store)
    if newly:
        console.print(f"Schema migrated to version {version} ({', '.join(m.name for m in newly)}).")
    else:
        console.print(f"Schema already at version {version}; nothing to do.")


@app.command("status")
def status_command(as_json: bool = typer.Option(False, "--json", help="Print machine-readable JSON.")) -> None:
    """Show which migrations the database has and which this installation ships."""
    with open_store(connection()) as store:
        applied = schema_store.applied_version(store)
    if as_json:
        rows = [{"version": m.version, "migration": m.name, "applied": m.version <= applied} for m in schema_store.migrations()]
        console.print_json(json.dumps({"applied_version": applied, "migrations": rows}))
        return
    table = Table("version", "migration", "applied")
    for migration in schema_store.migrations():
        table.add_row(str(migration.version), migration.name, "yes" if migration.version <= applied else "no")
    console.print(table)
