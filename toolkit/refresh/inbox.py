"""The refresh inbox: every file in a folder, recognised by its header, loaded in a sensible order.

Files already loaded completely (same sha256) are skipped by the loaders themselves, so a nightly job can
leave old files in the inbox. Rejects files written by earlier loads are ignored.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from netforensics.errors import NetforensicsError
from netforensics.loaders.reading import is_json_lines, peek_csv_header
from netforensics.store.connection import GraphStore
from netforensics.store.evidence_writes import TouchedTweets
from netforensics.store.ingest import FileResult, LoadOptions, Progress, load_files

# Accounts before the tweets that mention them; networks and IPs work in either order.
LOAD_ORDER = ("io-archive", "twitter-json", "shares", "follows", "ips", "ip-ranges")

_SIGNATURES: tuple[tuple[str, frozenset[str]], ...] = (
    ("io-archive", frozenset({"tweetid", "userid"})),
    ("io-archive", frozenset({"userid", "user_screen_name"})),
    ("shares", frozenset({"object_id", "account_id", "content_id", "timestamp_share"})),
    ("follows", frozenset({"src_account_id", "dst_account_id"})),
    ("ip-ranges", frozenset({"network", "asn", "as_org", "country", "is_vpn"})),
    ("ips", frozenset({"account_id", "ip", "first_seen", "last_seen"})),
)


@dataclass(frozen=True)
class InboxFile:
    path: Path
    source: str


def source_of(path: Path) -> str | None:
    """Which loader reads ``path`` (``None`` for files that are not evidence, e.g. READMEs)."""
    name = path.name.lower()
    if ".rejects." in name or name.startswith("."):
        return None
    if name.endswith(".mmdb"):
        return "ip-ranges"
    if is_json_lines(path):
        return "twitter-json"
    if not name.endswith((".csv", ".csv.gz")):
        return None
    header = set(peek_csv_header(path))
    for source, required in _SIGNATURES:
        if required <= header:
            return source
    raise NetforensicsError(
        f"{path}: the header ({', '.join(sorted(header)) or 'empty'}) matches no known format; "
        "move it out of the inbox or load it with the right `netforensics load` command."
    )


def scan(inbox: Path) -> list[InboxFile]:
    if not inbox.is_dir():
        raise NetforensicsError(f"The inbox {inbox} is not a folder.")
    found = []
    for path in sorted(p for p in inbox.rglob("*") if p.is_file()):
        source = source_of(path)
        if source is not None:
            found.append(InboxFile(path, source))
    return sorted(found, key=lambda f: (LOAD_ORDER.index(f.source), str(f.path)))


def load_inbox(
    store: GraphStore, inbox: Path, options: LoadOptions = LoadOptions(), progress: Progress | None = None,
    touched: TouchedTweets | None = None,
) -> list[FileResult]:
    """Load every evidence file of ``inbox`` (complete ones are skipped by sha256); results in load order.
    ``touched`` collects the tweets the loads wrote or pointed at."""
    files = scan(inbox)
    results: list[FileResult] = []
    for source in LOAD_ORDER:
        paths: Sequence[Path] = [f.path for f in files if f.source == source]
        if paths:
            results.extend(load_files(store, source, paths, options, progress, touched))
    return results
