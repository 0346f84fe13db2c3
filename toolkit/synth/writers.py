"""Write a generated world in the real formats, block by block (memory stays flat in the tweet count).

Files: ``users.csv`` and ``tweets.csv`` (Twitter information-operations archive layout), ``follows.csv``,
``ips.csv``, ``ip_ranges.csv``, ``labels.csv`` (ground truth), ``manifest.json`` and ``README.md``.
Tweet texts are rendered from integer codes per chunk of at most ``CHUNK_ROWS`` rows; account columns are
Arrow arrays gathered per chunk with ``take``; every string column goes through pyarrow's CSV writer, which
quotes text and leaves numbers bare, as the releases do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv

from netforensics.synth import vocabulary as vocab
from netforensics.synth.infrastructure import Infrastructure, address_strings
from netforensics.synth.stream import Engagement
from netforensics.synth.tables import AMPLIFIER, QUOTE, REPLY, RETWEET, ROLE_NAMES, Accounts, TweetRows

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
CHUNK_ROWS = 10_000  # rows rendered as Python strings at a time: bounds the writer's memory
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

    account_id: pa.Array  # string
    screen_name: pa.Array
    display_name: pa.Array


def _format_times(seconds: np.ndarray, unit: str, fmt: str) -> np.ndarray:
    text = np.datetime_as_string(seconds.astype("datetime64[s]"), unit=unit)  # type: ignore[call-overload]
    if fmt == "minute":
        return np.char.replace(text, "T", " ")
    if fmt == "iso":
        return np.char.add(text, "Z")
    return text


def _table(columns: dict[str, np.ndarray | list[str] | pa.Array]) -> pa.Table:
    return pa.table({name: values if isinstance(values, pa.Array) else pa.array(values, type=pa.string())
                     for name, values in columns.items()})


def _writer(path: Path, names: tuple[str, ...]) -> pa_csv.CSVWriter:
    schema = pa.schema([(n, pa.string()) for n in names])
    return pa_csv.CSVWriter(str(path), schema, write_options=_OPTIONS)


def _count_text(values: np.ndarray, as_float: bool) -> np.ndarray:
    text = values.astype(str).astype(object)
    return text + ".0" if as_float else text


def _objects(values: pa.Array) -> np.ndarray:
    return np.asarray(values.to_numpy(zero_copy_only=False), dtype=object)


def account_columns(accounts: Accounts, ids: Identities) -> dict[str, pa.Array]:
    """The ten IO-archive user columns, one entry per account (gathered with ``take`` where needed)."""
    return {
        "userid": ids.account_id,
        "user_display_name": ids.display_name,
        "user_screen_name": ids.screen_name,
        "user_reported_location": accounts.location,
        "user_profile_description": accounts.description,
        "user_profile_url": accounts.profile_url,
        "follower_count": pa.array(accounts.followers.astype(str), type=pa.string()),
        "following_count": pa.array(accounts.following.astype(str), type=pa.string()),
        "account_creation_date": pa.array(_format_times(accounts.created, "D", "date"), type=pa.string()),
        "account_language": pa.array(_ACCOUNT_LANGS[accounts.lang], type=pa.string()),
    }


def write_users(path: Path, columns: dict[str, pa.Array], order: np.ndarray) -> None:
    take = pa.array(order)
    pa_csv.write_csv(_table({k: v.take(take) for k, v in columns.items()}), path, _OPTIONS)


def write_labels(path: Path, accounts: Accounts, ids: Identities, traps: np.ndarray, order: np.ndarray) -> None:
    def numbered(prefix: str, values: np.ndarray) -> np.ndarray:
        names = np.asarray([f"{prefix}{i + 1}" for i in range(int(values.max(initial=-1)) + 1)] + [""], dtype=object)
        return names[values.astype(np.int64)]  # -1 -> ""

    pa_csv.write_csv(_table({
        "account_id": ids.account_id.take(pa.array(order)),
        "role": np.asarray(ROLE_NAMES, dtype=object)[accounts.role[order]],
        "team": numbered("team-", accounts.team)[order],
        "squad": numbered("squad-", accounts.squad)[order],
        "silent": np.where(accounts.role == AMPLIFIER, np.where(accounts.silent, "true", "false"), "").astype(object)[order],
        "trap": traps[order],
    }), path, _OPTIONS)


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


def _content_text(rows: TweetRows) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Text the rows show (for retweets: their original's), plus the hashtag and url column texts."""
    topic = rows.topic.astype(np.int64)
    a = _PHRASES[_PHRASE_OFFSET[topic] + rows.phrase_a % _PHRASE_COUNT[topic]]
    b = _PHRASES[_PHRASE_OFFSET[topic] + rows.phrase_b % _PHRASE_COUNT[topic]]
    tag = _HASHTAG_TEXT[rows.hashtag]
    url = _url_text(rows.url)
    has_tag = rows.hashtag >= 0
    has_url = rows.url >= 0
    text = a + " " + b
    text = np.where(has_tag, text + " #" + tag, text)
    text = np.where(has_url, text + " " + url, text)
    tags = np.where(has_tag, "['" + tag + "']", "[]")
    urls = np.where(has_url, "['" + url + "']", "[]")
    return text, tags, urls


