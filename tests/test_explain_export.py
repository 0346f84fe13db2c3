"""`netforensics explain` and `export accounts` on the cases real data brings: handles held by several accounts,
retweets of tweets nobody is known to have posted (shares files), accounts loaded after the current run."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

DATA = Path(__file__).parent / "data" / "load"
USERS_HEADER = (DATA / "io_users.csv").read_text(encoding="utf-8").splitlines()[0].split(",")


def _users(path: Path, accounts: list[tuple[str, str]]) -> Path:
    """An io-users file of (id, screen name) rows."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=USERS_HEADER)
        writer.writeheader()
        for account_id, screen_name in accounts:
            writer.writerow({"userid": account_id, "user_screen_name": screen_name, "user_display_name": screen_name,
                             "follower_count": "10", "following_count": "20", "account_creation_date": "2019-07-30",
                             "account_language": "en"})
    return path


def _load(settings: ConnectionSettings, kind: str, *files: Path) -> None:
    loaded = run_cli("load", kind, *map(str, files), settings=settings)
    assert loaded.returncode == 0, loaded.stderr


@pytest.mark.neo4j
def test_retweets_of_tweets_with_no_known_author_are_listed(store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    # shares: acc1 retweets t1, whose author the file does not name; acc3 retweets acc1's share s1
    _load(neo4j_settings, "shares", DATA / "shares.csv")
    dossier = json.loads(run_cli("explain", "acc1", "--json", settings=neo4j_settings).stdout)
    assert [(t["kind"], t["tweet_id"], t["original_author"]) for t in dossier["tweets"]] == [("retweet", "s1", None)]
    known = json.loads(run_cli("explain", "acc3", "--json", settings=neo4j_settings).stdout)
    assert [(t["kind"], t["tweet_id"], t["original_author"]) for t in known["tweets"]] == [("retweet", "s3", "acc1")]
    shown = run_cli("explain", "acc1", settings=neo4j_settings)
    assert shown.returncode == 0 and "(unknown)" in shown.stdout and "s1" in shown.stdout
