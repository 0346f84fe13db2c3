"""A community's sampled network as inline SVG: igraph's Fruchterman-Reingold layout, nodes coloured by role.

The layout is seeded (fixed start positions from a seeded numpy generator), so the same sample draws the same
picture. Edges are RETWEETED summaries (retweeter -> author), drawn thicker for more retweets.
"""

from __future__ import annotations

import math
import random

import igraph as ig
import numpy as np

from netforensics.report.data import NetworkSample
from netforensics.report.plots import FONT, ROLE_COLOURS, ROLE_NAMES, esc


def layout_positions(n: int, edges: list[tuple[int, int]], seed: int = 7) -> np.ndarray:
    """``n`` x 2 positions scaled into the unit square (n >= 1)."""
    if n == 1:
        return np.array([[0.5, 0.5]])
    graph = ig.Graph(n=n, edges=edges, directed=False)
    start = np.random.default_rng(seed).uniform(-1, 1, size=(n, 2)).tolist()
    # igraph draws from a process-wide generator (Python's `random` by default): lend it a seeded one.
    ig.set_random_number_generator(random.Random(seed))
    try:
        coords = np.array(graph.layout_fruchterman_reingold(seed=start, niter=500).coords, dtype=float)
    finally:
        ig.set_random_number_generator(random)
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = np.where(hi - lo > 0, hi - lo, 1.0)
    return (coords - lo) / span


def network_svg(sample: NetworkSample, *, width: int = 560, height: int = 420, seed: int = 7) -> str:
    """The sample as an SVG picture with a legend; node titles name the account (escaped)."""
    index = {node_id: i for i, (node_id, _, _) in enumerate(sample.nodes)}
    edges = [(index[s], index[t], c) for s, t, c in sample.edges if s in index and t in index and s != t]
    header = (f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width} {height}" width="{width}" '
              f'height="{height}" role="img" aria-label="network of the community" {FONT} font-size="11">')
    shown = f"{len(sample.nodes):,} of {sample.members:,} members, {len(edges):,} retweet links"
    out = [header, f'<text x="4" y="16" font-size="13" font-weight="600" fill="#222">Who retweets whom ({esc(shown)})</text>']
    if not sample.nodes:
        out.append('<text x="4" y="40" fill="#777">no members to draw</text></svg>')
        return "".join(out)
    pos = layout_positions(len(sample.nodes), [(s, t) for s, t, _ in edges], seed)
    pad, top, bottom = 14, 28, 22
    xs = pad + pos[:, 0] * (width - 2 * pad)
    ys = top + pad + pos[:, 1] * (height - top - bottom - 2 * pad)
    max_count = max((c for _, _, c in edges), default=1)
    out.append('<g stroke="#8a8a8a" stroke-opacity="0.45">')
    for s, t, c in edges:
        w = 0.6 + 1.8 * math.log1p(c) / math.log1p(max_count)
        out.append(f'<line x1="{xs[s]:.1f}" y1="{ys[s]:.1f}" x2="{xs[t]:.1f}" y2="{ys[t]:.1f}" stroke-width="{w:.2f}"/>')
    out.append("</g>")
    # Amplifiers first so that core accounts are drawn on top.
    order = sorted(range(len(sample.nodes)), key=lambda i: {"core": 2, "amplifier": 1}.get(sample.nodes[i][2], 0))
    for i in order:
        _, label, role = sample.nodes[i]
        r = 6 if role == "core" else 3.5
        out.append(f'<circle cx="{xs[i]:.1f}" cy="{ys[i]:.1f}" r="{r}" fill="{ROLE_COLOURS.get(role, "#7f8c8d")}" '
                   f'stroke="#fff" stroke-width="0.8"><title>{esc(label)} ({esc(ROLE_NAMES.get(role, role))})</title></circle>')
    lx = 4
    for role in ("core", "amplifier", ""):
        out.append(f'<circle cx="{lx + 5}" cy="{height - 9}" r="5" fill="{ROLE_COLOURS[role]}"/>')
        out.append(f'<text x="{lx + 14}" y="{height - 5}" fill="#333">{esc(ROLE_NAMES[role])}</text>')
        lx += 30 + 7 * len(ROLE_NAMES[role])
    out.append("</svg>")
    return "".join(out)
