"""Content shares in the CooRTweet format: ``object_id,account_id,content_id,timestamp_share`` (CSV or JSON lines).

``account_id`` shared ``object_id`` (the original) in the post ``content_id`` at ``timestamp_share`` (unix seconds,
often written as a float, or ISO text). Each row becomes a retweet: Account -POSTED-> Tweet(content_id)
-RETWEETS-> Tweet(object_id). Rows have the tweet shape of :mod:`netforensics.loaders.io_archive` (the sharing
account has no profile row, so ``author`` is ``None`` and the writer makes it a stub).
"""

from __future__ import annotations

from pathlib import Path

from netforensics.loaders import values as v
from netforensics.loaders.reading import ParsedSource, Row, convert_records, open_table

REQUIRED = ("object_id", "account_id", "content_id", "timestamp_share")


def parse(path: Path) -> ParsedSource:
    table = open_table(path, REQUIRED)
    i_object, i_account, i_content, i_time = (table.columns.index(c) for c in REQUIRED)

    def convert(fields: list[str]) -> Row:
        created = v.timestamp_text(fields[i_time], "timestamp_share")
        if created is None:
            raise ValueError("timestamp_share is empty")
        return {
            "id": v.required_id(fields[i_content], "content_id"),
            "author_id": v.required_id(fields[i_account], "account_id"),
            "author": None,
            "props": {"created_at": created, "is_retweet": True},
            "retweet_of": v.required_id(fields[i_object], "object_id"),
            "retweet_author": None,
            "reply_to": None,
            "reply_author": None,
            "quote_of": None,
            "mentions": [],
            "hashtags": [],
            "urls": [],
        }

    return ParsedSource(path, "shares", convert_records(table.records, convert), table.bytes_total, table.bytes_done)
