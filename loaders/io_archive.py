"""Twitter information-operations archive releases: a users CSV (10 columns) and a tweets CSV (31 columns).

Which of the two a file is comes from its header. Real-data quirks handled here: ids are kept as strings;
accounts under 5,000 followers have id, name and handle replaced by one base64 hash (``hashed``); ``tweet_time``
has minute resolution; ``hashtags``/``urls``/``user_mentions`` are Python-list text; counts may be ``0.0``;
``latitude``/``longitude`` hold ``absent``/``present``. Referenced accounts and tweets (retweeted, replied to,
quoted, mentioned) appear in the rows as ids only; the writer turns those into stubs.

Output rows (shared with :mod:`netforensics.loaders.twitter_json`):
- account: ``{"id", "props": {screen_name, display_name, ..., hashed}}``
- tweet: ``{"id", "author_id", "author": account row | None, "props": {...}, "retweet_of", "retweet_author",
  "reply_to", "reply_author", "quote_of", "mentions": [ids], "hashtags": [names], "urls": [urls]}``
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from netforensics.loaders import values as v
from netforensics.loaders.reading import HeaderMismatch, Parsed, ParsedSource, Reject, convert_records, csv_record_text, open_csv, peek_csv_header

USER_COLUMNS = (
    "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
    "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language",
)
TWEET_COLUMNS = (
    "tweetid", "userid", "user_display_name", "user_screen_name", "user_reported_location",
    "user_profile_description", "user_profile_url", "follower_count", "following_count", "account_creation_date",
    "account_language", "tweet_language", "tweet_text", "tweet_time", "tweet_client_name", "in_reply_to_tweetid",
    "in_reply_to_userid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid", "retweet_tweetid", "latitude",
    "longitude", "quote_count", "reply_count", "like_count", "retweet_count", "hashtags", "urls", "user_mentions",
    "poll_choices",
)
_COORDINATE_VALUES = {"present": True, "absent": False, "": None}


def file_kind(path: Path) -> str:
    """``"io-tweets"`` or ``"io-users"`` from the header; a clear error for anything else."""
    header = peek_csv_header(path)
    if "tweetid" in header:
        return "io-tweets"
    if "userid" in header:
        return "io-users"
    raise HeaderMismatch(
        f"{path}: not an information-operations archive file: expected the users header "
        f"({','.join(USER_COLUMNS)}) or the tweets header ({','.join(TWEET_COLUMNS)}); found {','.join(header) or '(empty file)'}."
    )


def release_files(paths: list[Path]) -> list[Path]:
    """Expand folders into their CSV files (users before tweets, so accounts arrive before their tweets)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.name.endswith((".csv", ".csv.gz")) and ".rejects." not in p.name))
        else:
            found.append(path)
    return sorted(found, key=lambda p: (0 if "user" in p.name.lower() else 1, str(p)))


def dataset_name(paths: list[Path]) -> str:
    """A release name from its file names: ``hong_kong_201908_tweets_csv_hashed.csv`` -> ``hong_kong_201908``."""
    stems = []
    for path in paths:
        name = path.name.lower()
        for suffix in (".gz", ".csv"):
            name = name.removesuffix(suffix)
        for marker in ("_tweets", "_users", "-tweets", "-users", "tweets", "users"):
            index = name.find(marker)
            if index >= 0:
                name = name[:index]
                break
        stems.append(name.strip("_-") or path.parent.name)
    return sorted(stems)[0] if stems else "unnamed"


def parse(path: Path) -> ParsedSource:
    kind = file_kind(path)
    if kind == "io-users":
        reader = open_csv(path, USER_COLUMNS)
        records = _users(reader.header, reader.records())
    else:
        reader = open_csv(path, TWEET_COLUMNS)
        records = _tweets(reader.header, reader.records())
    return ParsedSource(path, kind, records, reader.bytes_total, reader.bytes_done)