class TweetWriter:
    """``tweets.csv`` written block by block, in the order the blocks arrive (the stream's time order)."""

    def __init__(self, path: Path, columns: dict[str, pa.Array], ids: Identities, float_columns: tuple[str, ...]) -> None:
        self.columns, self.ids, self.float_columns = columns, ids, float_columns
        self.sink = _writer(path, TWEETS_COLUMNS)

    def __call__(self, rows: TweetRows, engagement: Engagement, has_coordinates: np.ndarray) -> None:
        for lo in range(0, len(rows), CHUNK_ROWS):
            part = np.arange(lo, min(len(rows), lo + CHUNK_ROWS))
            self._write_chunk(rows.take(part), Engagement(*(getattr(engagement, f)[part] for f in
                              ("quote_count", "reply_count", "like_count", "retweet_count"))), has_coordinates[part])

    def _write_chunk(self, rows: TweetRows, engagement: Engagement, has_coordinates: np.ndarray) -> None:
        kind = rows.kind
        has_target = rows.target_id >= 0
        own_id = rows.id.astype(str).astype(object)
        target_id = rows.target_id.astype(str).astype(object)
        target_author = pa.array(np.maximum(rows.target_author, 0))
        text, tags, urls = _content_text(rows)
        target_screen = _objects(self.ids.screen_name.take(target_author))
        is_rt, is_reply, is_quote = kind == RETWEET, kind == REPLY, kind == QUOTE
        text = np.where(is_rt, "RT @" + target_screen + ": " + text, text)
        text = np.where(is_reply, "@" + target_screen + " " + text, text)
        text = np.where(is_quote, text + " https://twitter.com/" + target_screen + "/status/" + target_id, text)
        target_user = _objects(self.ids.account_id.take(target_author))
        mentions = np.where(has_target & (is_rt | is_reply), "['" + target_user + "']", "[]")
        author = pa.array(rows.author)
        coords = np.where(has_coordinates, "present", "absent").astype(object)
        empty = np.full(len(rows), "", dtype=object)
        floats = self.float_columns
        row = {
            "tweetid": own_id,
            **{name: values.take(author) for name, values in self.columns.items()},
            "tweet_language": _TWEET_LANG[rows.topic],
            "tweet_text": text,
            "tweet_time": _format_times(rows.time, "m", "minute").astype(object),
            "tweet_client_name": _CLIENTS[rows.client],
            "in_reply_to_userid": np.where(is_reply, target_user, empty),
            "in_reply_to_tweetid": np.where(is_reply, target_id, empty),
            "quoted_tweet_tweetid": np.where(is_quote, target_id, empty),
            "is_retweet": np.where(is_rt, "True", "False").astype(object),
            "retweet_userid": np.where(is_rt, target_user, empty),
            "retweet_tweetid": np.where(is_rt, target_id, empty),
            "latitude": coords,
            "longitude": coords,
            "quote_count": _count_text(engagement.quote_count, "quote_count" in floats),
            "reply_count": _count_text(engagement.reply_count, "reply_count" in floats),
            "like_count": _count_text(engagement.like_count, "like_count" in floats),
            "retweet_count": _count_text(engagement.retweet_count, "retweet_count" in floats),
            "hashtags": tags,
            "urls": urls,
            "user_mentions": mentions,
            "poll_choices": empty,
        }
        self.sink.write_table(_table(row))

    def close(self) -> None:
        self.sink.close()


def follows_writer(path: Path) -> pa_csv.CSVWriter:
    return _writer(path, ("src_account_id", "dst_account_id", "observed_at"))


def write_follows_chunk(sink: pa_csv.CSVWriter, ids: Identities, src: np.ndarray, dst: np.ndarray, observed: np.ndarray) -> None:
    for lo in range(0, src.shape[0], CHUNK_ROWS):
        sel = slice(lo, lo + CHUNK_ROWS)
        sink.write_table(_table({
            "src_account_id": ids.account_id.take(pa.array(src[sel])),
            "dst_account_id": ids.account_id.take(pa.array(dst[sel])),
            "observed_at": _format_times(observed[sel], "s", "iso").astype(object),
        }))


def write_ips(path: Path, infra: Infrastructure, ids: Identities, order: np.ndarray) -> None:
    obs = infra.observations
    sink = _writer(path, ("account_id", "ip", "first_seen", "last_seen", "count"))
    try:
        for lo in range(0, order.shape[0], CHUNK_ROWS):
            sel = order[lo: lo + CHUNK_ROWS]
            sink.write_table(_table({
                "account_id": ids.account_id.take(pa.array(obs.account[sel])),
                "ip": address_strings(infra.networks, obs.network[sel], obs.host[sel]),
                "first_seen": _format_times(obs.first_seen[sel], "s", "iso").astype(object),
                "last_seen": _format_times(obs.last_seen[sel], "s", "iso").astype(object),
                "count": obs.count[sel].astype(str).astype(object),
            }))
    finally:
        sink.close()


def write_ip_ranges(path: Path, infra: Infrastructure) -> None:
    nets = sorted(infra.networks, key=lambda n: (n.version, n.base))
    pa_csv.write_csv(_table({
        "network": [n.cidr for n in nets],
        "asn": [str(n.asn) for n in nets],
        "as_org": [n.org for n in nets],
        "country": [n.country for n in nets],
        "is_vpn": ["true" if n.kind == "vpn" else "false" for n in nets],
        "kind": [n.kind for n in nets],
    }), path, _OPTIONS)
