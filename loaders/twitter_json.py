"""Twitter API tweet JSON as written by twarc (v1.1) and twarc2 (v2): one tweet or one response page per line.

Accepted per line: a v1.1 tweet, a list of them, a v1.1 search page (``{"statuses": [...]}``), a v2 response page
(``{"data": [...], "includes": {"users": [...], "tweets": [...]}}``) or a single v2 tweet (twarc2 ``flatten``
output, with ``author`` embedded). Each line yields account rows (embedded users, also those of retweeted and
quoted tweets) and tweet rows in the shapes of :mod:`netforensics.loaders.io_archive`; a line that cannot be
read is one reject. Retweeted and quoted tweets embedded in the line are loaded as full tweets too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netforensics.loaders import values as v
from netforensics.loaders.reading import Parsed, ParsedSource, Reject, Row, json_lines

_CLIENT = re.compile(r">([^<]*)<")


def parse(path: Path) -> ParsedSource:
    lines, position = json_lines(path)
    return ParsedSource(path, "twitter-json", _rows(lines), path.stat().st_size, position)


def _rows(lines: Iterator[tuple[int, Any] | Reject]) -> Iterator[Parsed]:
    for item in lines:
        if isinstance(item, Reject):
            yield item
            continue
        number, value = item
        try:
            rows = list(rows_of_line(value))
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            yield Reject(number, f"not a Twitter v1.1/v2 tweet or page: {type(err).__name__} {err}", json.dumps(value, ensure_ascii=False)[:10000])
            continue
        if not rows:
            yield Reject(number, "no tweets in this line", json.dumps(value, ensure_ascii=False)[:10000])
            continue
        yield from rows


def rows_of_line(value: Any) -> Iterator[Row]:
    if isinstance(value, list):
        for tweet in value:
            yield from _v1_tweet(tweet)
    elif not isinstance(value, dict):
        raise ValueError("expected a JSON object or array")
    elif "statuses" in value:
        for tweet in value["statuses"]:
            yield from _v1_tweet(tweet)
    elif "data" in value:
        yield from _v2_page(value)
    elif "id_str" in value or "user" in value:
        yield from _v1_tweet(value)
    elif "author_id" in value:
        yield from _v2_page({"data": [value], "includes": {}})
    else:
        raise ValueError("neither a v1.1 tweet (id_str, user) nor a v2 page/tweet (data, author_id)")


# -- v1.1 ------------------------------------------------------------------------------------------
def _v1_user(user: dict[str, Any]) -> Row:
    return {
        "id": str(user["id_str"] if "id_str" in user else user["id"]),
        "props": {
            "screen_name": user.get("screen_name"),
            "display_name": user.get("name"),
            "location": user.get("location") or None,
            "description": user.get("description") or None,
            "profile_url": user.get("url"),
            "followers": user.get("followers_count"),
            "following": user.get("friends_count"),
            "created_at": v.twitter_time_text(user["created_at"]) if user.get("created_at") else None,
            "lang": user.get("lang"),
            "hashed": False,
        },
    }


def _v1_tweet(tweet: dict[str, Any]) -> Iterator[Row]:
    if not isinstance(tweet, dict):
        raise ValueError("a tweet must be a JSON object")
    author = _v1_user(tweet["user"])
    yield author
    retweeted = tweet.get("retweeted_status")
    quoted = tweet.get("quoted_status")
    for embedded in (retweeted, quoted):
        if isinstance(embedded, dict) and "user" in embedded:
            yield from _v1_tweet(embedded)
    extended = tweet.get("extended_tweet") or {}
    entities = extended.get("entities") or tweet.get("entities") or {}
    text = extended.get("full_text") or tweet.get("full_text") or tweet.get("text") or ""
    mentions = entities.get("user_mentions") or []
    for mention in mentions:
        yield {"id": str(mention.get("id_str") or mention["id"]), "props": {"screen_name": mention.get("screen_name")}, "stub": True}
    source = tweet.get("source") or ""
    match = _CLIENT.search(source)
    yield {
        "id": str(tweet.get("id_str") or tweet["id"]),
        "author_id": author["id"],
        "author": None,  # yielded above as its own account row
        "props": {
            "created_at": v.twitter_time_text(tweet["created_at"]),
            "text": text,
            "lang": tweet.get("lang"),
            "client": match.group(1) if match else (source or None),
            "is_retweet": retweeted is not None,
            "like_count": tweet.get("favorite_count"),
            "retweet_count": tweet.get("retweet_count"),
            "reply_count": tweet.get("reply_count"),
            "quote_count": tweet.get("quote_count"),
            "has_coordinates": tweet.get("coordinates") is not None,
        },
        "retweet_of": str(retweeted["id_str"]) if retweeted else None,
        "retweet_author": str(retweeted["user"]["id_str"]) if retweeted else None,
        "reply_to": tweet.get("in_reply_to_status_id_str"),
        "reply_author": tweet.get("in_reply_to_user_id_str"),
        "quote_of": tweet.get("quoted_status_id_str"),
        "mentions": [str(m.get("id_str") or m["id"]) for m in mentions],
        "hashtags": [str(h["text"]).lower() for h in entities.get("hashtags") or []],
        "urls": [u.get("expanded_url") or u["url"] for u in entities.get("urls") or []],
    }


# -- v2 --------------------------------------------------------------------------------------------
def _v2_user(user: dict[str, Any]) -> Row:
    metrics = user.get("public_metrics") or {}
    return {
        "id": str(user["id"]),
        "props": {
            "screen_name": user.get("username"),
            "display_name": user.get("name"),
            "location": user.get("location") or None,
            "description": user.get("description") or None,
            "profile_url": user.get("url") or None,
            "followers": metrics.get("followers_count"),
            "following": metrics.get("following_count"),
            "created_at": v.twitter_time_text(user["created_at"]) if user.get("created_at") else None,
            "lang": None,
            "hashed": False,
        },
    }


def _v2_page(page: dict[str, Any]) -> Iterator[Row]:
    includes = page.get("includes") or {}
    data = page["data"]
    tweets = data if isinstance(data, list) else [data]
    included = [t for t in includes.get("tweets") or []]
    authors = {str(t["id"]): str(t["author_id"]) for t in tweets + included if "author_id" in t}
    for user in includes.get("users") or []:
        yield _v2_user(user)
    for tweet in tweets + included:
        if isinstance(tweet.get("author"), dict):
            yield _v2_user(tweet["author"])
        for ref in tweet.get("referenced_tweets") or []:
            embedded = ref.get("tweet")
            if isinstance(embedded, dict) and "author_id" in embedded:
                authors[str(embedded["id"])] = str(embedded["author_id"])
        yield _v2_tweet(tweet, authors)


def _v2_tweet(tweet: dict[str, Any], authors: dict[str, str]) -> Row:
    refs = {ref["type"]: str(ref["id"]) for ref in tweet.get("referenced_tweets") or []}
    entities = tweet.get("entities") or {}
    metrics = tweet.get("public_metrics") or {}
    retweet_of = refs.get("retweeted")
    reply_to = refs.get("replied_to")
    return {
        "id": str(tweet["id"]),
        "author_id": str(tweet["author_id"]),
        "author": None,
        "props": {
            "created_at": v.twitter_time_text(tweet["created_at"]),
            "text": tweet.get("text") or "",
            "lang": tweet.get("lang"),
            "client": tweet.get("source"),
            "is_retweet": retweet_of is not None,
            "like_count": metrics.get("like_count"),
            "retweet_count": metrics.get("retweet_count"),
            "reply_count": metrics.get("reply_count"),
            "quote_count": metrics.get("quote_count"),
            "has_coordinates": bool((tweet.get("geo") or {}).get("coordinates")),
        },
        "retweet_of": retweet_of,
        "retweet_author": authors.get(retweet_of) if retweet_of else None,
        "reply_to": reply_to,
        "reply_author": str(tweet["in_reply_to_user_id"]) if tweet.get("in_reply_to_user_id") else (authors.get(reply_to) if reply_to else None),
        "quote_of": refs.get("quoted"),
        "mentions": [str(m["id"]) for m in entities.get("mentions") or [] if m.get("id")],
        "hashtags": [str(h["tag"]).lower() for h in entities.get("hashtags") or []],
        "urls": [u.get("expanded_url") or u["url"] for u in entities.get("urls") or []],
    }
