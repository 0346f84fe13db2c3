"""Write a generated world in the real formats, chunk by chunk (memory stays flat in the tweet count).

Files: ``users.csv`` and ``tweets.csv`` (Twitter information-operations archive layout), ``follows.csv``,
``ips.csv``, ``ip_ranges.csv``, ``labels.csv`` (ground truth), ``manifest.json`` and ``README.md``.
Tweet texts are rendered from integer codes per chunk; every string column goes through pyarrow's CSV
writer, which quotes text and leaves numbers bare, as the releases do.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from netforensics.synth import vocabulary as vocab
from netforensics.synth.infrastructure import Infrastructure, address_strings
from netforensics.synth.tables import QUOTE, REPLY, RETWEET, ROLE_NAMES, Accounts, Follows, Tweets

USERS_COLUMNS = (
    "userid", "user_display_name", "user_screen_name", "user_reported_location", "user_profile_description",
    "user_profile_url", "follower_count", "following_count", "account_creation_date", "account_language",
)
TWEETS_COLUMNS = (
    "tweetid", *USERS_COLUMNS, "tweet_language", "tweet_text", "tweet_time", "tweet_client_name",
    "in_reply_to_userid", "in_reply_to_tweetid", "quoted_tweet_tweetid", "is_retweet", "retweet_userid",
    "retweet_tweetid", "latitude", "longitude", "quote_count", "reply_count", "like_count", "retweet_count",
    "hashtags", "urls", "user_mentions", "poll_choices",
)
CHUNK_ROWS = 50_000  # rows rendered as Python strings at a time: bounds the writer's memory
_OPTIONS = pa_csv.WriteOptions(quoting_style="needed", quoting_header="none", batch_size=8192)

_PHRASES = np.asarray([p for topic in vocab.TOPICS for p in vocab.TOPIC_PHRASES[topic]], dtype=object)
_PHRASE_COUNT = np.asarray([len(vocab.TOPIC_PHRASES[t]) for t in vocab.TOPICS], np.int64)
_PHRASE_OFFSET = np.concatenate([[0], np.cumsum(_PHRASE_COUNT)[:-1]])
_TWEET_LANG = np.asarray([vocab.TOPIC_LANG[t] for t in vocab.TOPICS], dtype=object)
_HASHTAG_TEXT = np.asarray(list(vocab.HASHTAGS) + [""], dtype=object)  # index -1 -> ""
_CLIENTS = np.asarray(vocab.CLIENTS, dtype=object)
_ACCOUNT_LANGS = np.asarray(vocab.ACCOUNT_LANGS, dtype=object)


@dataclass
class Identities:
    """What the files show for each account: id text, handle, display name (hashed where the release would)."""

    account_id: np.ndarray  # object str
    screen_name: np.ndarray
    display_name: np.ndarray


@dataclass
class Engagement:
    """Per-tweet counts as the platform reported them."""

    quote_count: np.ndarray
    reply_count: np.ndarray
    like_count: np.ndarray
    retweet_count: np.ndarray


def _format_times(seconds: np.ndarray, unit: str, fmt: str) -> np.ndarray:
    text = np.datetime_as_string(seconds.astype("datetime64[s]"), unit=unit)  # type: ignore[call-overload]
    if fmt == "minute":
        return np.char.replace(text, "T", " ")
    if fmt == "iso":
        return np.char.add(text, "Z")
    return text


def _write(path: Path, columns: dict[str, np.ndarray | list[str] | pa.Array], sink: pa_csv.CSVWriter | None = None) -> None:
    table = pa.table({name: values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())
                      for name, values in columns.items()})
    if sink is not None:
        sink.write_table(table)
    else:
        pa_csv.write_csv(table, path, _OPTIONS)


def _writer(path: Path, names: tuple[str, ...]) -> pa_csv.CSVWriter:
    schema = pa.schema([(n, pa.string()) for n in names])
    return pa_csv.CSVWriter(str(path), schema, write_options=_OPTIONS)


def _count_text(values: np.ndarray, as_float: bool) -> np.ndarray:
    text = values.astype(str).astype(object)
    return text + ".0" if as_float else text


def _account_columns(accounts: Accounts, ids: Identities) -> dict[str, np.ndarray]:
    return {
        "userid": ids.account_id,
        "user_display_name": ids.display_name,
        "user_screen_name": ids.screen_name,
        "user_reported_location": accounts.location,
        "user_profile_description": accounts.description,
        "user_profile_url": accounts.profile_url,
        "follower_count": accounts.followers.astype(str).astype(object),
        "following_count": accounts.following.astype(str).astype(object),
        "account_creation_date": _format_times(accounts.created, "D", "date").astype(object),
        "account_language": _ACCOUNT_LANGS[accounts.lang],
    }


def write_users(path: Path, accounts: Accounts, ids: Identities, order: np.ndarray) -> None:
    columns = _account_columns(accounts, ids)
    _write(path, {k: v[order] for k, v in columns.items()})


def write_labels(path: Path, accounts: Accounts, ids: Identities, order: np.ndarray) -> None:
    team = np.where(accounts.team >= 0, np.char.add("team-", (accounts.team + 1).astype(str)), "").astype(object)
    _write(path, {
        "account_id": ids.account_id[order],
        "role": np.asarray(ROLE_NAMES, dtype=object)[accounts.role[order]],
        "team": team[order],
    })


def _url_text(url: np.ndarray) -> np.ndarray:
    out = np.full(url.shape[0], "", dtype=object)
    for i in np.flatnonzero(url >= 0).tolist():
        u = int(url[i])
        if u >= 1_000_000:
            u -= 1_000_000
            domain = vocab.OUTLET_DOMAINS[u % len(vocab.OUTLET_DOMAINS)]
            out[i] = f"https://{domain}/posts/{u:05d}"
        else:
            out[i] = f"https://{vocab.ORGANIC_DOMAINS[u % len(vocab.ORGANIC_DOMAINS)]}/article/{u:05d}"
    return out


def _own_text(tweets: Tweets, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text of tweets ``idx`` as their authors wrote it, plus the hashtag and url column texts."""
    topic = tweets.topic[idx].astype(np.int64)
    a = _PHRASES[_PHRASE_OFFSET[topic] + tweets.phrase_a[idx] % _PHRASE_COUNT[topic]]
    b = _PHRASES[_PHRASE_OFFSET[topic] + tweets.phrase_b[idx] % _PHRASE_COUNT[topic]]
    tag = _HASHTAG_TEXT[tweets.hashtag[idx]]
    url = _url_text(tweets.url[idx])
    has_tag = tweets.hashtag[idx] >= 0
    has_url = tweets.url[idx] >= 0
    text = a + " " + b
    text = np.where(has_tag, text + " #" + tag, text)
    text = np.where(has_url, text + " " + url, text)
    tags = np.where(has_tag, "['" + tag + "']", "[]")
    urls = np.where(has_url, "['" + url + "']", "[]")
    return text, tags, urls


