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
from netforensics.errors import AuthenticationFailed, DatabaseUnavailable, NetforensicsError, UsageError
from netforensics.lazy_import import lazy_module
from netforensics.settings import ConnectionSettings, resolve_connection

if TYPE_CHECKING:
    import neo4j
else:
    neo4j = lazy_module("neo4j")

log = logging.getLogger(__name__)
T = TypeVar("T")

#: The schemes the Bolt driver speaks (driver 6 also accepts http://, which needs an extra the toolkit does not use).
BOLT_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_RATE_LIMITED = "Neo.ClientError.Security.AuthenticationRateLimit"


def _connection_lost() -> tuple[type[Exception], ...]:
    """Errors after which the server is gone rather than the statement being wrong."""
    return (neo4j.exceptions.ServiceUnavailable, neo4j.exceptions.SessionExpired, ConnectionError, OSError)


def _driver_errors() -> tuple[type[Exception], ...]:
    """Everything :func:`translate_driver_error` turns into the toolkit's errors."""
    return (neo4j.exceptions.Neo4jError, *_connection_lost())


def _statement(query: str | CypherFile) -> str:
    return query.text if isinstance(query, CypherFile) else query


def _describe(query: str | CypherFile | None) -> str:
    """How an error names the statement: a query file by its name, a bare statement by its start."""
    if isinstance(query, CypherFile):
        return f"the query {query.name!r}"
    if query is None:
        return "a statement"
    start = " ".join(query.split())
    return f"the statement `{start if len(start) <= 60 else start[:59] + '…'}`"


def _first_line(text: str | None) -> str:
    lines = (text or "").strip().splitlines()
    return lines[0].strip() if lines else ""


def _validation_message(message: str) -> str:
    """A query's own check (``apoc.util.validate``) without the procedure-call wrapping around its message."""
    wrapped = "Failed to invoke procedure `apoc.util.validate`: Caused by: java.lang.RuntimeException: "
    return message[len(wrapped):] if message.startswith(wrapped) else message


def _one_line(text: str | None) -> str:
    return " ".join(line.strip() for line in (text or "").splitlines() if line.strip())