def _account(fields: list[str], at: dict[str, int]) -> dict[str, Any]:
    account_id = v.required_id(fields[at["userid"]], "userid")
    screen_name = v.key(fields[at["user_screen_name"]], "user_screen_name")
    return {
        "id": account_id,
        "props": {
            "screen_name": screen_name or None,
            "display_name": fields[at["user_display_name"]] or None,
            "location": fields[at["user_reported_location"]] or None,
            "description": fields[at["user_profile_description"]] or None,
            "profile_url": fields[at["user_profile_url"]] or None,
            "followers": v.count(fields[at["follower_count"]], "follower_count"),
            "following": v.count(fields[at["following_count"]], "following_count"),
            "created_at": v.timestamp_text(fields[at["account_creation_date"]], "account_creation_date"),
            "lang": fields[at["account_language"]] or None,
            "hashed": not account_id.isdigit(),
        },
    }


def _users(header: list[str], records: Iterator[tuple[int, list[str]] | Reject]) -> Iterator[Parsed]:
    at = {name: header.index(name) for name in USER_COLUMNS}
    return convert_records(records, lambda fields: _account(fields, at))


def _tweets(header: list[str], records: Iterator[tuple[int, list[str]] | Reject]) -> Iterator[Parsed]:
    at = {name: header.index(name) for name in TWEET_COLUMNS}
    i_id, i_text, i_time, i_lang, i_client = at["tweetid"], at["tweet_text"], at["tweet_time"], at["tweet_language"], at["tweet_client_name"]
    i_reply, i_reply_user, i_quote = at["in_reply_to_tweetid"], at["in_reply_to_userid"], at["quoted_tweet_tweetid"]
    i_is_rt, i_rt_user, i_rt = at["is_retweet"], at["retweet_userid"], at["retweet_tweetid"]
    i_lat, i_lon = at["latitude"], at["longitude"]
    counts = [(name, at[name]) for name in ("quote_count", "reply_count", "like_count", "retweet_count")]
    i_tags, i_urls, i_mentions = at["hashtags"], at["urls"], at["user_mentions"]
    user_indexes = [at[name] for name in USER_COLUMNS]
    authors: dict[tuple[str, ...], dict[str, Any]] = {}  # a few accounts write most tweets: convert each once
    for record in records:
        if isinstance(record, Reject):
            yield record
            continue
        line, fields = record
        try:
            key = tuple([fields[i] for i in user_indexes])
            author = authors.get(key)
            if author is None:
                author = _account(fields, at)
                if len(authors) >= 100_000:
                    authors.clear()
                authors[key] = author
            coordinates = fields[i_lat].strip().lower()
            if coordinates not in _COORDINATE_VALUES:
                coordinates = "present"  # real coordinates in an unredacted release
            if fields[i_lon].strip().lower() == "present":
                coordinates = "present"
            retweet_of = v.optional_id(fields[i_rt], "retweet_tweetid")
            props = {
                "created_at": v.timestamp_text(fields[i_time], "tweet_time"),
                "text": fields[i_text],
                "lang": fields[i_lang] or None,
                "client": fields[i_client] or None,
                "is_retweet": v.flag(fields[i_is_rt], "is_retweet") or retweet_of is not None,
                "has_coordinates": _COORDINATE_VALUES[coordinates],
            }
            for name, index in counts:
                props[name] = v.count(fields[index], name)
            if props["created_at"] is None:
                raise ValueError("tweet_time is empty")
            yield {
                "id": v.required_id(fields[i_id], "tweetid"),
                "author_id": author["id"],
                "author": author,
                "props": props,
                "retweet_of": retweet_of,
                "retweet_author": v.optional_id(fields[i_rt_user], "retweet_userid"),
                "reply_to": v.optional_id(fields[i_reply], "in_reply_to_tweetid"),
                "reply_author": v.optional_id(fields[i_reply_user], "in_reply_to_userid"),
                "quote_of": v.optional_id(fields[i_quote], "quoted_tweet_tweetid"),
                "mentions": v.keys(v.python_list(fields[i_mentions], "user_mentions"), "user_mentions"),
                "hashtags": v.keys([t.lstrip("#").lower() for t in v.python_list(fields[i_tags], "hashtags") if t.strip("# ")], "hashtags"),
                "urls": v.keys([u for u in v.python_list(fields[i_urls], "urls") if u], "urls"),
            }
        except (ValueError, OverflowError) as err:
            yield Reject(line, str(err), csv_record_text(fields))
