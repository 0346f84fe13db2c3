"""Writers for each kind of parsed row: split one batch into column-oriented node and relationship steps, run in
one transaction (:func:`~netforensics.store.batch_writes.write_batch`).

Nodes are merged before the relationships that MATCH them, one label per MERGE-ing statement, so no large statement
needs an Eager plan. Every write is a MERGE on a constrained key: running a batch twice changes nothing. What one
load has already written (unchanged account values, existing stubs, authors of referenced tweets) is remembered in
:class:`LoadContext` and not sent again; the memory is bounded (forgotten wholesale past a limit, which costs only a
repeated, idempotent write).
"""

from __future__ import annotations

import itertools
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from netforensics.store.batch_writes import Step, WriteCounts, read_rows, write_batch
from netforensics.store.connection import GraphStore

Row = dict[str, Any]
ACCOUNT_KEYS = ("screen_name", "display_name", "location", "description", "profile_url", "followers", "following",
                "created_at", "lang", "hashed")
REMEMBER_LIMIT = 1_000_000  # entries per remembered set: about 100 MB at most


@dataclass
class LoadContext:
    """What the writers of one load share: the load time, the dataset, and work left for the end of the file."""

    now: str
    dataset: str | None = None
    retweeters: set[str] = field(default_factory=set)  # accounts whose RETWEETED summary needs a refresh
    retweeted_tweets: set[str] = field(default_factory=set)  # tweets that gained an author while retweeted already
    prefix_lengths: list[int] | None = None  # mapped prefix lengths of loaded networks (fetched once per load)
    account_values: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # account id -> values written by this load
    existing_accounts: set[str] = field(default_factory=set)  # accounts this load has written (full or stub)
    tagged_accounts: set[str] = field(default_factory=set)  # accounts this load has tagged with its dataset
    posted_pairs: set[tuple[str, str]] = field(default_factory=set)  # (author, referenced tweet) written by this load
    existing_tweets: set[str] = field(default_factory=set)  # tweets this load has written (full or stub)


def _remember(memory: set[Any] | dict[Any, Any], key: Hashable, value: Any = None) -> None:
    if len(memory) >= REMEMBER_LIMIT:
        memory.clear()
    if isinstance(memory, dict):
        memory[key] = value
    else:
        memory.add(key)


def domain_of(url: str) -> str | None:
    try:
        host = urlsplit(url if "//" in url else f"//{url}").hostname
    except ValueError:
        return None
    return host.lower().removeprefix("www.") if host else None


def _flag(value: bool | None) -> int | None:
    return None if value is None else int(bool(value))


