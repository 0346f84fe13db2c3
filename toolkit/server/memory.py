"""Memory settings sized for the machine: heap and page cache as shares of RAM, within bounds."""

from __future__ import annotations

import re
from dataclasses import dataclass

from netforensics.errors import UsageError
from netforensics.machine import memory_bytes

_MIB = 1024 * 1024
_UNITS = {"": 1, "k": 1024, "m": _MIB, "g": 1024 * _MIB, "t": 1024 * 1024 * _MIB}
# What Neo4j's settings and the JVM's -Xmx both read: a whole number, optionally k, m, g or t (binary units).
_SIZE = re.compile(r"(\d+)([kmgt]?)", re.I)


def _total_ram_bytes() -> int:
    return memory_bytes() or 8 * 1024 * _MIB


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
        """``--heap`` and ``--pagecache`` (either may be None: sized for the machine); a bad size is a
        :class:`UsageError`."""
        base = cls.for_this_machine()
        heap = normalise_size(heap, "heap") if heap else base.heap
        pagecache = normalise_size(pagecache, "page cache") if pagecache else base.pagecache
        return cls(heap, pagecache, _mib(int(parse_size(heap) * 0.7)))


def parse_size(text: str, what: str | None = None) -> int:
    """``512m``, ``2g``, ``1048576`` (bytes) -> bytes; anything else (``banana``, ``2x``, ``1.5g``, ``0``) is a
    :class:`UsageError` saying what a size looks like (the text goes into neo4j.conf, so nothing else may pass)."""
    match = _SIZE.fullmatch(text.strip())
    size = int(match[1]) * _UNITS[match[2].lower()] if match else 0
    if size <= 0:
        prefix = f"The {what} " if what else ""
        raise UsageError(f"{prefix}{text.strip()!r} is not a size: give a whole number of bytes or a whole number "
                         "followed by k, m or g, e.g. 512m or 2g.")
    return size


def normalise_size(text: str, what: str | None = None) -> str:
    """A checked size as Neo4j's configuration takes it: ``" 2G "`` -> ``"2g"``."""
    parse_size(text, what)
    return text.strip().lower()
