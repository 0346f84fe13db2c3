"""IP ranges: a CSV/JSONL table ``network,asn,as_org,country,is_vpn[,kind]`` or a MaxMind-format ``.mmdb`` database.

Rows: ``{"cidr", "asn", "org", "country", "kind", "prefix_len", "range_start", "range_end", "source"}``.
``kind`` is one of :data:`KINDS`: the ``kind`` column when present, else ``vpn`` when ``is_vpn`` is true, else
``unknown``. In an ``.mmdb`` ASN database only ASN and organisation are known (kind ``unknown``); a City-style
database gives the country and, where its ``traits`` say so, the kind (anonymous VPN, hosting, cellular ...).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netforensics.loaders import values as v
from netforensics.loaders.reading import Parsed, ParsedSource, Reject, Row, UnreadableFile, convert_records, open_table

REQUIRED = ("network", "asn", "as_org", "country", "is_vpn")
OPTIONAL = ("kind",)
KINDS = ("vpn", "hosting", "residential", "mobile", "campus", "unknown")
# MaxMind's ``traits.user_type`` / ``connection_type`` words mapped onto ours.
_MAXMIND_KINDS = {
    "hosting": "hosting", "residential": "residential", "cellular": "mobile", "college": "campus",
    "school": "campus", "business": "unknown", "cable/dsl": "residential",
}
# IPv4 appears three times in an IPv6 MaxMind tree; only the ::ffff:0:0/96 and ::/96 copies map back to IPv4.
_IPV4_ALIASES = (ipaddress.ip_network("2002::/16"), ipaddress.ip_network("2001::/32"))


def asn_number(value: str) -> int | None:
    """``64500``, ``AS64500``, ``AS 64500``, ``64500.0``, ``6.45E+04`` (a spreadsheet's): a 32-bit AS number."""
    text = value.strip().upper().removeprefix("AS").strip()
    if not text:
        return None
    if text.startswith("-"):
        raise ValueError(f"asn is negative: {value[:80]!r}")
    number = v.count(text, "asn")
    if number is None or number > 4_294_967_295:  # ASNs are 32-bit
        raise ValueError(f"asn is too large for an AS number (at most 4294967295): {value[:80]!r}")
    return number


def country_code(value: str) -> str | None:
    text = value.strip().upper()
    if not text or text in {"-", "--", "ZZ"}:
        return None
    if len(text) != 2 or not text.isalpha():
        raise ValueError(f"country is not an ISO 3166 alpha-2 code: {value!r}")
    return text


def network_row(network: ipaddress.IPv4Network | ipaddress.IPv6Network, asn: int | None, org: str | None,
                country: str | None, kind: str, source: str) -> Row:
    start, end, _ = v.network_range(network)
    return {
        "cidr": str(network), "asn": asn, "org": org, "country": country, "kind": kind,
        "prefix_len": network.prefixlen, "range_start": start, "range_end": end, "source": source,
    }


def parse(path: Path) -> ParsedSource:
    if path.suffix.lower() == ".mmdb":
        return _parse_mmdb(path)
    table = open_table(path, REQUIRED, OPTIONAL)
    at = {name: table.columns.index(name) for name in REQUIRED}
    i_kind = table.columns.index("kind") if "kind" in table.columns else None
    source = path.name

    def convert(fields: list[str]) -> Row:
        network = v.ip_network(fields[at["network"]])
        is_vpn = v.flag(fields[at["is_vpn"]], "is_vpn")
        kind = fields[i_kind].strip().lower() if i_kind is not None else ""
        if not kind:
            kind = "vpn" if is_vpn else "unknown"
        if kind not in KINDS:
            raise ValueError(f"kind must be one of {', '.join(KINDS)}: {fields[i_kind or 0]!r}")
        org = fields[at["as_org"]].strip() or None
        return network_row(network, asn_number(fields[at["asn"]]), org, country_code(fields[at["country"]]), kind, source)

    return ParsedSource(path, "ip-ranges", convert_records(table.records, convert), table.bytes_total, table.bytes_done)


def _mmdb_kind(record: dict[str, Any]) -> str:
    traits = record.get("traits") or {}
    if traits.get("is_anonymous_vpn") or traits.get("is_anonymous_proxy") or traits.get("is_anonymous"):
        return "vpn"
    if traits.get("is_hosting_provider"):
        return "hosting"
    for key in ("user_type", "connection_type"):
        word = str(traits.get(key) or "").lower()
        if word in _MAXMIND_KINDS:
            return _MAXMIND_KINDS[word]
    return "unknown"


def _mmdb_row(network: ipaddress.IPv4Network | ipaddress.IPv6Network, record: Any, source: str) -> Row:
    if not isinstance(record, dict):
        raise ValueError(f"record is not a map: {record!r}")
    traits = record.get("traits") or {}
    asn = record.get("autonomous_system_number", traits.get("autonomous_system_number"))
    org = record.get("autonomous_system_organization", traits.get("autonomous_system_organization"))
    country = (record.get("country") or record.get("registered_country") or {}).get("iso_code")
    return network_row(network, int(asn) if asn is not None else None, org, country_code(str(country or "")),
                       _mmdb_kind(record), source)


def _as_ipv4(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    """IPv4 networks stored in an IPv6 tree come back as IPv4; aliases of the IPv4 tree are skipped (None)."""
    if network.version == 4:
        return network
    if any(network.subnet_of(alias) for alias in _IPV4_ALIASES):  # type: ignore[arg-type]
        return None
    if network.prefixlen >= 96:
        mapped = network.network_address.ipv4_mapped
        if mapped is not None:
            return ipaddress.ip_network(f"{mapped}/{network.prefixlen - 96}")
    return network


def _parse_mmdb(path: Path) -> ParsedSource:
    import maxminddb

    try:
        reader = maxminddb.open_database(str(path))
    except (OSError, ValueError, maxminddb.InvalidDatabaseError) as err:
        raise UnreadableFile(f"{path}: not a readable MaxMind database: {err}") from err
    size = path.stat().st_size
    done = {"networks": 0}

    def records() -> Iterator[Parsed]:
        try:
            for number, (network, record) in enumerate(reader, start=1):
                done["networks"] = number
                ipv4 = _as_ipv4(network)
                if ipv4 is None:
                    continue
                try:
                    yield _mmdb_row(ipv4, record, path.name)
                except ValueError as err:
                    yield Reject(number, str(err), f"{network} {record!r}")
        except maxminddb.InvalidDatabaseError as err:
            raise UnreadableFile(f"{path}: the MaxMind database is corrupt: {err}") from err
        finally:
            reader.close()

    # Progress for a tree is counted in networks, not bytes; report the file as read once done.
    return ParsedSource(path, "ip-ranges", records(), size, lambda: 0, meta={"format": "mmdb"})
