"""Every refresh that got the lock is recorded, failures included, and `refresh --last` tells them apart:
failed at loading, detection or lineage (exit 1), still running, or interrupted (its server or process went away)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import neo4j
import pytest

from netforensics.detect.pipeline import DetectionParams
from netforensics.errors import DatabaseUnavailable, NetforensicsError
from netforensics.refresh import lock
from netforensics.refresh import run as refresh_run
from netforensics.refresh.run import last_refresh, refresh
from netforensics.server.process import free_port
from netforensics.settings import ConnectionSettings
from netforensics.store import detection_writes
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    """A tiny inbox on which detection completes (two follow triangles)."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    write(folder / "follows.csv", "src_account_id,dst_account_id,observed_at\n"
          "1,2,2019-08-01\n2,3,2019-08-01\n3,1,2019-08-01\n4,5,2019-08-01\n5,6,2019-08-01\n6,4,2019-08-01\n")
    return folder


def current_run(store: GraphStore) -> str | None:
    return store.read_value("MATCH (r:DetectionRun {current: true}) RETURN r.id")


def last(settings: ConnectionSettings) -> tuple[int, dict[str, object], str]:
    as_json = run_cli("refresh", "--last", "--json", settings=settings)
    as_text = run_cli("refresh", "--last", settings=settings)
    assert as_json.returncode == as_text.returncode, (as_json.stderr, as_text.stderr)
    assert "Traceback" not in as_json.stderr + as_text.stderr
    return as_json.returncode, json.loads(as_json.stdout), as_text.stdout


def test_unrecognised_file_fails_the_refresh_and_last_reports_it(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                 inbox: Path) -> None:
    assert run_cli("refresh", "--inbox", str(inbox), settings=neo4j_settings).returncode == 0
    good = current_run(store)
    write(inbox / "weird.csv", "foo,bar\n1,2\n")
    result = run_cli("refresh", "--inbox", str(inbox), settings=neo4j_settings)
    assert result.returncode == 1 and "matches no known format" in result.stderr

    code, found, text = last(neo4j_settings)
    assert code == 1
    assert found["status"] == "failed" and found["failed_step"] == "loading" and not found["current"]
    assert "weird.csv" in str(found["error"]) and "matches no known format" in str(found["error"])
    assert "\n" not in str(found["error"])
    assert "failed" in text and "step: loading" in text and "[current]" not in text
    assert current_run(store) == good  # the previous results stay current


def test_too_many_rejected_rows_fails_the_refresh_and_last_reports_it(store: GraphStore,
                                                                      neo4j_settings: ConnectionSettings,
                                                                      inbox: Path) -> None:
    assert run_cli("refresh", "--inbox", str(inbox), settings=neo4j_settings).returncode == 0
    good = current_run(store)
    rows = [f"{10 + i},{20 + i},2019-08-02" for i in range(5)] + ["7,7,2019-08-02"] * 50  # self-follows are rejected
    write(inbox / "follows_day2.csv", "src_account_id,dst_account_id,observed_at\n" + "\n".join(rows) + "\n")
    result = run_cli("refresh", "--inbox", str(inbox), settings=neo4j_settings)
    assert result.returncode == 5, result.stderr

    code, found, text = last(neo4j_settings)
    assert code == 1
    assert found["status"] == "failed" and found["failed_step"] == "loading" and found["error"]
    assert "step: loading" in text
    assert current_run(store) == good
    assert store.read_value("MATCH (r:DetectionRun {kind: 'refresh'}) RETURN count(r)") == 2


def test_failed_detection_is_recorded_once_with_its_step(store: GraphStore, tmp_path: Path) -> None:
    with pytest.raises(NetforensicsError, match="load data first"):
        refresh(store, tmp_path)  # empty graph: detection fails
    found = last_refresh(store)
    assert found is not None and found["status"] == "failed" and found["failed_step"] == "detection"
    assert "load data first" in str(found["error"])
    assert store.read_value("MATCH (r:DetectionRun) RETURN count(r)") == 1


def test_failed_lineage_keeps_the_new_run_current_and_last_exits_1(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                   inbox: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    refresh(store, inbox)

    def broken(*_args: object) -> None:
        raise NetforensicsError("lineage could not be written")

    monkeypatch.setattr(refresh_run, "_write_lineage", broken)
    with pytest.raises(NetforensicsError, match="lineage could not be written"):
        refresh(store, inbox)
    found = last_refresh(store)
    assert found is not None and found["run"] == current_run(store)  # detection completed: its results are current
    assert found["status"] == "complete" and found["failed_step"] == "lineage"
    assert found["error"] == "lineage could not be written"
    code, _, text = last(neo4j_settings)
    assert code == 1 and "step: lineage" in text


def test_last_shows_a_running_refresh_honestly(store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    detection_writes.start_run(store, "run-interrupted", {}, "test", "refresh")

    # the server went away mid-run: the refresh died without releasing anything but its lock's heartbeats
    lock.acquire(store, "gone:1:x")
    store.write("MATCH (l:RefreshLock) SET l.host = 'analysis-box', l.heartbeat_at = datetime() - duration({seconds: 700})")
    code, found, text = last(neo4j_settings)
    assert code == 1 and found["status"] == "running"
    assert str(found["liveness"]).startswith("running or interrupted: no heartbeat since")
    assert "running or interrupted: no heartbeat since" in text and "finished" not in text

    store.write("MATCH (l:RefreshLock) DELETE l")
    code, found, text = last(neo4j_settings)
    assert str(found["liveness"]).startswith("interrupted: no refresh holds the lock")
    assert "interrupted" in text and "finished" not in text

    lock.acquire(store, "alive:2:y")
    store.write("MATCH (l:RefreshLock) SET l.host = 'analysis-box'")
    code, found, text = last(neo4j_settings)
    assert str(found["liveness"]).startswith("running: last heartbeat")


def test_a_server_gone_away_is_told_at_once_not_after_the_drivers_retries(store: GraphStore,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    releases: list[bool] = []
    real_release = lock.release

    def spy(store: GraphStore, owner: str, *, name: str = lock.LOCK_NAME, once: bool = False) -> None:
        releases.append(once)
        real_release(store, owner, name=name, once=once)

    monkeypatch.setattr(lock, "release", spy)
    with pytest.raises(DatabaseUnavailable), lock.refresh_lock(store):
        raise DatabaseUnavailable("the server went away")
    with lock.refresh_lock(store):
        pass
    assert releases == [True, False]  # one attempt when the server went away, retried otherwise

    uri = f"bolt://127.0.0.1:{free_port()}"  # nothing listens: every attempt is refused
    dead = GraphStore(neo4j.GraphDatabase.driver(uri, auth=("neo4j", "x"), max_transaction_retry_time=30),
                      ConnectionSettings(uri, "neo4j", "x", "neo4j", managed=False))
    try:
        began = time.monotonic()
        refresh_run.record_failure(dead, refresh_run._Attempt(DetectionParams()), DatabaseUnavailable("gone"))
        with pytest.raises(DatabaseUnavailable):
            real_release(dead, "someone", once=True)
        assert time.monotonic() - began < 10
    finally:
        dead.driver.close()
