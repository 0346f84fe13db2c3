"""Text from the data (handles, bios, tweets, file names) is printed as text: square brackets in it are neither
rich markup that disappears nor markup errors that crash a command."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parent / "data" / "load"
HOSTILE_BIO = "I love [/music] and [bold]noise[/bold]"
HOSTILE_TWEET = "look [/oops] at [link=x]this[/link]"


def test_brackets_in_data_and_file_names_print_as_text(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                      tmp_path: Path) -> None:
    header = (DATA / "io_tweets.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    tweets = tmp_path / "tweets[night 1].csv"
    with open(tweets, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header)
        writer.writeheader()
        writer.writerow({"tweetid": "900", "userid": "77", "user_screen_name": "[/handle]",
                         "user_profile_description": HOSTILE_BIO, "follower_count": "5", "following_count": "6",
                         "account_creation_date": "2019-01-01", "tweet_text": HOSTILE_TWEET,
                         "tweet_time": "2019-08-02 10:00", "is_retweet": "False", "latitude": "absent",
                         "longitude": "absent", "hashtags": "[]", "urls": "[]", "user_mentions": "[]"})
    loaded = run_cli("load", "io-archive", str(tweets), settings=neo4j_settings)
    assert loaded.returncode == 0, loaded.stderr
    assert "tweets[night 1].csv" in loaded.stdout

    explained = run_cli("explain", "77", settings=neo4j_settings)
    assert explained.returncode == 0, explained.stderr
    assert "Traceback" not in explained.stderr
    for text in ("[/handle]", HOSTILE_BIO, "[/oops]"):
        assert text in explained.stdout, text