def _tweet_chunks(n: int) -> Iterator[np.ndarray]:
    for lo in range(0, n, CHUNK_ROWS):
        yield np.arange(lo, min(n, lo + CHUNK_ROWS))


def write_tweets(path: Path, tweets: Tweets, tweet_ids: np.ndarray, accounts: Accounts, ids: Identities,
                 engagement: Engagement, float_columns: tuple[str, ...], has_coordinates: np.ndarray) -> None:
    """``tweets`` must be in output order; targets index into the same table."""
    # account columns once as compact Arrow strings, gathered per chunk with ``take``
    account_cols = {name: pa.array(values, type=pa.string()) for name, values in _account_columns(accounts, ids).items()}
    sink = _writer(path, TWEETS_COLUMNS)
    try:
        for idx in _tweet_chunks(len(tweets)):
            kind = tweets.kind[idx]
            target = tweets.target[idx]
            has_target = target >= 0
            safe_target = np.where(has_target, target, 0)
            own_id = tweet_ids[idx].astype(str).astype(object)
            target_id = tweet_ids[safe_target].astype(str).astype(object)
            target_author = tweets.author[safe_target]
            # retweets show the original's text, tags and links; others their own
            source = np.where(kind == RETWEET, safe_target, idx)
            text, tags, urls = _own_text(tweets, source)
            target_screen = ids.screen_name[target_author]
            is_rt, is_reply, is_quote = kind == RETWEET, kind == REPLY, kind == QUOTE
            text = np.where(is_rt, "RT @" + target_screen + ": " + text, text)
            text = np.where(is_reply, "@" + target_screen + " " + text, text)
            text = np.where(is_quote, text + " https://twitter.com/" + target_screen + "/status/" + target_id, text)
            target_user = ids.account_id[target_author]
            mentions = np.where(has_target & (is_rt | is_reply), "['" + target_user + "']", "[]")
            author = tweets.author[idx]
            coords = np.where(has_coordinates[idx], "present", "absent").astype(object)
            empty = np.full(idx.shape[0], "", dtype=object)
            row = {
                "tweetid": own_id,
                **{name: values.take(pa.array(author)) for name, values in account_cols.items()},
                "tweet_language": _TWEET_LANG[tweets.topic[source]],
                "tweet_text": text,
                "tweet_time": _format_times(tweets.time[idx], "m", "minute").astype(object),
                "tweet_client_name": _CLIENTS[tweets.client[idx]],
                "in_reply_to_userid": np.where(is_reply, target_user, empty),
                "in_reply_to_tweetid": np.where(is_reply, target_id, empty),
                "quoted_tweet_tweetid": np.where(is_quote, target_id, empty),
                "is_retweet": np.where(is_rt, "True", "False").astype(object),
                "retweet_userid": np.where(is_rt, target_user, empty),
                "retweet_tweetid": np.where(is_rt, target_id, empty),
                "latitude": coords,
                "longitude": coords,
                "quote_count": _count_text(engagement.quote_count[idx], "quote_count" in float_columns),
                "reply_count": _count_text(engagement.reply_count[idx], "reply_count" in float_columns),
                "like_count": _count_text(engagement.like_count[idx], "like_count" in float_columns),
                "retweet_count": _count_text(engagement.retweet_count[idx], "retweet_count" in float_columns),
                "hashtags": tags,
                "urls": urls,
                "user_mentions": mentions,
                "poll_choices": empty,
            }
            _write(path, row, sink)
    finally:
        sink.close()


