"""The one batched-write path every load uses: a named ``cypher/load/*.cypher`` statement run over a batch of rows.

:func:`write_rows` runs one ``UNWIND $rows`` statement in a managed transaction (the driver retries transient
errors such as deadlocks and leader switches); when the connection itself is lost it retries a few times and then
raises :class:`~netforensics.errors.DatabaseUnavailable`. Results are summed into :class:`WriteCounts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import neo4j

from netforensics.cypher_files import load as load_cypher
from netforensics.store.connection import GraphStore, retry_on_connection_loss


@dataclass
class WriteCounts:
    """What the server reported changing, summed over batches."""

    nodes_created: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def add(self, other: WriteCounts | neo4j.SummaryCounters) -> None:
        self.nodes_created += other.nodes_created
        self.relationships_created += other.relationships_created
        self.relationships_deleted += other.relationships_deleted
        self.properties_set += other.properties_set

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def write_rows(store: GraphStore, statement: str, rows: Sequence[Mapping[str, Any]], counts: WriteCounts, **params: Any) -> None:
    """Run ``cypher/load/<statement>.cypher`` over ``rows`` (skipped when empty) and add its counters to ``counts``."""
    if not rows:
        return
    query = load_cypher(f"load/{statement}")
    result = retry_on_connection_loss(lambda: store.write_rows(query, rows, params), attempts=3, pause=1.0)
    counts.add(result)


def write_once(store: GraphStore, statement: str, counts: WriteCounts | None = None, **params: Any) -> None:
    """Run a parameterised ``cypher/load/<statement>.cypher`` that takes no rows (batch bookkeeping)."""
    query = load_cypher(f"load/{statement}")
    result = retry_on_connection_loss(lambda: store.write(query, params), attempts=3, pause=1.0)
    if counts is not None:
        counts.add(result)


def read_rows(store: GraphStore, statement: str, **params: Any) -> list[dict[str, Any]]:
    query = load_cypher(f"load/{statement}")
    return retry_on_connection_loss(lambda: store.read(query, params), attempts=3, pause=1.0)
