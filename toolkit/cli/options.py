"""Connection options given once on the root command, e.g. ``netforensics --uri bolt://db:7687 clusters``.

They default to the driver's environment variables. The password is read from ``NEO4J_PASSWORD`` or
from ``--password-file`` (never a flag: argv is visible to every user of the machine).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from netforensics.errors import NetforensicsError
from netforensics.settings import ConnectionSettings, resolve_connection


@dataclass
class ConnectionOverrides:
    uri: str | None = None
    username: str | None = None
    database: str | None = None
    password_file: Path | None = None


overrides = ConnectionOverrides()


def connection() -> ConnectionSettings:
    """The settings for this invocation: root flags, then ``NEO4J_*``, then the managed local server."""
    password = None
    if overrides.password_file is not None:
        try:
            password = overrides.password_file.read_text(encoding="utf-8").strip()
        except OSError as err:
            raise NetforensicsError(f"Cannot read the password file {overrides.password_file}: {err.strerror}") from err
    return resolve_connection(overrides.uri, overrides.username, password, overrides.database)
