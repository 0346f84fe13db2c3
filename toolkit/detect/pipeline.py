"""One detection run, as the CLI and notebooks call it: ``run_detection(store, DetectionParams()) -> DetectionResult``.

projection (Neo4j -> arrays) -> layers -> Leiden -> features and community scores -> write-back of communities and
memberships -> role rules (Cypher) -> the run becomes current. Phases are timed; the run is recorded with its
parameters and code version, and a failure is recorded as such without touching the current results.
"""

from __future__ import annotations

import json
import logging
import subprocess
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from netforensics import __version__
from netforensics.detect.features import AccountSignals, CommunityFeatures, FeatureParams, account_signals, community_features
from netforensics.detect.layers import LAYER_NAMES, LayerParams, Layers, build_layers, combine
from netforensics.detect.leiden import LeidenParams, detect_communities
from netforensics.detect.scoring import CommunityScores, ScoringParams, score_communities
from netforensics.detect.split import SplitParams, split_hidden_groups
from netforensics.errors import NetforensicsError
from netforensics.graph.projection import Projection
from netforensics.graph.projection_cache import ProjectionSource
from netforensics.store import detection_writes, schema
from netforensics.store.connection import GraphStore
from netforensics.store.detection_writes import RoleAssignment
from netforensics.store.gds_leiden import gds_leiden

log = logging.getLogger(__name__)
IntArray = npt.NDArray[np.int64]

#: Signals stored on MEMBER_OF (members of communities that are not plainly organic), in this order.
STORED_SIGNALS: tuple[str, ...] = (
    "posts", "retweets", "retweets_of_members", "amplified_by_members", "median_delay", "fast_share",
    "sync_partners", "exit_members", "vpn_hosting", "mainland", "creation_cohort", "creation_burst", "age_days",
    "young", "dormant_days", "repurposed", "default_profile", "default_handle", "office_share",
)

Progress = Callable[[str], None]
#: Hook for stable ids (the refresh): (account ids, labels 1..k) -> {label: community id}.
AssignIds = Callable[[npt.NDArray[np.object_], IntArray], Mapping[int, int]]
#: Hook for seeding Leiden (the refresh): account ids -> previous community per account (-1 = none).
SeedMembership = Callable[[npt.NDArray[np.object_]], IntArray]


@dataclass(frozen=True)
class DetectionParams:
    seed: int = 1
    resolution: float = 1.0
    engine: str = "networkit"  # networkit | igraph | leidenalg | gds
    objective: str = "modularity"  # modularity | cpm
    iterations: int = 2  # Leiden passes from scratch; see docs/detection.md for why two
    warm_iterations: int = -1  # passes from the previous run's partition (refresh): until stable (docs/refresh.md)
    window: float = 60.0  # co-retweet window, seconds
    layers: tuple[str, ...] = LAYER_NAMES
    layer_weights: Mapping[str, float] = field(
        default_factory=lambda: {"retweet": 1.0, "co_retweet": 1.0, "infrastructure": 3.0, "follow": 0.5}
    )
    keep_runs: int = 2  # completed runs whose memberships survive the start of the next run (see _while_python_works)
    split_min_size: int = 1000  # organic and suspicious communities this large get a second look (detect/split.py); 0 = never
    features: FeatureParams = field(default_factory=FeatureParams)
    scoring: ScoringParams = field(default_factory=ScoringParams)

    def __post_init__(self) -> None:
        if self.window <= 0:
            raise NetforensicsError(f"--window must be positive, not {self.window}.")
        unknown = sorted(set(self.layers) - set(LAYER_NAMES))
        if unknown or not self.layers:
            raise NetforensicsError(f"unknown layer(s) {', '.join(unknown) or '(none given)'}: choose from {', '.join(LAYER_NAMES)}.")
        if self.split_min_size < 0:
            raise NetforensicsError(f"--split-min-size must be 0 (never) or positive, not {self.split_min_size}.")
        try:
            self.leiden()
        except ValueError as err:
            raise NetforensicsError(str(err)) from err

    def leiden(self) -> LeidenParams:
        return LeidenParams(engine=self.engine, objective=self.objective, resolution=self.resolution, seed=self.seed,
                            iterations=self.iterations, warm_iterations=self.warm_iterations,
                            layer_weights=dict(self.layer_weights))

    def layer_params(self) -> LayerParams:
        return LayerParams(co_retweet_window=self.window)

    def as_dict(self) -> dict[str, Any]:
        return {
            "seed": self.seed, "resolution": self.resolution, "engine": self.engine, "objective": self.objective,
            "iterations": self.iterations, "warm_iterations": self.warm_iterations, "window": self.window, "layers": list(self.layers),
            "layer_weights": dict(self.layer_weights), "keep_runs": self.keep_runs, "split_min_size": self.split_min_size,
            "features": asdict(self.features),
            "scoring": {k: v for k, v in asdict(self.scoring).items() if k != "ramps"},
        }


