"""Start, stop and inspect the managed Neo4j server through its own launcher.

The launcher (``org.neo4j.server.startup.Neo4jCommand``) reads heap and JVM flags from ``neo4j.conf``,
forks the server and writes ``run/neo4j.pid``. The first start sets the generated password through Bolt
(``ALTER CURRENT USER``), so it never appears on any command line.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from netforensics.errors import DatabaseUnavailable, NetforensicsError, ServerNotInstalled
from netforensics.lazy_import import lazy_module
from netforensics.server import assembly
from netforensics.server.layout import ServerLayout, ServerState
from netforensics.server.memory import MemorySettings

if TYPE_CHECKING:
    import neo4j
else:
    neo4j = lazy_module("neo4j")

DEFAULT_BOLT_PORT = 7687
DEFAULT_HTTP_PORT = 7474
_LAUNCHER = "org.neo4j.server.startup.Neo4jCommand"
STATUS_TIMEOUT = 5.0  # seconds `db status` waits for the version queries, in all


@dataclass(frozen=True)
class ServerStatus:
    running: bool
    pid: int | None = None
    bolt_uri: str | None = None
    http_url: str | None = None
    neo4j_version: str | None = None
    gds_version: str | None = None
    apoc_version: str | None = None
    store_bytes: int = 0
    installed: dict[str, str] | None = None
    answering: bool = False  # running and Bolt answered the version queries within STATUS_TIMEOUT
    refused: bool = False  # Bolt answered but refused the stored password (changed outside netforensics?)


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def read_pid(layout: ServerLayout) -> int | None:
    """The pid in ``run/neo4j.pid`` when that process is this home's Neo4j server and alive; else None.

    ``os.kill(pid, 0)`` alone is not enough: it succeeds on a zombie (killed, not yet reaped by its parent)
    and on an unrelated process that reused the pid, so on Linux ``/proc`` is checked too."""
    try:
        pid = int(layout.pid_file.read_text().strip())
    except (OSError, ValueError):
        return None
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return None
    except PermissionError:
        pass
    return pid if _is_this_server(pid, layout) else None


def _is_this_server(pid: int, layout: ServerLayout) -> bool:
    proc = Path("/proc") / str(pid)
    if not Path("/proc/self").exists():
        return True  # no /proc (not Linux): trust the signal check
    try:
        stat = (proc / "stat").read_text()
        arguments = (proc / "cmdline").read_bytes().split(b"\0")
    except OSError:
        return False  # gone in the meantime
    if stat[stat.rindex(")") + 2:].startswith(("Z", "X")):  # the command name may hold spaces and ")"
        return False
    home = str(layout.server_home.resolve())
    for raw in arguments:
        argument = raw.decode("utf-8", "replace")
        if argument.startswith("--home-dir=") and os.path.realpath(argument[len("--home-dir="):]) == home:
            return True
    return False


def _launcher_env(layout: ServerLayout) -> dict[str, str]:
    env = dict(os.environ)
    env["NEO4J_HOME"] = str(layout.server_home)
    env["NEO4J_CONF"] = str(layout.conf)
    for leaked in ("NEO4J_PASSWORD", "NEO4J_AUTH"):
        env.pop(leaked, None)
    return env


def _launcher(layout: ServerLayout, *args: str) -> subprocess.CompletedProcess[str]:
    command = ["java", "-cp", f"{layout.lib}/*", f"-Dbasedir={layout.server_home}", _LAUNCHER, *args]
    return subprocess.run(command, env=_launcher_env(layout), capture_output=True, text=True, timeout=300)


def write_config(layout: ServerLayout, state: ServerState, memory: MemorySettings) -> None:
    template = resources.files("netforensics.server").joinpath("neo4j.conf.template").read_text(encoding="utf-8")
    text = template.format(
        bolt_port=state.bolt_port,
        http_port=state.http_port,
        plugins=layout.plugins,
        import_dir=layout.server_home / "import",
        heap=memory.heap,
        pagecache=memory.pagecache,
        tx_max=memory.transaction_max,
    )
    layout.conf.mkdir(parents=True, exist_ok=True)
    (layout.conf / "neo4j.conf").write_text(text, encoding="utf-8")


def log_tail(layout: ServerLayout, lines: int = 20) -> list[str]:
    try:
        with layout.server_log.open(encoding="utf-8", errors="replace") as handle:
            return [line.rstrip("\n") for line in deque(handle, maxlen=lines)]
    except OSError:
        return []


def _first_start(layout: ServerLayout) -> bool:
    return not (layout.data / "databases" / "system").exists()


def _set_generated_password(uri: str, layout: ServerLayout) -> None:
    """On a fresh store the user is neo4j/neo4j with a forced change: replace it over Bolt."""
    password = secrets.token_urlsafe(24)
    driver = neo4j.GraphDatabase.driver(uri, auth=("neo4j", "neo4j"))
    try:
        with driver.session(database="system") as session:
            session.run("ALTER CURRENT USER SET PASSWORD FROM $old TO $new", old="neo4j", new=password).consume()
    finally:
        driver.close()
    layout.write_password(password)


def _wait_for_bolt(uri: str, auth: tuple[str, str], timeout: float, pid_alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + timeout
    last: Exception | None = None
    while time.monotonic() < deadline:
        if not pid_alive():
            raise DatabaseUnavailable("The Neo4j server exited during start-up.")
        driver = neo4j.GraphDatabase.driver(uri, auth=auth, connection_timeout=3)
        try:
            driver.verify_connectivity()
            return
        except neo4j.exceptions.AuthError:
            return  # Bolt answers; credentials are dealt with by the caller
        except Exception as err:  # noqa: BLE001 - any failure here means "not ready yet"
            last = err
        finally:
            driver.close()
        time.sleep(1.0)
    raise DatabaseUnavailable(f"Neo4j did not answer on {uri} within {timeout:.0f} s ({type(last).__name__}).")


def start(
    layout: ServerLayout,
    *,
    bolt_port: int | None = None,
    http_port: int | None = None,
    pick_free_ports: bool = False,
    memory: MemorySettings | None = None,
    timeout: float = 180.0,
) -> ServerStatus:
    """Start the server in the background (no-op when running) and wait until Bolt answers."""
    if not assembly.is_installed(layout):
        raise ServerNotInstalled("The local Neo4j server is not installed: run `netforensics db install` first.")
    if read_pid(layout) is not None:
        return _known_ports(layout, status(layout))
    previous = layout.read_state()
    if pick_free_ports:
        bolt_port = bolt_port or free_port()
        http_port = http_port or free_port()
    bolt_port = bolt_port or (previous.bolt_port if previous else DEFAULT_BOLT_PORT)
    http_port = http_port or (previous.http_port if previous else DEFAULT_HTTP_PORT)
    for name, port in (("Bolt", bolt_port), ("HTTP", http_port)):
        if not port_is_free(port):
            raise NetforensicsError(
                f"{name} port {port} on 127.0.0.1 is taken: pass --bolt-port/--http-port or --free-ports."
            )
    state = ServerState(bolt_port, http_port)
    write_config(layout, state, memory or MemorySettings.for_this_machine())
    layout.write_state(state)
    fresh = _first_start(layout)
    if fresh and layout.password_file.exists():
        layout.password_file.unlink()  # a password for a store that no longer exists
    result = _launcher(layout, "start")
    if result.returncode != 0:
        # The launcher names what it refused (an invalid setting, a missing Java) on its own output; the server's
        # log then only holds the previous run's last lines.
        said = (result.stdout + result.stderr).strip()
        detail = "\n".join(log_tail(layout, 15))
        raise DatabaseUnavailable(
            f"Neo4j failed to start (exit {result.returncode}).\n{said}\nLast lines of the server log:\n{detail}"
        )
    uri = f"bolt://127.0.0.1:{bolt_port}"
    # The readiness probe signs in with the stored password when there is one: with the default one it would log
    # "client is unauthorized due to authentication failure" in the server's log at every start.
    known = layout.read_password() if layout.password_file.exists() else "neo4j"
    try:
        _wait_for_bolt(uri, ("neo4j", known), timeout, lambda: read_pid(layout) is not None)
    except DatabaseUnavailable as err:
        detail = "\n".join(log_tail(layout, 15))
        raise DatabaseUnavailable(f"{err} Server log:\n{detail}") from err
    if fresh or not layout.password_file.exists():
        _set_generated_password(uri, layout)
    return status(layout)


def _known_ports(layout: ServerLayout, result: ServerStatus) -> ServerStatus:
    if result.bolt_uri is None:
        raise NetforensicsError(unknown_ports(layout, result.pid))
    return result


def unknown_ports(layout: ServerLayout, pid: int | None) -> str:
    return (f"Neo4j (pid {pid}) runs from {layout.home}, but its ports are unknown: {layout.state_file.name} is "
            "missing from the data home. Run `netforensics db stop`, then `netforensics db start`.")


def stop(layout: ServerLayout, timeout: float = 120.0) -> bool:
    """Stop cleanly (SIGTERM, then wait for the checkpoint); returns False when it was not running."""
    pid = read_pid(layout)
    if pid is None:
        return False
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if read_pid(layout) is None:
            break
        time.sleep(0.5)
    else:
        raise NetforensicsError(f"Neo4j (pid {pid}) did not stop within {timeout:.0f} s; see `netforensics db logs`.")
    layout.pid_file.unlink(missing_ok=True)
    return True


def store_size(layout: ServerLayout) -> int:
    total = 0
    for path in layout.data.rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            continue
    return total


def status(layout: ServerLayout) -> ServerStatus:
    installed = layout.read_installed()
    pid = read_pid(layout)
    state = layout.read_state()
    if pid is None:
        return ServerStatus(running=False, installed=installed, store_bytes=store_size(layout) if layout.data.exists() else 0)
    if state is None:  # server.json removed while the server runs: its ports are unknown
        return ServerStatus(running=True, pid=pid, installed=installed, store_bytes=store_size(layout))
    uri = f"bolt://127.0.0.1:{state.bolt_port}"
    versions, refused = _versions(uri, layout, STATUS_TIMEOUT)
    return ServerStatus(
        running=True,
        pid=pid,
        bolt_uri=uri,
        http_url=f"http://127.0.0.1:{state.http_port}/browser/",
        neo4j_version=versions["neo4j"],
        gds_version=versions["gds"],
        apoc_version=versions["apoc"],
        store_bytes=store_size(layout),
        installed=installed,
        answering=versions["neo4j"] is not None,
        refused=refused,
    )


def _versions(uri: str, layout: ServerLayout, timeout: float) -> tuple[dict[str, str | None], bool]:
    """Neo4j, GDS and APOC versions, each None when not answered within ``timeout`` seconds in all, and whether the
    server refused the stored password.

    Auto-commit queries are not retried (``execute_query`` retries for up to 30 s), and the probe runs in a
    daemon thread because a frozen server can accept the connection and then never answer a query."""
    versions: dict[str, str | None] = {"neo4j": None, "gds": None, "apoc": None}
    refused = threading.Event()

    def probe() -> None:
        try:
            driver = neo4j.GraphDatabase.driver(uri, auth=("neo4j", layout.read_password()),
                                                connection_timeout=timeout, connection_acquisition_timeout=timeout)
            try:
                with driver.session() as session:
                    for name, query in (("neo4j", "CALL dbms.components() YIELD versions RETURN versions[0] AS v"),
                                        ("gds", "RETURN gds.version() AS v"), ("apoc", "RETURN apoc.version() AS v")):
                        record = session.run(query).single()
                        versions[name] = None if record is None else str(record["v"])
            finally:
                driver.close()
        except neo4j.exceptions.AuthError:
            refused.set()
        except (neo4j.exceptions.Neo4jError, neo4j.exceptions.DriverError, NetforensicsError, OSError):
            pass  # running but not (yet) answering: show what we know

    worker = threading.Thread(target=probe, name="netforensics-status", daemon=True)
    worker.start()
    worker.join(timeout)
    return dict(versions), refused.is_set()


def ensure_running(home: Path) -> ServerStatus:
    """Install if needed and start with free ports if not running (used by tests and `demo`)."""
    layout = ServerLayout(home)
    assembly.install(layout)
    if read_pid(layout) is not None:
        return _known_ports(layout, status(layout))
    return start(layout, pick_free_ports=layout.read_state() is None)
