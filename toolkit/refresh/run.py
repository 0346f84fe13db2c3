"""One nightly refresh: lock -> load the inbox -> re-detect with stable ids -> lineage -> diff report.

Safety, in order of what can go wrong:
- a second refresh finds the lock held and exits with :class:`RefreshLocked` (exit code 7);
- runs left ``running`` by a killed refresh are recorded as failed (their partial results removed) first;
- loading never deletes anything; a file that fails to load stops the refresh before detection;
- detection writes the new run beside the current one and flips ``current`` only when complete
  (:mod:`netforensics.detect.pipeline`): a failure leaves the previous results current;
- every attempt that got the lock is recorded as a ``refresh`` run: a failure at any step (loading, detection,
  lineage, ...) with its one-line error and the step, so ``refresh --last`` reports it.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from netforensics import cypher_files
from netforensics.detect.pipeline import DetectionParams, DetectionResult, code_version, new_run_id, run_detection
from netforensics.errors import DatabaseUnavailable
from netforensics.graph.projection_cache import ProjectionSource
from netforensics.refresh import lineage, lock
from netforensics.refresh.inbox import load_inbox
from netforensics.refresh.lock import LOCK_NAME, refresh_lock
from netforensics.store import detection_reads, detection_writes
from netforensics.store.connection import GraphStore
from netforensics.store.ingest import FileResult, LoadOptions, Progress

log = logging.getLogger(__name__)
FLAGGED_VERDICTS = frozenset({"inauthentic", "suspicious"})
ROLES = ("core", "amplifier")
# Heartbeats come every 30 s; a running refresh silent for longer than this is reported as possibly interrupted.
SILENT_AFTER = 90


def _query(name: str) -> cypher_files.CypherFile:
    return cypher_files.load(f"refresh/{name}")


@dataclass(frozen=True)
class PreviousRun:
    run: str
    account_ids: npt.NDArray[np.object_]
    communities: npt.NDArray[np.int64]
    sizes: dict[int, int]
    verdicts: dict[int, str]
    roles: npt.NDArray[np.object_]  # per account: core, amplifier or '' (aligned with account_ids)


@dataclass
class RefreshReport:
    run: str
    previous_run: str | None
    files_loaded: list[dict[str, Any]] = field(default_factory=list)
    files_skipped: int = 0
    kinds: dict[str, int] = field(default_factory=dict)
    changes: list[dict[str, Any]] = field(default_factory=list)
    dissolved: list[dict[str, Any]] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    flagged_id_stability: float | None = None
    # accounts flagged core/amplifier before and after, newly flagged, no longer flagged (all communities)
    roles: dict[str, Any] = field(default_factory=dict)
    projection: dict[str, Any] = field(default_factory=dict)  # incremental or full, and why
    timings: dict[str, float] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def previous_run(store: GraphStore) -> PreviousRun | None:
    current = detection_reads.current_run(store)
    if current is None:
        return None
    run = current["run"]
    _, rows = store.read_records(_query("previous-membership"), {"run": run})
    accounts, members_of, roles = rows[0] if rows else ([], [], [])
    communities = store.read(_query("previous-communities"), {"run": run})
    return PreviousRun(
        run,
        np.array(accounts, dtype=object),
        np.array(members_of, dtype=np.int64),
        {int(r["community"]): int(r["size"]) for r in communities},
        {int(r["community"]): str(r["verdict"]) for r in communities},
        np.array(roles, dtype=object),
    )


def _previous_and_next_id(store: GraphStore) -> tuple[PreviousRun | None, int]:
    """The current run's memberships and the first community id never used."""
    return previous_run(store), int(store.read_value(_query("max-community-id")) or 0) + 1


def _lookup(keys: npt.NDArray[Any], values: npt.NDArray[Any], wanted: npt.NDArray[Any], missing: Any) -> npt.NDArray[Any]:
    """``values[i]`` for each of ``wanted`` found as ``keys[i]``, ``missing`` for the others."""
    out = np.full(len(wanted), missing, dtype=values.dtype)
    if len(keys) == 0 or len(wanted) == 0:
        return out
    order = np.argsort(keys)
    sorted_keys = keys[order]
    position = np.searchsorted(sorted_keys, wanted)
    position[position >= len(sorted_keys)] = 0
    found = sorted_keys[position] == wanted
    out[found] = values[order][position[found]]
    return out


def align(previous: PreviousRun, account_ids: npt.NDArray[np.object_]) -> npt.NDArray[np.int64]:
    """The previous community id of each of ``account_ids`` (-1 when it had none)."""
    return _lookup(previous.account_ids, previous.communities, account_ids, -1)


