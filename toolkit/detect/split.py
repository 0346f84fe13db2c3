"""A second look inside large communities that did not score inauthentic: modularity's resolution limit can fold
a whole team and its swarm (a thousand accounts, weakly tied to the public by camouflage follows and retweets) into
a community of thousands of real people, where its signals are diluted below every threshold.

For each organic or suspicious community of at least ``min_size`` accounts, Leiden runs again on the community's
own subgraph (its accounts, the shared addresses they use, the edges among them) with the same parameters. The
sub-communities are scored with everything else unchanged; a sub-community that scores ``inauthentic`` on its
own becomes a community of its own, and the rest stays together. Only ``inauthentic`` sub-communities are split
off (not ``suspicious`` ones), so the second look cannot turn a plainly organic crowd into many flagged pieces.
Suspicious communities are looked into as well: a crowd that is dense and partly default-looking (the public
that the operation's swarm camouflages in) scores suspicious, not organic, and hid a whole operation otherwise.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from netforensics.arrays import unique_sorted
from netforensics.detect.layers import Layer
from netforensics.detect.leiden import LeidenParams, canonical_labels, leiden_in_process

IntArray = npt.NDArray[np.int64]
#: Scores a labelling of the accounts (labels 1..k, 0 = none): the verdict per label (index 0 unused).
Verdicts = Callable[[IntArray], list[str]]


@dataclass(frozen=True)
class SplitParams:
    min_size: int = 1000  # organic and suspicious communities at least this large get a second look; 0 = never


def community_subgraphs(combined: Layer, n_accounts: int, labels: IntArray,
                        communities: list[int]) -> dict[int, tuple[IntArray, Layer]]:
    """Per community: its vertices (global numbers; accounts, then the shared addresses its accounts use) and the
    edges among them renumbered locally. One sort over the edges serves every community."""
    src, dst = combined.source, combined.target
    src_label = np.where(src < n_accounts, labels[np.minimum(src, n_accounts - 1)], 0)
    dst_label = np.where(dst < n_accounts, labels[np.minimum(dst, n_accounts - 1)], 0)
    # an account-account edge belongs to a community when both ends are in it; an account-address edge to the account's
    owner = np.where(src < n_accounts, src_label, dst_label)
    inside = (src >= n_accounts) | (dst >= n_accounts) | (src_label == dst_label)
    wanted = np.zeros(int(labels.max(initial=0)) + 1, dtype=bool)
    wanted[communities] = True
    chosen = np.flatnonzero(inside & wanted[owner])
    chosen = chosen[np.argsort(owner[chosen], kind="stable")]
    owners = owner[chosen]
    starts = np.flatnonzero(np.concatenate([[True], owners[1:] != owners[:-1]])) if len(owners) else np.zeros(0, dtype=np.int64)
    bounds = np.append(starts, len(chosen))
    n_vertices = int(max(src.max(initial=-1), dst.max(initial=-1), n_accounts - 1)) + 1
    local = np.empty(n_vertices, dtype=np.int64)  # global vertex -> its number in the current community's subgraph
    out: dict[int, tuple[IntArray, Layer]] = {}
    for i, community in enumerate(owners[starts].tolist()):
        edges = chosen[bounds[i]:bounds[i + 1]]
        members = np.flatnonzero(labels == community)
        # accounts first (all members, sorted), then the addresses they use (numbered above every account)
        ends = np.concatenate([src[edges], dst[edges]])
        vertices = np.concatenate([members, unique_sorted(ends[ends >= n_accounts])])
        local[vertices] = np.arange(len(vertices))
        out[community] = (vertices, Layer("sub", local[src[edges]], local[dst[edges]], combined.weight[edges]))
    return out


def split_hidden_groups(combined: Layer, n_accounts: int, labels: IntArray, verdict: list[str], leiden: LeidenParams,
                        verdicts_of: Verdicts, params: SplitParams = SplitParams()) -> IntArray:
    """Labels with the inauthentic sub-communities of large organic and suspicious communities split off (renumbered
    canonically: largest first); ``labels`` unchanged when there is nothing to split."""
    if params.min_size <= 0 or len(labels) == 0:
        return labels
    sizes = np.bincount(labels, minlength=len(verdict))
    large = [c for c in range(1, len(verdict)) if verdict[c] in ("organic", "suspicious") and sizes[c] >= params.min_size]
    if not large:
        return labels
    candidate = labels.copy()
    first_piece = next_label = len(verdict)  # sub-community labels start above every original label
    for vertices, sub_layer in community_subgraphs(combined, n_accounts, labels, large).values():
        membership = leiden_in_process(len(vertices), sub_layer, leiden)
        accounts = vertices < n_accounts
        _, sub = np.unique(membership[accounts], return_inverse=True)
        sub = sub.ravel()
        if sub.max(initial=0) == 0:
            continue
        candidate[vertices[accounts]] = next_label + sub
        next_label += int(sub.max()) + 1
    if next_label == first_piece:
        return labels
    lookup, dense = _dense(candidate)
    candidate_verdict = np.asarray(verdicts_of(dense), dtype=object)
    pieces = np.arange(first_piece, next_label)
    flagged = pieces[candidate_verdict[lookup[pieces]] == "inauthentic"]
    if len(flagged) == 0:
        return labels
    return _canonical(np.where(np.isin(candidate, flagged), candidate, labels), n_accounts)


def _dense(labels: IntArray) -> tuple[IntArray, IntArray]:
    """Labels renumbered 1..k in order of the original values (0 stays 0): the lookup old -> new, and the result."""
    values = unique_sorted(labels[labels > 0])
    lookup = np.zeros(int(labels.max(initial=0)) + 1, dtype=np.int64)
    lookup[values] = np.arange(1, len(values) + 1)
    return lookup, lookup[labels]


def _canonical(labels: IntArray, n_accounts: int) -> IntArray:
    """Canonical numbering (largest first) of a labelling, accounts in no community kept out of every community."""
    membership = labels.copy()
    loose = np.flatnonzero(labels == 0)
    membership[loose] = labels.max(initial=0) + 1 + np.arange(len(loose))
    return canonical_labels(membership, n_accounts)
