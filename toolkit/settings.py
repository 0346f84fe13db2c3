"""Where things live and how to reach the database.

Connection settings follow the official driver's conventions (``NEO4J_URI``, ``NEO4J_USERNAME``,
``NEO4J_PASSWORD``, ``NEO4J_DATABASE``). Without ``NEO4J_URI`` the managed local server in the data home
is used, with the password read from its 0600 file. The password is never logged or put on argv.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path


def data_home() -> Path:
    """``$NETFORENSICS_HOME``, else ``$XDG_DATA_HOME/netforensics``, else ``~/.local/share/netforensics``."""
    explicit = os.environ.get("NETFORENSICS_HOME")
    if explicit:
        return Path(explicit).expanduser().resolve()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return (Path(xdg) / "netforensics").resolve()


@dataclass(frozen=True)
class ConnectionSettings:
    uri: str
    username: str
    password: str = field(repr=False)
    database: str = "neo4j"
    managed: bool = False  # True when pointing at the local server in the data home

    def __str__(self) -> str:  # never includes the password
        return f"{self.username}@{self.uri}/{self.database}"


def resolve_connection(
    uri: str | None = None,
    username: str | None = None,
    password: str | None = None,
    database: str | None = None,
) -> ConnectionSettings:
    """Explicit values win, then the ``NEO4J_*`` environment, then the managed local server.

    The managed server always uses user ``neo4j`` and its generated password: ``username`` and ``password``
    only apply with a URI (the CLI refuses them otherwise, see ``netforensics.cli.options``)."""
    from netforensics.errors import DatabaseUnavailable, UsageError

    uri = uri or os.environ.get("NEO4J_URI")
    username = username or os.environ.get("NEO4J_USERNAME") or "neo4j"
    password = password or os.environ.get("NEO4J_PASSWORD")
    database = database or os.environ.get("NEO4J_DATABASE") or "neo4j"
    if uri:
        if not password:
            raise UsageError(f"No password for the Neo4j server at {uri}: set NEO4J_PASSWORD or give --password-file.")
        return ConnectionSettings(uri, username, password, database, managed=False)

    from netforensics.server.layout import ServerLayout

    layout = ServerLayout(data_home())
    state = layout.read_state()
    if state is None:
        raise DatabaseUnavailable(
            "No database configured: set NEO4J_URI (and NEO4J_PASSWORD), "
            "or start the local server with `netforensics db start`."
        )
    return ConnectionSettings(
        f"bolt://127.0.0.1:{state.bolt_port}",
        "neo4j",
        layout.read_password(),
        database,
        managed=True,
    )
