"""One way to reach Neo4j: :func:`open_store` gives a :class:`GraphStore` or raises one clear error.

Driver errors become :mod:`netforensics.errors` exceptions whose message never contains the password.
Reads of analyst queries go through ``execute_read`` (read-only transactions); writes through
``execute_write`` so the driver retries transient errors.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, TypeVar

from netforensics.cypher_files import CypherFile
from netforensics.cypher_files import load as load_cypher
from netforensics.errors import AuthenticationFailed, DatabaseUnavailable, NetforensicsError
from netforensics.lazy_import import lazy_module
from netforensics.settings import ConnectionSettings, resolve_connection

if TYPE_CHECKING:
    import neo4j
else:
    neo4j = lazy_module("neo4j")

log = logging.getLogger(__name__)
T = TypeVar("T")



def _connection_lost() -> tuple[type[BaseException], ...]:
    """Errors after which the server is gone rather than the statement being wrong."""
    return (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, ConnectionError, OSError)


def _statement(query: str | CypherFile) -> str:
    return query.text if isinstance(query, CypherFile) else query


class GraphStore:
    """A driver plus the database name; small, explicit helpers for reads and batched writes."""

    def __init__(self, driver: neo4j.Driver, settings: ConnectionSettings) -> None:
        self.driver = driver
        self.settings = settings
        self.database = settings.database

    # -- reads ---------------------------------------------------------------------------------
    def read(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one statement in a read-only transaction; rows as plain dicts."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(text, dict(params or {}))]

        return self._with_session(lambda s: s.execute_read(work))

    def read_as_decoded(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Like :meth:`read`, but values stay as the driver decoded them: nodes, relationships and paths are not
        turned into plain values (``Record.data()`` walks every nested list and map in Python: 2.3 s for the
        amplifier rule's 49k evidence maps at HK scale)."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(text, dict(params or {}))
            keys = result.keys()
            return [dict(zip(keys, record.values())) for record in result]

        return self._with_session(lambda s: s.execute_read(work))

    def read_records(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        """Like :meth:`read` but keeps the driver's values (nodes, paths) and the column order."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(text, dict(params or {}))
            rows = [list(record.values()) for record in result]
            return list(result.keys()), rows

        return self._with_session(lambda s: s.execute_read(work))

    def read_value(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> Any:
        rows = self.read(query, params)
        if not rows:
            return None
        return next(iter(rows[0].values()))

    # -- writes --------------------------------------------------------------------------------
    def write(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> neo4j.SummaryCounters:
        """Run one write statement in a managed (retried) transaction; returns its counters."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> neo4j.SummaryCounters:
            return tx.run(text, dict(params or {})).consume().counters

        return self._with_session(lambda s: s.execute_write(work))

    def write_returning(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one write statement in a managed (retried) transaction and return its rows."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(text, dict(params or {}))]

        return self._with_session(lambda s: s.execute_write(work))

    def write_rows(self, query: str | CypherFile, rows: Sequence[Mapping[str, Any]], extra: Mapping[str, Any] | None = None) -> neo4j.SummaryCounters:
        """One ``UNWIND $rows AS row ...`` batch in one retried transaction."""
        params = dict(extra or {})
        params["rows"] = list(rows)
        return self.write(query, params)

    def run_autocommit(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> neo4j.SummaryCounters:
        """Statements that must not run inside an explicit transaction (schema, CALL IN TRANSACTIONS)."""
        text = _statement(query)
        return self._with_session(lambda s: s.run(text, dict(params or {})).consume().counters)  # type: ignore[arg-type]

    def session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, **kwargs)

    def _with_session(self, fn: Callable[[neo4j.Session], T]) -> T:
        try:
            with self.session() as session:
                return fn(session)
        except neo4j.exceptions.AuthError as err:
            raise AuthenticationFailed(_auth_message(self.settings)) from err
        except _connection_lost() as err:
            raise DatabaseUnavailable(_lost_message(self.settings)) from err
        except neo4j.exceptions.ClientError as err:
            raise NetforensicsError(f"Neo4j refused the statement: {err.message}") from err

    def close(self) -> None:
        self.driver.close()


def _auth_message(settings: ConnectionSettings) -> str:
    if settings.managed:
        return "The local Neo4j server refused the stored password (its data home may belong to another install)."
    return f"Neo4j at {settings.uri} refused the credentials for user {settings.username!r}: check NEO4J_USERNAME and NEO4J_PASSWORD."


def _lost_message(settings: ConnectionSettings) -> str:
    if settings.managed:
        return f"Cannot reach the local Neo4j server at {settings.uri}: start it with `netforensics db start`."
    return f"Cannot reach Neo4j at {settings.uri}: is the server running and the address right?"


def connect(settings: ConnectionSettings, *, verify: bool = True) -> GraphStore:
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=10,
            max_transaction_retry_time=30,
            notifications_min_severity="OFF",
        )
    except (ValueError, neo4j.exceptions.ConfigurationError) as err:
        raise DatabaseUnavailable(f"Bad Neo4j URI {settings.uri!r}: {err}") from err
    store = GraphStore(driver, settings)
    if verify:
        try:
            driver.verify_connectivity()
            driver.verify_authentication()
        except neo4j.exceptions.AuthError as err:
            driver.close()
            raise AuthenticationFailed(_auth_message(settings)) from err
        except _connection_lost() as err:
            driver.close()
            raise DatabaseUnavailable(_lost_message(settings)) from err
        except neo4j.exceptions.Neo4jError as err:
            driver.close()
            raise DatabaseUnavailable(f"Neo4j at {settings.uri} answered with an error: {err.message}") from err
    return store


@contextmanager
def open_store(settings: ConnectionSettings | None = None) -> Iterator[GraphStore]:
    """Connect (explicit settings, else env, else the managed local server) and close afterwards."""
    store = connect(settings or resolve_connection())
    try:
        yield store
    finally:
        store.close()


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Chunks of ``size`` (the last may be shorter); memory stays flat in the input's length."""
    if size < 1:
        raise ValueError("batch size must be at least 1")
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def retry_on_connection_loss(fn: Callable[[], T], *, attempts: int = 3, pause: float = 2.0) -> T:
    """For work outside managed transactions: retry a few times when the connection drops."""
    for attempt in range(1, attempts + 1):
        try:
            return fn()
        except DatabaseUnavailable:
            if attempt == attempts:
                raise
            log.warning("connection lost, retrying (%d/%d)", attempt, attempts)
            time.sleep(pause * attempt)
    raise AssertionError("unreachable")


__all__ = ["GraphStore", "connect", "open_store", "batched", "retry_on_connection_loss", "load_cypher"]
