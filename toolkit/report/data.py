"""Read what a report shows from Neo4j (``cypher/report/*.cypher``) into plain dataclasses.

Nothing here renders; :mod:`netforensics.report.html` turns a :class:`ReportData` into a page. Every query runs
in a read-only transaction through :meth:`GraphStore.read`. JSON text kept on nodes (run parameters, timings,
community features, role evidence) is decoded here; text that is not valid JSON is kept as a string.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netforensics.cypher_files import load as load_cypher
from netforensics.query_library import bind_params
from netforensics.errors import NetforensicsError
from netforensics.evaluate import Scorecard
from netforensics.store.connection import GraphStore

# Community verdicts that mean "nothing to report"; every other verdict gets a card.
UNFLAGGED_VERDICTS = ("organic", "benign")


@dataclass(frozen=True)
class RunInfo:
    id: str
    status: str
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    code_version: str
    params: Any
    timings: Any


@dataclass(frozen=True)
class DatasetInfo:
    name: str
    accounts: int
    batches: int
    complete: int
    failed: int
    rows_loaded: int
    rows_rejected: int
    kinds: list[str]
    last_loaded: dt.datetime | None


@dataclass(frozen=True)
class CoreAccount:
    id: str
    screen_name: str | None
    display_name: str | None
    created_at: dt.datetime | None
    followers: int | None
    role_score: float | None
    evidence: Any
    posts: int
    retweeted_by: int


@dataclass(frozen=True)
class LineageStep:
    depth: int
    run: str
    run_started_at: dt.datetime | None
    key: str
    id: str
    size: int | None
    score: float | None
    verdict: str | None
    kind: str | None  # how the newer community continues this one (None for the community itself)
    jaccard: float | None


@dataclass(frozen=True)
class NetworkKindCount:
    kind: str
    accounts: int
    ips: int


@dataclass(frozen=True)
class NetworkSample:
    """Up to ``max_nodes`` members (id, label, role) and the RETWEETED counts among them."""

    nodes: list[tuple[str, str, str]]
    edges: list[tuple[str, str, int]]
    members: int  # how many members the community has (the sample may be smaller)


@dataclass(frozen=True)
class CommunityCard:
    key: str
    id: str
    size: int
    score: float | None
    verdict: str
    features: Any
    core: int
    amplifiers: int
    others: int
    creation_days: list[tuple[dt.date, str, int]]  # (day, role, accounts)
    hours_utc: list[int]  # 24 post counts
    delays: list[float]  # retweet delays in seconds (sampled)
    network_kinds: list[NetworkKindCount]
    observed_accounts: int  # members with at least one IP observation
    lineage: list[LineageStep]
    core_accounts: list[CoreAccount]
    network: NetworkSample


@dataclass(frozen=True)
class Baseline:
    """The organic accounts' profile the cards are compared with."""

    hours_utc: list[int]
    delays: list[float]


@dataclass(frozen=True)
class ReportData:
    generated_at: dt.datetime
    run: RunInfo
    totals: dict[str, int]
    datasets: list[DatasetInfo]
    baseline: Baseline
    cards: list[CommunityCard]
    scorecard: Scorecard | None = None
    labels_source: str | None = None
    community_filter: str | None = None
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class ReportLimits:
    top_core: int = 10
    max_nodes: int = 150
    max_core_nodes: int = 50
    baseline_accounts: int = 5000
    max_delay_samples: int = 50000


