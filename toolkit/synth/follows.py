"""Follows, generated a block of source accounts at a time and written in observation-time order.

Every follow of a source account is drawn in the same block, so de-duplicating (src, dst) within the block
is global. Blocks go to small binary spill files, one per slice of the period; the files are then read back
one slice at a time, sorted and written, so memory holds one block or one slice, never all follows.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np

from netforensics.arrays import unique_sorted
from netforensics.synth.timing import DAY

BLOCK_ACCOUNTS = 50_000  # source accounts whose follows are drawn at once
SLICES = 64  # spill files across the period


class FollowSpill:
    """Spill files of (src, dst, observed) int64 triples by slice of the period."""

    def __init__(self, folder: Path, start: int, days: int) -> None:
        self.folder, self.start, self.span = folder, start, days * DAY
        self.slices = min(SLICES, days)
        folder.mkdir(parents=True, exist_ok=True)
        self.count = 0

    def _path(self, i: int) -> Path:
        return self.folder / f"{i:03d}.i64"

    def add(self, src: np.ndarray, dst: np.ndarray, observed: np.ndarray) -> None:
        which = np.clip((observed - self.start) * self.slices // self.span, 0, self.slices - 1)
        triples = np.stack([src, dst, observed], axis=1).astype(np.int64)
        for i in np.unique(which).tolist():
            with self._path(i).open("ab") as fh:
                triples[which == i].tofile(fh)
        self.count += int(src.shape[0])

    def drain(self, write: Callable[[np.ndarray, np.ndarray, np.ndarray], None]) -> None:
        """Hand each slice's follows to ``write`` sorted by (observed, src, dst); removes the spill files."""
        try:
            for i in range(self.slices):
                path = self._path(i)
                if not path.exists():
                    continue
                triples = np.fromfile(path, dtype=np.int64).reshape(-1, 3)
                order = np.lexsort((triples[:, 1], triples[:, 0], triples[:, 2]))
                triples = triples[order]
                write(triples[:, 0], triples[:, 1], triples[:, 2])
                path.unlink()
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def unique_follows(src: np.ndarray, dst: np.ndarray, created: np.ndarray, start: int, end: int,
                   rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Unique (src, dst) pairs without self follows, each observed inside the period once both accounts exist."""
    keep = (dst >= 0) & (dst != src)
    key = unique_sorted(src[keep].astype(np.int64) * (1 << 31) + dst[keep].astype(np.int64))
    src_u, dst_u = key >> 31, key & ((1 << 31) - 1)
    earliest = np.maximum(np.maximum(created[src_u], created[dst_u]), start)
    room = np.maximum(end - earliest, 60)
    observed = np.minimum(earliest + (rng.random(key.shape[0]) * room).astype(np.int64), end - 1)
    return src_u, dst_u, observed