def _role_counts(roles: npt.NDArray[np.object_]) -> dict[str, int]:
    return {role: int(np.count_nonzero(roles == role)) for role in ROLES}


class StableIds:
    """The ``assign_ids`` hook of :func:`run_detection`: lineage matching against the previous run."""

    def __init__(self, previous: PreviousRun, next_id: int) -> None:
        self.previous = previous
        self.next_id = next_id
        self.result: lineage.LineageResult | None = None
        self.old_aligned: npt.NDArray[np.int64] | None = None

    def previous_of(self, account_ids: npt.NDArray[np.object_]) -> npt.NDArray[np.int64]:
        """The ``seed_membership`` hook: Leiden starts from the previous partition."""
        return align(self.previous, account_ids)

    def __call__(self, account_ids: npt.NDArray[np.object_], labels: npt.NDArray[np.int64]) -> Mapping[int, int]:
        self.old_aligned = align(self.previous, account_ids)
        new = np.where(labels > 0, labels, -1)
        self.result = lineage.match(self.old_aligned, new, next_id=self.next_id)
        return self.result.stable_ids


def _describe(report: RefreshReport, result: DetectionResult, previous: PreviousRun, ids: StableIds) -> None:
    match = ids.result
    assert match is not None and ids.old_aligned is not None
    new_by_id = {c.id: c for c in result.communities}
    label_to_id = match.stable_ids
    report.kinds = {}
    for kind in match.new_kinds.values():
        report.kinds[kind] = report.kinds.get(kind, 0) + 1
    report.kinds["dissolved"] = len(match.dissolved)

    # Per account of this run (aligned with result.account_ids): previous and new community and role.
    old_c, new_c = ids.old_aligned, result.community
    old_r = _lookup(previous.account_ids, previous.roles, result.account_ids, "")
    new_r = _lookup(np.array([r.account_id for r in result.roles], dtype=object),
                    np.array([r.role for r in result.roles], dtype=object), result.account_ids, "")
    report.roles = {
        "before": _role_counts(previous.roles), "after": _role_counts(new_r),
        **{f"newly_{role}": int(np.count_nonzero((new_r == role) & (old_r != role))) for role in ROLES},
        "no_longer_flagged": int(np.count_nonzero((old_r != "") & (new_r == ""))),
    }

    predecessors: dict[int, list[lineage.LineageLink]] = {}
    for link in match.links:
        predecessors.setdefault(label_to_id[link.new_label], []).append(link)
    for label, cid in sorted(label_to_id.items(), key=lambda item: item[1]):
        community = new_by_id.get(cid)
        if community is None:
            continue
        links = predecessors.get(cid, [])
        # Sizes compare only where the community kept its id; split-offs and merges into a fresh id are new here.
        kept = any(link.old_id == cid for link in links)
        old_size = previous.sizes.get(cid, 0) if kept else None
        was_flagged = any(previous.verdicts.get(link.old_id) in FLAGGED_VERDICTS for link in links)
        flagged = community.verdict in FLAGGED_VERDICTS
        if not (flagged or was_flagged):
            continue
        kind = match.new_kinds[label]
        members = new_c == cid
        # Where the id was kept, its members and roles compare with the old community of that id.
        before = old_c == cid if kept else np.zeros(len(new_c), dtype=bool)
        stayed = int(np.count_nonzero(members & before))
        change = {
            "community": cid, "kind": kind, "verdict": community.verdict, "size": community.size,
            "previous_size": old_size, "delta": community.size - old_size if old_size is not None else None,
            "joined": community.size - stayed if kept else None, "left": old_size - stayed if old_size is not None else None,
            "from": sorted({link.old_id for link in links}), "crossed_threshold": flagged and not was_flagged,
            "cleared": was_flagged and not flagged,
            "roles": _role_counts(new_r[members]),
            "previous_roles": _role_counts(previous.roles[previous.communities == cid]) if kept else None,
            **{f"newly_{role}": int(np.count_nonzero(members & (new_r == role) & (old_r != role))) for role in ROLES},
            "no_longer_flagged": int(np.count_nonzero((members | before) & (old_r != "") & (new_r == ""))),
        }
        report.changes.append(change)
        report.sentences.append(_sentence(change, previous.sizes))
    for old_id in match.dissolved:
        if previous.verdicts.get(old_id) in FLAGGED_VERDICTS:
            report.dissolved.append({"community": old_id, "previous_size": previous.sizes.get(old_id, 0),
                                     "previous_roles": _role_counts(previous.roles[previous.communities == old_id])})
            report.sentences.append(f"community {old_id} ({previous.sizes.get(old_id, 0):,} accounts) dissolved")
    if roles_changed(report.roles):
        report.sentences.append("roles in all communities: " + _role_text(report.roles["before"], report.roles["after"], report.roles))
    crossed = [c for c in report.changes if c["crossed_threshold"]]
    if crossed:
        report.sentences.insert(0, f"{len(crossed)} communit{'y' if len(crossed) == 1 else 'ies'} crossed the threshold: "
                                   + ", ".join(f"{c['community']} ({c['verdict']}, {c['size']:,} accounts)" for c in crossed))

    flagged_now = np.isin(result.community, [c.id for c in result.communities if c.verdict in FLAGGED_VERDICTS])
    flagged_before = np.isin(ids.old_aligned, [cid for cid, v in previous.verdicts.items() if v in FLAGGED_VERDICTS])
    both = flagged_now & flagged_before
    if both.any():
        report.flagged_id_stability = round(float(np.mean(result.community[both] == ids.old_aligned[both])), 4)


