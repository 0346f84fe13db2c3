"""Writers for each kind of parsed row: split one batch into node and relationship rows, one UNWIND each.

Nodes are merged before the relationships that MATCH them, one label per statement, so no statement needs an
Eager plan. Every write is a MERGE on a constrained key: running a batch twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from netforensics.store.batch_writes import WriteCounts, read_rows, write_rows
from netforensics.store.connection import GraphStore

Row = dict[str, Any]


@dataclass
class LoadContext:
    """What the writers of one load share: the load time, the dataset, and work left for the end of the file."""

    now: str
    dataset: str | None = None
    retweeters: set[str] = field(default_factory=set)  # accounts whose RETWEETED summary needs a refresh
    prefix_lengths: list[int] | None = None  # mapped prefix lengths of loaded networks (fetched once per load)


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def write_tweets(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    """Account rows and tweet rows (io-archive, twitter-json, shares) with every relationship they imply."""
    accounts: dict[str, Row] = {}
    stubs: dict[str, str | None] = {}
    tweets: dict[str, Row] = {}
    referenced: set[str] = set()
    posted: list[Row] = []
    retweets: list[Row] = []
    replies: list[Row] = []
    quotes: list[Row] = []
    mentions: list[Row] = []
    tags: list[Row] = []
    links: list[Row] = []
    for row in rows:
        if "author_id" not in row:
            if row.get("stub"):
                stubs.setdefault(row["id"], row["props"].get("screen_name"))
            else:
                accounts[row["id"]] = row
            continue
        tweet_id, author_id = row["id"], row["author_id"]
        author = row["author"]
        if author is None:
            stubs.setdefault(author_id, None)
        else:
            accounts[author_id] = author
        tweets[tweet_id] = {"id": tweet_id, "props": row["props"]}
        posted.append({"a": author_id, "t": tweet_id})
        original = row["retweet_of"]
        if original:
            referenced.add(original)
            retweets.append({"src": tweet_id, "dst": original})
            ctx.retweeters.add(author_id)
            if row["retweet_author"]:
                stubs.setdefault(row["retweet_author"], None)
                posted.append({"a": row["retweet_author"], "t": original})
        answered = row["reply_to"]
        if answered:
            referenced.add(answered)
            replies.append({"src": tweet_id, "dst": answered})
            if row["reply_author"]:
                stubs.setdefault(row["reply_author"], None)
                posted.append({"a": row["reply_author"], "t": answered})
        elif row["reply_author"]:
            stubs.setdefault(row["reply_author"], None)
        if row["quote_of"]:
            referenced.add(row["quote_of"])
            quotes.append({"src": tweet_id, "dst": row["quote_of"]})
        for mentioned in row["mentions"]:
            stubs.setdefault(mentioned, None)
            mentions.append({"t": tweet_id, "a": mentioned})
        for name in row["hashtags"]:
            tags.append({"t": tweet_id, "name": name})
        for url in row["urls"]:
            links.append({"t": tweet_id, "url": url, "domain": domain_of(url)})

    stub_rows = [{"id": i, "screen_name": s} for i, s in stubs.items() if i not in accounts]
    write_rows(store, "accounts", list(accounts.values()), counts, now=ctx.now)
    write_rows(store, "account-stubs", stub_rows, counts, now=ctx.now)
    write_rows(store, "tweets", list(tweets.values()), counts)
    write_rows(store, "tweet-stubs", [{"id": t} for t in referenced if t not in tweets], counts)
    write_rows(store, "posted", posted, counts)
    write_rows(store, "retweets", retweets, counts)
    write_rows(store, "replies-to", replies, counts)
    write_rows(store, "quotes", quotes, counts)
    write_rows(store, "mentions", mentions, counts)
    write_rows(store, "hashtags", tags, counts)
    write_rows(store, "links", links, counts)
    write_rows(store, "url-domains", [{"url": r["url"], "domain": r["domain"]} for r in links if r["domain"]], counts)
    if ctx.dataset:
        members = [{"id": i} for i in accounts] + [{"id": r["author_id"]} for r in rows if "author_id" in r and r["author"] is None]
        write_rows(store, "dataset-members", members, counts, dataset=ctx.dataset)
    # Tweets loaded now may be originals that earlier loads' retweets point at: their retweeters need a refresh.
    if tweets:
        found = read_rows(store, "retweeters-of", ids=list(tweets))
        ctx.retweeters.update(r["id"] for r in found)


def refresh_retweeted(store: GraphStore, ctx: LoadContext, counts: WriteCounts, batch_size: int = 2000) -> None:
    """Recompute RETWEETED {count, first_at, last_at} for every retweeter this load touched (idempotent)."""
    accounts = sorted(ctx.retweeters)
    for start in range(0, len(accounts), batch_size):
        write_rows(store, "retweeted-refresh", [{"id": a} for a in accounts[start : start + batch_size]], counts)
    ctx.retweeters.clear()


def write_follows(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    ids = {r["src"] for r in rows} | {r["dst"] for r in rows}
    write_rows(store, "account-stubs", [{"id": i, "screen_name": None} for i in ids], counts, now=ctx.now)
    write_rows(store, "follows", list(rows), counts)
