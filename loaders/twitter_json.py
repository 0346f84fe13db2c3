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
    accepted = [0]
    return ParsedSource(path, "twitter-json", _rows(lines, accepted), path.stat().st_size, position,
                        records_accepted=lambda: accepted[0])


def _rows(lines: Iterator[tuple[int, Any] | Reject], accepted: list[int]) -> Iterator[Parsed]:
    """Each line's rows, or one reject for the line; ``accepted[0]`` counts the lines whose rows were yielded."""
    for item in lines:
        if isinstance(item, Reject):
            yield item
            continue
        number, value = item
        try:
            rows = list(rows_of_line(value))
        except ValueError as err:  # a value of the wrong type or range, named by its field
            yield Reject(number, str(err), json.dumps(value, ensure_ascii=False)[:10000])
            continue
        except (KeyError, TypeError, AttributeError, OverflowError) as err:
            yield Reject(number, f"not a Twitter v1.1/v2 tweet or page: {type(err).__name__} {err}", json.dumps(value, ensure_ascii=False)[:10000])
            continue
        if not rows:
            yield Reject(number, "no tweets in this line", json.dumps(value, ensure_ascii=False)[:10000])
            continue
        accepted[0] += 1
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


# -- values: JSON gives any type where the API promises one; a wrong one rejects the line ---------------
def _id(value: Any, column: str) -> str:
    if isinstance(value, str):
        return v.required_id(value, column)
    if type(value) is int:
        return str(value)
    raise ValueError(f"{column} is not an id: {value!r}"[:200])


def _optional_id(value: Any, column: str) -> str | None:
    return None if value is None or value == "" else _id(value, column)


def _text(value: Any, column: str) -> str | None:
    if value is None or isinstance(value, str):
        return value
    raise ValueError(f"{column} is not text: {value!r}"[:200])


def _key(value: Any, column: str) -> str | None:
    text = _text(value, column)
    return None if text is None else v.key(text, column)


def _required_key(value: Any, column: str) -> str:
    text = _key(value, column)
    if not text:
        raise ValueError(f"{column} is empty")
    return text


def _time(value: Any, column: str) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise ValueError(f"{column} is not a date/time: {value!r}"[:200])
    return v.twitter_time_text(value)


