"""Loading into the real Neo4j: graph shape, idempotency, resume, rejects, longest-prefix IP matching, CLI exit codes."""

from __future__ import annotations

import csv
import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from netforensics.detect.pipeline import DetectionParams, run_detection
from netforensics.errors import NetforensicsError, TooManyRejects
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from netforensics.store.ingest import FileResult, LoadOptions, load_files

pytestmark = pytest.mark.neo4j
DATA = Path(__file__).parent / "data" / "load"


def graph_counts(store: GraphStore) -> dict[str, int]:
    labels = store.read("MATCH (n) UNWIND labels(n) AS label RETURN label, count(*) AS n")
    types = store.read("MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n")
    return {**{r["label"]: r["n"] for r in labels}, **{r["type"]: r["n"] for r in types}}


def copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    shutil.copy(DATA / name, target)
    return target


def test_io_archive_graph_shape_stubs_and_retweet_summary(store: GraphStore, tmp_path: Path) -> None:
    results = load_files(store, "io-archive", [DATA / "io_users.csv", DATA / "io_tweets.csv"], LoadOptions())
    assert [(r.kind, r.rows_loaded, r.rows_rejected) for r in results] == [("io-users", 3, 0), ("io-tweets", 6, 0)]
    counts = graph_counts(store)
    # 3 accounts with rows + stubs: mentioned 2894232011, retweeted 555000111, replied-to 777000222
    assert counts["Account"] == 6 and counts["Tweet"] == 8  # 6 rows + 2 referenced-only tweets
    assert counts["RETWEETS"] == 3 and counts["REPLIES_TO"] == 1 and counts["QUOTES"] == 1 and counts["MENTIONS"] == 2
    assert counts["Hashtag"] == 3 and counts["Url"] == 2 and counts["Domain"] == 2 and counts["LoadBatch"] == 2
    stubs = store.read("MATCH (a:Account {stub: true}) RETURN a.id AS id ORDER BY id")
    assert [r["id"] for r in stubs] == ["2894232011", "555000111", "777000222"]
    hashed = store.read_value("MATCH (a:Account {hashed: true}) RETURN count(a)")
    assert hashed == 2
    summary = store.read(
        "MATCH (a:Account)-[r:RETWEETED]->(b:Account) RETURN a.id AS a, b.id AS b, r.count AS n, toString(r.first_at) AS first ORDER BY a, b")
    assert [(r["b"], r["n"]) for r in summary] == [
        ("1098765432109876543", 1), ("1098765432109876543", 1), ("555000111", 1)]
    assert store.read_value("MATCH (d:Dataset) RETURN d.name") == "io"
    assert store.read_value("MATCH (:Account)-[r:IN_DATASET]->(:Dataset) RETURN count(r)") == 3
    tweet = store.read("MATCH (t:Tweet {id: '1157345692517363713'}) RETURN t.like_count AS likes, toString(t.created_at) AS at")
    assert tweet == [{"likes": 3, "at": "2019-08-02T18:21:00Z"}]


def test_loading_twice_changes_no_count(store: GraphStore) -> None:
    paths = [DATA / "io_users.csv", DATA / "io_tweets.csv.gz", DATA / "follows.csv", DATA / "ips.csv", DATA / "ip_ranges.csv"]
    sources = ["io-archive", "io-archive", "follows", "ips", "ip-ranges"]
    for source, path in zip(sources, paths):
        load_files(store, source, [path], LoadOptions())
    first = graph_counts(store)
    retweeted = store.read("MATCH ()-[r:RETWEETED]->() RETURN r.count AS n ORDER BY n")
    for source, path in zip(sources, paths):
        again = load_files(store, source, [path], LoadOptions())
        assert again[0].status == "skipped"
        forced = load_files(store, source, [path], LoadOptions(force=True))
        assert forced[0].status == "loaded" and forced[0].counts.nodes_created == 0
    assert graph_counts(store) == first
    assert store.read("MATCH ()-[r:RETWEETED]->() RETURN r.count AS n ORDER BY n") == retweeted


