"""`netforensics demo`: synthetic data -> load -> clusters -> scorecard, and its refusal to mix into other data."""

from __future__ import annotations

import pytest

from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def test_demo_prints_communities_and_scorecard(store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    done = run_cli("demo", "--seed", "31", "--organic", "800", "--core", "20", "--amplifiers", "300", settings=neo4j_settings)
    assert done.returncode == 0, done.stderr
    assert "inauthentic" in done.stdout and "Scorecard: current detection run" in done.stdout
    assert "Organic accounts flagged" in done.stdout
    assert store.read_value("MATCH (r:DetectionRun {current: true}) RETURN r.status") == "complete"


def test_demo_refuses_a_database_with_other_data(store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    store.write("CREATE (:LoadBatch {sha256: 'abc', dataset: 'investigation-2019'})")
    done = run_cli("demo", "--organic", "500", "--core", "8", "--amplifiers", "50", settings=neo4j_settings)
    assert done.returncode == 1
    assert "investigation-2019" in done.stderr and "--force" in done.stderr