# -- v1.1 ------------------------------------------------------------------------------------------
def _v1_user(user: dict[str, Any]) -> Row:
    return {
        "id": _id(user["id_str"] if "id_str" in user else user["id"], "user.id"),
        "props": {
            "screen_name": _key(user.get("screen_name"), "user.screen_name"),
            "display_name": _text(user.get("name"), "user.name"),
            "location": _text(user.get("location"), "user.location") or None,
            "description": _text(user.get("description"), "user.description") or None,
            "profile_url": _text(user.get("url"), "user.url"),
            "followers": v.json_count(user.get("followers_count"), "user.followers_count"),
            "following": v.json_count(user.get("friends_count"), "user.friends_count"),
            "created_at": _time(user.get("created_at"), "user.created_at"),
            "lang": _text(user.get("lang"), "user.lang"),
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
    mentioned = [_id(m.get("id_str") or m["id"], "entities.user_mentions.id") for m in mentions]
    for mention, mention_id in zip(mentions, mentioned):
        yield {"id": mention_id, "props": {"screen_name": _key(mention.get("screen_name"), "user_mentions.screen_name")}, "stub": True}
    source = _text(tweet.get("source"), "source") or ""
    match = _CLIENT.search(source)
    created_at = _time(tweet["created_at"], "created_at")
    if created_at is None:
        raise ValueError("created_at is empty")
    yield {
        "id": _id(tweet.get("id_str") or tweet["id"], "id"),
        "author_id": author["id"],
        "author": None,  # yielded above as its own account row
        "props": {
            "created_at": created_at,
            "text": _text(text, "text"),
            "lang": _text(tweet.get("lang"), "lang"),
            "client": match.group(1) if match else (source or None),
            "is_retweet": retweeted is not None,
            "like_count": v.json_count(tweet.get("favorite_count"), "favorite_count"),
            "retweet_count": v.json_count(tweet.get("retweet_count"), "retweet_count"),
            "reply_count": v.json_count(tweet.get("reply_count"), "reply_count"),
            "quote_count": v.json_count(tweet.get("quote_count"), "quote_count"),
            "has_coordinates": tweet.get("coordinates") is not None,
        },
        "retweet_of": _id(retweeted["id_str"], "retweeted_status.id_str") if retweeted else None,
        "retweet_author": _id(retweeted["user"]["id_str"], "retweeted_status.user.id_str") if retweeted else None,
        "reply_to": _optional_id(tweet.get("in_reply_to_status_id_str"), "in_reply_to_status_id_str"),
        "reply_author": _optional_id(tweet.get("in_reply_to_user_id_str"), "in_reply_to_user_id_str"),
        "quote_of": _optional_id(tweet.get("quoted_status_id_str"), "quoted_status_id_str"),
        "mentions": mentioned,
        "hashtags": [_required_key(h["text"], "entities.hashtags.text").lower() for h in entities.get("hashtags") or []],
        "urls": [_required_key(u.get("expanded_url") or u["url"], "entities.urls.url") for u in entities.get("urls") or []],
    }


# -- v2 --------------------------------------------------------------------------------------------
def _v2_user(user: dict[str, Any]) -> Row:
    metrics = user.get("public_metrics") or {}
    return {
        "id": _id(user["id"], "users.id"),
        "props": {
            "screen_name": _key(user.get("username"), "users.username"),
            "display_name": _text(user.get("name"), "users.name"),
            "location": _text(user.get("location"), "users.location") or None,
            "description": _text(user.get("description"), "users.description") or None,
            "profile_url": _text(user.get("url"), "users.url") or None,
            "followers": v.json_count(metrics.get("followers_count"), "users.public_metrics.followers_count"),
            "following": v.json_count(metrics.get("following_count"), "users.public_metrics.following_count"),
            "created_at": _time(user.get("created_at"), "users.created_at"),
            "lang": None,
            "hashed": False,
        },
    }


def _v2_page(page: dict[str, Any]) -> Iterator[Row]:
    includes = page.get("includes") or {}
    data = page["data"]
    tweets = data if isinstance(data, list) else [data]
    included = [t for t in includes.get("tweets") or []]
    authors = {_id(t["id"], "id"): _id(t["author_id"], "author_id") for t in tweets + included if "author_id" in t}
    for user in includes.get("users") or []:
        yield _v2_user(user)
    for tweet in tweets + included:
        if isinstance(tweet.get("author"), dict):
            yield _v2_user(tweet["author"])
        for ref in tweet.get("referenced_tweets") or []:
            embedded = ref.get("tweet")
            if isinstance(embedded, dict) and "author_id" in embedded:
                authors[_id(embedded["id"], "id")] = _id(embedded["author_id"], "author_id")
        yield _v2_tweet(tweet, authors)


def _v2_tweet(tweet: dict[str, Any], authors: dict[str, str]) -> Row:
    refs = {ref["type"]: _id(ref["id"], "referenced_tweets.id") for ref in tweet.get("referenced_tweets") or []}
    entities = tweet.get("entities") or {}
    metrics = tweet.get("public_metrics") or {}
    retweet_of = refs.get("retweeted")
    reply_to = refs.get("replied_to")
    created_at = _time(tweet["created_at"], "created_at")
    if created_at is None:
        raise ValueError("created_at is empty")
    return {
        "id": _id(tweet["id"], "id"),
        "author_id": _id(tweet["author_id"], "author_id"),
        "author": None,
        "props": {
            "created_at": created_at,
            "text": _text(tweet.get("text"), "text") or "",
            "lang": _text(tweet.get("lang"), "lang"),
            "client": _text(tweet.get("source"), "source"),
            "is_retweet": retweet_of is not None,
            "like_count": v.json_count(metrics.get("like_count"), "public_metrics.like_count"),
            "retweet_count": v.json_count(metrics.get("retweet_count"), "public_metrics.retweet_count"),
            "reply_count": v.json_count(metrics.get("reply_count"), "public_metrics.reply_count"),
            "quote_count": v.json_count(metrics.get("quote_count"), "public_metrics.quote_count"),
            "has_coordinates": bool((tweet.get("geo") or {}).get("coordinates")),
        },
        "retweet_of": retweet_of,
        "retweet_author": authors.get(retweet_of) if retweet_of else None,
        "reply_to": reply_to,
        "reply_author": _id(tweet["in_reply_to_user_id"], "in_reply_to_user_id") if tweet.get("in_reply_to_user_id") else (authors.get(reply_to) if reply_to else None),
        "quote_of": refs.get("quoted"),
        "mentions": [_id(m["id"], "entities.mentions.id") for m in entities.get("mentions") or [] if m.get("id")],
        "hashtags": [_required_key(h["tag"], "entities.hashtags.tag").lower() for h in entities.get("hashtags") or []],
        "urls": [_required_key(u.get("expanded_url") or u["url"], "entities.urls.url") for u in entities.get("urls") or []],
    }
