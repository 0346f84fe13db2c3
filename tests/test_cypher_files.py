"""Every Cypher file the loaders and detection run: a header, declared parameters equal to the used ones, and a plan
on the server."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from netforensics import cypher_files
from netforensics.errors import NetforensicsError
from netforensics.store.connection import GraphStore
from netforensics.store.detection_writes import role_rules, rule_rounds

FOLDERS = ("load", "projection", "detection", "roles", "demo", "server")
FILES = [f for folder in FOLDERS for f in cypher_files.list_folder(folder)]
DUMMY: dict[str, Any] = {"string": "x", "int": 1, "float": 0.5, "bool": True, "list[string]": ["x"], "list[int]": [1],
                         "map": {}, "list[map]": []}


def test_every_folder_has_files() -> None:
    assert {f.path.split("/")[0] for f in FILES} == set(FOLDERS)
    assert [f.name for f in cypher_files.list_folder("roles")] == ["core", "core_teammate", "amplifier"]


def test_every_cypher_folder_is_packaged() -> None:
    """A folder of cypher/ missing from pyproject's packages still ships (the parent's package data), but setuptools
    warns on every install that it will stop shipping it; schema-meta is no package name and ships as data."""
    root = Path(__file__).resolve().parents[1]
    packages = set(tomllib.loads((root / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    folders = {path.name for path in (root / "cypher").iterdir() if path.is_dir() and path.name.isidentifier() and not path.name.startswith("_")}
    assert folders and {f"netforensics.cypher.{name}" for name in folders} <= packages


def test_a_role_rule_runs_once_unless_its_header_asks_for_rounds() -> None:
    assert {rule.name: rule_rounds(rule) for rule in role_rules()} == {"core": 1, "core_teammate": 5, "amplifier": 1}
    bad = cypher_files.parse("roles/mine", "// name: mine\n// description: d\n// rounds: many\nRETURN 1 AS x")
    with pytest.raises(NetforensicsError, match=r"roles/mine.cypher: `// rounds:` must be a whole number"):
        rule_rounds(bad)


@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_header_declares_exactly_the_parameters_used(file: cypher_files.CypherFile) -> None:
    assert file.description
    assert {p.name for p in file.params} == file.used_params()


@pytest.mark.neo4j
@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_the_server_plans_it(store: GraphStore, file: cypher_files.CypherFile) -> None:
    params = {p.name: DUMMY[p.type] for p in file.params}
    store.run_autocommit("EXPLAIN " + file.text, params)
