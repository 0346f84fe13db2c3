"""Connection options given once on the root command, e.g. ``netforensics --uri bolt://db:7687 clusters``.

They default to the driver's environment variables. The password is read from ``NEO4J_PASSWORD`` or
from ``--password-file`` (never a flag: argv is visible to every user of the machine). ``--username`` and
``--password-file`` are for a server given with ``--uri``/``NEO4J_URI``; the managed local server refuses them.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from netforensics.errors import UsageError
from netforensics.settings import ConnectionSettings, resolve_connection


@dataclass
class ConnectionOverrides:
    uri: str | None = None
    username: str | None = None
    database: str | None = None
    password_file: Path | None = None


overrides = ConnectionOverrides()


def connection() -> ConnectionSettings:
    """The settings for this invocation: root flags, then ``NEO4J_*``, then the managed local server.

    ``--username`` and ``--password-file`` are for a server given with ``--uri``/``NEO4J_URI``; with the managed
    server they are refused rather than ignored (it has one user, neo4j, and a generated password)."""
    if not (overrides.uri or os.environ.get("NEO4J_URI")):
        given = [flag for flag, name in (("--username", "username"), ("--password-file", "password_file"))
                 if _given_on_command_line(name)]
        if given:
            raise UsageError(f"{' and '.join(given)} {'applies' if len(given) == 1 else 'apply'} only to a server given "
                             "with --uri or NEO4J_URI: the managed local server has user neo4j and its generated password.")
    password = read_password_file(overrides.password_file) if overrides.password_file is not None else None
    return resolve_connection(overrides.uri, overrides.username, password, overrides.database)


def read_password_file(path: Path) -> str:
    """The password in ``path`` (surrounding whitespace removed); an unreadable or empty file is a usage error
    naming the file, never showing what it holds, and never falling back to ``NEO4J_PASSWORD``."""
    try:
        password = path.read_text(encoding="utf-8").strip()
    except OSError as err:
        raise UsageError(f"Cannot read the password file {path}: {err.strerror or type(err).__name__}.") from err
    except UnicodeDecodeError as err:
        raise UsageError(f"The password file {path} is not UTF-8 text.") from err
    if not password:
        raise UsageError(f"The password file {path} is empty: put the password in it (or leave out --password-file "
                         "and set NEO4J_PASSWORD).")
    return password


def _given_on_command_line(name: str) -> bool:
    """Whether the root option ``name`` was typed: the same value in its environment variable (NEO4J_USERNAME,
    which typer also reads into the option) does not count."""
    value = getattr(overrides, name)
    environment = {"username": "NEO4J_USERNAME"}.get(name)
    return value is not None and (environment is None or value != os.environ.get(environment))
