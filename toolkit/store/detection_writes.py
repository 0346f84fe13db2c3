"""Write-back of a detection run, in the order that keeps readers safe (docs/graph-model.md, docs/detection.md):

1. ``DetectionRun {status: 'running', current: false}``;
2. the run's ``Community`` nodes and ``MEMBER_OF {run}`` relationships (with each account's signals);
3. the role rules (``cypher/roles/*.cypher``, read-only queries, in file order) and their roles and evidence;
4. one transaction flips ``current`` from the previous run to this one;
5. ``:CoreOperator`` / ``:Amplifier`` labels are put on this run's flagged accounts, then retired from the rest;
6. memberships of runs older than the newest ``keep_runs`` completed runs are pruned (runs and communities stay).

Until step 4 the previous run is the current one. A run that fails is marked ``failed`` with its error and its
partial communities and memberships are deleted: nothing else changes.
"""

from __future__ import annotations

import json
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import neo4j

from netforensics import cypher_files
from netforensics.cypher_files import CypherFile
from netforensics.errors import NetforensicsError
from netforensics.store.connection import GraphStore, retry_on_connection_loss

ROLE_FOLDER = "roles"
ROLES: tuple[str, ...] = ("core", "amplifier")


@dataclass(frozen=True)
class RoleAssignment:
    account_id: str
    role: str
    role_score: float
    evidence: dict[str, Any]


def _query(name: str) -> CypherFile:
    return cypher_files.load(f"detection/{name}")


def _write(store: GraphStore, name: str, **params: Any) -> None:
    query = _query(name)
    retry_on_connection_loss(lambda: store.write(query, params), attempts=3, pause=1.0)


def start_run(store: GraphStore, run: str, params: Mapping[str, Any], code_version: str, kind: str = "clusters") -> None:
    _write(store, "run-start", run=run, params=json.dumps(params, sort_keys=True), code_version=code_version, kind=kind)


def write_communities(store: GraphStore, run: str, rows: Sequence[Mapping[str, Any]], batch_size: int = 5000) -> None:
    query = _query("communities")
    for start in range(0, len(rows), batch_size):
        chunk = rows[start:start + batch_size]
        retry_on_connection_loss(lambda: store.write_rows(query, chunk, {"run": run}), attempts=3, pause=1.0)


#: Memberships per transaction. The server holds a transaction's state on its heap until the commit: at HK scale
#: 2,000 memberships a transaction were written in 2.5-2.8 s against 3.0-3.4 s in 10,000s, and deleted in 4.8 s
#: against 7.1-8.4 s (docs/detection.md).
MEMBERSHIP_BATCH = 2_000


def write_memberships(store: GraphStore, run: str, nodes: Sequence[int], communities: Sequence[int],
                      batch_size: int = MEMBERSHIP_BATCH) -> None:
    """``MEMBER_OF`` for accounts (internal node ids from this run's projection) aligned with their community ids."""
    by_community: dict[int, list[int]] = {}
    for node, community in zip(nodes, communities):
        by_community.setdefault(int(community), []).append(int(node))
    query = _query("memberships")
    batch: list[dict[str, Any]] = []
    filled = 0
    for community in sorted(by_community):
        members = by_community[community]
        for start in range(0, len(members), batch_size):
            part = members[start:start + batch_size]
            batch.append({"id": community, "nodes": part})
            filled += len(part)
            if filled >= batch_size:
                chunk = batch
                retry_on_connection_loss(lambda: store.write_rows(query, chunk, {"run": run}), attempts=3, pause=1.0)
                batch, filled = [], 0
    if batch:
        retry_on_connection_loss(lambda: store.write_rows(query, batch, {"run": run}), attempts=3, pause=1.0)


def write_member_signals(store: GraphStore, run: str, nodes: Sequence[int], communities: Sequence[int],
                         signals: Mapping[str, Sequence[Any]], batch_size: int = MEMBERSHIP_BATCH) -> None:
    """``MEMBER_OF`` with signals for ``nodes`` aligned with their community ids; ``signals`` maps each signal name
    to a list aligned with them."""
    query = _query("member-signals")
    for start in range(0, len(nodes), batch_size):
        stop = start + batch_size
        params = {"run": run, "nodes": list(nodes[start:stop]), "communities": list(communities[start:stop]),
                  "signals": {name: list(values[start:stop]) for name, values in signals.items()}}
        retry_on_connection_loss(lambda: store.write(query, params), attempts=3, pause=1.0)


def role_rules() -> list[CypherFile]:
    """The role rules an analyst can read and change, in the order they run (file name order)."""
    return cypher_files.list_folder(ROLE_FOLDER)


def _rule_params(rule: CypherFile, run: str) -> dict[str, Any]:
    params = {p.name: p.default_value() for p in rule.params if p.name != "run"}
    params["run"] = run
    return params


