"""One refresh at a time: live locks refuse, stale locks are recovered, release is owner-only."""

from __future__ import annotations

import pytest

from netforensics.errors import RefreshLocked
from netforensics.refresh import lock
from netforensics.store.connection import GraphStore


def test_second_owner_is_refused_while_the_lock_is_live(store: GraphStore) -> None:
    first = lock.acquire(store, "host-a:1:x")
    assert first.recovered_from is None
    with pytest.raises(RefreshLocked, match="host-a:1:x") as refused:
        lock.acquire(store, "host-b:2:y")
    assert refused.value.exit_code == 7
    # the owner itself may re-enter
    assert lock.acquire(store, "host-a:1:x").owner == "host-a:1:x"


def test_stale_lock_is_taken_over_and_the_old_owner_loses_it(store: GraphStore) -> None:
    lock.acquire(store, "dead:1:x")
    store.write("MATCH (l:RefreshLock) SET l.heartbeat_at = datetime() - duration({minutes: 30})")
    grant = lock.acquire(store, "alive:2:y", stale_after=600)
    assert grant.recovered_from == "dead:1:x"
    assert lock.heartbeat(store, "dead:1:x") is False
    assert lock.heartbeat(store, "alive:2:y") is True


def test_release_only_by_the_owner(store: GraphStore) -> None:
    lock.acquire(store, "a:1:x")
    lock.release(store, "b:2:y")
    with pytest.raises(RefreshLocked):
        lock.acquire(store, "b:2:y")
    lock.release(store, "a:1:x")
    assert lock.acquire(store, "b:2:y").owner == "b:2:y"


def test_context_manager_holds_and_releases(store: GraphStore) -> None:
    with lock.refresh_lock(store, stale_after=60, beat_every=0.2):
        with pytest.raises(RefreshLocked):
            lock.acquire(store, "intruder:9:z")
    assert store.read_value("MATCH (l:RefreshLock) RETURN count(l) AS n") == 0


def test_lock_of_a_dead_process_on_this_host_is_taken_over_at_once(store: GraphStore) -> None:
    import subprocess
    import sys

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    dead_pid = int(finished.stdout)
    lock.acquire(store, "killed:1:x")
    store.write("MATCH (l:RefreshLock) SET l.pid = $pid", {"pid": dead_pid})
    grant = lock.acquire(store, "next:2:y", stale_after=3600)
    assert grant.recovered_from == "killed:1:x"


def test_lock_of_a_live_process_elsewhere_is_respected(store: GraphStore) -> None:
    lock.acquire(store, "other-host:1:x")
    store.write("MATCH (l:RefreshLock) SET l.host = 'another-machine', l.pid = 1")
    with pytest.raises(RefreshLocked, match="another-machine"):
        lock.acquire(store, "here:2:y")


def test_takeover_log_gives_the_real_reason(store: GraphStore, caplog: pytest.LogCaptureFixture) -> None:
    import logging
    import subprocess
    import sys

    lock.acquire(store, "silent:1:x")
    store.write("MATCH (l:RefreshLock) SET l.host = 'another-machine', l.heartbeat_at = datetime() - duration({minutes: 30})")
    with caplog.at_level(logging.WARNING, logger=lock.__name__), lock.refresh_lock(store, stale_after=600):
        pass
    stale = [r.getMessage() for r in caplog.records if "took over" in r.getMessage()]
    assert len(stale) == 1 and "silent:1:x" in stale[0]
    assert "no heartbeat for 1800 s" in stale[0] or "no heartbeat for 1801 s" in stale[0], stale[0]
    caplog.clear()

    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    lock.acquire(store, "killed:2:y")
    store.write("MATCH (l:RefreshLock) SET l.pid = $pid", {"pid": int(finished.stdout)})
    with caplog.at_level(logging.WARNING, logger=lock.__name__), lock.refresh_lock(store, stale_after=600):
        pass
    dead = [r.getMessage() for r in caplog.records if "took over" in r.getMessage()]
    assert len(dead) == 1 and "killed:2:y" in dead[0]
    assert f"pid {int(finished.stdout)}" in dead[0] and "is gone" in dead[0] and "heartbeat" not in dead[0], dead[0]
