"""Preparers for each kind of parsed row: turn one batch into column-oriented node and relationship steps
(a :class:`~netforensics.store.batch_writes.BatchPlan`, written in one transaction).

Nodes are merged before the relationships that MATCH them. Every write is a MERGE on a constrained key, except
tweets that an indexed read in the same transaction found absent: those are CREATEd with their relationships (a new
node has none to check), and a concurrent creation rolls the batch back for a MERGE-only retry. Running a batch
twice changes nothing. What one
load has already written (unchanged account values, existing stubs, authors of referenced tweets) is remembered in
:class:`LoadContext` and not sent again; the memory is bounded (forgotten wholesale past a limit, which costs only a
repeated, idempotent write).
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from netforensics.store.batch_writes import BatchPlan, Step, WriteCounts, read_rows, write_batch
from netforensics.store.connection import GraphStore

Row = dict[str, Any]
ACCOUNT_KEYS = ("screen_name", "display_name", "location", "description", "profile_url", "followers", "following",
                "created_at", "lang", "hashed")
REMEMBER_LIMIT = 1_000_000  # entries per remembered set: about 100 MB at most


class TouchedTweets:
    """Ids of the tweets a load wrote or pointed at (retweeted, replied to, quoted): what an incremental projection
    reads again. Past ``limit`` ids it stops collecting and says so (``overflowed``): a load that large is
    projected in full anyway."""

    def __init__(self, limit: int = 2_000_000) -> None:
        self.limit = limit
        self.ids: set[str] = set()
        self.overflowed = False

    def add(self, ids: Iterable[str]) -> None:
        if self.overflowed:
            return
        self.ids.update(ids)
        if len(self.ids) > self.limit:
            self.ids = set()
            self.overflowed = True


@dataclass
class LoadContext:
    """What the writers of one load share: the load time, the dataset, and work left for the end of the file."""

    now: str
    dataset: str | None = None
    force: bool = False  # --force: account rows are applied even when their profile_digest says they were already
    retweeters: set[str] = field(default_factory=set)  # accounts whose RETWEETED summary needs a recount
    retweeted_tweets: set[str] = field(default_factory=set)  # tweets that gained an author while retweeted already
    prefix_lengths: list[int] | None = None  # mapped prefix lengths of loaded networks (fetched once per load)
    account_values: dict[str, tuple[Any, ...]] = field(default_factory=dict)  # account id -> values written by this load
    existing_accounts: set[str] = field(default_factory=set)  # accounts this load has written (full or stub)
    tagged_accounts: set[str] = field(default_factory=set)  # accounts this load has tagged with its dataset
    posted_pairs: set[tuple[str, str]] = field(default_factory=set)  # (author, referenced tweet) written by this load
    existing_tweets: dict[str, str] = field(default_factory=dict)  # tweet written by this load -> its author ('' for stubs)
    touched: TouchedTweets | None = None  # collects the tweets this load wrote or pointed at, when asked to

    def share_memory(self, other: LoadContext) -> None:
        """Use ``other``'s record of what was written (same containers): one load's files share it."""
        self.account_values = other.account_values
        self.existing_accounts = other.existing_accounts
        self.tagged_accounts = other.tagged_accounts
        self.posted_pairs = other.posted_pairs
        self.existing_tweets = other.existing_tweets
        self.touched = other.touched


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


REFERENCE_KINDS = ("retweets", "replies-to", "quotes")  # tweet -> tweet relationships, one statement each


@dataclass
class TweetBatch:
    """One batch of account and tweet rows taken apart: nodes to write and the relationships between them."""

    accounts: dict[str, Row] = field(default_factory=dict)
    stubs: dict[str, str | None] = field(default_factory=dict)  # account id -> screen name (None when unknown)
    tweets: dict[str, Row] = field(default_factory=dict)  # a tweet id given twice keeps its last row
    referenced: set[str] = field(default_factory=set)  # tweets that rows point at
    posted: dict[tuple[str, str], None] = field(default_factory=dict)  # (author, referenced tweet)
    references: dict[str, dict[tuple[str, str], None]] = field(
        default_factory=lambda: {kind: {} for kind in REFERENCE_KINDS})  # kind -> (tweet, referenced tweet)
    mentions: dict[tuple[str, str], None] = field(default_factory=dict)  # (tweet, account)
    profileless_authors: dict[str, None] = field(default_factory=dict)
    shared_tweets: dict[str, set[str]] = field(default_factory=dict)  # tweet -> its other authors in this batch


def split_rows(rows: Sequence[Row], ctx: LoadContext) -> TweetBatch:
    """Take account and tweet rows apart (pure; ``ctx`` is not changed)."""
    batch = TweetBatch()
    stubs, references = batch.stubs, batch.references
    for row in rows:
        if "author_id" not in row:
            if row.get("stub"):
                stubs.setdefault(row["id"], row["props"].get("screen_name"))
            else:
                batch.accounts[row["id"]] = row
            continue
        tweet_id, author_id = row["id"], row["author_id"]
        author = row["author"]
        if author is None:
            stubs.setdefault(author_id, None)
            batch.profileless_authors[author_id] = None
        else:
            batch.accounts[author_id] = author
        previous = batch.tweets.get(tweet_id)
        if previous is not None:
            row = _repeated_tweet(previous, row, batch)
        batch.tweets[tweet_id] = row
        original = row["retweet_of"]
        if original:
            batch.referenced.add(original)
            references["retweets"][(tweet_id, original)] = None
            if row["retweet_author"]:
                stubs.setdefault(row["retweet_author"], None)
                batch.posted[(row["retweet_author"], original)] = None
        answered = row["reply_to"]
        if answered:
            batch.referenced.add(answered)
            references["replies-to"][(tweet_id, answered)] = None
            if row["reply_author"]:
                stubs.setdefault(row["reply_author"], None)
                batch.posted[(row["reply_author"], answered)] = None
        elif row["reply_author"]:
            stubs.setdefault(row["reply_author"], None)
        if row["quote_of"]:
            batch.referenced.add(row["quote_of"])
            references["quotes"][(tweet_id, row["quote_of"])] = None
        for mentioned in row["mentions"]:
            stubs.setdefault(mentioned, None)
            batch.mentions[(tweet_id, mentioned)] = None
    return batch


def _repeated_tweet(previous: Row, row: Row, batch: TweetBatch) -> Row:
    """A tweet id given again in the same batch: written as if the rows came in separate batches (every author,
    original, hashtag and URL given is kept; an empty value does not clear a known one), so the graph does not
    depend on the batch size. Two authors of one tweet stay visible as two POSTED relationships."""
    if previous["author_id"] != row["author_id"]:
        batch.posted[(previous["author_id"], row["id"])] = None
        batch.shared_tweets.setdefault(row["id"], set()).add(previous["author_id"])
    props = {**previous["props"], **{k: v for k, v in row["props"].items() if v is not None}}
    return {**row, "props": props,
            "hashtags": list(dict.fromkeys(previous["hashtags"] + row["hashtags"])),
            "urls": list(dict.fromkeys(previous["urls"] + row["urls"]))}


def prepare_tweets(store: GraphStore, rows: Sequence[Row], ctx: LoadContext) -> BatchPlan:
    """Account rows and tweet rows (io-archive, twitter-json, shares) with every relationship they imply.

    One transaction: accounts and stubs first; then one indexed read finds which of the batch's tweets exist
    already; the others are CREATEd with all their relationships in one statement (a new node cannot have any yet),
    the existing ones MERGEd. If a concurrent load created one of them in between, the batch is rolled back and
    written again with MERGE only. What the batch writes is remembered in ``ctx`` now: batches are written in
    order and a failed write ends the load."""
    batch = split_rows(rows, ctx)
    if ctx.touched is not None:
        ctx.touched.add(batch.tweets)
        ctx.touched.add(batch.referenced)
    # Accounts whose values this load has already written unchanged are not sent again.
    changed: list[tuple[str, tuple[Any, ...]]] = []
    for account_id, account in batch.accounts.items():
        values = tuple(account["props"].get(k) for k in ACCOUNT_KEYS)
        if ctx.account_values.get(account_id) != values:
            changed.append((account_id, values))
    new_stubs = [(i, s) for i, s in batch.stubs.items() if i not in batch.accounts and i not in ctx.existing_accounts]
    members = [i for i in batch.profileless_authors if i not in ctx.tagged_accounts] if ctx.dataset else []
    tweet_stubs = [t for t in batch.referenced if t not in batch.tweets and t not in ctx.existing_tweets]
    unknown = [t for t in batch.tweets if t not in ctx.existing_tweets]
    new_posted = [(a, t) for a, t in batch.posted if (a, t) not in ctx.posted_pairs and ctx.existing_tweets.get(t, "") != a]
    first = [
        _accounts_step(changed, ctx),
        Step("account-stubs", {"ids": [i for i, _ in new_stubs], "screen_names": [s for _, s in new_stubs], "now": ctx.now},
             len(new_stubs)),
        Step("tweet-stubs", {"ids": tweet_stubs}, len(tweet_stubs)),
        Step("dataset-members", {"ids": members, "dataset": ctx.dataset}, len(members)),
        Step("tweets-known", {"ids": unknown}, len(unknown), returns=True),
    ]
    remembered = set(batch.tweets).difference(unknown)
    _remember_batch(batch, changed, new_stubs, tweet_stubs, members, ctx)

    # Retweeters to recount, as decided by the last plan the transaction ran (the committed one when finish runs;
    # a retried transaction plans again and overwrites it, so the plan stays repeatable).
    recount: set[str] = set()

    def plan(known: set[str]) -> list[Step]:
        nonlocal recount
        steps, recount = _tweet_steps(batch, known, new_posted)
        return steps

    def finish(returned: Mapping[str, list[Any]]) -> None:
        ctx.retweeted_tweets.update(returned.get("tweets", ()))
        ctx.retweeted_tweets.update(returned.get("posted", ()))
        ctx.retweeters.update(recount)

    return BatchPlan(
        len(rows), first,
        then=lambda found: plan(remembered.union(found.get("tweets-known", ()))),
        merge_only=lambda _: plan(set(batch.tweets)),
        finish=finish,
    )


def _retweets_split(batch: TweetBatch, known: set[str]) -> tuple[list[str], set[str]]:
    """Retweets this batch CREATEs with their RETWEETS relationship (counted into RETWEETED in the same transaction),
    and the retweeters whose RETWEETED summaries need a full recount at the end of the file instead (retweets that
    existed already, e.g. loaded before or stubs gaining their row, or a tweet given with two originals)."""
    created: dict[str, None] = {}
    recount: set[str] = set()
    for tweet_id, original in batch.references["retweets"]:
        row = batch.tweets.get(tweet_id)
        if row is None:
            continue
        if tweet_id in known or tweet_id in created or row["retweet_of"] != original or tweet_id in batch.shared_tweets:
            recount.add(row["author_id"])
            recount.update(batch.shared_tweets.get(tweet_id, ()))
            created.pop(tweet_id, None)
        else:
            created[tweet_id] = None
    return list(created), recount


def _tweet_steps(batch: TweetBatch, known: set[str], new_posted: list[tuple[str, str]]) -> tuple[list[Step], set[str]]:
    """The steps after the existence check: CREATE the tweets not in ``known``, MERGE the others (and any
    relationship the CREATE does not cover), then add the created retweets to the RETWEETED summaries; and the
    retweeters whose summaries must be recounted at the end of the file instead."""
    created = [row for tweet_id, row in batch.tweets.items() if tweet_id not in known]
    merged = [row for tweet_id, row in batch.tweets.items() if tweet_id in known]
    leftover: dict[str, list[tuple[str, str]]] = {}
    firsts: dict[str, dict[str, str]] = {}
    for kind in REFERENCE_KINDS:  # a new tweet's first reference of each kind is created with it; any other is merged
        firsts[kind], leftover[kind] = {}, []
        for src, dst in batch.references[kind]:
            if src in known or src in firsts[kind]:
                leftover[kind].append((src, dst))
            else:
                firsts[kind][src] = dst
    new_mentions = [(t, a) for t, a in batch.mentions if t not in known]
    created_retweets, recount = _retweets_split(batch, known)
    old_mentions = [(t, a) for t, a in batch.mentions if t in known]
    return [
        _tweets_create_step(created, firsts, new_mentions),
        _tweets_step(merged),
        Step("posted", {"authors": [a for a, _ in new_posted], "ids": [t for _, t in new_posted]}, len(new_posted), returns=True),
        *(_pairs_step(kind, leftover[kind]) for kind in REFERENCE_KINDS),
        Step("mentions", {"tweets": [t for t, _ in old_mentions], "accounts": [a for _, a in old_mentions]}, len(old_mentions)),
        Step("retweeted-add", {"ids": created_retweets}, len(created_retweets)),
    ], recount


def _remember_batch(batch: TweetBatch, changed: list[tuple[str, tuple[Any, ...]]], new_stubs: list[tuple[str, str | None]],
                    tweet_stubs: list[str], members: list[str], ctx: LoadContext) -> None:
    for account_id, values in changed:
        _remember(ctx.account_values, account_id, values)
        _remember(ctx.existing_accounts, account_id)
        if ctx.dataset:
            _remember(ctx.tagged_accounts, account_id)
    for account_id, _ in new_stubs:
        _remember(ctx.existing_accounts, account_id)
    for pair in batch.posted:
        _remember(ctx.posted_pairs, pair)
    for tweet_id in tweet_stubs:
        _remember(ctx.existing_tweets, tweet_id, "")
    for tweet_id, row in batch.tweets.items():
        # Retweets are never referenced (references point at originals): remembering them would only crowd out the
        # originals that later rows point at.
        if not row["props"].get("is_retweet"):
            _remember(ctx.existing_tweets, tweet_id, row["author_id"])
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
    params["digests"] = [profile_digest(values) for _, values in changed]
    params["reapply"] = ctx.force
    return Step("accounts", params, len(changed))


def profile_digest(values: tuple[Any, ...]) -> str:
    """What an account row said (its ACCOUNT_KEYS values), in 16 hex digits: a row that says the same as the last one
    applied to the account changes nothing, so the server skips it (a night's tweets repeat every author's profile)."""
    return hashlib.blake2b(repr(values).encode("utf-8"), digest_size=8).hexdigest()


@lru_cache(maxsize=65536)  # archive times have minute resolution: most values repeat
def epoch_parts(text: str | None) -> tuple[int | None, int | None]:
    """ISO-8601 text (as the parsers give it) -> (epoch seconds, nanoseconds); the server converts those to a
    DATETIME several times faster than it parses text."""
    if text is None:
        return None, None
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - _EPOCH
    return delta.days * 86_400 + delta.seconds, delta.microseconds * 1000


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _tweet_columns(rows: list[Row]) -> dict[str, Any]:
    """Tweet properties, hashtags and URLs as parallel lists (hashtags and URLs as slices of one flat list each)."""
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
        tags.extend(dict.fromkeys(row["hashtags"]))
        tag_to.append(len(tags))
        url_from.append(len(urls))
        for url in dict.fromkeys(row["urls"]):
            urls.append(url)
            domains.append(domain_of(url))
        url_to.append(len(urls))
    params: dict[str, Any] = {
        "ids": [r["id"] for r in rows],
        "authors": [r["author_id"] for r in rows],
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
    return params


def _tweets_step(rows: list[Row]) -> Step:
    """MERGE tweets that exist already (stubs gaining their row, or loaded before)."""
    params = _tweet_columns(rows)
    params["created_at"] = [r["props"].get("created_at") for r in rows]
    return Step("tweets", params, len(rows), returns=True)


def _tweets_create_step(rows: list[Row], firsts: dict[str, dict[str, str]], mentions: list[tuple[str, str]]) -> Step:
    """CREATE tweets that did not exist, with their first retweeted / answered / quoted tweet and their mentions."""
    params = _tweet_columns(rows)
    times = [epoch_parts(r["props"].get("created_at")) for r in rows]
    params["created_s"] = [s for s, _ in times]
    params["created_ns"] = [n for _, n in times]
    ids = params["ids"]
    params["retweet_of"] = [firsts["retweets"].get(i) for i in ids]
    params["reply_to"] = [firsts["replies-to"].get(i) for i in ids]
    params["quote_of"] = [firsts["quotes"].get(i) for i in ids]
    by_tweet: dict[str, list[str]] = {}
    for tweet_id, account_id in mentions:
        by_tweet.setdefault(tweet_id, []).append(account_id)
    flat: list[str] = []
    mention_from: list[int] = []
    mention_to: list[int] = []
    for tweet_id in ids:
        mention_from.append(len(flat))
        flat.extend(by_tweet.get(tweet_id, ()))
        mention_to.append(len(flat))
    params.update(mentions=flat, mention_from=mention_from, mention_to=mention_to)
    return Step("tweets-create", params, len(rows))


def _pairs_step(statement: str, pairs: list[tuple[str, str]]) -> Step:
    return Step(statement, {"src": [s for s, _ in pairs], "dst": [d for _, d in pairs]}, len(pairs))


def refresh_retweeted(store: GraphStore, ctx: LoadContext, counts: WriteCounts, batch_size: int = 5000) -> None:
    """Recount RETWEETED {count, first_at, last_at} from the tweet graph (idempotent) where adding this load's new
    retweets batch by batch was not enough: retweeters of retweets that existed already (a re-load, stubs gaining
    their row) and the earlier retweeters of tweets that gained their author in this load."""
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


def prepare_follows(store: GraphStore, rows: Sequence[Row], ctx: LoadContext) -> BatchPlan:
    stubs = stub_step([r["src"] for r in rows] + [r["dst"] for r in rows], ctx)
    follows = Step("follows", {"src": [r["src"] for r in rows], "dst": [r["dst"] for r in rows],
                               "observed_at": [r.get("observed_at") for r in rows]}, len(rows))
    remember_accounts(stubs, ctx)
    return BatchPlan(len(rows), [stubs, follows])