def _evidence_json(evidence: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """Evidence as stored (JSON text) and as returned. A rule may cite nodes, relationships or paths: they are
    written as their properties (a relationship as [start, type, end], a path as [node, type, node, ...], as
    ``Record.data()`` gives them), other values the JSON cannot hold as text."""
    cited_graph = False

    def plain(value: Any) -> Any:
        nonlocal cited_graph
        if isinstance(value, neo4j.graph.Node):
            cited_graph = True
            return dict(value)
        if isinstance(value, neo4j.graph.Relationship):
            cited_graph = True
            return [plain(value.start_node), value.type, plain(value.end_node)]
        if isinstance(value, neo4j.graph.Path):
            cited_graph = True
            return [plain(value.start_node)] + [item for rel, node in zip(value.relationships, value.nodes[1:])
                                                 for item in (rel.type, plain(node))]
        return str(value)

    text = json.dumps(evidence, sort_keys=True, default=plain)
    return text, (json.loads(text) if cited_graph else evidence)


#: The write-back statements with parameters that write nothing but have the types the run will send (the plan
#: cache's key is the text and the parameter types: an empty list has the type of a list of maps or numbers).
_NOTHING_TO_WRITE: tuple[tuple[str, dict[str, Any]], ...] = (
    ("communities", {"rows": []}),
    ("member-signals", {"nodes": [], "communities": [], "signals": {}}),
    ("memberships", {"rows": []}),
    ("set-roles", {"rows": []}),
)


def plan_ahead(store: GraphStore, run: str) -> None:
    """Run the write-back statements with nothing to write, and every role rule for ``run`` before its communities
    exist (no rows), so the server plans them: it caches a query's plan by its text and parameter types, and on a
    freshly started server planning them cost 3-4 s of a run (the planner's code is not compiled yet). The pipeline
    calls this on a second connection while Python runs Leiden, so they are planned when their turn comes."""
    for name, nothing in _NOTHING_TO_WRITE:
        store.write(_query(name), {"run": run, **nothing})
    for rule in role_rules():
        store.read_as_decoded(rule, _rule_params(rule, run))


def apply_role_rules(store: GraphStore, run: str, batch_size: int = 10_000,
                     timings: dict[str, float] | None = None) -> list[RoleAssignment]:
    """Run every rule (a read-only query returning ``account_id, role, role_score, evidence``) and store its
    roles before the next rule runs, so later rules can build on earlier roles (amplifiers of core content).
    The rule's parameters (its thresholds) are added to each evidence as ``thresholds``. ``timings`` receives
    each rule's query and write seconds (``rule_<name>``, ``rule_<name>_write``)."""
    assigned: list[RoleAssignment] = []
    seen: set[str] = set()
    timings = timings if timings is not None else {}
    query = _query("set-roles")
    for rule in role_rules():
        params = _rule_params(rule, run)
        thresholds = {k: v for k, v in params.items() if k not in ("run", "examples", "verdicts")}
        timings[f"rule_{rule.name}"] = timings[f"rule_{rule.name}_write"] = 0.0
        for round_ in range(1, rule_rounds(rule) + 1):
            started = time.perf_counter()
            rows = retry_on_connection_loss(lambda: store.read_as_decoded(rule, params), attempts=3, pause=1.0)
            timings[f"rule_{rule.name}"] += time.perf_counter() - started
            started = time.perf_counter()
            fresh = []
            for row in rows:
                if row["role"] not in ROLES or row["account_id"] in seen:
                    continue
                seen.add(row["account_id"])
                evidence = {**(row["evidence"] or {}), "thresholds": thresholds}
                if round_ > 1:
                    evidence["round"] = round_
                text, evidence = _evidence_json(evidence)
                assignment = RoleAssignment(str(row["account_id"]), row["role"], float(row["role_score"] or 0.0), evidence)
                assigned.append(assignment)
                fresh.append({"account_id": assignment.account_id, "role": assignment.role, "role_score": assignment.role_score,
                              "evidence": text})
            for start in range(0, len(fresh), batch_size):
                chunk = fresh[start:start + batch_size]
                retry_on_connection_loss(lambda: store.write_rows(query, chunk, {"run": run}), attempts=3, pause=1.0)
            timings[f"rule_{rule.name}_write"] += time.perf_counter() - started
            if not fresh:
                break
    return assigned


def rule_rounds(rule: CypherFile) -> int:
    """How many times a rule runs: once, or up to ``// rounds: N`` times while each round finds new accounts (a rule
    that builds on its own roles, such as core teammates of core teammates)."""
    raw = rule.meta.get("rounds", "1")
    if not raw.isdigit() or int(raw) < 1:
        raise NetforensicsError(f"cypher/{rule.path}.cypher: `// rounds:` must be a whole number of at least 1, not {raw!r}")
    return int(raw)


def complete_run(store: GraphStore, run: str, timings: Mapping[str, float], summary: Mapping[str, Any]) -> None:
    """Flip ``current`` to this run, then move the role labels."""
    _write(store, "run-complete", run=run, timings=json.dumps(dict(timings), sort_keys=True),
           summary=json.dumps(dict(summary), sort_keys=True), communities=int(summary.get("communities", 0)),
           core=int(summary.get("core", 0)), amplifiers=int(summary.get("amplifier", 0)))
    _write(store, "labels-add", run=run)
    _write(store, "labels-retire", run=run)


def record_timings(store: GraphStore, run: str, timings: Mapping[str, float]) -> None:
    _write(store, "run-timings", run=run, timings=json.dumps(dict(timings), sort_keys=True))


def prune_memberships(store: GraphStore, keep_runs: int = 2) -> list[str]:
    """Delete the memberships of completed runs older than the newest ``keep_runs`` (housekeeping after a run is
    current; runs and communities stay as history). Returns the pruned run ids."""
    pruned = [str(row["run"]) for row in store.read(_query("runs-to-prune"), {"keep": keep_runs})]
    for run in pruned:
        store.run_autocommit(_query("run-discard"), {"run": run})
    return pruned


def fail_run(store: GraphStore, run: str, error: str, timings: Mapping[str, float]) -> None:
    """Mark the run failed and delete its partial communities and memberships; nothing else changes."""
    store.run_autocommit(_query("run-discard"), {"run": run})
    _write(store, "run-discard-communities", run=run)
    _write(store, "run-failed", run=run, error=error, timings=json.dumps(dict(timings), sort_keys=True))
