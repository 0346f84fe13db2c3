"""Writers for IP observations and IP ranges, keeping every IP pointed at its longest-prefix network.

Both orders work: loading IPs looks up the most specific loaded network for each IP; loading networks re-points
the IPs inside a network when it is more specific than the one they point at. Keys are 32-hex-digit integers in
one 128-bit space (IPv4 mapped into ::ffff:0:0/96), so text comparison is numeric comparison and indexes apply.
"""

from __future__ import annotations

from collections.abc import Sequence

from netforensics.store.batch_writes import BatchPlan, Step, read_rows
from netforensics.store.connection import GraphStore
from netforensics.store.evidence_writes import LoadContext, Row, remember_accounts, stub_step


def candidate_starts(sort_key: str, prefix_lengths: Sequence[int]) -> list[str]:
    """The IP's key masked to each prefix length: a network contains the IP only if it starts at one of these."""
    key = int(sort_key, 16)
    return [f"{(key >> (128 - length)) << (128 - length):032x}" for length in prefix_lengths]


def prepare_ip_observations(store: GraphStore, rows: Sequence[Row], ctx: LoadContext) -> BatchPlan:
    if ctx.prefix_lengths is None:
        ctx.prefix_lengths = sorted(r["length"] for r in read_rows(store, "network-prefix-lengths"))
    ips = {r["address"]: r for r in rows}
    stubs = stub_step([r["account_id"] for r in rows], ctx)
    steps = [
        stubs,
        Step("ips", {"addresses": list(ips), "versions": [r["version"] for r in ips.values()],
                     "sort_keys": [r["sort_key"] for r in ips.values()]}, len(ips)),
        Step("used-ip", {"accounts": [r["account_id"] for r in rows], "addresses": [r["address"] for r in rows],
                         "first_seen": [r["first_seen"] for r in rows], "last_seen": [r["last_seen"] for r in rows],
                         "counts": [r["count"] for r in rows]}, len(rows)),
    ]
    if ctx.prefix_lengths:
        lengths = ctx.prefix_lengths
        links = [{"address": a, "sort_key": ip["sort_key"], "starts": candidate_starts(ip["sort_key"], lengths)} for a, ip in ips.items()]
        steps.append(Step("ip-networks", {"rows": links}, len(links)))
    remember_accounts(stubs, ctx)
    return BatchPlan(len(rows), steps)


def prepare_networks(store: GraphStore, rows: Sequence[Row], ctx: LoadContext) -> BatchPlan:
    networks = {r["cidr"]: r for r in rows}
    # Widest first: fewer re-points when a batch holds nested ranges (the result does not depend on the order).
    ordered = sorted(networks.values(), key=lambda r: int(r["range_end"], 16) - int(r["range_start"], 16), reverse=True)
    ctx.prefix_lengths = None  # an IP load in this process must look the lengths up again
    return BatchPlan(len(rows), [Step("networks", {"rows": ordered}, len(ordered)),
                                 Step("network-ips", {"rows": [{"cidr": r["cidr"]} for r in ordered]}, len(ordered))])
