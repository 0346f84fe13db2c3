"""Versioned schema migrations from ``cypher/schema/NNN_name.cypher``, applied idempotently.

Each file's statements use ``IF NOT EXISTS``; the applied versions are recorded as ``(:SchemaVersion)``
nodes so ``schema status`` can say what the database has.
"""

from __future__ import annotations

from dataclasses import dataclass

from netforensics import cypher_files
from netforensics.store.connection import GraphStore


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    statements: tuple[str, ...]


def migrations() -> list[Migration]:
    found = []
    for file in cypher_files.list_folder("schema"):
        number, _, _ = file.name.partition("_")
        found.append(Migration(int(number), file.name, tuple(file.statements())))
    return sorted(found, key=lambda m: m.version)


def latest_version() -> int:
    return max((m.version for m in migrations()), default=0)


def applied_version(store: GraphStore) -> int:
    value = store.read_value(cypher_files.load("schema-meta/applied-version"))
    return int(value or 0)


def apply(store: GraphStore) -> list[Migration]:
    """Run every migration (each statement is idempotent) and record versions; returns those newly recorded."""
    already = applied_version(store)
    newly = []
    for migration in migrations():
        for statement in migration.statements:
            store.run_autocommit(statement)
        if migration.version > already:
            newly.append(migration)
        store.write(cypher_files.load("schema-meta/record-version"), {"version": migration.version, "name": migration.name})
    store.run_autocommit("CALL db.awaitIndexes(300)")
    return newly


_ensured: set[str] = set()


def ensure(store: GraphStore) -> None:
    """Apply the schema once per process and database before any load (cheap when already current)."""
    key = f"{store.settings.uri}/{store.database}"
    if key in _ensured:
        return
    if applied_version(store) < latest_version():
        apply(store)
    _ensured.add(key)