def _accounts(n: int) -> str:
    return f"{n:,} account" + ("" if n == 1 else "s")


def roles_changed(change: Mapping[str, Any]) -> bool:
    """Whether a change (or the report's ``roles`` total) records accounts newly flagged or no longer flagged."""
    return any(change.get(key) for key in ("newly_core", "newly_amplifier", "no_longer_flagged"))


def _role_text(before: Mapping[str, int] | None, after: Mapping[str, int], change: Mapping[str, Any]) -> str:
    """"amplifiers 201 → 212 (11 newly amplifier)": counts that moved, then the accounts behind them."""
    moved = [f"{'amplifiers' if role == 'amplifier' else role} {before[role]:,} → {after[role]:,}"
             for role in ROLES if before is not None and before[role] != after[role]]
    flags = [f"{change[f'newly_{role}']:,} newly {role}" for role in ROLES if change.get(f"newly_{role}")]
    if change.get("no_longer_flagged"):
        flags.append(f"{change['no_longer_flagged']:,} no longer flagged")
    if moved and flags:
        return f"{', '.join(moved)} ({', '.join(flags)})"
    return ", ".join(moved or flags)


def _sentence(change: Mapping[str, Any], sizes_by_id: Mapping[int, int]) -> str:
    text = _membership_sentence(change, sizes_by_id)
    if roles_changed(change):
        text += "; " + _role_text(change.get("previous_roles"), change["roles"], change)
    return text


def _membership_sentence(change: Mapping[str, Any], sizes_by_id: Mapping[int, int]) -> str:
    cid, kind, size, delta = change["community"], change["kind"], change["size"], change["delta"]
    tail = f"; no longer flagged ({change['verdict']})" if change["cleared"] else ""
    if kind == "new":
        return f"new community {cid}: {_accounts(size)}, {change['verdict']}"
    if kind == "merged":
        sources = ", ".join(f"{old} ({_accounts(sizes_by_id.get(old, 0))})" for old in change["from"])
        return f"communities {sources} merged into {cid} ({_accounts(size)}){tail}"
    if kind == "split":
        origin = ", ".join(map(str, change["from"]))
        if change["previous_size"] is not None:
            return f"community {cid} split: {_accounts(size)} stayed (of {change['previous_size']:,}){tail}"
        return f"community {cid} split off from {origin} ({_accounts(size)}){tail}"
    if delta is None:
        return f"community {cid} ({_accounts(size)}, {change['verdict']}) continues {', '.join(map(str, change['from']))}{tail}"
    if delta == 0 and change.get("joined"):
        return f"community {cid} kept its size ({_accounts(size)}): {change['joined']:,} joined, {change['left']:,} left{tail}"
    if delta == 0 and not roles_changed(change):
        return f"community {cid} unchanged ({_accounts(size)}){tail}"
    if delta == 0:
        return f"community {cid} kept its {_accounts(size)}{tail}"
    verb = "grew by" if delta > 0 else "shrank by"
    return f"community {cid} {verb} {_accounts(abs(delta))} ({change['previous_size']:,} → {size:,}){tail}"


