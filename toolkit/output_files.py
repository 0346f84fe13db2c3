"""Output files that appear whole or not at all.

A command killed halfway through writing ``pairs.csv`` or ``accounts.csv`` must not leave a shorter file that
reads as a complete result. :func:`replaced_on_success` hands out a sibling ``NAME.part`` to write; only when the
block completes does it replace the target (``os.replace``: one step on the same file system), and on any failure
the part is removed and an existing target is left as it was.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def replaced_on_success(path: Path | str) -> Iterator[Path]:
    """Yield the path to write instead of ``path``; it becomes ``path`` when the block ends without an error."""
    target = Path(path)
    part = target.with_name(target.name + ".part")
    try:
        yield part
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    os.replace(part, target)
