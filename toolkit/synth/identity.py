"""Platform ids and the public releases' hashing.

Ids follow Twitter's snowflake layout (milliseconds since 2010-11-04 shifted left by 22 bits, plus
worker and sequence bits), so an id grows with the creation time as real ids do. Accounts created before
snowflakes get small sequential-looking ids. Ids are written as text: they overflow a float64.

The releases replace the id, display name and handle of every account under 5,000 followers by one
base64-encoded SHA-256 hash; :func:`release_hashes` does the same with a per-dataset salt.
"""

from __future__ import annotations

import base64
import hashlib

import numpy as np

SNOWFLAKE_EPOCH_MS = 1_288_834_974_657
HASH_BELOW_FOLLOWERS = 5_000


def snowflake_ids(epoch_seconds: np.ndarray, rng: np.random.Generator, parity: int | None = None) -> np.ndarray:
    """Unique int64 ids ordered by time (random sub-second and worker/sequence bits).

    With ``parity`` 0 or 1 every id has that lowest bit: two sets of ids drawn for the same period with
    different parities never collide, so each set can be made unique on its own.
    """
    ms = epoch_seconds.astype(np.int64) * 1000 + rng.integers(0, 1000, epoch_seconds.shape[0])
    since = ms - SNOWFLAKE_EPOCH_MS
    low = rng.integers(0, 1 << 22, epoch_seconds.shape[0])
    legacy = since <= 0
    ids = np.where(legacy, 0, (np.maximum(since, 0) << 22) | low)
    # before snowflakes: sequential-looking ids growing with time (2006: ~1e6, late 2010: ~2.1e8)
    ids[legacy] = 1_000_000 + (epoch_seconds[legacy] - 1_136_073_600) * 1 + rng.integers(0, 1000, int(legacy.sum()))
    if parity is None:
        return _make_unique(ids, 1)
    return _make_unique((ids >> 1 << 1) | parity, 2)


def _make_unique(ids: np.ndarray, step: int) -> np.ndarray:
    ids = ids.copy()
    while True:
        order = np.argsort(ids, kind="stable")
        repeated = order[1:][ids[order][1:] == ids[order][:-1]]
        if not repeated.shape[0]:
            return ids
        ids[repeated] += step


def release_hashes(ids: np.ndarray, salt: bytes) -> np.ndarray:
    """The releases' replacement text for each id: base64 of SHA-256 over salt and id (44 characters)."""
    return np.asarray(
        [base64.b64encode(hashlib.sha256(salt + str(v).encode()).digest()).decode() for v in ids.tolist()],
        dtype=object,
    )
