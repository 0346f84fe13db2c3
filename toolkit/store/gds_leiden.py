"""The ``gds`` Leiden engine: the summed behaviour graph is projected into Neo4j's Graph Data Science library
and ``gds.leiden.stream`` runs inside the server. Same input and output as the in-process engines: vertex
numbers ``0..n-1`` with weighted undirected edges in, a membership per vertex out (vertices without edges, which
GDS never sees, get a community of their own)."""

from __future__ import annotations

import logging
import uuid
from typing import Protocol

import numpy as np
import numpy.typing as npt

from netforensics.arrays import unique_sorted
from netforensics.cypher_files import load as load_cypher
from netforensics.errors import NetforensicsError
from netforensics.store.connection import GraphStore

log = logging.getLogger(__name__)

IntArray = npt.NDArray[np.int64]


class WeightedEdges(Protocol):
    source: IntArray
    target: IntArray
    weight: npt.NDArray[np.float64]


def gds_leiden(store: GraphStore, n_vertices: int, edges: WeightedEdges, resolution: float, seed: int,
               max_levels: int = 10, initial: IntArray | None = None) -> IntArray:
    """``initial``: a starting community per vertex (non-negative; a refresh's previous partition), passed to GDS
    as the ``seedProperty``. GDS 2.13 fails (a NullPointerException about its dendrogram) when no vertex moves away
    from the seeds; the seeds are then the result, as the in-process engines return them."""
    membership = np.arange(n_vertices, dtype=np.int64) + n_vertices  # isolated vertices: communities of their own
    if len(edges.source) == 0:
        return membership
    graph = f"netforensics-leiden-{uuid.uuid4().hex[:12]}"
    payload = {"source": edges.source.tolist(), "target": edges.target.tolist(), "weight": edges.weight.tolist()}
    seeded = initial is not None
    project = {"graph": graph, "edges": payload}
    if seeded:
        project["seeds"] = np.asarray(initial, dtype=np.int64).tolist()
    try:
        store.write_returning(load_cypher("detection/gds-project-seeded" if seeded else "detection/gds-project"), project)
        try:
            rows = store.read(load_cypher("detection/gds-leiden-seeded" if seeded else "detection/gds-leiden"),
                              {"graph": graph, "resolution": float(resolution), "seed": int(seed), "max_levels": int(max_levels)})
        except NetforensicsError as err:
            if initial is None or "dendrogram" not in str(err):
                raise
            log.info("GDS Leiden moved no vertex from the seeded partition; keeping it")
            in_graph = unique_sorted(np.concatenate([edges.source, edges.target]))
            membership[in_graph] = np.asarray(initial, dtype=np.int64)[in_graph]
            return membership
    finally:
        store.read(load_cypher("detection/gds-drop"), {"graph": graph})
    if rows:
        membership[np.asarray(rows[0]["vertex"], dtype=np.int64)] = np.asarray(rows[0]["community"], dtype=np.int64)
    return membership