def write_follows(path: Path, follows: Follows, ids: Identities, order: np.ndarray) -> None:
    sink = _writer(path, ("src_account_id", "dst_account_id", "observed_at"))
    try:
        for lo in range(0, order.shape[0], CHUNK_ROWS):
            sel = order[lo: lo + CHUNK_ROWS]
            _write(path, {
                "src_account_id": ids.account_id[follows.src[sel]],
                "dst_account_id": ids.account_id[follows.dst[sel]],
                "observed_at": _format_times(follows.observed[sel], "s", "iso").astype(object),
            }, sink)
    finally:
        sink.close()


def write_ips(path: Path, infra: Infrastructure, ids: Identities, order: np.ndarray) -> None:
    obs = infra.observations
    sink = _writer(path, ("account_id", "ip", "first_seen", "last_seen", "count"))
    try:
        for lo in range(0, order.shape[0], CHUNK_ROWS):
            sel = order[lo: lo + CHUNK_ROWS]
            _write(path, {
                "account_id": ids.account_id[obs.account[sel]],
                "ip": address_strings(infra.networks, obs.network[sel], obs.host[sel]),
                "first_seen": _format_times(obs.first_seen[sel], "s", "iso").astype(object),
                "last_seen": _format_times(obs.last_seen[sel], "s", "iso").astype(object),
                "count": obs.count[sel].astype(str).astype(object),
            }, sink)
    finally:
        sink.close()


def write_ip_ranges(path: Path, infra: Infrastructure) -> None:
    nets = sorted(infra.networks, key=lambda n: (n.version, n.base))
    _write(path, {
        "network": [n.cidr for n in nets],
        "asn": [str(n.asn) for n in nets],
        "as_org": [n.org for n in nets],
        "country": [n.country for n in nets],
        "is_vpn": ["true" if n.kind == "vpn" else "false" for n in nets],
        "kind": [n.kind for n in nets],
    })