def translate_driver_error(err: Exception, settings: ConnectionSettings, query: str | CypherFile | None = None) -> Exception:
    """The toolkit's error for a driver error raised while running ``query`` (any other exception is returned as is).

    Authentication (and the server's lock-out after repeated wrong passwords) -> :class:`AuthenticationFailed`;
    a lost connection, or the database going away until the driver gave up retrying -> :class:`DatabaseUnavailable`;
    any other server error -> one line naming the statement (a server-side failure: just its first line, the
    rest may be a Java stack trace)."""
    if isinstance(err, neo4j.exceptions.AuthError):
        return AuthenticationFailed(_auth_message(settings))
    if isinstance(err, _connection_lost()):
        return DatabaseUnavailable(_lost_message(settings))
    if not isinstance(err, neo4j.exceptions.Neo4jError):
        return err
    code = err.code or ""
    if code == _RATE_LIMITED:
        return AuthenticationFailed(_rate_limit_message(settings))
    if isinstance(err, neo4j.exceptions.DatabaseUnavailable) or code == "Neo.TransientError.General.DatabaseUnavailable":
        return DatabaseUnavailable(f"The database became unavailable during {_describe(query)}; run the command again "
                                   "once it is back (`netforensics db status` for the managed server).")
    if isinstance(err, neo4j.exceptions.ClientError):
        return NetforensicsError(f"Neo4j refused {_describe(query)}: {_validation_message(_one_line(err.message))}")
    return NetforensicsError(f"Neo4j failed to run {_describe(query)}: {_first_line(err.message) or code} ({code}).")


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

        return self._with_session(lambda s: s.execute_read(work), query)

    def read_as_decoded(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Like :meth:`read`, but values stay as the driver decoded them: nodes, relationships and paths are not
        turned into plain values (``Record.data()`` walks every nested list and map in Python: 2.3 s for the
        amplifier rule's 49k evidence maps at HK scale)."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(text, dict(params or {}))
            keys = result.keys()
            return [dict(zip(keys, record.values())) for record in result]

        return self._with_session(lambda s: s.execute_read(work), query)

    def read_records(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> tuple[list[str], list[list[Any]]]:
        """Like :meth:`read` but keeps the driver's values (nodes, paths) and the column order."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> tuple[list[str], list[list[Any]]]:
            result = tx.run(text, dict(params or {}))
            rows = [list(record.values()) for record in result]
            return list(result.keys()), rows

        return self._with_session(lambda s: s.execute_read(work), query)

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

        return self._with_session(lambda s: s.execute_write(work), query)

    def write_returning(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one write statement in a managed (retried) transaction and return its rows."""
        text = _statement(query)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [record.data() for record in tx.run(text, dict(params or {}))]

        return self._with_session(lambda s: s.execute_write(work), query)

    def write_rows(self, query: str | CypherFile, rows: Sequence[Mapping[str, Any]], extra: Mapping[str, Any] | None = None) -> neo4j.SummaryCounters:
        """One ``UNWIND $rows AS row ...`` batch in one retried transaction."""
        params = dict(extra or {})
        params["rows"] = list(rows)
        return self.write(query, params)

    def run_autocommit(self, query: str | CypherFile, params: Mapping[str, Any] | None = None) -> neo4j.SummaryCounters:
        """Statements that must not run inside an explicit transaction (schema, CALL IN TRANSACTIONS), and writes
        that get one attempt only (not the driver's retries: when the server has gone away)."""
        text = _statement(query)
        return self._with_session(lambda s: s.run(text, dict(params or {})).consume().counters, query)  # type: ignore[arg-type]

    def session(self, **kwargs: Any) -> neo4j.Session:
        return self.driver.session(database=self.database, **kwargs)

    def _with_session(self, fn: Callable[[neo4j.Session], T], query: str | CypherFile | None = None) -> T:
        """``fn`` in a session; driver errors become the toolkit's (see :func:`translate_driver_error`)."""
        try:
            with self.session() as session:
                return fn(session)
        except _driver_errors() as err:
            raise translate_driver_error(err, self.settings, query) from err

    def close(self) -> None:
        self.driver.close()


def _auth_message(settings: ConnectionSettings) -> str:
    if settings.managed:
        return "The local Neo4j server refused the stored password (its data home may belong to another install)."
    return f"Neo4j at {settings.uri} refused the credentials for user {settings.username!r}: check NEO4J_USERNAME and NEO4J_PASSWORD."


def _rate_limit_message(settings: ConnectionSettings) -> str:
    where = "The local Neo4j server" if settings.managed else f"Neo4j at {settings.uri}"
    return (f"{where} is refusing logins for a while after repeated wrong passwords for user {settings.username!r}: "
            "wait a few seconds, then try again with the right password.")


def _lost_message(settings: ConnectionSettings) -> str:
    if settings.managed:
        return f"Cannot reach the local Neo4j server at {settings.uri}: start it with `netforensics db start`."
    return f"Cannot reach Neo4j at {settings.uri}: is the server running and the address right?"


def check_uri(uri: str) -> None:
    """Refuse a URI the Bolt driver cannot use; the message shows only its scheme (a URI may hold credentials)."""
    scheme, sep, _ = uri.partition("://")
    if not sep or scheme.lower() not in BOLT_SCHEMES:
        given = f"starts with {scheme.lower()}://" if sep else "has no scheme"
        raise UsageError(f"The Neo4j URI (--uri or NEO4J_URI) {given}: it must start with bolt://, bolt+s://, neo4j:// or "
                         "neo4j+s:// (+ssc for a self-signed certificate) and name the Bolt port (usually 7687), not the Browser's.")


def connect(settings: ConnectionSettings, *, verify: bool = True) -> GraphStore:
    check_uri(settings.uri)
    try:
        driver = neo4j.GraphDatabase.driver(
            settings.uri,
            auth=(settings.username, settings.password),
            connection_timeout=10,
            max_transaction_retry_time=30,
            notifications_min_severity="OFF",
        )
    except (ValueError, neo4j.exceptions.ConfigurationError) as err:
        raise UsageError(f"Bad Neo4j URI {settings.uri!r}: {err}") from err
    store = GraphStore(driver, settings)
    if verify:
        try:
            driver.verify_connectivity()
            driver.verify_authentication()
        except _driver_errors() as err:
            driver.close()
            translated = translate_driver_error(err, settings)
            if isinstance(err, neo4j.exceptions.Neo4jError) and not isinstance(translated, AuthenticationFailed):
                translated = DatabaseUnavailable(f"Neo4j at {settings.uri} answered with an error: {_first_line(err.message)}")
            raise translated from err
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


__all__ = ["BOLT_SCHEMES", "GraphStore", "check_uri", "connect", "translate_driver_error", "open_store", "batched", "retry_on_connection_loss", "load_cypher"]
