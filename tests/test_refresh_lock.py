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
