"""``netforensics db``: which pid counts as the running server, port ranges, a frozen server, options ignored."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from netforensics.server.layout import ServerLayout
from netforensics.server.process import read_pid
from netforensics.settings import ConnectionSettings, data_home
from tests.cli_helpers import run_cli

managed_only = pytest.mark.skipif(os.environ.get("NEO4J_URI") is not None, reason="only for the managed local server")


@pytest.mark.parametrize("port", ["70000", "-5", "0"])
def test_port_options_outside_1_to_65535_are_usage_errors(tmp_path: Path, port: str) -> None:
    for option in ("--bolt-port", "--http-port"):
        result = run_cli("db", "start", "--no-install", option, port, env={"NETFORENSICS_HOME": str(tmp_path)})
        assert result.returncode == 2, result.stderr
        assert "1<=x<=65535" in result.stderr and "Traceback" not in result.stderr


def _pid_file(home: Path, pid: int) -> ServerLayout:
    layout = ServerLayout(home)
    layout.pid_file.parent.mkdir(parents=True, exist_ok=True)
    layout.pid_file.write_text(f"{pid}\n")
    return layout


def test_a_zombie_or_another_process_behind_the_pid_file_is_not_running(tmp_path: Path) -> None:
    layout = ServerLayout(tmp_path)
    zombie = subprocess.Popen(["sleep", "60"])
    zombie.kill()
    time.sleep(0.3)  # killed but not reaped: os.kill(pid, 0) still succeeds on it
    other = subprocess.Popen(["sleep", "60"])
    server_like = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                                    f"--home-dir={layout.server_home}"])
    try:
        assert read_pid(_pid_file(tmp_path, zombie.pid)) is None
        assert read_pid(_pid_file(tmp_path, other.pid)) is None  # the pid was reused by an unrelated process
        assert read_pid(_pid_file(tmp_path, server_like.pid)) == server_like.pid
    finally:
        for process in (zombie, other, server_like):
            process.kill()
            process.wait()


@managed_only
def test_status_of_a_frozen_server_answers_within_seconds(neo4j_settings: ConnectionSettings) -> None:
    pid = read_pid(ServerLayout(data_home()))
    assert pid is not None
    os.kill(pid, signal.SIGSTOP)
    try:
        began = time.monotonic()
        result = run_cli("db", "status", "--json", timeout=60)
        took = time.monotonic() - began
    finally:
        os.kill(pid, signal.SIGCONT)
    status = json.loads(result.stdout)
    assert status["running"] is True and status["answering"] is False and status["neo4j_version"] is None
    assert took < 20, f"db status took {took:.0f} s on a frozen server"
    table = run_cli("db", "status")
    assert table.returncode == 0 and "running" in table.stdout and "not answering" not in table.stdout


@managed_only
def test_start_on_a_running_server_says_the_options_were_ignored(neo4j_settings: ConnectionSettings) -> None:
    result = run_cli("db", "start", "--bolt-port", "7999", "--heap", "2g", "--no-warm")
    assert result.returncode == 0, result.stderr
    assert "already running" in result.stdout and neo4j_settings.uri in result.stdout
    assert "--bolt-port, --heap ignored" in result.stderr and "netforensics db stop" in result.stderr


def test_a_server_whose_ports_file_is_gone_is_named_not_shown_as_none(tmp_path: Path) -> None:
    layout = ServerLayout(tmp_path)
    server_like = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)",
                                    f"--home-dir={layout.server_home}"])
    try:
        _pid_file(tmp_path, server_like.pid)  # running, but no server.json
        env = {"NETFORENSICS_HOME": str(tmp_path)}
        started = run_cli("db", "start", "--no-install", "--no-warm", env=env)
        assert started.returncode == 1 and "None" not in started.stdout + started.stderr, started.stdout + started.stderr
        assert f"pid {server_like.pid}" in started.stderr and "server.json" in started.stderr
        assert "netforensics db stop" in started.stderr and "Traceback" not in started.stderr
        status = run_cli("db", "status", env=env)
        assert status.returncode == 0 and "ports are unknown" in " ".join(status.stdout.split()), status.stdout
        assert json.loads(run_cli("db", "status", "--json", env=env).stdout)["bolt_uri"] is None
    finally:
        server_like.kill()
        server_like.wait()


@managed_only
def test_status_says_when_the_stored_password_is_refused(neo4j_settings: ConnectionSettings) -> None:
    layout = ServerLayout(data_home())
    kept = layout.password_file.read_bytes()
    try:
        layout.password_file.write_text("not-the-password\n")
        result = run_cli("db", "status", timeout=60)
        status = json.loads(run_cli("db", "status", "--json", timeout=60).stdout)
    finally:
        layout.password_file.write_bytes(kept)
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "refused the password" in text and "not answering" not in text and "not-the-password" not in text
    assert status["refused"] is True and status["answering"] is False
