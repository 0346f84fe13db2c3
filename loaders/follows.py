"""Follow edges: ``src_account_id,dst_account_id[,observed_at]`` (CSV or JSON lines).

Rows: ``{"src", "dst", "observed_at"}``. Accounts without rows of their own become stubs in the writer.
"""

from __future__ import annotations

from pathlib import Path

from netforensics.loaders import values as v
from netforensics.loaders.reading import ParsedSource, Row, convert_records, open_table

REQUIRED = ("src_account_id", "dst_account_id")
OPTIONAL = ("observed_at",)


def parse(path: Path) -> ParsedSource:
    table = open_table(path, REQUIRED, OPTIONAL)
    i_src, i_dst = table.columns.index("src_account_id"), table.columns.index("dst_account_id")
    i_seen = table.columns.index("observed_at") if "observed_at" in table.columns else None

    def convert(fields: list[str]) -> Row:
        src = v.required_id(fields[i_src], "src_account_id")
        dst = v.required_id(fields[i_dst], "dst_account_id")
        if src == dst:
            raise ValueError("an account cannot follow itself")
        seen = v.timestamp_text(fields[i_seen], "observed_at") if i_seen is not None else None
        return {"src": src, "dst": dst, "observed_at": seen}

    return ParsedSource(path, "follows", convert_records(table.records, convert), table.bytes_total, table.bytes_done)