RECOUNT = """
MATCH (a:Account)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(:Tweet)<-[:POSTED]-(b:Account) WHERE b <> a
RETURN a.id AS a, b.id AS b, count(DISTINCT rt) AS n, toString(min(rt.created_at)) AS first,
       toString(max(rt.created_at)) AS last ORDER BY a, b
"""
SUMMARIES = """
MATCH (a:Account)-[r:RETWEETED]->(b:Account)
RETURN a.id AS a, b.id AS b, r.count AS n, toString(r.first_at) AS first, toString(r.last_at) AS last ORDER BY a, b
"""


@pytest.mark.parametrize("seed", [1, 2])
def test_retweet_summaries_equal_a_recount_however_the_tweets_arrive(store: GraphStore, tmp_path: Path, seed: int) -> None:
    """New retweets are added to RETWEETED batch by batch; re-loads, stubs gaining rows and originals whose author
    arrives later are recounted. Whatever the order, files and batch size, the summaries equal a recount."""
    import random

    rng = random.Random(seed)
    with open(DATA / "io_tweets.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    accounts = [f"9{i:03d}" for i in range(12)]
    originals = [(f"7{i:04d}", rng.choice(accounts)) for i in range(25)]
    rows = [{"tweetid": tid, "userid": author, "tweet_time": f"2019-08-0{rng.randint(1, 3)} 1{rng.randint(0, 9)}:00",
             "is_retweet": "False", "tweet_text": "original"} for tid, author in originals]
    for i in range(160):
        tid, author = rng.choice(originals)
        rows.append({"tweetid": f"8{i:04d}", "userid": rng.choice(accounts), "is_retweet": "True",
                     "tweet_time": f"2019-08-0{rng.randint(4, 6)} {rng.randint(10, 23)}:{rng.randint(0, 59):02d}",
                     "retweet_tweetid": tid, "retweet_userid": author if rng.random() < 0.7 else "", "tweet_text": "RT"})
    # Day 1: the originals and some retweets, shuffled (retweets before their original, some without its author);
    # days 2 and 3: retweets only, as a nightly delta (added batch by batch), day 3 with new originals among them.
    originals_rows, retweet_rows = rows[:20], rows[25:]
    day1 = originals_rows + retweet_rows[:40]
    rng.shuffle(day1)
    day3 = rows[20:25] + retweet_rows[100:]
    rng.shuffle(day3)
    paths = []
    # Replies on day 2 to retweets that arrive on day 3 make those stubs first (merged, not created, on day 3).
    replies = [{"tweetid": f"6{i:04d}", "userid": rng.choice(accounts), "tweet_time": "2019-08-05 09:00",
                "is_retweet": "False", "in_reply_to_tweetid": r["tweetid"], "tweet_text": "reply"}
               for i, r in enumerate(retweet_rows[100:110])]
    for part, chunk in enumerate((day1, retweet_rows[40:100] + replies, day3)):
        path = tmp_path / f"tweets_{part}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, restval="")
            writer.writeheader()
            writer.writerows(chunk)
        paths.append(path)
    for path in paths:
        load_files(store, "io-archive", [path], LoadOptions(batch_size=7, rejects_path=None))
        assert store.read(SUMMARIES) == store.read(RECOUNT)
    load_files(store, "io-archive", [paths[1]], LoadOptions(batch_size=5, force=True, rejects_path=None))
    summaries = store.read(SUMMARIES)
    assert summaries == store.read(RECOUNT)
    assert sum(r["n"] for r in summaries) > 100


def test_a_retweet_first_seen_as_a_stub_counts_when_its_row_arrives(store: GraphStore, tmp_path: Path) -> None:
    with open(DATA / "io_tweets.csv", encoding="utf-8", newline="") as handle:
        header = next(csv.reader(handle))
    days = [
        [{"tweetid": "71", "userid": "901", "tweet_time": "2019-08-01 10:00", "is_retweet": "False", "tweet_text": "o"}],
        [{"tweetid": "72", "userid": "903", "tweet_time": "2019-08-02 10:00", "is_retweet": "False", "in_reply_to_tweetid": "81"}],
        [{"tweetid": "81", "userid": "902", "tweet_time": "2019-08-03 10:00", "is_retweet": "True", "retweet_tweetid": "71"},
         {"tweetid": "82", "userid": "902", "tweet_time": "2019-08-03 11:00", "is_retweet": "True", "retweet_tweetid": "71"}],
    ]
    for day, rows in enumerate(days):
        path = tmp_path / f"day{day}.csv"
        with open(path, "w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=header, restval="")
            writer.writeheader()
            writer.writerows(rows)
        load_files(store, "io-archive", [path], LoadOptions(rejects_path=None))
    assert store.read(SUMMARIES) == [{"a": "902", "b": "901", "n": 2, "first": "2019-08-03T10:00:00Z", "last": "2019-08-03T11:00:00Z"}]


def test_real_coortweet_sample_loads_completely_and_detection_claims_only_what_it_holds(
        store: GraphStore, real_data: Path) -> None:
    path = real_data / "coortweet_russian_coord_tweets.csv.gz"
    [result] = load_files(store, "shares", [path], LoadOptions(rejects_path=None))
    assert (result.rows_read, result.rows_loaded, result.rows_rejected) == (35_125, 35_125, 0)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert graph_counts(store)["RETWEETS"] == len({(r["content_id"], r["object_id"]) for r in rows})
    assert store.read_value("MATCH (a:Account) RETURN count(a)") == len({r["account_id"] for r in rows})
    assert store.read_value("MATCH (t:Tweet) RETURN count(t)") == len({r["content_id"] for r in rows} | {r["object_id"] for r in rows})

    # Shares carry behaviour only: no profile, creation date or address may be cited as evidence, and no community
    # can be convicted; what stands out is synchronised retweeting.
    result = run_detection(store, DetectionParams(seed=1))
    assert not result.roles
    flagged = [s for s in result.communities if s.verdict != "organic"]
    assert flagged and all(s.verdict == "suspicious" for s in flagged)
    for summary in flagged:
        names = {name for name, _ in summary.signals}
        assert "synchronisation" in names and not names & {"profile", "creation", "account_age", "infrastructure"}
        assert summary.features["default_profile_share"] is None and summary.features["mainland_share"] is None


def test_rejects_file_and_reject_rate(store: GraphStore, tmp_path: Path) -> None:
    path = copy("io_tweets_with_rejects.csv", tmp_path)
    with pytest.raises(TooManyRejects, match=r"5 of 7 rows rejected"):
        load_files(store, "io-archive", [path], LoadOptions())
    rejects = list(csv.DictReader(open(tmp_path / "io_tweets_with_rejects.csv.rejects.csv", encoding="utf-8")))
    assert [int(r["line"]) for r in rejects] == [4, 5, 6, 7, 8]
    assert rejects[3]["reason"] == "undecodable bytes (not UTF-8)" and "2000000000000000005" in rejects[3]["raw"]
    assert store.read_value("MATCH (b:LoadBatch) RETURN b.status") == "failed"
    [result] = load_files(store, "io-archive", [path], LoadOptions(max_reject_rate=1.0))
    assert result.status == "loaded" and result.rows_loaded == 2
    assert store.read_value("MATCH (b:LoadBatch) RETURN b.status") == "complete"


class _Interrupt(Exception):
    pass


class _StopAfterFirstBatch:
    def start_file(self, path: Path, total_bytes: int) -> None:
        pass

    def advance(self, rows: int, bytes_done: int) -> None:
        raise _Interrupt()

    def finish_file(self, result: FileResult) -> None:
        pass


def test_resume_after_an_interrupted_load_gives_exact_counts(store: GraphStore, real_data: Path, tmp_path: Path) -> None:
    path = tmp_path / "shares_sample.csv.gz"  # the first 5,000 real shares keep the test quick
    with gzip.open(real_data / "coortweet_russian_coord_tweets.csv.gz", "rt", encoding="utf-8") as source:
        lines = [next(source) for _ in range(5_001)]
    with gzip.open(path, "wt", encoding="utf-8") as target:
        target.writelines(lines)
    options = LoadOptions(batch_size=1_000)
    with pytest.raises(_Interrupt):
        load_files(store, "shares", [path], options, _StopAfterFirstBatch())
    assert store.read_value("MATCH (t:Tweet)<-[:POSTED]-() RETURN count(t)") <= 1_000
    assert store.read_value("MATCH (b:LoadBatch) RETURN b.status") == "failed"
    [result] = load_files(store, "shares", [path], options)
    assert result.status == "loaded" and result.rows_loaded == 5_000
    resumed = graph_counts(store)
    store.run_autocommit("MATCH (n) WHERE NOT n:SchemaVersion CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")
    load_files(store, "shares", [path], options)
    assert graph_counts(store) == resumed


def ip_networks(store: GraphStore) -> dict[str, str | None]:
    rows = store.read("MATCH (i:IP) OPTIONAL MATCH (i)-[:IN_NETWORK]->(n) RETURN i.address AS ip, collect(n.cidr) AS nets")
    assert all(len(r["nets"]) <= 1 for r in rows), rows
    return {r["ip"]: (r["nets"][0] if r["nets"] else None) for r in rows}


EXPECTED_NETWORKS = {
    "203.0.113.7": "203.0.113.0/25",  # /16 ⊃ /24 ⊃ /25: the most specific wins
    "198.51.100.20": "198.51.100.0/24",
    "2001:db8::1": "2001:db8::/32",
    "2001:db8:abcd:12::99": "2001:db8:abcd::/48",  # nested IPv6
    "192.0.2.1": "192.0.2.0/24",  # written as ::ffff:192.0.2.1
    "10.9.8.7": "10.0.0.0/8",
}


@pytest.mark.parametrize("order", [
    ["ips.csv", "ip_ranges.csv", "ip_ranges_no_kind.csv"],
    ["ip_ranges_no_kind.csv", "ip_ranges.csv", "ips.csv"],
    ["ip_ranges.csv", "ips.csv", "ip_ranges_no_kind.csv"],
    ["ip_ranges_no_kind.csv", "ips.csv", "ip_ranges.csv"],
])
def test_longest_prefix_network_in_any_load_order(store: GraphStore, order: list[str]) -> None:
    for name in order:
        load_files(store, "ips" if name == "ips.csv" else "ip-ranges", [DATA / name], LoadOptions(batch_size=3))
    assert ip_networks(store) == EXPECTED_NETWORKS
    vpn = store.read_value("MATCH (:IP {address: '203.0.113.7'})-[:IN_NETWORK]->(n) RETURN n.kind")
    assert vpn == "vpn"


def test_network_kind_labels_follow_the_kind(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, "ip-ranges", [DATA / "ip_ranges.csv"], LoadOptions())
    rows = store.read("MATCH (n:Network) RETURN n.cidr AS cidr, [l IN labels(n) WHERE l <> 'Network'] AS kinds")
    kinds = {r["cidr"]: r["kinds"] for r in rows}
    assert kinds["203.0.113.0/24"] == ["VpnNetwork"] and kinds["203.0.0.0/16"] == ["HostingNetwork"]
    assert kinds["198.51.100.0/24"] == ["ResidentialNetwork"] and kinds["192.0.2.0/24"] == ["CampusNetwork"]
    assert kinds["2001:db8:abcd::/48"] == ["MobileNetwork"] and kinds["2001:db8::/32"] == [] and kinds["10.0.0.0/8"] == []
    changed = tmp_path / "ranges.csv"
    changed.write_text("network,asn,as_org,country,is_vpn,kind\n203.0.0.0/16,64500,Big Hosting Ltd,US,true,vpn\n",
                       encoding="utf-8")
    load_files(store, "ip-ranges", [changed], LoadOptions())
    assert store.read_value("MATCH (n:Network {cidr: '203.0.0.0/16'}) RETURN labels(n)") == ["Network", "VpnNetwork"]


def test_nested_ranges_in_one_batch(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, "ips", [DATA / "ips.csv"], LoadOptions())
    both = tmp_path / "nested.csv"
    both.write_text("network,asn,as_org,country,is_vpn\n203.0.113.0/25,1,a,NL,true\n203.0.0.0/16,2,b,US,false\n"
                    "203.0.113.0/24,3,c,NL,false\n", encoding="utf-8")
    load_files(store, "ip-ranges", [both], LoadOptions())
    assert ip_networks(store)["203.0.113.7"] == "203.0.113.0/25"


def _cli(args: list[str], settings: ConnectionSettings, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NEO4J_URI": settings.uri, "NEO4J_PASSWORD": settings.password, "NEO4J_USERNAME": settings.username}
    return subprocess.run([sys.executable, "-c", "from netforensics.cli import main; main()", *args],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=120)


def test_cli_exit_codes_and_json_summary(store: GraphStore, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    import json

    ok = _cli(["load", "follows", str(DATA / "follows.csv"), "--json"], neo4j_settings, tmp_path)
    assert ok.returncode == 0, ok.stderr
    summary = json.loads(ok.stdout)["files"][0]
    assert summary["rows_loaded"] == 4 and summary["relationships_created"] == 4
    bad_header = _cli(["load", "follows", str(DATA / "follows_bad_header.csv")], neo4j_settings, tmp_path)
    assert bad_header.returncode == 1 and "expected columns src_account_id" in bad_header.stderr
    assert "Traceback" not in bad_header.stderr
    rejects = tmp_path / "rejects.csv"
    too_many = _cli(["load", "io-archive", str(copy("io_tweets_with_rejects.csv", tmp_path)), "--rejects", str(rejects)],
                    neo4j_settings, tmp_path)
    assert too_many.returncode == 5 and "over --max-reject-rate" in too_many.stderr
    assert rejects.read_text(encoding="utf-8").count("\n") == 6  # header + 5 rejects


def test_twitter_json_loads_retweet_summary(store: GraphStore, tmp_path: Path) -> None:
    import json

    tweet = {"id_str": "20", "created_at": "Wed Oct 10 20:19:24 +0000 2018", "text": "RT @a: hi",
             "user": {"id_str": "2", "screen_name": "b"},
             "retweeted_status": {"id_str": "10", "created_at": "Wed Oct 10 20:00:00 +0000 2018", "text": "hi",
                                  "user": {"id_str": "1", "screen_name": "a"}},
             "entities": {"user_mentions": [{"id_str": "1", "screen_name": "a"}]}}
    path = tmp_path / "tweets.jsonl"
    path.write_text(json.dumps(tweet) + "\n", encoding="utf-8")
    load_files(store, "twitter-json", [path], LoadOptions())
    assert store.read("MATCH (a:Account)-[r:RETWEETED]->(b:Account) RETURN a.screen_name AS a, b.screen_name AS b, r.count AS n") == [
        {"a": "b", "b": "a", "n": 1}]


def test_a_later_row_with_empty_values_keeps_known_ones(store: GraphStore, tmp_path: Path) -> None:
    load_files(store, "io-archive", [DATA / "io_users.csv"], LoadOptions())
    with open(DATA / "io_tweets.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:  # the author columns of every tweet row lack the creation date and the location
        row["account_creation_date"] = row["user_reported_location"] = ""
    path = tmp_path / "later_tweets.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    load_files(store, "io-archive", [path], LoadOptions())
    account = store.read("MATCH (a:Account {id: '1098765432109876543'}) "
                         "RETURN toString(a.created_at) AS created, a.location AS location, a.stub AS stub")
    assert account == [{"created": "2017-03-11T00:00:00Z", "location": "Hong Kong", "stub": False}]


def test_an_account_row_already_applied_is_skipped_unless_changed_or_forced(store: GraphStore, tmp_path: Path) -> None:
    """A row saying what the last applied row said changes nothing, so the server skips it (profile_digest); a
    changed row, or a forced re-load, is applied. The hand edit below shows which rows were applied."""
    account = "MATCH (a:Account {id: '1098765432109876543'}) RETURN a.followers AS followers"
    load_files(store, "io-archive", [DATA / "io_users.csv"], LoadOptions())
    store.write("MATCH (a:Account {id: '1098765432109876543'}) SET a.followers = 999")
    same_rows = copy("io_users.csv", tmp_path)  # another file (not skipped as already loaded), the same rows
    same_rows.write_text(same_rows.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    load_files(store, "io-archive", [same_rows], LoadOptions(dataset="again"))
    assert store.read(account) == [{"followers": 999}]
    assert store.read("MATCH (:Account {id: '1098765432109876543'})-[:IN_DATASET]->(d:Dataset {name: 'again'}) "
                      "RETURN count(d) AS n") == [{"n": 1}]  # the row still counts for its dataset

    load_files(store, "io-archive", [same_rows], LoadOptions(force=True, dataset="again"))
    assert store.read(account) == [{"followers": 12034}]

    changed = tmp_path / "changed_users.csv"
    changed.write_text((DATA / "io_users.csv").read_text(encoding="utf-8").replace(",12034,", ",12500,"), encoding="utf-8")
    load_files(store, "io-archive", [changed], LoadOptions())
    assert store.read(account) == [{"followers": 12500}]


def _write_rows(path: Path, rows: list[dict[str, str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def test_rows_before_the_tweets_they_point_at_in_one_batch_give_the_same_graph(store: GraphStore, tmp_path: Path) -> None:
    with open(DATA / "io_tweets.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rows[0]["hashtags"] = "['香港', '香港', 'HongKong']"  # repeated values must not repeat relationships
    rows[0]["user_mentions"] = "[2894232011, 2894232011]"
    in_order = _write_rows(tmp_path / "in_order_tweets.csv", rows)
    load_files(store, "io-archive", [DATA / "io_users.csv", in_order], LoadOptions())
    expected = graph_counts(store)
    assert expected["MENTIONS"] == 2 and expected["POSTED"] == 8
    store.run_autocommit("MATCH (n) WHERE NOT n:SchemaVersion DETACH DELETE n")
    reversed_rows = _write_rows(tmp_path / "reversed_tweets.csv", rows[::-1])  # retweets and replies first
    load_files(store, "io-archive", [DATA / "io_users.csv", reversed_rows], LoadOptions())
    assert graph_counts(store) == expected


def test_a_tweet_created_by_another_load_meanwhile_is_merged_not_doubled(store: GraphStore) -> None:
    from netforensics.loaders import io_archive
    from netforensics.store.batch_writes import WriteCounts, write_plan
    from netforensics.store.evidence_writes import LoadContext, prepare_tweets

    load_files(store, "io-archive", [DATA / "io_users.csv", DATA / "io_tweets.csv"], LoadOptions())
    before = graph_counts(store)
    rows = list(io_archive.parse(DATA / "io_tweets.csv").records)
    plan = prepare_tweets(store, rows, LoadContext(now="2026-01-01T00:00:00+00:00"))
    assert plan.then is not None
    blind = plan.then
    plan.then = lambda found: blind({})  # as if the tweets were created after the existence check
    counts = WriteCounts()
    write_plan(store, plan, counts)
    assert counts.nodes_created == 0 and counts.relationships_created == 0
    assert graph_counts(store) == before


def test_a_quote_never_closed_counts_every_line_it_swallowed(store: GraphStore, tmp_path: Path) -> None:
    lines = [f"{i},{i + 1},2020-01-01" for i in range(1, 1001)]
    lines[899] = '900,901,"2020-01-01'  # line 901 of the file: the rest of the file becomes one record
    path = tmp_path / "follows.csv"
    path.write_text("src_account_id,dst_account_id,observed_at\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(TooManyRejects, match=r"101 of 1,000 rows rejected"):
        load_files(store, "follows", [path], LoadOptions())
    assert store.read_value("MATCH ()-[f:FOLLOWS]->() RETURN count(f)") == 899


def test_values_the_database_cannot_hold_reject_their_row_not_the_file(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "follows.csv"
    rows = [f"{i},{i + 1},2020-01-01" for i in range(1, 200)] + ["7,8,1e20", "9," + "9" * 40_000]
    path.write_text("src_account_id,dst_account_id,observed_at\n" + "\n".join(rows) + "\n", encoding="utf-8")
    [result] = load_files(store, "follows", [path], LoadOptions())
    assert (result.rows_loaded, result.rows_rejected) == (199, 2)
    assert store.read_value("MATCH ()-[f:FOLLOWS]->() RETURN count(f)") == 199


def test_a_tweet_id_given_twice_gives_the_same_graph_at_any_batch_size(store: GraphStore, tmp_path: Path) -> None:
    """Two rows for one tweet with different authors and originals (bad data, but it happens): every author and
    original is kept, whatever the batch size, and the RETWEETED summaries equal a recount."""
    path = tmp_path / "shares.csv"
    path.write_text("object_id,account_id,content_id,timestamp_share\n1,accO,2,1565000000\n778002,accA,778003,1565000001\n"
                    "778004,accB,778003,1565000002\n", encoding="utf-8")
    shapes = []
    for batch_size in (2000, 1):
        store.run_autocommit("MATCH (n) WHERE NOT n:SchemaVersion DETACH DELETE n")
        load_files(store, "shares", [path], LoadOptions(batch_size=batch_size, force=True))
        shapes.append((graph_counts(store), store.read(
            "MATCH (a:Account)-[:POSTED]->(t:Tweet {id: '778003'})-[:RETWEETS]->(o) "
            "RETURN a.id AS a, o.id AS o ORDER BY a, o")))
        assert store.read(SUMMARIES) == store.read(RECOUNT)
    assert shapes[0] == shapes[1]
    assert len(shapes[0][1]) == 4  # two authors x two originals


def test_a_file_loaded_as_one_kind_is_not_skipped_as_another(store: GraphStore, tmp_path: Path) -> None:
    path = tmp_path / "both.csv"
    path.write_text("src_account_id,dst_account_id,account_id,ip,first_seen,last_seen\n1,2,1,192.0.2.1,2020-01-01,2020-01-02\n",
                    encoding="utf-8")
    load_files(store, "follows", [path], LoadOptions())
    with pytest.raises(NetforensicsError, match="loaded as follows evidence .* not as ips"):
        load_files(store, "ips", [path], LoadOptions())
    [result] = load_files(store, "ips", [path], LoadOptions(force=True))
    assert result.status == "loaded" and store.read_value("MATCH (:Account)-[u:USED_IP]->(:IP) RETURN count(u)") == 1


def test_a_loads_timestamps_come_from_the_servers_clock(store: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    """A run's started_at is the server's time; first_seen must be too, or a loader whose clock is behind would make
    accounts loaded after a run look assessed by it (and one ahead, the reverse)."""
    import datetime as dt

    from netforensics.store import ingest

    class SkewedClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> "SkewedClock":
            return cls(2001, 1, 1, tzinfo=dt.UTC)

    monkeypatch.setattr(ingest, "datetime", SkewedClock, raising=False)
    monkeypatch.setattr(dt, "datetime", SkewedClock)
    load_files(store, "io-archive", [DATA / "io_users.csv"], LoadOptions())
    skew = store.read("MATCH (a:Account) WITH min(a.first_seen) AS first, max(a.last_seen) AS last "
                      "MATCH (b:LoadBatch) RETURN duration.inSeconds(first, datetime()).seconds AS first_ago, "
                      "duration.inSeconds(last, datetime()).seconds AS last_ago, "
                      "duration.inSeconds(min(b.started_at), datetime()).seconds AS started_ago, "
                      "duration.inSeconds(min(b.finished_at), datetime()).seconds AS finished_ago")[0]
    assert all(0 <= ago < 600 for ago in skew.values()), skew
