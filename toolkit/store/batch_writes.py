"""The one batched-write path every load uses: named ``cypher/load/*.cypher`` statements run over a batch of rows.

:func:`write_batch` runs the statements of one batch, in order, in one managed transaction (the driver retries
transient errors such as deadlocks and leader switches by running the whole batch again, which is safe because every
write is a MERGE); when the connection itself is lost it retries a few times and then raises
:class:`~netforensics.errors.DatabaseUnavailable`. Parameters are column-oriented (parallel lists): far cheaper for
the driver to pack and the server to unpack than a list of maps. Results are summed into :class:`WriteCounts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING, Any

from netforensics.cypher_files import load as load_cypher
from netforensics.store.connection import GraphStore, retry_on_connection_loss

if TYPE_CHECKING:
    import neo4j


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


@dataclass
class Step:
    """One statement of a batch: ``cypher/load/<statement>.cypher`` with its parameters; ``returns`` keeps its
    ``id`` column. ``size`` is the number of rows it covers (a step of size 0 is skipped)."""

    statement: str
    params: dict[str, Any]
    size: int
    returns: bool = False


def write_batch(store: GraphStore, steps: Sequence[Step], counts: WriteCounts) -> list[str]:
    """Run the non-empty ``steps`` in order in one transaction; add their counters to ``counts``; return the ``id``
    values of the steps marked ``returns``."""
    todo = [(load_cypher(f"load/{s.statement}").text, s.params, s.returns) for s in steps if s.size]
    if not todo:
        return []

    def work(tx: neo4j.ManagedTransaction) -> tuple[WriteCounts, list[str]]:
        batch_counts, ids = WriteCounts(), list[str]()  # fresh per attempt: a retried transaction starts again
        for text, params, returns in todo:
            result = tx.run(text, params)
            if returns:
                ids.extend(record[0] for record in result)
            batch_counts.add(result.consume().counters)
        return batch_counts, ids

    # _with_session maps driver errors to the product's errors (same package: the store's own helper).
    batch_counts, ids = retry_on_connection_loss(
        lambda: store._with_session(lambda session: session.execute_write(work)), attempts=3, pause=1.0)
    counts.add(batch_counts)
    return ids


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