class _StableIdsOnceRead:
    """:class:`StableIds` for a run that reads the previous run meanwhile: the ids are assigned after Leiden, by
    when the read (on another connection) is done. No previous run: the run's own labels stay its ids."""

    def __init__(self, reading: Future[tuple[PreviousRun | None, int]]) -> None:
        self._reading = reading
        self.ids: StableIds | None = None

    def __call__(self, account_ids: npt.NDArray[np.object_], labels: npt.NDArray[np.int64]) -> Mapping[int, int]:
        before, next_id = self._reading.result()
        if before is None:
            return {}
        self.ids = StableIds(before, next_id)
        return self.ids(account_ids, labels)


def detect_with_stable_ids(store: GraphStore, params: DetectionParams, *,
                           progress: Callable[[str], None] | None = None) -> DetectionResult:
    """A full detection run (``netforensics clusters``: Leiden from scratch, so the partition depends only on the
    data and the seed) whose community ids continue the current run's where its communities continue, with
    ``CONTINUES`` recorded as a refresh does: an id an analyst noted keeps its meaning across manual runs and
    refreshes, and ``query run-changes`` lists what changed."""
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="previous-run") as pool:
        hook = _StableIdsOnceRead(pool.submit(_previous_and_next_id, store))
        result = run_detection(store, params, progress=progress, assign_ids=hook)
    if hook.ids is not None:
        _write_lineage(store, result.run_id, hook.ids.previous, hook.ids)
    return result


def _write_lineage(store: GraphStore, run: str, previous: PreviousRun, ids: StableIds) -> None:
    match = ids.result
    assert match is not None
    rows = [{"new_id": match.stable_ids[link.new_label], "old_id": link.old_id, "overlap": link.overlap,
             "jaccard": link.jaccard, "kind": link.kind} for link in match.links]
    for start in range(0, len(rows), 5000):
        store.write_rows(_query("continues"), rows[start:start + 5000], {"run": run, "previous_run": previous.run})
    kinds = [{"id": match.stable_ids[label], "kind": kind} for label, kind in sorted(match.new_kinds.items())]
    for start in range(0, len(kinds), 5000):
        store.write_rows(_query("community-lineage-kind"), kinds[start:start + 5000], {"run": run})


def recover_abandoned_runs(store: GraphStore) -> list[str]:
    """Runs left ``running`` by a killed process (we hold the lock): record them failed, drop partial results."""
    abandoned = [row["run"] for row in store.read(_query("running-runs"))]
    for run in abandoned:
        detection_writes.fail_run(store, run, "abandoned: the process stopped before the run completed", {})
    return abandoned


@dataclass
class _Attempt:
    """Where a refresh holding the lock has got to, so a failure can be recorded with its step."""
    params: DetectionParams
    started: float = field(default_factory=time.perf_counter)
    step: str = "recovery"
    previous_run: str | None = None
    run: str | None = None  # the detection run, once run_detection recorded it


def refresh(
    store: GraphStore,
    inbox: Path | None,
    params: DetectionParams | None = None,
    *,
    load_options: LoadOptions = LoadOptions(),
    load_progress: Progress | None = None,
    say: Callable[[str], None] = lambda message: None,
    stale_after: int = 600,
) -> RefreshReport:
    """Run one refresh end to end and return its diff report (also stored on the new run). A failure after the
    lock was taken is recorded as a failed ``refresh`` run (error, step) before it is raised again."""
    params = params or DetectionParams()
    with refresh_lock(store, stale_after=stale_after):
        attempt = _Attempt(params)
        try:
            return _refresh_locked(store, inbox, attempt, load_options, load_progress, say)
        except BaseException as err:
            record_failure(store, attempt, err)
            raise


def one_line(err: BaseException) -> str:
    """The error as one line (a multi-line message joined), as stored on the run."""
    return " ".join(str(err).split()) or type(err).__name__


def record_failure(store: GraphStore, attempt: _Attempt, err: BaseException) -> None:
    """Record the failed step and its error on the refresh's run: the run detection started (or completed, when a
    later step failed), else a new failed ``refresh`` run. Never raises: the original error matters more. When the
    server went away, one attempt only: the driver's retries would hold the exit back by half a minute."""
    write = store.run_autocommit if isinstance(err, DatabaseUnavailable) else store.write
    try:
        write(_query("refresh-failed"), {
            "run": attempt.run or new_run_id(), "step": attempt.step, "error": one_line(err), "previous_run": attempt.previous_run,
            "elapsed": time.perf_counter() - attempt.started, "params": json.dumps(attempt.params.as_dict(), sort_keys=True),
            "code_version": code_version(),
        })
    except Exception as cleanup:  # noqa: BLE001 - the server may be what failed
        log.warning("could not record the failed refresh (step %s): %s", attempt.step, cleanup)


