"""Run the real ``netforensics`` command in a subprocess, as a user would."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from netforensics.settings import ConnectionSettings


def run_cli(*args: str, env: Mapping[str, str] | None = None, settings: ConnectionSettings | None = None,
            timeout: float = 600) -> subprocess.CompletedProcess[str]:
    """``netforensics ARGS``; with ``settings`` the command talks to that server via NEO4J_* variables."""
    full_env = dict(os.environ)
    full_env["COLUMNS"] = "200"
    if settings is not None:
        full_env.update(NEO4J_URI=settings.uri, NEO4J_USERNAME=settings.username,
                        NEO4J_PASSWORD=settings.password, NEO4J_DATABASE=settings.database)
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "netforensics", *args], env=full_env, capture_output=True,
                          text=True, timeout=timeout)


def read_accounts_export(path: Path) -> list[dict[str, str]]:
    """The rows of an ``export accounts`` file, after checking its columns are the documented ones."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["account_id", "community", "role", "role_score", "evidence"]
    return rows
