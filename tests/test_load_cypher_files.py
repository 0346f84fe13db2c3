"""The loaders' bulk statements plan without a batch-wide Eager (headers and plans of every file: test_cypher_files.py)."""

from __future__ import annotations

from typing import Any

import pytest

from netforensics import cypher_files
from netforensics.store.connection import GraphStore

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