def _refresh_locked(store: GraphStore, inbox: Path | None, attempt: _Attempt, load_options: LoadOptions,
                    load_progress: Progress | None, say: Callable[[str], None]) -> RefreshReport:
    abandoned = recover_abandoned_runs(store)
    if abandoned:
        log.warning("recorded %d abandoned run(s) as failed: %s", len(abandoned), ", ".join(abandoned))
    loaded: list[FileResult] = []
    steps: dict[str, float] = {}
    attempt.step = "projection check"
    started = time.perf_counter()
    current = detection_reads.current_run(store)
    attempt.previous_run = current["run"] if current else None
    projection = ProjectionSource.incremental(store, current["run"] if current else None)
    steps["projection_check"] = time.perf_counter() - started
    started = time.perf_counter()
    # Loads never touch runs or communities: the previous run is read on a second connection meanwhile.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="previous-run") as pool:
        reading = pool.submit(_previous_and_next_id, store)
        if inbox is not None:
            attempt.step = "loading"
            say(f"loading new files from {inbox}")
            loaded = load_inbox(store, inbox, load_options, load_progress, projection.touched)
        projection.loaded_batches = {r.sha256 for r in loaded if r.status == "loaded"}
        projection.loaded_kinds = {r.kind for r in loaded if r.status == "loaded"}
        steps["load"] = time.perf_counter() - started
        started = time.perf_counter()
        attempt.step = "reading the previous run"
        before, next_id = reading.result()
    steps["previous_run_wait"] = time.perf_counter() - started
    hook = StableIds(before, next_id) if before is not None else None
    say("detecting communities" + (f" (stable ids from {before.run})" if before else ""))
    attempt.step = "detection"
    result = run_detection(store, attempt.params, progress=say, assign_ids=hook,
                           seed_membership=hook.previous_of if hook is not None else None, projection=projection,
                           kind="refresh", on_start=lambda run: setattr(attempt, "run", run))
    attempt.step = "lineage"
    report = RefreshReport(result.run_id, before.run if before else None, projection=projection.describe())
    report.files_loaded = [{"path": str(r.path), "kind": r.kind, "rows_loaded": r.rows_loaded,
                            "rows_rejected": r.rows_rejected} for r in loaded if r.status == "loaded"]
    report.files_skipped = sum(r.status == "skipped" for r in loaded)
    started = time.perf_counter()
    if before is not None and hook is not None:
        _write_lineage(store, result.run_id, before, hook)
        attempt.step = "diff"
        _describe(report, result, before, hook)
    else:
        report.sentences.append(f"first run: {sum(c.verdict in FLAGGED_VERDICTS for c in result.communities)} flagged communities")
    steps["lineage"] = time.perf_counter() - started
    report.timings = {**steps, **{f"detection_{k}": v for k, v in result.timings.items()}}
    attempt.step = "storing the diff"
    store.write(_query("store-diff"), {"run": result.run_id, "previous_run": report.previous_run,
                                        "diff": json.dumps(report.as_dict(), sort_keys=True, default=str)})
    return report


def last_refresh(store: GraphStore) -> dict[str, Any] | None:
    """The last refresh run (status, error, failed step, diff). A ``running`` one also gets ``liveness``: whether a
    refresh still holds the lock and beats, since a refresh whose server or process went away stays ``running``
    until the next refresh records it as failed."""
    rows = store.read(_query("last-refresh"))
    if not rows:
        return None
    row = dict(rows[0])
    row["diff"] = json.loads(row["diff"]) if row.get("diff") else None
    if row["status"] == "running":
        row["liveness"] = liveness(lock.holder(store, name=LOCK_NAME))
    return row


def liveness(holder: Mapping[str, Any] | None) -> str:
    """How a ``running`` refresh run looks from outside, from the lock's holder (``None``: nobody holds it)."""
    if holder is None:
        return "interrupted: no refresh holds the lock (the next refresh records the run as failed)"
    if holder.get("process_gone"):
        return (f"interrupted: its process (pid {holder['pid']} on {holder['host']}) is gone, "
                f"no heartbeat since {holder['heartbeat_at']}")
    silent = int(holder.get("silent_seconds") or 0)
    if silent > SILENT_AFTER:
        return f"running or interrupted: no heartbeat since {holder['heartbeat_at']} ({silent:,} s ago)"
    return f"running: last heartbeat {silent} s ago (pid {holder['pid']} on {holder['host']})"
