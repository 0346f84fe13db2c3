"""Turn the text of one field into a typed value, or raise ``ValueError`` with a reason a user can read.

Shared by every parser; each function is small, pure and cheap (they run once per field on the hot path).
"""

from __future__ import annotations

import ast
import ipaddress
import re
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

_TRUE = {"true", "t", "yes", "y", "1"}
_FALSE = {"false", "f", "no", "n", "0", ""}
_IPV4_MAPPED_BASE = 0xFFFF << 32  # IPv4 addresses live in ::ffff:0:0/96 in the shared 128-bit key space
_MAX_COUNT = 2**63 - 1  # Neo4j integers are 64-bit
_INF = float("inf")
# Neo4j refuses to index a string over ~8 KB and fails the whole transaction; 2,000 characters are at most
# 8,000 bytes of UTF-8 only in theory (4 bytes each), so the byte length is checked past 1,000 characters.
_MAX_KEY_BYTES = 4000
_MISSING = {"nan", "none", "null"}  # what pandas and JSON exports write for a missing id
_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE]\+\d+")  # 1.23457E+18: an id rounded by a spreadsheet (hex ids never hold "+")


def key(value: str, column: str) -> str:
    """A value that becomes an indexed key (an id, a screen name, a hashtag, a URL): too long is a reject."""
    if len(value) > 1000 and len(value.encode("utf-8", errors="replace")) > _MAX_KEY_BYTES:
        raise ValueError(f"{column} is too long to be a key ({len(value):,} characters; at most {_MAX_KEY_BYTES:,} bytes)")
    return value


def keys(values: list[str], column: str) -> list[str]:
    for value in values:
        key(value, column)
    return values


def text_or_none(value: str) -> str | None:
    value = value.strip()
    return value or None


def required_id(value: str, column: str) -> str:
    """Ids stay strings (archive ids overflow floats); ``123.0`` written by a spreadsheet becomes ``123``."""
    value = value.strip()
    if not value:
        raise ValueError(f"{column} is empty")
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    if len(value) <= 4 and value.lower() in _MISSING:
        raise ValueError(f"{column} is missing ({value!r})")
    return _unmangled_id(value, column)


def optional_id(value: str, column: str) -> str | None:
    value = value.strip()
    if not value or value == "0" or value.lower() in _MISSING:
        return None
    if value.endswith(".0") and value[:-2].isdigit():
        return value[:-2]
    return _unmangled_id(value, column)


def _unmangled_id(value: str, column: str) -> str:
    """``value`` unless a spreadsheet rounded it (``1.23457E+18``: the id is lost) or it is too long to index."""
    if not value.isdigit() and len(value) <= 24 and _SCIENTIFIC.fullmatch(value):
        raise ValueError(f"{column} {value!r} is a number a spreadsheet rounded: the id is lost; export the file "
                         "again with ids as text")
    return key(value, column)


def count(value: str, column: str) -> int | None:
    """Counts as the archive writes them: ``12``, ``12.0``, or empty (unknown); whole, non-negative, 64-bit."""
    if value.isdecimal() and len(value) < 19:  # the common case first: no strip, no exception, surely in range
        return int(value)
    value = value.strip()
    if not value:
        return None
    if value.endswith(".0") and value[:-2].isdigit():  # "12.0" as the archive writes many counts
        value = value[:-2]
    try:
        number = int(value) if len(value) <= 40 else None
    except ValueError:
        number = None
    if number is None:
        try:
            real = float(value)
        except ValueError:
            raise ValueError(f"{column} is not a number: {value[:80]!r}") from None
        if real != real or not (real.is_integer() or real in (_INF, -_INF)):
            raise ValueError(f"{column} is not a whole non-negative number: {value[:80]!r}")
        number = _MAX_COUNT + 1 if real == _INF else -1 if real == -_INF else int(real)
    if number < 0:
        raise ValueError(f"{column} is not a whole non-negative number: {value[:80]!r}")
    if number > _MAX_COUNT:
        raise ValueError(f"{column} is too large (over 2^63 - 1): {value[:80]!r}")
    return number


