"""One refresh at a time: a lock node in the database with an owner and a heartbeat.

A live lock (heartbeat younger than ``stale_after``) makes a second refresh fail with
:class:`~netforensics.errors.RefreshLocked` (exit code 7). A lock whose owner stopped beating (lost machine)
is taken over after ``stale_after``; one whose owner ran on this host and whose process is gone (killed) is
taken over at once. Takeovers are logged with their reason. Living in the database, the lock also
guards refreshes started from different machines against the same server.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from netforensics import cypher_files
from netforensics.errors import DatabaseUnavailable, NetforensicsError, RefreshLocked
from netforensics.store.connection import GraphStore

log = logging.getLogger(__name__)

LOCK_NAME = "refresh"


@dataclass(frozen=True)
class LockGrant:
    owner: str
    recovered_from: str | None  # the stale owner we took over from, if any
    why: str = ""  # why we could take it over: the owner's process is gone, or no heartbeat for N s


def new_owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def _process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def acquire(store: GraphStore, owner: str, *, stale_after: int = 600, name: str = LOCK_NAME) -> LockGrant:
    rows = store.write_returning(
        cypher_files.load("refresh/lock-acquire"),
        {"name": name, "owner": owner, "host": socket.gethostname(), "pid": os.getpid(), "stale_after": stale_after},
    )
    row = rows[0]
    if not row["acquired"] and row["host"] == socket.gethostname() and not _process_alive(int(row["pid"] or 0)):
        taken = store.write_returning(
            cypher_files.load("refresh/lock-takeover"),
            {"name": name, "dead_owner": row["owner"], "owner": owner, "host": socket.gethostname(), "pid": os.getpid()},
        )
        if taken:
            return LockGrant(owner, row["owner"], f"its process (pid {row['pid']} on {row['host']}) is gone")
    if not row["acquired"]:
        raise RefreshLocked(
            f"Another refresh is running (owner {row['owner']} on {row['host']}, pid {row['pid']}, "
            f"last heartbeat {row['heartbeat_at']}); it becomes stale after {stale_after} s without a heartbeat."
        )
    if not row["recovered"]:
        return LockGrant(owner, None)
    silent = int(row["silent_seconds"] or 0)
    return LockGrant(owner, row["recovered_from"],
                     f"no heartbeat for {silent} s (since {row['previous_heartbeat_at']}; stale after {stale_after} s)")


def heartbeat(store: GraphStore, owner: str, *, name: str = LOCK_NAME) -> bool:
    rows = store.write_returning(cypher_files.load("refresh/lock-heartbeat"), {"name": name, "owner": owner})
    return bool(rows and rows[0]["held"])


def holder(store: GraphStore, *, name: str = LOCK_NAME) -> dict[str, Any] | None:
    """Who holds the lock (owner, host, pid, heartbeat_at, silent_seconds), with ``process_gone`` when it ran on this
    host and its process has died; ``None`` when nobody holds it."""
    rows = store.read(cypher_files.load("refresh/lock-state"), {"name": name})
    if not rows:
        return None
    row = dict(rows[0])
    row["process_gone"] = row["host"] == socket.gethostname() and not _process_alive(int(row["pid"] or 0))
    return row


def release(store: GraphStore, owner: str, *, name: str = LOCK_NAME, once: bool = False) -> None:
    """Release the lock; ``once``: a single attempt, not the driver's 30 s of retries (the server has gone away)."""
    write = store.run_autocommit if once else store.write
    write(cypher_files.load("refresh/lock-release"), {"name": name, "owner": owner})


@contextmanager
def refresh_lock(
    store: GraphStore, *, stale_after: int = 600, beat_every: float = 30.0, name: str = LOCK_NAME
) -> Iterator[LockGrant]:
    """Hold the lock for the ``with`` block, beating every ``beat_every`` seconds from a daemon thread."""
    if beat_every >= stale_after:
        raise NetforensicsError("the heartbeat interval must be shorter than the stale-lock timeout")
    owner = new_owner()
    grant = acquire(store, owner, stale_after=stale_after, name=name)
    if grant.recovered_from:
        log.warning("took over the refresh lock from %s: %s", grant.recovered_from, grant.why)
    stop = threading.Event()
    lost = threading.Event()

    def beat() -> None:
        while not stop.wait(beat_every):
            try:
                if not heartbeat(store, owner, name=name):
                    lost.set()
                    return
            except NetforensicsError as err:  # a missed beat is not fatal; staleness needs many
                log.warning("refresh lock heartbeat failed: %s", err)

    thread = threading.Thread(target=beat, name="refresh-lock-heartbeat", daemon=True)
    thread.start()
    server_gone = False
    try:
        yield grant
        if lost.is_set():
            raise RefreshLocked("The refresh lock was taken over by another refresh while this one ran.")
    except DatabaseUnavailable:
        server_gone = True
        raise
    finally:
        stop.set()
        thread.join(timeout=5)
        try:
            release(store, owner, name=name, once=server_gone)
        except NetforensicsError as err:  # a lock left behind goes stale and is taken over by the next refresh
            log.warning("could not release the refresh lock: %s", err)