def write_tweets(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    """Account rows and tweet rows (io-archive, twitter-json, shares) with every relationship they imply."""
    accounts: dict[str, Row] = {}
    stubs: dict[str, str | None] = {}
    tweets: dict[str, Row] = {}
    referenced: set[str] = set()
    posted: dict[tuple[str, str], None] = {}
    retweets: list[tuple[str, str]] = []
    replies: list[tuple[str, str]] = []
    quotes: list[tuple[str, str]] = []
    mentions: list[tuple[str, str]] = []
    profileless_authors: list[str] = []
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
            profileless_authors.append(author_id)
        else:
            accounts[author_id] = author
        tweets[tweet_id] = row
        original = row["retweet_of"]
        if original:
            referenced.add(original)
            retweets.append((tweet_id, original))
            ctx.retweeters.add(author_id)
            if row["retweet_author"]:
                stubs.setdefault(row["retweet_author"], None)
                posted[(row["retweet_author"], original)] = None
        answered = row["reply_to"]
        if answered:
            referenced.add(answered)
            replies.append((tweet_id, answered))
            if row["reply_author"]:
                stubs.setdefault(row["reply_author"], None)
                posted[(row["reply_author"], answered)] = None
        elif row["reply_author"]:
            stubs.setdefault(row["reply_author"], None)
        if row["quote_of"]:
            referenced.add(row["quote_of"])
            quotes.append((tweet_id, row["quote_of"]))
        for mentioned in row["mentions"]:
            stubs.setdefault(mentioned, None)
            mentions.append((tweet_id, mentioned))

    # Accounts whose values this load has already written unchanged are not sent again.
    changed: list[tuple[str, tuple[Any, ...]]] = []
    for account_id, account in accounts.items():
        props = account["props"]
        values = tuple(props.get(k) for k in ACCOUNT_KEYS)
        if ctx.account_values.get(account_id) != values:
            changed.append((account_id, values))
    new_stubs = [(i, s) for i, s in stubs.items() if i not in accounts and i not in ctx.existing_accounts]
    new_posted = [pair for pair in posted if pair not in ctx.posted_pairs]
    members = [i for i in dict.fromkeys(profileless_authors) if i not in ctx.tagged_accounts] if ctx.dataset else []
    tweet_rows = list(tweets.values())
    tweet_stubs = [t for t in referenced if t not in tweets and t not in ctx.existing_tweets]

    steps = [
        _accounts_step(changed, ctx),
        Step("account-stubs", {"ids": [i for i, _ in new_stubs], "screen_names": [s for _, s in new_stubs], "now": ctx.now},
             len(new_stubs)),
        _tweets_step(tweet_rows),
        Step("tweet-stubs", {"ids": tweet_stubs}, len(tweet_stubs)),
        Step("posted", {"authors": [a for a, _ in new_posted], "ids": [t for _, t in new_posted]}, len(new_posted), returns=True),
        _pairs_step("retweets", retweets),
        _pairs_step("replies-to", replies),
        _pairs_step("quotes", quotes),
        Step("mentions", {"tweets": [t for t, _ in mentions], "accounts": [a for _, a in mentions]}, len(mentions)),
        Step("dataset-members", {"ids": members, "dataset": ctx.dataset}, len(members)),
    ]
    retweeted = write_batch(store, steps, counts)
    ctx.retweeted_tweets.update(retweeted)

    for account_id, values in changed:
        _remember(ctx.account_values, account_id, values)
        _remember(ctx.existing_accounts, account_id)
        if ctx.dataset:
            _remember(ctx.tagged_accounts, account_id)
    for account_id, _ in new_stubs:
        _remember(ctx.existing_accounts, account_id)
    for pair in new_posted:
        _remember(ctx.posted_pairs, pair)
    for tweet_id in itertools.chain(tweets, tweet_stubs):
        _remember(ctx.existing_tweets, tweet_id)
    for account_id in members:
        _remember(ctx.tagged_accounts, account_id)


def _accounts_step(changed: list[tuple[str, tuple[Any, ...]]], ctx: LoadContext) -> Step:
    columns: list[list[Any]] = [[] for _ in ACCOUNT_KEYS]
    for _, values in changed:
        for column, value in zip(columns, values):
            column.append(value)
    params: dict[str, Any] = {"ids": [i for i, _ in changed], "now": ctx.now, "dataset": ctx.dataset}
    for name, column in zip(("screen_names", "display_names", "locations", "descriptions", "profile_urls", "followers",
                             "following", "created_at", "langs"), columns):
        params[name] = column
    params["hashed"] = [_flag(h) for h in columns[-1]]
    return Step("accounts", params, len(changed))


def _tweets_step(rows: list[Row]) -> Step:
    props = [r["props"] for r in rows]
    tags: list[str] = []
    tag_from: list[int] = []
    tag_to: list[int] = []
    urls: list[str] = []
    domains: list[str | None] = []
    url_from: list[int] = []
    url_to: list[int] = []
    for row in rows:
        tag_from.append(len(tags))
        tags.extend(row["hashtags"])
        tag_to.append(len(tags))
        url_from.append(len(urls))
        for url in row["urls"]:
            urls.append(url)
            domains.append(domain_of(url))
        url_to.append(len(urls))
    params: dict[str, Any] = {
        "ids": [r["id"] for r in rows],
        "authors": [r["author_id"] for r in rows],
        "created_at": [p.get("created_at") for p in props],
        "text": [p.get("text") for p in props],
        "lang": [p.get("lang") for p in props],
        "client": [p.get("client") for p in props],
        "is_retweet": [_flag(p.get("is_retweet")) for p in props],
        "has_coordinates": [_flag(p.get("has_coordinates")) for p in props],
        "tag_from": tag_from, "tag_to": tag_to, "tags": tags,
        "url_from": url_from, "url_to": url_to, "urls": urls, "domains": domains,
    }
    for name in ("like_count", "retweet_count", "reply_count", "quote_count"):
        params[name] = [p.get(name) for p in props]
    return Step("tweets", params, len(rows), returns=True)


def _pairs_step(statement: str, pairs: list[tuple[str, str]]) -> Step:
    return Step(statement, {"src": [s for s, _ in pairs], "dst": [d for _, d in pairs]}, len(pairs))


def refresh_retweeted(store: GraphStore, ctx: LoadContext, counts: WriteCounts, batch_size: int = 5000) -> None:
    """Recompute RETWEETED {count, first_at, last_at} for every retweeter this load touched (idempotent): the
    retweeters in the file, and the earlier retweeters of tweets that gained their author in this load."""
    retweeted = sorted(ctx.retweeted_tweets)
    for start in range(0, len(retweeted), 10_000):
        found = read_rows(store, "retweeters-of", ids=retweeted[start : start + 10_000])
        ctx.retweeters.update(r["id"] for r in found)
    accounts = sorted(ctx.retweeters)
    for start in range(0, len(accounts), batch_size):
        chunk = accounts[start : start + batch_size]
        write_batch(store, [Step("retweeted-refresh", {"ids": chunk}, len(chunk))], counts)
    ctx.retweeters.clear()
    ctx.retweeted_tweets.clear()


def stub_step(ids: Sequence[str], ctx: LoadContext) -> Step:
    """Stub accounts for ids this load has not written yet (follows, IP observations)."""
    new = [i for i in dict.fromkeys(ids) if i not in ctx.existing_accounts]
    return Step("account-stubs", {"ids": new, "screen_names": [None] * len(new), "now": ctx.now}, len(new))


def remember_accounts(step: Step, ctx: LoadContext) -> None:
    for account_id in step.params["ids"]:
        _remember(ctx.existing_accounts, account_id)


def write_follows(store: GraphStore, rows: Sequence[Row], ctx: LoadContext, counts: WriteCounts) -> None:
    stubs = stub_step([r["src"] for r in rows] + [r["dst"] for r in rows], ctx)
    follows = Step("follows", {"src": [r["src"] for r in rows], "dst": [r["dst"] for r in rows],
                               "observed_at": [r.get("observed_at") for r in rows]}, len(rows))
    write_batch(store, [stubs, follows], counts)
    remember_accounts(stubs, ctx)
