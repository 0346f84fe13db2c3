"""Parameters as Neo4j Browser wants them: a ``:params {...}`` line with Cypher literals."""

from __future__ import annotations

from typing import Any

from netforensics.cypher_files import CypherFile, Param

# Values for required parameters in the guide, to be edited by the analyst before running.
EXAMPLES: dict[str, Any] = {"community": "1", "account": "HKpoliticalnew", "account_a": "", "account_b": "", "text": "news"}


def cypher_literal(value: Any) -> str:
    """A Python value as a Cypher literal: ``'it\\'s'``, ``42``, ``true``, ``['vpn', 'hosting']``, ``null``."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(cypher_literal(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {cypher_literal(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"no Cypher literal for {type(value).__name__}")


def example_value(param: Param) -> Any:
    if not param.required:
        return param.default_value()
    if param.name in EXAMPLES:
        return EXAMPLES[param.name]
    return {"int": 0, "float": 0.0, "bool": False, "list[string]": [], "list[int]": []}.get(param.type, "")


def params_command(query: CypherFile) -> str | None:
    """``:params {community: '1', limit: 50}`` for a query with parameters, else None."""
    if not query.params:
        return None
    return ":params " + cypher_literal({p.name: example_value(p) for p in query.params})

