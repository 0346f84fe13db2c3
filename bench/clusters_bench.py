"""Benchmark: a full ``netforensics clusters`` run on the loaded graph, phase by phase, and Leiden against networkit.

Run from the repository root against a database that holds the data (HK scale: about 250,000 accounts and at least
2 million tweets, e.g. ``netforensics synth DIR --seed 101 --organic 200000 --core 936 --amplifiers 50000 --days 120
--tweets-per-core 160`` loaded with ``netforensics load``)::

    NETFORENSICS_HOME=... .venv/bin/python bench/clusters_bench.py [--labels DIR/labels.csv] [--skip-run]
        [--engine networkit|igraph]

It prints, from one process and one run:

* the full detection run (``run_detection``, exactly what ``netforensics clusters`` runs) with its phases:
  projection, layers, Leiden, scoring, write-back (communities + role rules + the flip to current), and the total
  against the 60 s target;
* Leiden on the same summed behaviour graph, both engines that run on it (NetworKit's ``ParallelLeiden`` on one
  thread, the default, and igraph's C ``community_leiden``, ``--engine igraph``) against NetworKit's PLM
  (parallel Louvain with refinement, two threads), all with modularity at the run's resolution; times,
  communities, modularity of each result, and each engine's ratio to PLM (target: at most 3), also against PLM on
  one thread;
* with ``--labels``, the scorecard of the run (``netforensics evaluate``).

Absolute times vary on shared machines; the ratios are the figures.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import igraph as ig
import networkit as nk
import numpy as np

from netforensics.detect.layers import build_layers, combine
from netforensics.detect.leiden import build_graph, leiden_on_graph, leiden_on_networkit_graph, networkit_graph
from netforensics.detect.pipeline import DetectionParams, run_detection
from netforensics.evaluate import read_current_run, read_labels, scorecard
from netforensics.graph.projection import project
from netforensics.store.connection import open_store

PHASES = (("projection", ("projection",)), ("layers", ("layers",)), ("Leiden", ("leiden",)), ("scoring", ("scoring", "split")),
          ("housekeeping", ("prune_wait",)), ("write-back", ("write_communities", "roles", "memberships_wait", "write_complete")))


def _modularity(n: int, source: np.ndarray, target: np.ndarray, weight: np.ndarray, membership: np.ndarray,
                resolution: float) -> float:
    graph = ig.Graph(n=n, edges=np.column_stack([source, target]), directed=False)
    return float(graph.modularity(membership.tolist(), weights=weight.tolist(), resolution=resolution))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--labels", type=Path, help="labels.csv of the synthetic data, for the scorecard")
    parser.add_argument("--skip-run", action="store_true", help="only the Leiden comparison")
    parser.add_argument("--repeat", type=int, default=3, help="Leiden timings: best of this many")
    parser.add_argument("--engine", default="networkit", choices=("networkit", "igraph"), help="engine of the full run")
    args = parser.parse_args()
    params = DetectionParams(engine=args.engine)
    nk.setNumberOfThreads(2)

    with open_store() as store:
        counts = store.read("MATCH (a:Account) WITH count(a) AS accounts MATCH (t:Tweet) RETURN accounts, count(t) AS tweets")[0]
        print(f"graph: {counts['accounts']:,} accounts, {counts['tweets']:,} tweets")
        if not args.skip_run:
            result = run_detection(store, params)
            t = result.timings
            print(f"\nfull clusters run {result.run_id} (--engine {args.engine}): {len(result.communities):,} communities, "
                  f"{result.role_counts()['core']:,} core, {result.role_counts()['amplifier']:,} amplifiers")
            for label, keys in PHASES:
                print(f"  {label:<11} {sum(t.get(k, 0.0) for k in keys):7.2f} s")
            print(f"  {'total':<11} {t['total']:7.2f} s   (target 60 s: {'met' if t['total'] <= 60 else 'NOT met'}, "
                  f"ratio total/target {t['total'] / 60:.2f})")
            print(f"  on a second connection during layers and Leiden: planning the write-back and role rules "
                  f"{t.get('plan_ahead', 0.0):.2f} s, then pruning memberships of old runs {t.get('prune', 0.0):.2f} s "
                  f"(waited for both: {t.get('prune_wait', 0.0):.2f} s, in the total)")
            if args.labels:
                card = scorecard(read_labels(args.labels), read_current_run(store))
                print(f"  scorecard: inauthentic F1 {card.inauthentic.f1:.4f}, core P {card.core.precision:.4f} "
                      f"R {card.core.recall:.4f}, amplifier F1 {card.amplifier.f1:.4f}, organic flagged "
                      f"{100 * card.organic_flagged_share:.3f} %")
        started = time.perf_counter()
        p = project(store)
        print(f"\nprojection again for the Leiden comparison: {time.perf_counter() - started:.2f} s "
              f"({len(p.rt_account):,} retweets, {len(p.post_account):,} posts, {len(p.ip_account):,} IP observations, "
              f"{len(p.follow_src):,} follows)")

    layers = build_layers(p, params.layer_params(), params.layers)
    graph = combine(layers, params.layer_weights)
    n = layers.n_vertices
    print(f"summed behaviour graph: {n:,} vertices, {len(graph):,} edges")

    def best_of(run: Callable[[], np.ndarray]) -> tuple[float, np.ndarray]:
        times, membership = [], np.zeros(0, dtype=np.int64)
        for _ in range(args.repeat):
            started = time.perf_counter()
            membership = run()
            times.append(time.perf_counter() - started)
        return min(times), membership

    def built(build: Callable[[], Any]) -> tuple[float, Any]:
        started = time.perf_counter()
        built_graph = build()
        return time.perf_counter() - started, built_graph

    ig_build, ig_graph = built(lambda: build_graph(n, graph))
    nk_build, nk_graph = built(lambda: networkit_graph(n, graph))
    leiden = params.leiden()
    best_ig, ig_membership = best_of(lambda: leiden_on_graph(ig_graph, leiden))
    best_nk, nk_membership = best_of(lambda: leiden_on_networkit_graph(nk_graph, leiden))

    def plm() -> np.ndarray:
        algorithm = nk.community.PLM(nk_graph, refine=True, gamma=params.resolution)
        algorithm.run()
        return np.asarray(algorithm.getPartition().getVector(), dtype=np.int64)

    nk.setNumberOfThreads(2)
    best_plm, plm_membership = best_of(plm)
    nk.setNumberOfThreads(1)  # both Leiden engines run on one thread: PLM on one thread gives the per-thread ratio
    best_plm_1, _ = best_of(plm)
    nk.setNumberOfThreads(2)

    def described(membership: np.ndarray) -> str:
        q = _modularity(n, graph.source, graph.target, graph.weight, membership, params.resolution)
        return f"{len(np.unique(membership)):,} communities, modularity {q:.4f}"

    print(f"\nbest of {args.repeat}, modularity at resolution {params.resolution}, {params.iterations} Leiden pass(es):")
    print(f"  igraph C Leiden (1 thread, --engine igraph): {best_ig:.2f} s, {described(ig_membership)}; "
          f"building the igraph graph {ig_build:.2f} s")
    print(f"  NetworKit ParallelLeiden (1 thread, default engine): {best_nk:.2f} s, {described(nk_membership)}; "
          f"building the NetworKit graph {nk_build:.2f} s")
    print(f"  NetworKit PLM (refine, 2 threads): {best_plm:.2f} s, {described(plm_membership)}; on 1 thread {best_plm_1:.2f} s")
    for name, best, build in (("igraph", best_ig, ig_build), ("networkit", best_nk, nk_build)):
        print(f"  ratio {name} Leiden / PLM (target <= 3): {best / best_plm:.2f}; per thread {best / best_plm_1:.2f}; "
              f"including graph building {(best + build) / (best_plm + nk_build):.2f}")

if __name__ == "__main__":
    main()
