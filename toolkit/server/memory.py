"""Memory settings sized for the machine: heap and page cache as shares of RAM, within bounds."""

from __future__ import annotations

import os
from dataclasses import dataclass

_MIB = 1024 * 1024


def _total_ram_bytes() -> int:
    try:
        return os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    except (ValueError, OSError, AttributeError):
        return 8 * 1024 * _MIB


def _mib(n: int) -> str:
    return f"{max(n // _MIB, 256)}m"


@dataclass(frozen=True)
class MemorySettings:
    heap: str
    pagecache: str
    transaction_max: str

    @classmethod
    def for_this_machine(cls) -> "MemorySettings":
        """Heap 15% of RAM (1–8 GiB), page cache 10% (0.5–4 GiB): the rest stays for Python and the OS.

        On the reference 24 GiB machine: 3.6 GiB heap, 2.4 GiB page cache.
        """
        ram = _total_ram_bytes()
        heap = min(max(int(ram * 0.15), 1024 * _MIB), 8192 * _MIB)
        pagecache = min(max(int(ram * 0.10), 512 * _MIB), 4096 * _MIB)
        return cls(_mib(heap), _mib(pagecache), _mib(int(heap * 0.7)))

    @classmethod
    def from_options(cls, heap: str | None, pagecache: str | None) -> "MemorySettings":
        base = cls.for_this_machine()
        heap = heap or base.heap
        return cls(heap, pagecache or base.pagecache, _mib(int(_parse_size(heap) * 0.7)))


def _parse_size(text: str) -> int:
    units = {"k": 1024, "m": _MIB, "g": 1024 * _MIB}
    text = text.strip().lower()
    if text and text[-1] in units:
        return int(float(text[:-1]) * units[text[-1]])
    return int(text)
