"""Writers for IP observations and IP ranges, keeping every IP pointed at its longest-prefix network.

Both orders work: loading IPs looks up the most specific loaded network for each IP; loading networks re-points
the IPs inside a network when it is more specific than the one they point at. Keys are 32-hex-digit integers in
one 128-bit space (IPv4 mapped into ::ffff:0:0/96), so text comparison is numeric comparison and indexes apply.
"""

from __future__ import annotations

from collections.abc import Sequence

from netforensics.store.batch_writes import WriteCounts, read_rows, write_rows
from netforensics.store.connection import GraphStore
from netforensics.store.evidence_writes import LoadContext, Row


def candidate_starts(sort_key: str, prefix_lengths: Sequence[int]) -> list[str]:
    """The IP's key masked to each prefix length: a network contains the IP only if it starts at one of these."""
    key = int(sort_key, 16)
    return [f"{(key >> (128 - length)) << (128 - length):032x}" for length in prefix_lengths]


def write_ip_observations(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    if ctx.prefix_lengths is None:
        ctx.prefix_lengths = sorted(r["length"] for r in read_rows(store, "network-prefix-lengths"))
    ips = {r["address"]: {"address": r["address"], "version": r["version"], "sort_key": r["sort_key"]} for r in rows}
    accounts = {r["account_id"] for r in rows}
    write_rows(store, "account-stubs", [{"id": a, "screen_name": None} for a in accounts], counts, now=ctx.now)
    write_rows(store, "ips", list(ips.values()), counts)
    write_rows(store, "used-ip", list(rows), counts)
    if ctx.prefix_lengths:
        lengths = ctx.prefix_lengths
        links = [{"address": a, "sort_key": ip["sort_key"], "starts": candidate_starts(ip["sort_key"], lengths)} for a, ip in ips.items()]
        write_rows(store, "ip-networks", links, counts)


def write_networks(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    networks = {r["cidr"]: r for r in rows}
    # Widest first: fewer re-points when a batch holds nested ranges (the result does not depend on the order).
    ordered = sorted(networks.values(), key=lambda r: int(r["range_end"], 16) - int(r["range_start"], 16), reverse=True)
    write_rows(store, "networks", ordered, counts)
    write_rows(store, "network-ips", [{"cidr": r["cidr"]} for r in ordered], counts)
    ctx.prefix_lengths = None  # an IP load in this process must look the lengths up again
