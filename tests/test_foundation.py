"""The foundation: a real Neo4j 5.26 with GDS, bound to loopback, schema migrations, clean errors."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest
import yaml

from netforensics.settings import ConnectionSettings
from netforensics.store import schema
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

ROOT = Path(__file__).resolve().parents[1]


def test_server_is_neo4j_5_26_with_gds_and_apoc(store: GraphStore) -> None:
    version = store.read_value("CALL dbms.components() YIELD versions RETURN versions[0] AS v")
    assert version.startswith("5.26.")
    assert store.read_value("RETURN gds.version() AS v").startswith("2.13.")
    assert store.read_value("RETURN apoc.version() AS v").startswith("5.26.")


def test_gds_leiden_runs(store: GraphStore) -> None:
    store.write("UNWIND range(0, 5) AS i CREATE (:Probe {i: i})")
    store.write("MATCH (a:Probe), (b:Probe) WHERE a.i < b.i AND (a.i < 3) = (b.i < 3) CREATE (a)-[:P]->(b)")
    rows = store.read(
        "CALL gds.graph.project('probe', 'Probe', {P: {orientation: 'UNDIRECTED'}}) YIELD graphName "
        "CALL gds.leiden.stream(graphName, {randomSeed: 1, concurrency: 1}) YIELD nodeId, communityId "
        "RETURN count(DISTINCT communityId) AS communities"
    )
    store.run_autocommit("CALL gds.graph.drop('probe')")
    assert rows[0]["communities"] == 2


def test_schema_apply_is_idempotent(store: GraphStore) -> None:
    def shape() -> tuple[list[str], list[str]]:
        constraints = sorted(r["name"] for r in store.read("SHOW CONSTRAINTS YIELD name RETURN name"))
        indexes = sorted(r["name"] for r in store.read("SHOW INDEXES YIELD name RETURN name"))
        return constraints, indexes

    before = shape()
    assert schema.apply(store) == []
    assert shape() == before
    assert schema.applied_version(store) == schema.latest_version()
    for key in ("account_id", "tweet_id", "ip_address", "network_cidr", "community_key", "loadbatch_sha256"):
        assert key in before[0]


def test_schema_constraints_reject_duplicates(store: GraphStore) -> None:
    store.write("CREATE (:Account {id: '1'})")
    with pytest.raises(Exception, match="already exists"):
        store.write("CREATE (:Account {id: '1'})")


def _listening_addresses(port: int) -> set[str]:
    found: set[str] = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state = fields[1], fields[3]
            address, port_hex = local.split(":")
            if state == "0A" and int(port_hex, 16) == port:
                found.add(address)
    return found


@pytest.mark.skipif(os.environ.get("NEO4J_URI") is not None, reason="only for the managed local server")
def test_managed_server_listens_on_loopback_only(neo4j_settings: ConnectionSettings) -> None:
    port = int(neo4j_settings.uri.rsplit(":", 1)[1])
    addresses = _listening_addresses(port)
    assert addresses, f"nothing listens on {port}"
    loopback = {"0100007F", "0000000000000000FFFF00000100007F", "00000000000000000000000001000000"}
    assert addresses <= loopback, addresses
    try:
        outside = socket.gethostbyname(socket.gethostname())
    except OSError:
        outside = "127.0.0.1"
    if not outside.startswith("127."):
        with pytest.raises(OSError):
            socket.create_connection((outside, port), timeout=2).close()


@pytest.mark.skipif(os.environ.get("NEO4J_URI") is not None, reason="only for the managed local server")
def test_password_file_is_private_and_not_on_argv(neo4j_settings: ConnectionSettings) -> None:
    from netforensics.server.layout import ServerLayout
    from netforensics.server.process import read_pid
    from netforensics.settings import data_home

    layout = ServerLayout(data_home())
    assert layout.password_file.stat().st_mode & 0o777 == 0o600
    pid = read_pid(layout)
    assert pid is not None
    cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace")
    assert neo4j_settings.password not in cmdline


def test_bad_password_gives_one_clear_line(neo4j_settings: ConnectionSettings) -> None:
    wrong = ConnectionSettings(neo4j_settings.uri, neo4j_settings.username, "not-the-password-123", neo4j_settings.database)
    result = run_cli("schema", "status", settings=wrong)
    assert result.returncode == 4
    assert "refused the credentials" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert "not-the-password-123" not in result.stderr + result.stdout
    assert len(result.stderr.strip().splitlines()) == 1


def test_unreachable_server_gives_one_clear_line() -> None:
    unreachable = ConnectionSettings("bolt://127.0.0.1:9", "neo4j", "whatever-password", "neo4j")
    result = run_cli("schema", "status", settings=unreachable)
    assert result.returncode == 3
    assert "Cannot reach Neo4j at bolt://127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stderr
    assert "whatever-password" not in result.stderr


def test_db_status_when_not_installed_or_stopped(tmp_path: Path) -> None:
    result = run_cli("db", "status", env={"NETFORENSICS_HOME": str(tmp_path)})
    assert result.returncode == 1
    assert "Neo4j is not running (not installed" in result.stdout
    result = run_cli("db", "status", "--json", env={"NETFORENSICS_HOME": str(tmp_path)})
    assert '"running": false' in result.stdout


def test_without_uri_or_local_server_says_what_to_do(tmp_path: Path) -> None:
    env = {"NETFORENSICS_HOME": str(tmp_path), "NEO4J_URI": "", "NEO4J_PASSWORD": ""}
    result = run_cli("schema", "status", env=env)
    assert result.returncode == 3
    assert "netforensics db start" in result.stderr


def test_missing_java_is_explained(tmp_path: Path) -> None:
    env = {"NETFORENSICS_HOME": str(tmp_path), "PATH": str(tmp_path)}  # neither java nor mvn on PATH
    result = run_cli("db", "install", env=env)
    assert result.returncode == 6
    assert "Java" in result.stderr and "docker/compose.yaml" in result.stderr
    assert "Traceback" not in result.stderr


def test_compose_file_parses_and_names_the_toolkit_variables() -> None:
    compose = yaml.safe_load((ROOT / "docker" / "compose.yaml").read_text())
    services = compose["services"]
    assert services["neo4j"]["image"].startswith("neo4j:5.26")
    assert "graph-data-science" in services["neo4j"]["environment"]["NEO4J_PLUGINS"]
    assert "healthcheck" in services["neo4j"]
    toolkit_env = services["toolkit"]["environment"]
    for variable in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        assert variable in toolkit_env
    settings_source = (ROOT / "toolkit" / "settings.py").read_text()
    for variable in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD", "NEO4J_DATABASE"):
        assert f'"{variable}"' in settings_source
    dockerfile = (ROOT / "docker" / "Dockerfile").read_text()
    assert 'ENTRYPOINT ["netforensics"]' in dockerfile


def test_every_command_has_help() -> None:
    from netforensics.cli import app
    import typer.main

    root = typer.main.get_command(app)

    def walk(command, path):  # type: ignore[no-untyped-def]
        yield path, command
        for name, sub in getattr(command, "commands", {}).items():
            yield from walk(sub, [*path, name])

    missing = [" ".join(path) for path, command in walk(root, []) if path and not (command.help or "").strip()]
    assert missing == []
    result = run_cli("--help")
    assert result.returncode == 0 and "db" in result.stdout


def test_a_refused_start_shows_what_the_launcher_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The launcher names what it refused (here an unknown setting) on its own output; the server log only holds
    the previous run's last lines, which used to be all the error showed."""
    from netforensics.errors import DatabaseUnavailable
    from netforensics.server import assembly, process
    from netforensics.server.layout import ServerLayout

    layout = ServerLayout(tmp_path)
    layout.logs.mkdir(parents=True)
    layout.server_log.write_text("2026-12-07 03:00:50.406+0000 INFO  Started.\n", encoding="utf-8")
    said = "Configuration file validation failed.\nError: Unrecognized setting. No declared setting with name: db.x."
    monkeypatch.setattr(assembly, "is_installed", lambda _layout: True)
    monkeypatch.setattr(process, "_launcher", lambda _layout, *args: subprocess.CompletedProcess(args, 1, said, ""))
    with pytest.raises(DatabaseUnavailable) as refused:
        process.start(layout, pick_free_ports=True)
    message = str(refused.value)
    assert "Unrecognized setting. No declared setting with name: db.x." in message
    assert message.endswith("Last lines of the server log:\n2026-12-07 03:00:50.406+0000 INFO  Started.")