@dataclass(frozen=True)
class CommunitySummary:
    id: int
    size: int
    score: float
    verdict: str
    signals: list[tuple[str, float]]  # strong signal families, strongest first
    features: dict[str, float | None]  # None: unknown (the data do not carry it)


@dataclass
class DetectionResult:
    run_id: str
    code_version: str
    params: DetectionParams
    account_ids: npt.NDArray[np.object_]
    community: IntArray  # per account: community id, 0 = none
    communities: list[CommunitySummary]
    roles: list[RoleAssignment]
    timings: dict[str, float]

    def role_counts(self) -> dict[str, int]:
        counts = {"core": 0, "amplifier": 0}
        for assignment in self.roles:
            counts[assignment.role] += 1
        return counts


def code_version() -> str:
    """The package version, plus the git commit when running from a checkout."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=Path(__file__).resolve().parent,
                                capture_output=True, text=True, timeout=5, check=False).stdout.strip()
    except OSError:
        commit = ""
    return f"{__version__}+g{commit}" if commit else __version__


def new_run_id() -> str:
    return f"run-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}-{uuid.uuid4().hex[:6]}"


def _signal_columns(signals: AccountSignals, members: IntArray) -> dict[str, list[Any]]:
    """Aligned lists of each stored signal for ``members`` (``None`` where a value is NaN: not stored)."""
    columns: dict[str, list[Any]] = {}
    for name in STORED_SIGNALS:
        values = np.asarray(getattr(signals, name))[members]
        if values.dtype.kind == "f":
            values = np.round(values, 3)
            column = values.astype(object)
            column[np.isnan(values)] = None
            columns[name] = column.tolist()
        else:
            columns[name] = values.tolist()
    return columns


@dataclass
class CommunityWrites:
    """What a run writes about its communities, ready to send: the community nodes, the plain memberships (members
    of organic communities) and the members with signals (communities that are not plainly organic)."""

    community: IntArray  # community id per account, 0 = none
    summaries: list[CommunitySummary]
    community_rows: list[dict[str, Any]]
    plain_nodes: list[int]
    plain_communities: list[int]
    flagged_nodes: list[int]
    flagged_communities: list[int]
    flagged_signals: dict[str, list[Any]]


def community_writes(p: Projection, labels: IntArray, signals: AccountSignals, features: CommunityFeatures,
                     scores: CommunityScores, assign_ids: AssignIds | None = None) -> CommunityWrites:
    ids = dict(assign_ids(p.account_ids, labels)) if assign_ids is not None else {}
    label_ids = np.arange(len(features.size), dtype=np.int64)
    for label, cid in ids.items():
        label_ids[label] = cid
    community = np.where(labels > 0, label_ids[labels], 0)
    summaries = [
        CommunitySummary(int(label_ids[c]), int(features.size[c]), float(scores.score[c]), scores.verdict[c],
                         scores.signals(c), features.row(c))
        for c in range(1, len(features.size))
    ]
    rows = [
        {"id": s.id, "size": s.size, "score": s.score, "verdict": s.verdict,
         "signals": [f"{name} {value:.2f}" for name, value in s.signals],
         "features": json.dumps({"features": s.features,
                                 "strengths": {k: round(float(v[c]), 3) for k, v in scores.strengths.items()}}, sort_keys=True)}
        for c, s in enumerate(summaries, start=1)
    ]
    in_flaggable = (labels > 0) & np.array([v != "organic" for v in scores.verdict], dtype=bool)[labels]
    plain = np.flatnonzero((labels > 0) & ~in_flaggable)
    flaggable = np.flatnonzero(in_flaggable)
    return CommunityWrites(community, summaries, rows, p.account_nodes[plain].tolist(), community[plain].tolist(),
                           p.account_nodes[flaggable].tolist(), community[flaggable].tolist(),
                           _signal_columns(signals, flaggable))


def write_and_apply_roles(store: GraphStore, run_id: str, w: CommunityWrites,
                          timings: dict[str, float]) -> list[RoleAssignment]:
    """Write the communities, then two things at once, since neither reads what the other writes: the plain
    memberships of organic communities (most accounts) in a second connection, and the flagged members with their
    signals followed by the role rules. On two cores the server works on both."""
    started = time.perf_counter()
    detection_writes.write_communities(store, run_id, w.community_rows)
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="memberships") as pool:
        plain = pool.submit(detection_writes.write_memberships, store, run_id, w.plain_nodes, w.plain_communities)
        detection_writes.write_member_signals(store, run_id, w.flagged_nodes, w.flagged_communities, w.flagged_signals)
        timings["write_communities"] = time.perf_counter() - started
        started = time.perf_counter()
        roles = detection_writes.apply_role_rules(store, run_id, timings=timings)
        timings["roles"] = time.perf_counter() - started
        started = time.perf_counter()
        plain.result()
        timings["memberships_wait"] = time.perf_counter() - started
    return roles


def _while_python_works(store: GraphStore, run_id: str, keep_runs: int, timings: dict[str, float]) -> None:
    """Server work on a second connection while layers and Leiden keep Python busy and the server idle; never fails
    the run.

    First the write-back and the role rules are planned (:func:`detection_writes.plan_ahead`). Then housekeeping:
    the memberships of completed runs older than the newest ``keep_runs`` are deleted (runs and communities stay
    as history). Those runs were outside the window before this run started, so a run that fails changes nothing
    more; between runs, the memberships of the newest ``keep_runs + 1`` completed runs exist."""
    steps: tuple[tuple[str, str, Callable[[], object]], ...] = (
        ("plan_ahead", "plan the write-back ahead", lambda: detection_writes.plan_ahead(store, run_id)),
        ("prune", "prune memberships of old runs", lambda: detection_writes.prune_memberships(store, keep_runs)),
    )
    for timing, what, step in steps:
        started = time.perf_counter()
        try:
            step()
        except NetforensicsError as err:
            log.warning("could not %s: %s", what, err)
        timings[timing] = time.perf_counter() - started


def detect(p: Projection, params: DetectionParams, gds_store: GraphStore | None = None,
           timings: dict[str, float] | None = None,
           initial: IntArray | None = None) -> tuple[Layers, IntArray, AccountSignals, CommunityFeatures, CommunityScores]:
    """The pure part of a run (arrays in, labels, signals, features and scores out).

    ``initial``: the previous community per account (-1 for none), to seed Leiden (refreshes)."""
    timings = timings if timings is not None else {}
    started = time.perf_counter()
    layers = build_layers(p, params.layer_params(), tuple(params.layers))
    timings["layers"] = time.perf_counter() - started

    started = time.perf_counter()
    external = None
    if gds_store is not None:
        def external(n: int, edges: Any, lp: LeidenParams, start: IntArray | None) -> IntArray:
            return gds_leiden(gds_store, n, edges, lp.resolution, lp.seed, initial=start)
    combined = combine(layers, params.layer_weights)
    try:
        labels = detect_communities(layers, params.leiden(), external, initial, combined)
    except ValueError as err:
        raise NetforensicsError(str(err)) from err
    timings["leiden"] = time.perf_counter() - started

    def score(labels: IntArray) -> tuple[AccountSignals, CommunityFeatures, CommunityScores]:
        signals = account_signals(p, layers, labels, params.features)
        features = community_features(p, labels, signals, params.features)
        return signals, features, score_communities(features, params.scoring)

    started = time.perf_counter()
    signals, features, scores = score(labels)
    timings["scoring"] = time.perf_counter() - started

    started = time.perf_counter()
    split = split_hidden_groups(combined, p.n_accounts, labels, scores.verdict, replace(params.leiden(), engine="igraph"),
                                lambda candidate: score(candidate)[2].verdict, SplitParams(params.split_min_size))
    if split is not labels:
        labels = split
        signals, features, scores = score(labels)
    timings["split"] = time.perf_counter() - started
    return layers, labels, signals, features, scores


def run_detection(store: GraphStore, params: DetectionParams | None = None, *, progress: Progress | None = None,
                  assign_ids: AssignIds | None = None, seed_membership: SeedMembership | None = None,
                  projection: ProjectionSource | None = None, kind: str = "clusters",
                  on_start: Callable[[str], None] | None = None) -> DetectionResult:
    """Run detection on the graph in ``store`` and make it the current run; see the module docstring.

    The refresh passes ``assign_ids`` (stable community ids) and ``seed_membership`` (account ids -> previous
    community per account, -1 for none) so Leiden starts from the previous partition, and ``projection`` (an
    incremental projection, :mod:`netforensics.graph.projection_cache`). By default the graph is read whole; either
    way a completed run keeps its tweet events for the next refresh. ``kind`` (clusters or refresh) is recorded on
    the run from its start, so a refresh that fails is still found as one; ``on_start`` gets the run's id as soon as
    it is recorded (the refresh notes it, to record its own failure on that run)."""
    params = params or DetectionParams()
    projection = projection or ProjectionSource.full(store)
    say = progress or (lambda message: None)
    schema.ensure(store)
    run_id = new_run_id()
    version = code_version()
    timings: dict[str, float] = {}
    total = time.perf_counter()
    detection_writes.start_run(store, run_id, params.as_dict(), version, kind)
    if on_start is not None:
        on_start(run_id)
    try:
        say("projecting the graph")
        started = time.perf_counter()
        p = projection.project(store, include_follows="follow" in params.layers)
        timings["projection"] = time.perf_counter() - started
        timings.update({f"projection_{name}": seconds for name, seconds in p.timings.items()})
        if p.n_accounts == 0:
            raise NetforensicsError("The graph holds no accounts: load data first (`netforensics load ...`).")
        say("building layers, Leiden, scoring")
        initial = seed_membership(p.account_ids) if seed_membership is not None else None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="server-work") as pool:
            server_work = pool.submit(_while_python_works, store, run_id, params.keep_runs, timings)
            _, labels, signals, features, scores = detect(p, params, store if params.engine == "gds" else None, timings, initial)
            started = time.perf_counter()
            server_work.result()
            timings["prune_wait"] = time.perf_counter() - started

        say("writing communities and roles")
        writes = community_writes(p, labels, signals, features, scores, assign_ids)
        roles = write_and_apply_roles(store, run_id, writes, timings)

        started = time.perf_counter()
        result = DetectionResult(run_id, version, params, p.account_ids, writes.community, writes.summaries, roles, timings)
        summary = {"accounts": p.n_accounts, "communities": len(writes.summaries),
                   "inauthentic": sum(s.verdict == "inauthentic" for s in writes.summaries),
                   "suspicious": sum(s.verdict == "suspicious" for s in writes.summaries), **result.role_counts()}
        timings["total"] = time.perf_counter() - total
        detection_writes.complete_run(store, run_id, timings, summary)
        timings["write_complete"] = time.perf_counter() - started
        timings["total"] = time.perf_counter() - total
    except BaseException as err:
        timings["total"] = time.perf_counter() - total
        message = str(err) or type(err).__name__
        try:
            detection_writes.fail_run(store, run_id, message, timings)
        except NetforensicsError as cleanup:
            log.warning("could not record run %s as failed: %s", run_id, cleanup)
        if isinstance(err, NetforensicsError) or not isinstance(err, Exception):
            raise
        raise NetforensicsError(f"Detection run {run_id} failed: {message}") from err
    started = time.perf_counter()
    projection.remember(run_id, p)
    timings["projection_saved"] = time.perf_counter() - started
    try:
        detection_writes.record_timings(store, run_id, timings)
    except NetforensicsError as err:
        log.warning("could not record the final timings of run %s: %s", run_id, err)
    return result
