"""`netforensics explain` and `export accounts` on the cases real data brings: handles held by several accounts,
retweets of tweets nobody is known to have posted (shares files), accounts loaded after the current run."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from netforensics.store.detection_reads import handle_prefixes
from tests.cli_helpers import read_accounts_export, run_cli

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


def test_handle_prefixes_spell_every_case_of_the_first_letters() -> None:
    assert sorted(handle_prefixes("a_1b")) == ["A_1B", "A_1b", "a_1B", "a_1b"]
    assert handle_prefixes("2019") == ["2019"]
    assert len(handle_prefixes("abcdefghij")) == 2 ** 6 and all(len(p) == 6 for p in handle_prefixes("abcdefghij"))
    assert sorted(handle_prefixes("abé")) == ["AB", "Ab", "aB", "ab"]  # stops before a non-ASCII letter
    assert handle_prefixes("éa") == [""]


@pytest.mark.neo4j
def test_a_handle_of_several_accounts_lists_them_and_asks_for_the_id(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                      tmp_path: Path) -> None:
    # a renamed account's old handle taken by another (Twitter handles ignore case), and one handle of its own
    _load(neo4j_settings, "io-archive",
          _users(tmp_path / "users.csv", [("2001", "SameName"), ("2002", "samename"), ("2003", "Unique_One")]))

    several = run_cli("explain", "samename", settings=neo4j_settings)
    assert several.returncode == 1, several.stdout
    assert "2 accounts have the screen name 'samename'" in several.stderr and "explain ACCOUNT_ID" in several.stderr
    assert "2001" in several.stderr and "2002" in several.stderr and "Traceback" not in several.stderr
    assert several.stdout == ""

    as_json = run_cli("explain", "@SameName", "--json", settings=neo4j_settings)
    assert as_json.returncode == 1
    payload = json.loads(as_json.stdout)
    assert "2 accounts" in payload["error"]
    assert [(c["account_id"], c["screen_name"]) for c in payload["candidates"]] == [("2001", "SameName"), ("2002", "samename")]

    by_id = run_cli("explain", "2002", settings=neo4j_settings)
    assert by_id.returncode == 0, by_id.stderr
    assert by_id.stdout.startswith("samename (id 2002)")
    by_handle = run_cli("explain", "@unique_ONE", settings=neo4j_settings)
    assert by_handle.returncode == 0, by_handle.stderr
    assert by_handle.stdout.startswith("Unique_One (id 2003)")
    missing = run_cli("explain", "@nobody", "--json", settings=neo4j_settings)
    assert missing.returncode == 1 and "No account" in missing.stderr
    assert json.loads(missing.stdout) == {"error": json.loads(missing.stdout)["error"], "candidates": []}


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


def _run_then_a_late_account(store: GraphStore, settings: ConnectionSettings, tmp_path: Path) -> tuple[str, list[str]]:
    """Load the archive sample, run `clusters`, then load account 3001: (run id, ids of the accounts of the run)."""
    _load(settings, "io-archive", DATA / "io_users.csv", DATA / "io_tweets.csv")
    clustered = run_cli("clusters", "--seed", "1", "--json", settings=settings)
    assert clustered.returncode == 0, clustered.stderr
    assessed = sorted(store.read_value("MATCH (a:Account) RETURN collect(a.id)"))
    _load(settings, "io-archive", _users(tmp_path / "late.csv", [("3001", "latecomer")]))
    return json.loads(clustered.stdout)["run"]["run"], assessed


@pytest.mark.neo4j
def test_explain_says_an_account_loaded_after_the_run_was_not_assessed(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                       tmp_path: Path) -> None:
    run, assessed = _run_then_a_late_account(store, neo4j_settings, tmp_path)
    late = run_cli("explain", "3001", settings=neo4j_settings)
    assert late.returncode == 0, late.stderr
    assert f"Not assessed: loaded after the current run (run {run} started at" in late.stdout
    assert "netforensics clusters" in late.stdout and "in no community" not in late.stdout
    assert json.loads(run_cli("explain", "3001", "--json", settings=neo4j_settings).stdout)["account"]["assessed"] is False
    earlier = json.loads(run_cli("explain", assessed[0], "--json", settings=neo4j_settings).stdout)
    assert earlier["account"]["assessed"] is True


@pytest.mark.neo4j
def test_export_accounts_leaves_out_accounts_loaded_after_the_run(store: GraphStore, neo4j_settings: ConnectionSettings,
                                                                 tmp_path: Path) -> None:
    run, assessed = _run_then_a_late_account(store, neo4j_settings, tmp_path)
    out = tmp_path / "accounts.csv"
    exported = run_cli("export", "accounts", str(out), settings=neo4j_settings)
    assert exported.returncode == 0, exported.stderr
    rows = read_accounts_export(out)
    assert [r["account_id"] for r in rows] == assessed
    assert f"wrote {len(assessed)} accounts of run {run}" in exported.stderr
    assert "left out 1 accounts loaded after run" in exported.stderr
