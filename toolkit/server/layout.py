"""Where the managed server lives inside the data home, and the small state files beside it.

    $NETFORENSICS_HOME/
      neo4j/             the assembled server (lib/, plugins/, conf/, data/, logs/, run/, import/)
      neo4j/installed.json   versions installed (re-install is a no-op when they match)
      server.json        ports of the last `db start`
      neo4j-password     the generated password, mode 0600
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from netforensics.errors import DatabaseUnavailable


@dataclass(frozen=True)
class ServerState:
    bolt_port: int
    http_port: int


@dataclass(frozen=True)
class ServerLayout:
    home: Path

    @property
    def server_home(self) -> Path:
        return self.home / "neo4j"

    @property
    def lib(self) -> Path:
        return self.server_home / "lib"

    @property
    def plugins(self) -> Path:
        return self.server_home / "plugins"

    @property
    def conf(self) -> Path:
        return self.server_home / "conf"

    @property
    def data(self) -> Path:
        return self.server_home / "data"

    @property
    def logs(self) -> Path:
        return self.server_home / "logs"

    @property
    def run(self) -> Path:
        return self.server_home / "run"

    @property
    def pid_file(self) -> Path:
        return self.run / "neo4j.pid"

    @property
    def server_log(self) -> Path:
        return self.logs / "neo4j.log"

    @property
    def installed_file(self) -> Path:
        return self.server_home / "installed.json"

    @property
    def state_file(self) -> Path:
        return self.home / "server.json"

    @property
    def password_file(self) -> Path:
        return self.home / "neo4j-password"

    def read_installed(self) -> dict[str, str] | None:
        try:
            return dict(json.loads(self.installed_file.read_text()))
        except (OSError, ValueError):
            return None

    def read_state(self) -> ServerState | None:
        try:
            raw = json.loads(self.state_file.read_text())
            return ServerState(int(raw["bolt_port"]), int(raw["http_port"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def write_state(self, state: ServerState) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        self.state_file.write_text(json.dumps(asdict(state)) + "\n")

    def read_password(self) -> str:
        try:
            return self.password_file.read_text(encoding="utf-8").strip()
        except OSError as err:
            raise DatabaseUnavailable(
                f"No password file at {self.password_file}: start the local server with `netforensics db start`."
            ) from err

    def write_password(self, password: str) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(password + "\n")
        os.chmod(self.password_file, 0o600)
