"""Errors a user can cause (bad option values, connection settings, statements the server rejects) end in one line
and the documented exit code, never a traceback, and never show a password."""

from __future__ import annotations

import json
import os
import re
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from netforensics.errors import AuthenticationFailed, DatabaseUnavailable, NetforensicsError
from netforensics.query_library import WriteRefused, ensure_read_only, parse, write_clauses
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore, connect
from tests.cli_helpers import run_cli

MANAGED_ONLY = pytest.mark.skipif(bool(os.environ.get("NEO4J_URI")), reason="only for the managed local server")


def one_clean_line(result: subprocess.CompletedProcess[str]) -> str:
    assert "Traceback" not in result.stderr + result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


# -- statements the server rejects ------------------------------------------------------------------
@pytest.mark.neo4j
def test_a_database_error_becomes_one_line_naming_the_statement(session_store: GraphStore) -> None:
    with pytest.raises(NetforensicsError) as failed:
        session_store.read("RETURN datetime.truncate($unit, datetime()) AS period", {"unit": "fortnight"})
    message = str(failed.value)
    assert "\n" not in message
    assert "Unsupported unit: fortnight" in message and "RETURN datetime.truncate" in message


@pytest.mark.neo4j
def test_query_file_with_a_database_error_names_the_query(neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    file = tmp_path / "periods.cypher"
    file.write_text("// name: periods\n// description: Truncates now.\nRETURN datetime.truncate($unit, datetime()) AS p",
                    encoding="utf-8")
    result = run_cli("query", "--file", str(file), "-p", "unit=fortnight", settings=neo4j_settings)
    assert result.returncode == 1
    line = one_clean_line(result)
    assert "'periods'" in line and "Unsupported unit: fortnight" in line


@pytest.mark.neo4j
@pytest.mark.parametrize("unit", ["foo", "week"])
def test_community_timeline_says_which_units_it_takes(neo4j_settings: ConnectionSettings, unit: str) -> None:
    result = run_cli("query", "community-timeline", "-p", "community=5", "-p", f"unit={unit}", settings=neo4j_settings)
    assert result.returncode == 1
    line = one_clean_line(result)
    assert "unit must be day or hour" in line and repr(unit) in line


@pytest.mark.neo4j
@pytest.mark.parametrize("unit, period", [("hour", "2019-08-01T10:00:00Z"), ("DAY", "2019-08-01T00:00:00Z")])
def test_community_timeline_takes_day_and_hour_in_any_case(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                           unit: str, period: str) -> None:
    store.write("CREATE (run:DetectionRun {id: 'run-t', current: true}) "
                "CREATE (c:Community {run: 'run-t', id: 5, key: 'run-t/5'}) "
                "CREATE (a:Account {id: 'a1'})-[:MEMBER_OF {run: 'run-t', role: 'core'}]->(c) "
                "CREATE (a)-[:POSTED]->(:Tweet {id: 't1', created_at: datetime('2019-08-01T10:15:00Z')})")
    result = run_cli("query", "community-timeline", "-p", "community=5", "-p", f"unit={unit}", "--json",
                     settings=neo4j_settings)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [{"period": period, "originals": 1, "retweets": 0, "active_accounts": 1,
                                          "core_active": 1}]


# -- driver errors mapped to exit codes -------------------------------------------------------------
def _driver_error(code: str, message: str) -> Exception:
    import neo4j.exceptions

    return neo4j.exceptions.Neo4jError._hydrate_neo4j(code=code, message=message)  # type: ignore[no-any-return]


def test_database_unavailable_during_a_statement_is_exit_3() -> None:
    from netforensics.store.connection import translate_driver_error

    settings = ConnectionSettings("bolt://127.0.0.1:7687", "neo4j", "secret-password-1")
    err = translate_driver_error(_driver_error("Neo.TransientError.General.DatabaseUnavailable",
                                               "Database 'neo4j' is unavailable."), settings, "MATCH (a:Account) RETURN a")
    assert isinstance(err, DatabaseUnavailable) and err.exit_code == 3
    assert str(err).startswith("The database became unavailable during the statement `MATCH (a:Account) RETURN a`")
    assert "run the command again" in str(err)


@pytest.fixture()
def throwaway_user(session_store: GraphStore) -> Iterator[str]:
    """A user of its own, so locking it out with wrong passwords leaves the tests' user alone."""
    name = f"probe_{uuid.uuid4().hex[:8]}"
    with session_store.driver.session(database="system") as session:
        session.run(f"CREATE USER {name} SET PASSWORD 'right-password-123' CHANGE NOT REQUIRED").consume()
    yield name
    with session_store.driver.session(database="system") as session:
        session.run(f"DROP USER {name} IF EXISTS").consume()


@pytest.mark.neo4j
def test_login_rate_limit_is_an_authentication_error(neo4j_settings: ConnectionSettings, throwaway_user: str) -> None:
    wrong = ConnectionSettings(neo4j_settings.uri, throwaway_user, "wrong-password-456", neo4j_settings.database)
    for _ in range(3):
        with pytest.raises(AuthenticationFailed):
            connect(wrong)
    result = run_cli("schema", "status", settings=wrong)
    assert result.returncode == 4
    line = one_clean_line(result)
    assert "refusing logins for a while after repeated wrong passwords" in line
    assert "wrong-password-456" not in result.stderr + result.stdout


# -- connection settings ----------------------------------------------------------------------------
@pytest.mark.parametrize("uri", ["http://127.0.0.1:7474", "https://db.example.org", "127.0.0.1:7687"])
def test_a_uri_that_is_not_bolt_or_neo4j_is_a_usage_error(uri: str) -> None:
    result = run_cli("--uri", uri, "clusters", "--show", env={"NEO4J_PASSWORD": "secret-password-1"})
    assert result.returncode == 2
    line = one_clean_line(result)
    assert "bolt://, bolt+s://, neo4j:// or neo4j+s://" in line
    assert "secret-password-1" not in result.stderr + result.stdout


@MANAGED_ONLY
@pytest.mark.neo4j
@pytest.mark.parametrize("flags", [["--username", "analyst"], ["--password-file", "PASSWORD_FILE"]])
def test_username_and_password_file_are_refused_for_the_managed_server(neo4j_settings: ConnectionSettings,
                                                                       tmp_path: Path, flags: list[str]) -> None:
    password_file = tmp_path / "pw"
    password_file.write_text("", encoding="utf-8")
    flags = [str(password_file) if f == "PASSWORD_FILE" else f for f in flags]
    result = run_cli(*flags, "clusters", "--show")
    assert result.returncode == 2
    line = one_clean_line(result)
    assert f"{flags[0]} applies only to a server given with --uri or NEO4J_URI" in line


@MANAGED_ONLY
@pytest.mark.neo4j
def test_username_from_the_environment_is_still_ignored_for_the_managed_server(neo4j_settings: ConnectionSettings) -> None:
    result = run_cli("schema", "status", env={"NEO4J_USERNAME": "analyst"})
    assert result.returncode == 0, result.stderr


@pytest.mark.neo4j
def test_an_empty_password_file_is_an_error_naming_it(neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    empty = tmp_path / "empty-pw"
    empty.write_text("\n", encoding="utf-8")
    env = {"NEO4J_PASSWORD": neo4j_settings.password}  # a password in the environment is not a fallback for the file
    result = run_cli("--uri", neo4j_settings.uri, "--password-file", str(empty), "schema", "status", env=env)
    assert result.returncode == 2
    line = one_clean_line(result)
    assert f"The password file {empty} is empty" in line
    assert neo4j_settings.password not in result.stderr + result.stdout


@pytest.mark.neo4j
def test_an_unreadable_password_file_is_an_error_naming_it(neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    missing = tmp_path / "no-such-file"
    result = run_cli("--uri", neo4j_settings.uri, "--password-file", str(missing), "schema", "status",
                     env={"NEO4J_PASSWORD": ""})
    assert result.returncode == 2
    line = one_clean_line(result)
    assert f"Cannot read the password file {missing}" in line
    assert "NEO4J_PASSWORD" not in line


@pytest.mark.neo4j
def test_a_password_file_is_used_and_its_contents_never_shown(neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    right, wrong = tmp_path / "right", tmp_path / "wrong"
    right.write_text(neo4j_settings.password + "\n", encoding="utf-8")
    wrong.write_text("not-the-password-789\n", encoding="utf-8")
    env = {"NEO4J_PASSWORD": "", "NEO4J_USERNAME": neo4j_settings.username}
    ok = run_cli("--uri", neo4j_settings.uri, "--password-file", str(right), "schema", "status", env=env)
    assert ok.returncode == 0, ok.stderr
    refused = run_cli("--uri", neo4j_settings.uri, "--password-file", str(wrong), "schema", "status", env=env)
    assert refused.returncode == 4
    assert "not-the-password-789" not in refused.stderr + refused.stdout


def test_a_uri_without_any_password_is_a_usage_error() -> None:
    result = run_cli("--uri", "bolt://127.0.0.1:9", "schema", "status", env={"NEO4J_PASSWORD": ""})
    assert result.returncode == 2
    assert "set NEO4J_PASSWORD or give --password-file" in one_clean_line(result)


# -- option values checked before anything runs -------------------------------------------------------
@pytest.mark.parametrize("option, value", [("--heap", "banana"), ("--pagecache", "2x"), ("--heap", "0"),
                                           ("--pagecache", "1.5g"), ("--heap", "2g\nserver.x=1")])
def test_db_start_refuses_a_size_that_is_not_one(tmp_path: Path, option: str, value: str) -> None:
    result = run_cli("db", "start", "--no-install", "--no-warm", option, value, env={"NETFORENSICS_HOME": str(tmp_path)})
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "e.g. 512m or 2g" in result.stderr
    assert not (tmp_path / "neo4j").exists()


def test_memory_sizes_are_normalised() -> None:
    from netforensics.errors import UsageError
    from netforensics.server.memory import MemorySettings

    memory = MemorySettings.from_options(" 2G ", "512m")
    assert (memory.heap, memory.pagecache, memory.transaction_max) == ("2g", "512m", "1433m")
    with pytest.raises(UsageError, match="e.g. 512m or 2g"):
        MemorySettings.from_options("2 gigabytes", None)


@pytest.mark.parametrize("value", ["-3", "99999999999999999999", "2147483648"])
@pytest.mark.parametrize("command", ["clusters", "demo", "refresh"])
def test_a_seed_outside_what_every_engine_takes_is_a_usage_error(tmp_path: Path, command: str, value: str) -> None:
    result = run_cli(command, "--seed", value, env={"NETFORENSICS_HOME": str(tmp_path), "NEO4J_URI": ""})
    assert result.returncode == 2
    assert "0<=x<=2147483647" in result.stderr
    assert "Traceback" not in result.stderr


def test_seed_range_is_in_the_help() -> None:
    result = run_cli("clusters", "--help")
    assert "0 to 2147483647" in re.sub(r"[│\s]+", " ", result.stdout)


# -- the query library stays read-only, the GDS catalog included ---------------------------------------
@pytest.mark.parametrize("text, expected", [
    ("CALL gds.graph.project('g', 'Account', 'RETWEETS')", ["CALL gds.graph.project"]),
    ("CALL gds.graph.project.cypher('g', 'MATCH (n) RETURN id(n) AS id', 'RETURN 1')", ["CALL gds.graph.project.cypher"]),
    ("MATCH (a)-->(b) WITH gds.graph.project('g', a, b) AS g RETURN g.graphName", ["gds.graph.project()"]),
    ("CALL gds.graph.drop('g')", ["CALL gds.graph.drop"]),
    ("CALL `gds`.`graph`.`drop`('g')", ["CALL gds.graph.drop"]),
    ("CALL gds . graph . drop('g')", ["DROP", "CALL gds.graph.drop"]),
    ("CALL gds.pageRank.mutate('g', {mutateProperty: 'pr'})", ["CALL gds.pageRank.mutate"]),
    ("CALL gds.graph.nodeProperties.write('g', ['pr'])", ["CALL gds.graph.nodeProperties.write"]),
    ("CALL gds.beta.graph.subgraph('h', 'g', '*', '*')", ["CALL gds.beta.graph.subgraph"]),
    ("CALL gds.graph.filter('h', 'g', '*', '*')", ["CALL gds.graph.filter"]),
    ("CALL gds.model.drop('m')", ["CALL gds.model.drop"]),
    ("CALL apoc.cypher.run('CALL gds.graph.drop(\"g\")', {}) YIELD value RETURN value", ["CALL gds.graph.drop"]),
])
def test_gds_procedures_that_change_the_catalog_are_refused(text: str, expected: list[str]) -> None:
    assert write_clauses(text) == expected
    with pytest.raises(WriteRefused, match="stream, stats or estimate"):
        ensure_read_only(parse("mine.cypher", text, require_header=False))


@pytest.mark.parametrize("text", [
    "CALL gds.graph.list() YIELD graphName RETURN graphName",
    "RETURN gds.graph.exists('g') AS there, gds.version() AS v",
    "CALL gds.leiden.stream('g', {randomSeed: 1}) YIELD nodeId, communityId RETURN nodeId, communityId",
    "CALL gds.pageRank.stats('g') YIELD centralityDistribution RETURN centralityDistribution",
    "CALL gds.graph.project.estimate('Account', 'RETWEETS') YIELD requiredMemory RETURN requiredMemory",
    "CALL gds.graph.nodeProperties.stream('g', ['pr']) YIELD nodeId RETURN nodeId",
    "MATCH (n) RETURN gds.util.asNode(id(n)).name AS name, gds.similarity.cosine([1.0], [1.0]) AS s",
    "MATCH (gds:Account) RETURN gds.project AS p, gds.drop AS d",
    "MATCH (n) WHERE n.text CONTAINS 'gds.graph.drop' RETURN n",
    "CALL gds.listProgress() YIELD jobId RETURN jobId",
    "CALL gds.beta.listProgress() YIELD jobId RETURN jobId",
    "CALL gds.memory.summary() YIELD user RETURN user",
    "CALL gds.graph.streamNodeProperties('g', ['p']) YIELD nodeId RETURN nodeId",
])
def test_gds_reads_stay_allowed(text: str) -> None:
    assert write_clauses(text) == []


@pytest.mark.neo4j
def test_query_file_cannot_change_the_gds_catalog(session_store: GraphStore, neo4j_settings: ConnectionSettings,
                                                  tmp_path: Path) -> None:
    graph = f"probe-{uuid.uuid4().hex[:8]}"
    file = tmp_path / "project.cypher"
    file.write_text(f"// name: project\n// description: Projects.\n"
                    f"CALL gds.graph.project('{graph}', '*', '*') YIELD graphName RETURN graphName", encoding="utf-8")
    result = run_cli("query", "--file", str(file), settings=neo4j_settings)
    assert result.returncode == 1
    assert "Refused to run 'project'" in one_clean_line(result)
    assert session_store.read_value("RETURN gds.graph.exists($g) AS there", {"g": graph}) is False
