"""The one batched-write path every load uses: named ``cypher/load/*.cypher`` statements run over a batch of rows.

:func:`write_batch` runs the statements of one batch, in order, in one managed transaction (the driver retries
transient errors such as deadlocks and leader switches by running the whole batch again, which is safe because it
MERGEs, or CREATEs only what it found absent in the same attempt); when the connection itself is lost it retries a few times and then raises
:class:`~netforensics.errors.DatabaseUnavailable`. Parameters are column-oriented (parallel lists): far cheaper for
the driver to pack and the server to unpack than a list of maps. Results are summed into :class:`WriteCounts`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
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
    rows (the value of a one-column row, else a tuple). ``size`` is the number of rows it covers (a step of size 0 is skipped)."""

    statement: str
    params: dict[str, Any]
    size: int
    returns: bool = False


class CreateConflict(Exception):
    """A ``CREATE`` of a node that another transaction created after this one looked (a concurrent load of the same
    data): the batch was rolled back and must be written again with ``MERGE`` only."""


Plan = Callable[[Mapping[str, list[Any]]], Sequence[Step]]


def write_batch(store: GraphStore, steps: Sequence[Step], counts: WriteCounts, then: Plan | None = None) -> dict[str, list[Any]]:
    """Run the non-empty ``steps`` in order in one transaction, then the steps that ``then`` derives from the ids
    returned so far (same transaction; ``then`` must be pure, a retried transaction calls it again); add their
    counters to ``counts``; return the rows of the steps marked ``returns``, keyed by statement.
    Raises :class:`CreateConflict` when a statement's ``CREATE`` hit a uniqueness constraint."""
    from neo4j.exceptions import ConstraintError  # the driver is imported on first use

    todo = _runnable(steps)
    if not todo and then is None:
        return {}

    def work(tx: neo4j.ManagedTransaction) -> tuple[WriteCounts, dict[str, list[Any]]]:
        batch_counts, ids = WriteCounts(), dict[str, list[Any]]()  # fresh per attempt: a retried transaction starts again
        try:
            _run_steps(tx, todo, batch_counts, ids)
            if then is not None:
                _run_steps(tx, _runnable(then(ids)), batch_counts, ids)
        except ConstraintError as err:
            raise CreateConflict(str(err.message)) from err
        return batch_counts, ids

    # _with_session maps driver errors to the product's errors (same package: the store's own helper).
    batch_counts, ids = retry_on_connection_loss(
        lambda: store._with_session(lambda session: session.execute_write(work)), attempts=3, pause=1.0)
    counts.add(batch_counts)
    return ids


@dataclass
class BatchPlan:
    """Everything one batch writes, prepared ahead of its turn (plain Python, on the parsing thread): ``steps``,
    then the steps ``then`` derives from their returned ids (same transaction), or ``merge_only`` instead when a
    ``CREATE`` met a node created concurrently; ``finish`` gets the returned ids once the batch is committed."""

    rows: int
    steps: list[Step]
    then: Plan | None = None
    merge_only: Plan | None = None
    finish: Callable[[Mapping[str, list[Any]]], None] | None = None


def write_plan(store: GraphStore, plan: BatchPlan, counts: WriteCounts) -> None:
    """Write one prepared batch (:func:`write_batch`), falling back to ``merge_only`` on a :class:`CreateConflict`."""
    try:
        returned = write_batch(store, plan.steps, counts, plan.then)
    except CreateConflict:
        if plan.merge_only is None:
            raise
        returned = write_batch(store, plan.steps, counts, plan.merge_only)
    if plan.finish is not None:
        plan.finish(returned)


def _runnable(steps: Sequence[Step]) -> list[tuple[str, str, dict[str, Any], bool]]:
    return [(s.statement, load_cypher(f"load/{s.statement}").text, s.params, s.returns) for s in steps if s.size]


def _run_steps(tx: neo4j.ManagedTransaction, todo: list[tuple[str, str, dict[str, Any], bool]], counts: WriteCounts,
               ids: dict[str, list[Any]]) -> None:
    for statement, text, params, returns in todo:
        result = tx.run(text, params)
        if returns:
            ids.setdefault(statement, []).extend(record[0] if len(record) == 1 else tuple(record.values()) for record in result)
        counts.add(result.consume().counters)


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
