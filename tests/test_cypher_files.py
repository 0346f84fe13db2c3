"""Every Cypher file the loaders and detection run: a header, declared parameters equal to the used ones, and a plan
on the server."""

from __future__ import annotations

from typing import Any

import pytest

from netforensics import cypher_files
from netforensics.store.connection import GraphStore

FOLDERS = ("load", "projection", "detection", "roles", "demo")
FILES = [f for folder in FOLDERS for f in cypher_files.list_folder(folder)]
DUMMY: dict[str, Any] = {"string": "x", "int": 1, "float": 0.5, "bool": True, "list[string]": ["x"], "list[int]": [1],
                         "map": {}, "list[map]": []}


def test_every_folder_has_files() -> None:
    assert {f.path.split("/")[0] for f in FILES} == set(FOLDERS)
    assert [f.name for f in cypher_files.list_folder("roles")] == ["core", "core_teammate", "amplifier"]


@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_header_declares_exactly_the_parameters_used(file: cypher_files.CypherFile) -> None:
    assert file.description
    assert {p.name for p in file.params} == file.used_params()


@pytest.mark.neo4j
@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_the_server_plans_it(store: GraphStore, file: cypher_files.CypherFile) -> None:
    params = {p.name: DUMMY[p.type] for p in file.params}
    store.run_autocommit("EXPLAIN " + file.text, params)
