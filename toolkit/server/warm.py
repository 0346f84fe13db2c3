"""Warm a freshly started server in the background: read its store files once, then run the projection queries.

The read puts the store in the operating system's page cache for the first queries.

On a machine whose caches are cold, the first detection run reads the store at random, a page at a time: here the
amplifier role rule took 175 s on a freshly started server whose files were in no cache, 8 s warm, and 16 s after
one sequential read of the 2 GB store (25 s). Neo4j Community has no page-cache warm-up of its own (that is an
Enterprise feature), so ``netforensics db start`` starts a detached, low-priority reader of the store files
(``python -m netforensics.server.warm FOLDER``) and returns at once. The read is skipped when the store would take
more than half of the memory available, where it would only evict other cached files.

Then the same process runs the detection's projection queries twice and throws their rows away, so the server's
JIT compiler has turned the code they run into machine code before an analyst's first `netforensics clusters`. On
HK-scale data (seed 303) the first run of a server's life took 63-65 s and the next ones 45-47 s, whether or not
the store was in the page cache (the reader above, and APOC's page-cache warm-up, left the first run at 63 s);
after this warm-up, 58.8 s (docs/detection.md). It stops before each query when any other transaction is running
(someone is using the server: a run started right after `db start` is not slowed by more than the query in
flight), and quietly on any error: it is an optimisation, never a failure.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from netforensics.cypher_files import load as load_cypher
from netforensics.graph.columns import read_columns
from netforensics.settings import resolve_connection
from netforensics.store import open_store
from netforensics.store.connection import GraphStore

CHUNK = 1 << 20


def store_files(databases: Path) -> list[Path]:
    """The database files under ``data/databases`` (stores and indexes), largest first."""
    if not databases.is_dir():
        return []
    files = [path for path in databases.rglob("*") if path.is_file() and not path.name.endswith(".lock")]
    return sorted(files, key=lambda path: path.stat().st_size, reverse=True)


def available_memory() -> int | None:
    """MemAvailable in bytes (Linux), or None when unknown."""
    try:
        with open("/proc/meminfo", encoding="ascii") as meminfo:
            for line in meminfo:
                if line.startswith("MemAvailable:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def read_files(paths: list[Path]) -> int:
    """Read every file once, sequentially (errors skip the file); bytes read."""
    total = 0
    buffer = bytearray(CHUNK)
    for path in paths:
        try:
            with open(path, "rb", buffering=0) as handle:
                while read := handle.readinto(buffer):
                    total += read
        except OSError:
            continue
    return total


#: The projection queries the warm-up runs, largest first, and how many times.
WARM_QUERIES = ("retweets", "posts", "follows", "accounts", "ips")
WARM_PASSES = 2


def warm_queries(store: GraphStore, names: tuple[str, ...] = WARM_QUERIES, passes: int = WARM_PASSES) -> int:
    """Run the projection queries ``passes`` times, rows thrown away, stopping before any query while another
    transaction is running; returns how many ran."""
    others = load_cypher("server/other-transactions")
    ran = 0
    for _ in range(passes):
        for name in names:
            if store.read(others)[0]["others"]:
                return ran
            read_columns(store, name)
            ran += 1
    return ran


def start_background_warmup(databases: Path) -> tuple[subprocess.Popen[bytes] | None, int]:
    """Start the detached warm-up (read the store files when they fit in half the available memory, then run the
    projection queries); (the process or None when there is no store, bytes it will read)."""
    files = store_files(databases)
    size = sum(path.stat().st_size for path in files)
    if not files:
        return None, size
    available = available_memory()
    read = available is not None and size <= available // 2
    # The managed server only: connection settings of another server in the environment must not be used.
    env = {key: value for key, value in os.environ.items() if not key.startswith("NEO4J_")}
    reader = subprocess.Popen([sys.executable, "-m", "netforensics.server.warm", str(databases), *([] if read else ["--no-read"])],
                              stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True, env=env)
    return reader, size if read else 0


def _warm_the_server() -> None:
    try:
        with open_store(resolve_connection()) as store:
            warm_queries(store)
    except Exception:  # noqa: BLE001 (an optimisation in a detached process: nothing to report to, nothing to undo)
        return


if __name__ == "__main__":
    try:
        os.nice(10)
    except OSError:
        pass
    if "--no-read" not in sys.argv[2:]:
        read_files(store_files(Path(sys.argv[1])))
    _warm_the_server()
