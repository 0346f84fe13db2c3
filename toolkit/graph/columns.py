"""The shape every projection query returns: one row of aligned lists, one list per column (far cheaper for the
driver to decode than millions of records)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netforensics.cypher_files import load as load_cypher
from netforensics.store.connection import GraphStore


def read_columns(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> dict[str, list[Any]]:
    """The lists of ``cypher/projection/<name>.cypher`` by column (empty lists when it returned no row)."""
    keys, rows = store.read_records(load_cypher(f"projection/{name}"), params)
    if not rows:
        return {key: [] for key in keys}
    return {key: value if value is not None else [] for key, value in zip(keys, rows[0])}
