"""The background read of the store after `db start`: which files, the memory guard, and that it reads them."""

from __future__ import annotations

from pathlib import Path

import pytest

from netforensics.server import warm


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


def test_background_reader_runs_detached_and_skips_a_store_too_large(tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    databases = make_store(tmp_path)
    reader, size = warm.start_background_warmup(databases)
    assert reader is not None and size == warm.CHUNK + 5 + 3000
    assert reader.wait(timeout=60) == 0
    monkeypatch.setattr(warm, "available_memory", lambda: 2 * size - 2)  # the store is over half of it
    assert warm.start_background_warmup(databases) == (None, size)
    monkeypatch.setattr(warm, "available_memory", lambda: None)
    assert warm.start_background_warmup(databases)[0] is None
