"""Every library query on a real detection run over synthetic data: synth -> load -> clusters -> query."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from netforensics.cli.demo import load_synthetic
from netforensics.detect.pipeline import DetectionParams, run_detection
from netforensics.query_library import list_queries, run_query
from netforensics.store import schema
from netforensics.store.connection import GraphStore
from netforensics.synth import SynthParams, generate
from tests.conftest import wipe

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def investigation(session_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, Any]]:
    folder = tmp_path_factory.mktemp("synth-queries")
    wipe(session_store)
    schema.apply(session_store)
    generate(SynthParams(seed=31, organic=1500, core=30, amplifiers=300), folder)
    load_synthetic(session_store, folder)
    run_detection(session_store, DetectionParams(seed=31))
    run_detection(session_store, DetectionParams(seed=31))  # a second run: lineage and run-changes have two runs
    flagged = session_store.read(
        "MATCH (c:Community {run: $run}) WHERE c.verdict <> 'organic' RETURN c.id AS id ORDER BY c.size DESC LIMIT 1",
        {"run": session_store.read_value("MATCH (r:DetectionRun {current: true}) RETURN r.id")},
    )
    core = session_store.read("MATCH (a:CoreOperator) WHERE a.screen_name IS NOT NULL "
                              "RETURN a.id AS id, a.screen_name AS handle ORDER BY a.id LIMIT 2")
    assert flagged and len(core) == 2, "the synthetic operation must yield a flagged community with core operators"
    yield {"community": str(flagged[0]["id"]), "account": core[0]["id"], "account_a": core[0]["id"],
           "account_b": core[1]["id"], "text": core[0]["handle"][1:6]}
    wipe(session_store)


EXPECTED_ROWS = {"core-operators", "community-members", "communities-overview", "detection-runs", "community-timeline",
                 "most-amplified-tweets", "network-kind-share", "account-search", "account-neighbourhood",
                 "community-lineage", "amplifier-swarm"}


@pytest.mark.parametrize("name", [query.name for query in list_queries()])
def test_library_query_runs_on_a_detection_run(name: str, investigation: dict[str, Any], session_store: GraphStore) -> None:
    query = next(q for q in list_queries() if q.name == name)
    params = {p.name: investigation[p.name] for p in query.params if p.required}
    result = run_query(session_store, query, params)
    declared = [c.strip() for c in query.returns.split(",") if c.strip()]
    if declared:
        assert list(result.columns) == declared
    if name in EXPECTED_ROWS:
        assert result.rows, f"{name} returned nothing on a detection run over a synthetic operation"
