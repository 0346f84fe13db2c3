"""Shared fixtures: the real Neo4j server (never a mock) and small real-format files.

The server: ``NEO4J_URI``/``NEO4J_PASSWORD`` when set, else the managed local server in the data home,
started once for the session if it is not running (``.ci/run`` starts it before pytest).
Tests that use ``store`` get an empty graph with the schema applied.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from netforensics.settings import ConnectionSettings, resolve_connection
from netforensics.store.connection import GraphStore, connect
from netforensics.store import schema

DATA = Path(__file__).parent / "data"
REAL_DATA = DATA / "real"  # copied from the steering repo's shared/data/real (MIT, see its README)


def _managed_settings() -> ConnectionSettings:
    from netforensics.server import process
    from netforensics.settings import data_home

    process.ensure_running(data_home())
    return resolve_connection()


@pytest.fixture(scope="session")
def neo4j_settings() -> ConnectionSettings:
    if os.environ.get("NEO4J_URI"):
        return resolve_connection()
    return _managed_settings()


@pytest.fixture(scope="session")
def session_store(neo4j_settings: ConnectionSettings) -> Iterator[GraphStore]:
    store = connect(neo4j_settings)
    schema.apply(store)
    yield store
    store.close()


def wipe(store: GraphStore) -> None:
    # Relationships first: DETACH DELETE of a node with a million posts would hold them all in one transaction.
    store.run_autocommit("MATCH ()-[r]->() CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS")
    store.run_autocommit("MATCH (n) CALL (n) { DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    store.run_autocommit("CALL gds.graph.list() YIELD graphName CALL gds.graph.drop(graphName, false) YIELD graphName AS dropped RETURN count(*)")


@pytest.fixture()
def store(session_store: GraphStore) -> GraphStore:
    """An empty graph (schema kept) for one test."""
    wipe(session_store)
    schema.apply(session_store)
    return session_store


@pytest.fixture(scope="session")
def real_data() -> Path:
    if not REAL_DATA.is_dir():
        pytest.skip(f"real data samples not found at {REAL_DATA}")
    return REAL_DATA
