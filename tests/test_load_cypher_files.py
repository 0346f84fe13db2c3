"""Every Cypher file the loaders run: a header, declared parameters equal to the used ones, and a plan on the server."""

from __future__ import annotations

from typing import Any

import pytest

from netforensics import cypher_files
from netforensics.store.connection import GraphStore

FILES = cypher_files.list_folder("load")
DUMMY: dict[str, Any] = {"string": "x", "int": 1, "float": 0.5, "bool": True, "list[string]": ["x"], "list[int]": [1],
                         "map": {}, "list[map]": []}


@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_header_declares_exactly_the_parameters_used(file: cypher_files.CypherFile) -> None:
    assert file.description
    assert {p.name for p in file.params} == file.used_params()


@pytest.mark.neo4j
@pytest.mark.parametrize("file", FILES, ids=[f.path for f in FILES])
def test_the_server_plans_it(store: GraphStore, file: cypher_files.CypherFile) -> None:
    params = {p.name: DUMMY[p.type] for p in file.params}
    store.run_autocommit("EXPLAIN " + file.text, params)


@pytest.mark.neo4j
@pytest.mark.parametrize("name", ["tweets-create", "follows", "used-ip", "ips", "mentions"])
def test_the_bulk_statements_plan_no_full_eager(store: GraphStore, name: str) -> None:
    """An Eager at the top of a bulk statement would hold every row of the batch; tweets-create's Eagers are the
    deliberate ones between creating a batch's tweets and linking them to each other."""
    with store.session() as session:
        plan = session.run("EXPLAIN " + cypher_files.load(f"load/{name}").text).consume().plan
    assert plan is not None
    eager = _count(plan, "Eager")
    assert eager == (2 if name == "tweets-create" else 0)


def _count(plan: Any, operator: str) -> int:
    own = 1 if plan["operatorType"].split("@")[0] == operator else 0
    return own + sum(_count(child, operator) for child in plan.get("children", []))
