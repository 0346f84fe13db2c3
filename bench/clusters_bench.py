"""Benchmark: a full ``netforensics clusters`` run on the loaded graph, phase by phase, and Leiden against networkit.

Run from the repository root against a database that holds the data (HK scale: about 250,000 accounts and at least
2 million tweets, e.g. ``netforensics synth DIR --seed 101 --organic 200000 --core 936 --amplifiers 50000 --days 120
--tweets-per-core 160`` loaded with ``netforensics load``)::

    NETFORENSICS_HOME=... .venv/bin/python bench/clusters_bench.py [--labels DIR/labels.csv] [--skip-run]

It prints, from one process and one run:

* the full detection run (``run_detection``, exactly what ``netforensics clusters`` runs) with its phases:
  projection, layers, Leiden, scoring, write-back (communities + role rules + the flip to current), and the total
  against the 60 s target;
* Leiden on the same summed behaviour graph: igraph's C ``community_leiden`` (what the run uses) against networkit's
  PLM (parallel Louvain with refinement), both with modularity at the run's resolution; times, communities,
  modularity of each result, and the ratio igraph / PLM (target: at most 3), also against PLM on one thread;
* with ``--labels``, the scorecard of the run (``netforensics evaluate``).

Absolute times vary on shared machines; the ratios are the figures.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import igraph as ig
import networkit as nk
import numpy as np

from netforensics.detect.layers import build_layers, combine
from netforensics.detect.leiden import build_graph, leiden_on_graph
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
    args = parser.parse_args()
    params = DetectionParams()
    nk.setNumberOfThreads(2)

    with open_store() as store:
        counts = store.read("MATCH (a:Account) WITH count(a) AS accounts MATCH (t:Tweet) RETURN accounts, count(t) AS tweets")[0]
        print(f"graph: {counts['accounts']:,} accounts, {counts['tweets']:,} tweets")
        if not args.skip_run:
            result = run_detection(store, params)
            t = result.timings
            print(f"\nfull clusters run {result.run_id}: {len(result.communities):,} communities, "
                  f"{result.role_counts()['core']:,} core, {result.role_counts()['amplifier']:,} amplifiers")
            for label, keys in PHASES:
                print(f"  {label:<11} {sum(t.get(k, 0.0) for k in keys):7.2f} s")
            print(f"  {'total':<11} {t['total']:7.2f} s   (target 60 s: {'met' if t['total'] <= 60 else 'NOT met'}, "
                  f"ratio total/target {t['total'] / 60:.2f})")
            print(f"  pruning memberships of old runs on a second connection during layers and Leiden: {t.get('prune', 0.0):.2f} s "
                  f"(waited for it: {t.get('prune_wait', 0.0):.2f} s, in the total)")
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

    started = time.perf_counter()
    ig_graph = build_graph(n, graph)
    ig_build = time.perf_counter() - started
    igraph_times, igraph_membership = [], None
    for _ in range(args.repeat):
        started = time.perf_counter()
        igraph_membership = leiden_on_graph(ig_graph, params.leiden())
        igraph_times.append(time.perf_counter() - started)

    started = time.perf_counter()
    g = nk.Graph(n, weighted=True, directed=False)
    g.addEdges((graph.weight.astype(np.float64), (graph.source.astype(np.uint64), graph.target.astype(np.uint64))))
    nk_build = time.perf_counter() - started
    plm_times, plm_membership = [], None
    for _ in range(args.repeat):
        started = time.perf_counter()
        plm = nk.community.PLM(g, refine=True, gamma=params.resolution)
        plm.run()
        plm_times.append(time.perf_counter() - started)
        plm_membership = np.asarray(plm.getPartition().getVector(), dtype=np.int64)
    # igraph's Leiden is single-threaded: PLM on one thread as well gives the per-thread comparison
    nk.setNumberOfThreads(1)
    plm_one_thread = []
    for _ in range(args.repeat):
        started = time.perf_counter()
        nk.community.PLM(g, refine=True, gamma=params.resolution).run()
        plm_one_thread.append(time.perf_counter() - started)
    nk.setNumberOfThreads(2)

    assert igraph_membership is not None and plm_membership is not None
    best_ig, best_plm = min(igraph_times), min(plm_times)
    q_ig = _modularity(n, graph.source, graph.target, graph.weight, igraph_membership, params.resolution)
    q_plm = _modularity(n, graph.source, graph.target, graph.weight, plm_membership, params.resolution)
    print(f"\nigraph C Leiden (modularity, resolution {params.resolution}, {params.iterations} passes, 1 thread): "
          f"best {best_ig:.2f} s of {args.repeat}, {len(np.unique(igraph_membership)):,} communities, modularity {q_ig:.4f}"
          f"; building the igraph graph {ig_build:.2f} s")
    print(f"networkit PLM (refine, gamma {params.resolution}, 2 threads): best {best_plm:.2f} s of {args.repeat}, "
          f"{len(np.unique(plm_membership)):,} communities, modularity {q_plm:.4f}; building the networkit graph {nk_build:.2f} s")
    print(f"ratio including graph building: {(best_ig + ig_build) / (best_plm + nk_build):.2f}")
    print(f"networkit PLM on 1 thread: best {min(plm_one_thread):.2f} s of {args.repeat}")
    print(f"ratio igraph Leiden / networkit PLM (algorithm on the same prebuilt graph): {best_ig / best_plm:.2f} (target <= 3); "
          f"per thread (PLM on 1 thread): {best_ig / min(plm_one_thread):.2f}")


if __name__ == "__main__":
    main()