def run_report_query(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
    """Run ``cypher/report/<name>.cypher`` read-only with its declared defaults filled in."""
    query = load_cypher(f"report/{name}")
    return store.read(query, bind_params(query, params))


def _native(value: Any) -> Any:
    """Neo4j temporal values as Python ``datetime``/``date``; everything else unchanged."""
    return value.to_native() if hasattr(value, "to_native") else value


def decode_json(text: Any) -> Any:
    """JSON text from a node property as Python data; non-JSON text stays text, None stays None."""
    if text is None or not isinstance(text, str):
        return text
    try:
        return json.loads(text)
    except ValueError:
        return text


def read_run(store: GraphStore) -> RunInfo:
    rows = run_report_query(store, "current-run")
    if not rows:
        raise NetforensicsError("No completed current detection run in the database: run `netforensics clusters` first.")
    r = rows[0]
    return RunInfo(str(r["id"]), r["status"] or "", _native(r["started_at"]), _native(r["finished_at"]),
                   r["code_version"] or "", decode_json(r["params"]), decode_json(r["timings"]))


def read_datasets(store: GraphStore) -> list[DatasetInfo]:
    return [
        DatasetInfo(str(r["dataset"]), r["accounts"] or 0, r["batches"] or 0, r["complete"] or 0, r["failed"] or 0,
                    r["rows_loaded"] or 0, r["rows_rejected"] or 0, sorted(str(k) for k in r["kinds"] if k is not None),
                    _native(r["last_loaded"]))
        for r in run_report_query(store, "datasets")
    ]


def read_totals(store: GraphStore) -> dict[str, int]:
    rows = run_report_query(store, "graph-totals")
    return {k: int(v or 0) for k, v in rows[0].items()} if rows else {}


def hour_counts(rows: list[dict[str, Any]]) -> list[int]:
    """``[{hour, tweets}]`` rows -> 24 counts."""
    counts = [0] * 24
    for r in rows:
        if r["hour"] is not None:
            counts[int(r["hour"]) % 24] += int(r["tweets"])
    return counts


def read_baseline(store: GraphStore, run: str, limits: ReportLimits) -> Baseline:
    params = {"run": run, "unflagged": list(UNFLAGGED_VERDICTS), "max_accounts": limits.baseline_accounts}
    hours = hour_counts(run_report_query(store, "baseline-posting-hours", params))
    delays = run_report_query(store, "baseline-retweet-delays", {**params, "max_samples": limits.max_delay_samples})
    return Baseline(hours, [float(r["delay"]) for r in delays if r["delay"] is not None])


def read_flagged(store: GraphStore, run: str, community: str | None = None) -> list[dict[str, Any]]:
    """Rows of the flagged communities (or the one with id ``community``, whatever its verdict)."""
    return run_report_query(store, "flagged-communities",
                      {"run": run, "unflagged": list(UNFLAGGED_VERDICTS), "community": community})


def read_network_sample(store: GraphStore, run: str, key: str, members: int, limits: ReportLimits) -> NetworkSample:
    """Core accounts first (up to ``max_core_nodes``), then amplifiers and others up to ``max_nodes``."""
    base = {"run": run, "community": key}
    core = run_report_query(store, "network-members", {**base, "roles": ["core"], "limit": min(limits.max_core_nodes, limits.max_nodes)})
    rest = run_report_query(store, "network-members", {**base, "roles": ["amplifier"], "limit": max(limits.max_nodes - len(core), 0)})
    others = run_report_query(store, "network-members", {**base, "roles": [""], "limit": max(limits.max_nodes - len(core) - len(rest), 0)})
    nodes = [(str(r["id"]), str(r["label"]), str(r["role"])) for r in core + rest + others]
    ids = [n[0] for n in nodes]
    edges = [(str(r["source"]), str(r["target"]), int(r["count"]))
             for r in run_report_query(store, "network-edges", {"ids": ids})] if ids else []
    return NetworkSample(nodes, edges, members)


def read_card(store: GraphStore, run: str, row: Mapping[str, Any], limits: ReportLimits) -> CommunityCard:
    key = str(row["key"])
    params = {"run": run, "community": key}
    creation = [(_native(r["day"]), str(r["role"]), int(r["accounts"]))
                for r in run_report_query(store, "creation-days", params)]
    hours = hour_counts(run_report_query(store, "posting-hours", params))
    delays = [float(r["delay"]) for r in run_report_query(store, "retweet-delays",
                                                     {**params, "max_samples": limits.max_delay_samples})
              if r["delay"] is not None]
    kind_rows = run_report_query(store, "network-kinds", params)
    kinds = [NetworkKindCount(str(r["kind"]), int(r["accounts"]), int(r["ips"])) for r in kind_rows]
    observed = int(kind_rows[0]["observed"]) if kind_rows else 0
    lineage = [
        LineageStep(int(r["depth"]), str(r["run"]), _native(r["run_started_at"]), str(r["key"]), str(r["id"]),
                    r["size"], r["score"], r["verdict"], r["kind"], r["jaccard"])
        for r in run_report_query(store, "lineage", {"community": key})
    ]
    core = [
        CoreAccount(str(r["id"]), r["screen_name"], r["display_name"], _native(r["created_at"]), r["followers"],
                    r["role_score"], decode_json(r["evidence"]), int(r["posts"]), int(r["retweeted_by"]))
        for r in run_report_query(store, "core-accounts", {**params, "limit": limits.top_core})
    ]
    size = int(row["size"] or 0)
    members = int(row["core"] or 0) + int(row["amplifiers"] or 0) + int(row["others"] or 0)
    return CommunityCard(
        key=key, id=str(row["id"]), size=size, score=row["score"], verdict=str(row["verdict"] or ""),
        features=decode_json(row["features"]), core=int(row["core"] or 0), amplifiers=int(row["amplifiers"] or 0),
        others=int(row["others"] or 0), creation_days=creation, hours_utc=hours, delays=delays,
        network_kinds=kinds, observed_accounts=observed, lineage=lineage, core_accounts=core,
        network=read_network_sample(store, run, key, members or size, limits),
    )


def read_report(store: GraphStore, *, community: str | None = None, limits: ReportLimits | None = None,
                scorecard: Scorecard | None = None, labels_source: str | None = None,
                progress: Callable[[str], None] | None = None) -> ReportData:
    """Everything the report shows for the current run; ``community`` (a community id) keeps one card.

    ``progress`` is called with a short description before each step (the CLI shows it on stderr).
    """
    limits = limits or ReportLimits()
    step = progress or (lambda _text: None)
    step("run and datasets")
    run = read_run(store)
    totals = read_totals(store)
    datasets = read_datasets(store)
    step("organic baseline")
    baseline = read_baseline(store, run.id, limits)
    rows = read_flagged(store, run.id, community)
    if community is not None and not rows:
        raise NetforensicsError(f"The current run {run.id} has no community with id {community!r}.")
    cards = []
    for row in rows:
        step(f"community {row['id']}")
        cards.append(read_card(store, run.id, row, limits))
    return ReportData(
        generated_at=dt.datetime.now(dt.timezone.utc).replace(microsecond=0), run=run, totals=totals,
        datasets=datasets, baseline=baseline, cards=cards, scorecard=scorecard, labels_source=labels_source,
        community_filter=community,
    )