def json_count(value: Any, column: str) -> int | None:
    """A count from JSON (a number, or its text); absent is unknown."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise ValueError(f"{column} is not a number: {value!r}"[:200])
    if type(value) is int and 0 <= value <= _MAX_COUNT:
        return value
    return count(str(value), column)


def timestamp(value: str, column: str) -> datetime | None:
    """ISO dates and times (``2019-08-01 12:34`` minute resolution, ``2019-08-01``, ``...Z``) or unix seconds; UTC."""
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            seconds = float(value)
        except ValueError:
            raise ValueError(f"{column} is not a date/time: {value!r}") from None
        if seconds != seconds:
            raise ValueError(f"{column} is not a date/time: {value!r}") from None
        try:
            return datetime.fromtimestamp(seconds, UTC)
        except (OverflowError, OSError, ValueError):
            raise ValueError(f"{column} is out of the range of dates (years 1-9999): {value[:80]!r}") from None
    if parsed.tzinfo is None:
        return parsed.replace(tzinfo=UTC)
    try:
        return parsed.astimezone(UTC)
    except (OverflowError, ValueError):  # 9999-12-31T23:59-01:00 is past year 9999 in UTC
        raise ValueError(f"{column} is out of the range of dates (years 1-9999): {value[:80]!r}") from None


@lru_cache(maxsize=65536)  # archive times have minute resolution and dates repeat: most values are seen before
def timestamp_text(value: str, column: str) -> str | None:
    """:func:`timestamp` as ISO-8601 text: the driver sends text far faster than datetime objects, and the
    Cypher turns it into a DATETIME with ``datetime()``."""
    parsed = timestamp(value, column)
    return None if parsed is None else parsed.isoformat()


def twitter_time_text(value: str) -> str:
    return twitter_time(value).isoformat()


def twitter_time(value: str) -> datetime:
    """Twitter API v1.1 ``created_at`` (``Wed Oct 10 20:19:24 +0000 2018``) or v2 ISO text."""
    if value[:1].isdigit():
        parsed = timestamp(value, "created_at")
        if parsed is None:
            raise ValueError("created_at is empty")
        return parsed
    try:
        return datetime.strptime(value, "%a %b %d %H:%M:%S %z %Y").astimezone(UTC)
    except OverflowError:
        raise ValueError(f"created_at is out of the range of dates: {value[:80]!r}") from None


def flag(value: str, column: str) -> bool:
    lowered = value.strip().lower()
    if lowered in _TRUE:
        return True
    if lowered in _FALSE:
        return False
    raise ValueError(f"{column} is not true/false: {value!r}")


def python_list(value: str, column: str) -> list[str]:
    """The archive's Python-list text (``['香港', 'hk']``, ``[123, 456]``, ``[]``) as a list of strings.

    A fast path splits the common shapes; anything else goes through ``ast.literal_eval`` (never ``eval``).
    """
    value = value.strip()
    if not value or value == "[]":
        return []
    if value[0] != "[" or value[-1] != "]":
        raise ValueError(f"{column} is not a Python list: {value[:80]!r}")
    inner = value[1:-1]
    if "\\" not in inner and '"' not in inner:
        if inner.startswith("'") and inner.endswith("'"):
            parts = inner[1:-1].split("', '")
            if not any("'" in p for p in parts):
                return parts
        elif "'" not in inner:
            parts = [p.strip() for p in inner.split(",")]
            if all(p.isdigit() for p in parts):
                return parts
    try:
        items = ast.literal_eval(value)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        raise ValueError(f"{column} is not a Python list: {value[:80]!r}") from None
    if not isinstance(items, list) or not all(isinstance(i, (str, int)) for i in items):
        raise ValueError(f"{column} is not a list of strings: {value[:80]!r}")
    return [str(i) for i in items]


def ip_sort_key(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> int:
    """The address as an integer in one 128-bit space (IPv4 mapped into ::ffff:0:0/96)."""
    if address.version == 4:
        return _IPV4_MAPPED_BASE | int(address)
    return int(address)


def hex_key(number: int) -> str:
    """32 zero-padded hex digits: text order equals numeric order, so Neo4j range indexes work."""
    return f"{number:032x}"


def ip_address(value: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        text = text[1:-1]
    try:
        address = ipaddress.ip_address(text)
    except ValueError:
        raise ValueError(f"not an IP address: {value!r}") from None
    if isinstance(address, ipaddress.IPv6Address):
        if address.scope_id is not None:  # fe80::1%eth0: the zone names an interface of the observer, not the address
            address = ipaddress.IPv6Address(text.split("%", 1)[0])
        if address.ipv4_mapped is not None:
            return address.ipv4_mapped  # ::ffff:1.2.3.4 is the IPv4 address 1.2.3.4
    return address


def ip_network(value: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """A CIDR range; host bits are cleared (``10.1.2.3/8`` is ``10.0.0.0/8``)."""
    try:
        return ipaddress.ip_network(value.strip(), strict=False)
    except ValueError:
        raise ValueError(f"not a network in CIDR form: {value!r}") from None


def network_range(network: ipaddress.IPv4Network | ipaddress.IPv6Network) -> tuple[str, str, int]:
    """``(range_start, range_end, span_bits)`` in the shared key space; span_bits = 128 - mapped prefix length."""
    start = ip_sort_key(network.network_address)
    end = ip_sort_key(network.broadcast_address)
    span = network.max_prefixlen - network.prefixlen
    return hex_key(start), hex_key(end), span
