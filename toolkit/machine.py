"""What this machine lets the process use: memory, as sizing decisions (server memory, synth's limit) need it."""

from __future__ import annotations

import os
from pathlib import Path

# The process's control-group limit, cgroup v2 then v1 (a container's own limit inside its namespace).
_CGROUP_LIMITS = (Path("/sys/fs/cgroup/memory.max"), Path("/sys/fs/cgroup/memory/memory.limit_in_bytes"))


def memory_bytes() -> int | None:
    """Physical RAM, or the control group's memory limit when that is lower; None when neither can be read."""
    try:
        ram: int | None = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        ram = None
    limits = [limit for limit in map(_cgroup_limit, _CGROUP_LIMITS) if limit is not None]
    if ram is not None:
        limits.append(ram)
    return min(limits) if limits else None


def _cgroup_limit(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii").strip()
    except OSError:
        return None
    # "max" (v2) or a near-2**63 page-rounded number (v1) mean no limit.
    return int(text) if text.isdigit() and int(text) < 2**62 else None
