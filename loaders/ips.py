"""IP observations: ``account_id,ip,first_seen,last_seen[,count]`` (CSV or JSON lines), IPv4 and IPv6.

Rows: ``{"account_id", "address", "version", "sort_key", "first_seen", "last_seen", "count"}`` where
``address`` is the canonical text form from :mod:`ipaddress` (``::ffff:1.2.3.4`` becomes ``1.2.3.4``) and
``sort_key`` the 32-hex-digit key shared with ``Network.range_start``/``range_end``.
"""

from __future__ import annotations

from pathlib import Path

from netforensics.loaders import values as v
from netforensics.loaders.reading import ParsedSource, Row, convert_records, open_table

REQUIRED = ("account_id", "ip", "first_seen", "last_seen")
OPTIONAL = ("count",)


def parse(path: Path) -> ParsedSource:
    table = open_table(path, REQUIRED, OPTIONAL)
    at = {name: table.columns.index(name) for name in REQUIRED}
    i_count = table.columns.index("count") if "count" in table.columns else None

    def convert(fields: list[str]) -> Row:
        address = v.ip_address(fields[at["ip"]])
        first = v.timestamp(fields[at["first_seen"]], "first_seen")
        last = v.timestamp(fields[at["last_seen"]], "last_seen")
        if first is not None and last is not None and last < first:
            raise ValueError("last_seen is before first_seen")
        seen = v.count(fields[i_count], "count") if i_count is not None else None
        return {
            "account_id": v.required_id(fields[at["account_id"]], "account_id"),
            "address": str(address),
            "version": address.version,
            "sort_key": v.hex_key(v.ip_sort_key(address)),
            "first_seen": first.isoformat() if first else None,
            "last_seen": last.isoformat() if last else None,
            "count": 1 if seen is None else seen,
        }

    return ParsedSource(path, "ips", convert_records(table.records, convert), table.bytes_total, table.bytes_done)
