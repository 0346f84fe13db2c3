"""The background warm-up after `db start`: which files it reads, the memory guard, and the projection queries it
runs on the server until someone else uses it."""

from __future__ import annotations

from pathlib import Path

import pytest

from netforensics.server import warm
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore, connect


def make_store(root: Path) -> Path:
    databases = root / "databases"
    (databases / "neo4j" / "schema" / "index").mkdir(parents=True)
    (databases / "neo4j" / "neostore.nodestore.db").write_bytes(b"n" * 3000)
    (databases / "neo4j" / "schema" / "index" / "index-1").write_bytes(b"i" * (warm.CHUNK + 5))
    (databases / "store_lock").write_bytes(b"")
    (databases / "neo4j" / "database_lock.lock").write_bytes(b"x")
    return databases


def test_store_files_are_the_databases_files_largest_first(tmp_path: Path) -> None:
    databases = make_store(tmp_path)
    files = warm.store_files(databases)
    assert [f.name for f in files] == ["index-1", "neostore.nodestore.db", "store_lock"]
    assert warm.read_files(files) == warm.CHUNK + 5 + 3000
    assert warm.store_files(tmp_path / "missing") == []


def test_background_warmup_runs_detached_and_reads_no_store_too_large(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    databases = make_store(tmp_path)
    reader, size = warm.start_background_warmup(databases)
    assert reader is not None and size == warm.CHUNK + 5 + 3000
    assert reader.wait(timeout=60) == 0
    monkeypatch.setattr(warm, "available_memory", lambda: 2 * size - 2)  # the store is over half of it: not read
    reader, size = warm.start_background_warmup(databases)
    assert reader is not None and size == 0 and "--no-read" in reader.args
    assert reader.wait(timeout=60) == 0  # no server to warm here: the query warm-up gives up quietly
    assert warm.start_background_warmup(tmp_path / "missing") == (None, 0)


@pytest.mark.neo4j
def test_query_warm_up_runs_the_projection_queries_and_stops_for_other_users(store: GraphStore,
                                                                              neo4j_settings: ConnectionSettings) -> None:
    assert warm.warm_queries(store) == len(warm.WARM_QUERIES) * warm.WARM_PASSES
    other = connect(neo4j_settings)
    try:
        with other.session() as session, session.begin_transaction() as busy:  # someone else's open transaction
            busy.run("MATCH (n) RETURN count(n)").consume()
            assert warm.warm_queries(store) == 0
    finally:
        other.close()
    assert warm.warm_queries(store, passes=1) == len(warm.WARM_QUERIES)
