"""Leiden community detection on the behaviour layers: four engines, one output (a membership array).

- ``networkit`` (default): NetworKit's ``ParallelLeiden`` on the layers summed with their layer weights, two
  passes, on one thread (with two, the result depends on thread timing), seeded with ``engineering.setSeed``.
  Modularity only. It takes no starting partition, so a warm start (a refresh, from the previous run's partition)
  continues with igraph's Leiden instead. About 3 times faster than igraph on HK-scale graphs, building the graph
  included, and as good or better on held-out data with two passes (docs/detection.md).
- ``igraph``: igraph's C ``community_leiden`` on the same summed graph. igraph has no ``seed`` argument, so its
  random number generator is set to ``random.Random(seed)`` for the call and restored afterwards; the objective
  is passed lower-case (igraph compares it case-sensitively).
- ``leidenalg``: ``Optimiser.optimise_partition_multiplex`` over the layers as separate graphs with the given
  layer weights (slower; optimises the layers jointly instead of their sum).
- ``gds``: the summed graph is projected into Neo4j's Graph Data Science library and ``gds.leiden.stream`` runs
  inside the server (``randomSeed``, concurrency 1 for reproducibility, ``seedProperty`` for a refresh's previous
  partition); see :mod:`netforensics.store.gds_leiden`.

:func:`canonical_labels` renumbers communities deterministically (largest first, ties by smallest member), so
the same graph and seed give the same ids whichever engine ran.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import igraph as ig
import leidenalg as la
import numpy as np
import numpy.typing as npt

from netforensics.detect.layers import Layer, Layers, combine

IntArray = npt.NDArray[np.int64]
ENGINES: tuple[str, ...] = ("networkit", "igraph", "leidenalg", "gds")
OBJECTIVES: tuple[str, ...] = ("modularity", "cpm")

#: Runs Leiden on a summed layer elsewhere (the GDS engine lives with the store):
#: (n_vertices, layer, params, starting community per vertex or None) -> labels.
ExternalLeiden = Callable[[int, Layer, "LeidenParams", "IntArray | None"], IntArray]


@dataclass(frozen=True)
class LeidenParams:
    engine: str = "networkit"
    objective: str = "modularity"
    resolution: float = 1.0
    seed: int = 1
    iterations: int = 2  # Leiden passes from scratch (docs/detection.md: why two); -1: until stable (not networkit)
    # passes when starting from the previous run's partition (a refresh): until stable, so that a graph that did
    # not change keeps its partition instead of drifting night after night (docs/refresh.md)
    warm_iterations: int = -1
    layer_weights: Mapping[str, float] = field(
        default_factory=lambda: {"retweet": 1.0, "co_retweet": 1.0, "infrastructure": 3.0, "follow": 0.5}
    )

    def __post_init__(self) -> None:
        if self.engine not in ENGINES:
            raise ValueError(f"unknown Leiden engine {self.engine!r}; choose from {', '.join(ENGINES)}")
        if self.objective not in OBJECTIVES:
            raise ValueError(f"unknown objective {self.objective!r}; choose modularity or cpm (lower-case)")
        if self.objective != "modularity" and self.engine in ("networkit", "gds"):
            raise ValueError(f"the {self.engine} engine optimises modularity only; use --objective modularity "
                             "or --engine igraph")
        if self.engine == "networkit" and self.iterations == -1:
            # measured: 1,000 passes allowed took 537 s on a 3.6 M-edge graph (one pass: 0.9 s)
            raise ValueError("the networkit engine needs a number of passes (--iterations N, N >= 1): NetworKit's "
                             "Leiden keeps moving a few vertices from pass to pass on large graphs and seldom stops "
                             "by itself")
        if self.resolution <= 0:
            raise ValueError(f"resolution must be positive, not {self.resolution}")
        for name, value in (("iterations", self.iterations), ("warm iterations", self.warm_iterations)):
            if value == 0 or value < -1:
                raise ValueError(f"{name} must be at least 1 (or -1: until stable), not {value}")

    def passes(self, warm: bool) -> int:
        return self.warm_iterations if warm else self.iterations


def build_graph(n_vertices: int, layer: Layer) -> ig.Graph:
    """An undirected igraph graph with a ``weight`` edge attribute."""
    graph = ig.Graph(n=n_vertices, directed=False)
    graph.add_edges(np.column_stack([layer.source, layer.target]))
    graph.es["weight"] = layer.weight.tolist()
    return graph


def initial_membership(previous: IntArray, n_vertices: int) -> list[int]:
    """A starting partition from the previous run: accounts keep their previous community (``previous[i] >= 0``),
    every other vertex (new accounts, address vertices) starts alone. Refreshes start here so unchanged
    structure is found again instead of being re-discovered from scratch."""
    previous = np.asarray(previous, dtype=np.int64)
    start = np.arange(n_vertices, dtype=np.int64) + (int(previous.max()) + 1 if len(previous) else 0)
    known = previous >= 0
    start[: len(previous)][known] = previous[known]
    _, dense = np.unique(start, return_inverse=True)
    return [int(v) for v in dense.ravel()]


def leiden_igraph(n_vertices: int, layer: Layer, params: LeidenParams, initial: IntArray | None = None) -> IntArray:
    """igraph C Leiden on one weighted layer; membership per vertex."""
    return leiden_on_graph(build_graph(n_vertices, layer), params, initial)


def leiden_on_graph(graph: ig.Graph, params: LeidenParams, initial: IntArray | None = None) -> IntArray:
    """igraph C Leiden on a graph from :func:`build_graph`, seeded; ``initial``: previous community per account."""
    start = initial_membership(initial, graph.vcount()) if initial is not None else None
    ig.set_random_number_generator(random.Random(params.seed))
    try:
        partition = graph.community_leiden(
            objective_function=params.objective,
            weights="weight",
            resolution=params.resolution,
            beta=0.01,
            n_iterations=params.passes(start is not None),
            initial_membership=start,
        )
    finally:
        ig.set_random_number_generator(random)
    return np.asarray(partition.membership, dtype=np.int64)


@contextmanager
def _one_networkit_thread() -> Iterator[Any]:
    """NetworKit on one thread for the block (its setting restored afterwards): with two, both the graph built from
    a CSR matrix (the order of each vertex's neighbours) and the Leiden moves depend on thread timing, and the same
    seed must give the same communities."""
    import networkit as nk  # 0.4 s to import: only when this engine runs

    threads = nk.getMaxNumberOfThreads()
    nk.setNumberOfThreads(1)
    try:
        yield nk
    finally:
        nk.setNumberOfThreads(threads)


def networkit_graph(n_vertices: int, layer: Layer) -> Any:
    """An undirected weighted NetworKit graph, built from a CSR matrix (3–4 times faster than adding the edges)."""
    import scipy.sparse

    adjacency = scipy.sparse.csr_matrix(
        (np.asarray(layer.weight, dtype=np.float64), (layer.source, layer.target)), shape=(n_vertices, n_vertices)
    )
    with _one_networkit_thread() as nk:
        return nk.graph.GraphFromCsr(adjacency, directed=False, weighted=True)


def leiden_networkit(n_vertices: int, layer: Layer, params: LeidenParams) -> IntArray:
    """NetworKit's Leiden (modularity with resolution ``gamma``) on one weighted layer; membership per vertex."""
    return leiden_on_networkit_graph(networkit_graph(n_vertices, layer), params)


def leiden_on_networkit_graph(graph: Any, params: LeidenParams) -> IntArray:
    """NetworKit's ``ParallelLeiden`` on a graph from :func:`networkit_graph`, on one thread, seeded."""
    with _one_networkit_thread() as nk:
        nk.engineering.setSeed(params.seed, False)
        leiden = nk.community.ParallelLeiden(graph, iterations=params.iterations, randomize=True,
                                             gamma=params.resolution)
        leiden.run()
        return np.asarray(leiden.getPartition().getVector(), dtype=np.int64)


def leiden_multiplex(layers: Layers, params: LeidenParams, initial: IntArray | None = None) -> IntArray:
    """leidenalg multiplex optimisation: one partition per layer, linked, weighted by the layer weights."""
    names = [name for name, layer in layers.layers.items() if params.layer_weights.get(name, 1.0) > 0 and len(layer)]
    if not names:
        return np.arange(layers.n_vertices, dtype=np.int64)
    partitions = []
    start = initial_membership(initial, layers.n_vertices) if initial is not None else None
    for name in names:
        graph = build_graph(layers.n_vertices, layers.layers[name])
        if params.objective == "cpm":
            partitions.append(la.CPMVertexPartition(graph, initial_membership=start, weights="weight",
                                                    resolution_parameter=params.resolution))
        else:
            partitions.append(la.RBConfigurationVertexPartition(graph, initial_membership=start, weights="weight",
                                                                resolution_parameter=params.resolution))
    optimiser = la.Optimiser()
    optimiser.set_rng_seed(params.seed)
    optimiser.optimise_partition_multiplex(
        partitions, layer_weights=[float(params.layer_weights.get(name, 1.0)) for name in names],
        n_iterations=params.passes(start is not None),
    )
    return np.asarray(partitions[0].membership, dtype=np.int64)


def canonical_labels(membership: IntArray, n_accounts: int, min_size: int = 2) -> IntArray:
    """Account labels ``1..k`` numbered by community size (largest first), ties by smallest account number;
    0 for accounts in communities with fewer than ``min_size`` accounts. Extra (address) vertices are ignored."""
    accounts = np.asarray(membership[:n_accounts], dtype=np.int64)
    if n_accounts == 0:
        return np.zeros(0, dtype=np.int64)
    _, dense = np.unique(accounts, return_inverse=True)
    dense = dense.ravel()
    sizes = np.bincount(dense)
    first = np.full(len(sizes), n_accounts, dtype=np.int64)
    np.minimum.at(first, dense, np.arange(n_accounts))
    order = np.lexsort((first, -sizes))
    rank = np.empty(len(sizes), dtype=np.int64)
    rank[order] = np.arange(1, len(sizes) + 1)
    labels = rank[dense]
    labels[sizes[dense] < min_size] = 0
    return labels


def detect_communities(layers: Layers, params: LeidenParams, external: ExternalLeiden | None = None,
                       initial: IntArray | None = None, combined: Layer | None = None) -> IntArray:
    """Community label per account (``1..k``, 0 = in no community of at least two accounts).

    ``initial`` (previous community per account, -1 for none) seeds every engine (GDS through its
    ``seedProperty``; with ``networkit``, igraph continues from it). ``combined``: the layers summed with the layer
    weights, when the caller has it already."""
    if params.engine == "leidenalg":
        membership = leiden_multiplex(layers, params, initial)
    else:
        combined = combined if combined is not None else combine(layers, params.layer_weights)
        if params.engine == "gds":
            if external is None:
                raise ValueError("the gds engine needs a database connection")
            start = np.asarray(initial_membership(initial, layers.n_vertices), dtype=np.int64) if initial is not None else None
            membership = external(layers.n_vertices, combined, params, start)
        else:
            membership = leiden_in_process(layers.n_vertices, combined, params, initial)
    return canonical_labels(membership, layers.n_accounts)


def leiden_in_process(n_vertices: int, layer: Layer, params: LeidenParams, initial: IntArray | None = None) -> IntArray:
    """The ``networkit`` or ``igraph`` engine on one summed layer: NetworKit's Leiden for a cold ``networkit`` run,
    igraph's otherwise (igraph, and networkit's warm starts: NetworKit's Leiden takes no starting partition)."""
    if params.engine == "networkit" and initial is None:
        return leiden_networkit(n_vertices, layer, params)
    return leiden_igraph(n_vertices, layer, params, initial)
