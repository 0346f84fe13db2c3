"""The ``gds`` Leiden engine: the summed behaviour graph is projected into Neo4j's Graph Data Science library
and ``gds.leiden.stream`` runs inside the server. Same input and output as the in-process engines: vertex
numbers ``0..n-1`` with weighted undirected edges in, a membership per vertex out (vertices without edges, which
GDS never sees, get a community of their own)."""

from __future__ import annotations

import uuid
from typing import Protocol

import numpy as np
import numpy.typing as npt

from netforensics.cypher_files import load as load_cypher
from netforensics.store.connection import GraphStore

IntArray = npt.NDArray[np.int64]


class WeightedEdges(Protocol):
    source: IntArray
    target: IntArray
    weight: npt.NDArray[np.float64]


def gds_leiden(store: GraphStore, n_vertices: int, edges: WeightedEdges, resolution: float, seed: int,
               max_levels: int = 10) -> IntArray:
    membership = np.arange(n_vertices, dtype=np.int64) + n_vertices  # isolated vertices: communities of their own
    if len(edges.source) == 0:
        return membership
    graph = f"netforensics-leiden-{uuid.uuid4().hex[:12]}"
    payload = {"source": edges.source.tolist(), "target": edges.target.tolist(), "weight": edges.weight.tolist()}
    try:
        store.write_returning(load_cypher("detection/gds-project"), {"graph": graph, "edges": payload})
        rows = store.read(load_cypher("detection/gds-leiden"),
                          {"graph": graph, "resolution": float(resolution), "seed": int(seed), "max_levels": int(max_levels)})
    finally:
        store.read(load_cypher("detection/gds-drop"), {"graph": graph})
    if rows:
        membership[np.asarray(rows[0]["vertex"], dtype=np.int64)] = np.asarray(rows[0]["community"], dtype=np.int64)
    return membership
