"""Role rules and the run lifecycle on a small hand-built operation (tests/detect_scenario.py) in the real server."""

from __future__ import annotations

import csv
import json
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from netforensics.detect import pipeline
from netforensics.detect.features import account_signals, community_features
from netforensics.detect.layers import build_layers
from netforensics.detect.pipeline import DetectionParams, community_writes, run_detection, write_and_apply_roles
from netforensics.detect.scoring import score_communities
from netforensics.errors import NetforensicsError
from netforensics.graph.projection import project
from netforensics.loaders.io_archive import TWEET_COLUMNS, USER_COLUMNS
from netforensics.store import detection_writes
from netforensics.store.connection import GraphStore
from netforensics.store.detection_reads import current_run
from netforensics.store.ingest import LoadOptions, load_files
from tests.detect_scenario import AMPLIFIERS, CORE, ONCE, PEOPLE, load_scenario, write_scenario

pytestmark = pytest.mark.neo4j


def roles_of(store: GraphStore, run: str) -> dict[str, str]:
    rows = store.read("MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->() WHERE m.role <> '' RETURN a.id AS id, m.role AS role", {"run": run})
    return {r["id"]: r["role"] for r in rows}


def labelled(store: GraphStore, label: str) -> set[str]:
    return {r["id"] for r in store.read(f"MATCH (a:{label}) RETURN a.id AS id")}


def operation_forced(store: GraphStore) -> tuple[Any, DetectionParams, dict[str, int], Any, Any, Any, Any]:
    """The graph projected and scored with one community forced: the operation plus the two one-time retweeters
    (label 1), everyone else in community 2. (projection, params, account index, labels, signals, features, scores)"""
    p = project(store)
    params = DetectionParams()
    layers = build_layers(p, params.layer_params())
    index = {a: i for i, a in enumerate(p.account_ids.tolist())}
    labels = np.full(p.n_accounts, 2, dtype=np.int64)
    labels[[index[a] for a in CORE + AMPLIFIERS + ONCE]] = 1
    signals = account_signals(p, layers, labels, params.features)
    features = community_features(p, labels, signals, params.features)
    return p, params, index, labels, signals, features, score_communities(features, params.scoring)


def load_options(folder: Path) -> LoadOptions:
    return LoadOptions(rejects_path=folder / "rejects.csv", max_reject_rate=0.0)


def scenario_tweets(folder: Path) -> list[dict[str, str]]:
    with (folder / "tweets.csv").open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def load_tweet_rows(store: GraphStore, folder: Path, name: str, rows: list[dict[str, str]]) -> None:
    """Write tweet rows (archive columns, other keys ignored) to ``folder/name`` and load them."""
    with (folder / name).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, TWEET_COLUMNS, quoting=csv.QUOTE_ALL, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    load_files(store, "io-archive", [folder / name], load_options(folder))


def load_archive_only(store: GraphStore, folder: Path) -> Path:
    """Write the scenario and load its users and tweets only, as an information-operations archive (no IPs)."""
    write_scenario(folder)
    load_files(store, "io-archive", [folder / "users.csv", folder / "tweets.csv"], load_options(folder))
    return folder


def retweet_of(original: dict[str, str]) -> dict[str, str]:
    """The columns that make an archive row a retweet of ``original``."""
    return {"is_retweet": "True", "retweet_userid": original["userid"], "retweet_tweetid": original["tweetid"],
            "tweet_text": f"RT @{original['user_screen_name']}: {original['tweet_text']}"}


def roles_with_forced_members(store: GraphStore, p: Any, params: DetectionParams,
                              labels: Any) -> tuple[Any, dict[str, detection_writes.RoleAssignment]]:
    """Score ``labels`` again with community 1 forced `inauthentic` (the rules are under test here, not the
    verdict), then write it and apply the role rules: (signals, role assignment per account)."""
    signals = account_signals(p, build_layers(p, params.layer_params()), labels, params.features)
    features = community_features(p, labels, signals, params.features)
    scores = score_communities(features, params.scoring)
    scores.verdict[1] = "inauthentic"
    detection_writes.start_run(store, "run-forced", params.as_dict(), "test")
    assigned = write_and_apply_roles(store, "run-forced", community_writes(p, labels, signals, features, scores), {})
    return signals, {a.account_id: a for a in assigned}


@pytest.fixture()
def scenario(store: GraphStore, tmp_path: Path) -> GraphStore:
    load_scenario(store, tmp_path / "scenario")
    return store


def test_full_run_flags_core_and_amplifiers_but_not_real_people(scenario: GraphStore) -> None:
    result = run_detection(scenario, DetectionParams(seed=1))
    roles = roles_of(scenario, result.run_id)
    assert {a for a, r in roles.items() if r == "core"} == set(CORE)
    assert {a for a, r in roles.items() if r == "amplifier"} == set(AMPLIFIERS)
    assert labelled(scenario, "CoreOperator") == set(CORE)
    assert labelled(scenario, "Amplifier") == set(AMPLIFIERS)
    operation = {c.verdict for c in result.communities if c.size >= 20 and c.verdict == "inauthentic"}
    assert operation == {"inauthentic"}
    evidence = json.loads(scenario.read_value(
        "MATCH (:Account {id: 'amp-01'})-[m:MEMBER_OF {run: $run}]->() RETURN m.evidence", {"run": result.run_id}))
    assert evidence["rule"] == "amplifier"
    assert {"amplifies_core", "shared_exit_ip", "creation_burst"} <= set(evidence["signals"])
    assert evidence["thresholds"]["min_corroborating"] == 3
    assert evidence["example_tweets"] and evidence["example_ips"][0].startswith("10.2.0.1 (hosting")


def test_one_time_retweeter_inside_the_operations_community_is_not_an_amplifier(scenario: GraphStore) -> None:
    """Worst case: the two real users who retweeted operation content once are placed in the operation's community."""
    p, params, _, labels, signals, features, scores = operation_forced(scenario)
    assert scores.verdict[1:] == ["inauthentic", "organic"]
    detection_writes.start_run(scenario, "run-forced", params.as_dict(), "test")
    assigned = write_and_apply_roles(scenario, "run-forced", community_writes(p, labels, signals, features, scores), {})
    roles = {a.account_id: a.role for a in assigned}
    assert {a for a in roles if roles[a] == "core"} == set(CORE)
    assert {a for a in roles if roles[a] == "amplifier"} == set(AMPLIFIERS)
    assert not set(ONCE) & set(roles)
    assert not set(PEOPLE) & set(roles)


def friends_retweet(store: GraphStore, folder: Path) -> None:
    """Load a second tweets file: three friends retweet the first post of each of ten people, an hour later."""
    rows = scenario_tweets(folder)
    profile = {row["userid"]: {k: row[k] for k in USER_COLUMNS} for row in rows}
    firsts = {row["userid"]: row for row in reversed(rows) if row["userid"] in PEOPLE and row["is_retweet"] == "False"}
    extra = []
    for n, author in enumerate(PEOPLE[:10]):
        post = firsts[author]
        for k, friend in enumerate(PEOPLE[10 + n:13 + n]):
            at = datetime.strptime(post["tweet_time"], "%Y-%m-%d %H:%M") + timedelta(hours=1, minutes=k)
            extra.append({**post, **profile[friend], "tweetid": f"9{n:02d}{k}", "tweet_time": at.strftime("%Y-%m-%d %H:%M"),
                          **retweet_of(post)})
    load_tweet_rows(store, folder, "friends.csv", extra)


def test_real_people_absorbed_into_the_operations_community_are_not_core(store: GraphStore, tmp_path: Path) -> None:
    """Worse still: every real person is placed in the operation's community, and some are retweeted by several
    friends there and by nobody else, as core accounts are by their swarm. With no sign of who they are or where
    they connect from pointing the same way, they are not core operators."""
    load_scenario(store, tmp_path / "scenario")
    friends_retweet(store, tmp_path / "scenario")
    amplified = store.read(
        "UNWIND $people AS id MATCH (a:Account {id: id})<-[:RETWEETED]-(b:Account) WHERE b.id IN $people "
        "WITH a, count(b) AS members WHERE members >= 2 RETURN a.id AS id", {"people": PEOPLE})
    assert len(amplified) == 10  # what the core rule looked at alone holds for these people
    p, params, index, labels, *_ = operation_forced(store)
    labels[[index[a] for a in PEOPLE]] = 1
    _, roles = roles_with_forced_members(store, p, params, labels)
    assert {a for a in roles if roles[a].role == "core"} == set(CORE)
    assert not set(PEOPLE) & set(roles)
    assert "shared_exit_ip" in roles["core-1"].evidence["signals"]
    assert roles["core-1"].evidence["thresholds"]["min_distinctive"] == 1


def test_without_addresses_repeated_amplification_stands_in_for_identity(store: GraphStore, tmp_path: Path) -> None:
    """An archive without IP observations, and amplifiers that are neither young nor created in a burst: their
    identity cannot be shown, so amplifying core accounts repeatedly (fast, synchronised, default profiles) flags
    them. A real user who retweeted once is still not flagged, nor an amplifier seen at a plain home address (amp-19)."""
    folder = load_archive_only(store, tmp_path / "scenario")
    store.write("UNWIND range(0, size($ids) - 1) AS i MATCH (a:Account {id: $ids[i]}) "
                "SET a.created_at = datetime('2012-01-01T00:00:00Z') + duration({days: 97 * i})", {"ids": AMPLIFIERS})
    store.write("MATCH (a:Account {id: 'amp-19'}) MERGE (i:IP {address: '40.0.9.9'}) MERGE (a)-[:USED_IP]->(i)")
    p, params, index, labels, signals, features, scores = operation_forced(store)
    assert not signals.creation_burst[[index[a] for a in AMPLIFIERS]].any()
    assert not signals.young[[index[a] for a in AMPLIFIERS]].any()
    scores.verdict[1] = "inauthentic"  # the rule is under test here, not the verdict
    detection_writes.start_run(store, "run-forced", params.as_dict(), "test")
    assigned = {a.account_id: a for a in write_and_apply_roles(store, "run-forced",
                                                                 community_writes(p, labels, signals, features, scores), {})}
    amplifiers = {a for a, role in assigned.items() if role.role == "amplifier"}
    # fast and default profile everywhere; the third corroborating signal is a synchronised partner
    synchronised = {a for a in AMPLIFIERS if signals.sync_partners[index[a]] >= 1}
    assert len(synchronised) >= 15 and "amp-19" in synchronised
    assert amplifiers == synchronised - {"amp-19"}
    assert "repeat_without_addresses" in assigned["amp-02"].evidence["signals"]
    # nor can the core accounts' (three accounts made on one day are no burst): their swarm makes them core
    assert {a for a, role in assigned.items() if role.role == "core"} == set(CORE)
    assert "amplified_by_swarm" in assigned["core-1"].evidence["signals"]
    assert not {"creation_burst", "repurposed_account", "shared_exit_ip", "mainland_ip"} & set(assigned["core-1"].evidence["signals"])
    assert assigned["amp-02"].evidence["thresholds"]["min_repeat_core_retweets"] == 2
    assert not set(ONCE) & set(assigned)


def test_without_addresses_one_fast_synchronised_retweet_with_a_default_profile_is_an_amplifier(
        store: GraphStore, tmp_path: Path) -> None:
    """A silent amplifier retweets once, on cue, in the same minute as its squad: fast, synchronised and with a
    default profile, but an old account (no burst, not young) and, in an archive, no address. That is enough without
    an address (amp-21), not with a home address that shows nothing (amp-22), and a real person with a profile who
    retweeted in the same minute is not an amplifier (once-fast: fast and synchronised, nothing else)."""
    folder = load_archive_only(store, tmp_path / "scenario")
    rows = scenario_tweets(folder)
    post = next(row for row in rows if row["userid"] == "core-1" and row["is_retweet"] == "False")
    swarm = [row for row in rows if row["retweet_tweetid"] == post["tweetid"]]
    assert swarm  # amplifiers retweeted this post within minutes
    silent = {**swarm[0], "user_profile_description": "", "user_profile_url": "", "account_creation_date": "2013-03-03"}
    person = {**swarm[0], "user_screen_name": "river_walker", "user_display_name": "River Walker",
              "user_profile_description": "maps, rivers and long walks", "account_creation_date": "2013-03-03"}
    extra = [{**silent, "userid": "amp-21", "user_screen_name": "wang80021", "tweetid": "7001"},
             {**silent, "userid": "amp-22", "user_screen_name": "wang80022", "tweetid": "7002"},
             {**person, "userid": "once-fast", "tweetid": "7003"}]
    load_tweet_rows(store, folder, "silent.csv", extra)
    store.write("MATCH (a:Account {id: 'amp-22'}) MERGE (i:IP {address: '40.0.9.22'}) MERGE (a)-[:USED_IP]->(i)")
    p, params, index, labels, *_ = operation_forced(store)
    added = ["amp-21", "amp-22", "once-fast"]
    labels[[index[a] for a in added]] = 1
    signals, assigned = roles_with_forced_members(store, p, params, labels)
    for account in added:
        i = index[account]
        assert signals.sync_partners[i] >= 1 and signals.median_delay[i] <= 1800
        assert not signals.young[i] and not signals.creation_burst[i]
    assert assigned["amp-21"].role == "amplifier"
    assert {"fast_retweets", "synchronised", "default_profile", "synchronised_without_addresses"} <= set(assigned["amp-21"].evidence["signals"])
    assert "repeat_without_addresses" not in assigned["amp-21"].evidence["signals"]
    assert "amp-22" not in assigned and "once-fast" not in assigned
    assert not set(ONCE) & set(assigned)


def test_young_real_supporters_who_retweet_operators_fast_are_not_amplifiers(store: GraphStore, tmp_path: Path) -> None:
    """Real readers of the operation's content, on the platform for a few months, retweet four core posts in the
    same minute as the swarm: fast, synchronised and young, three corroborating signals. A young account is no
    identity signal (a fifth of real people joined within the year), so for reader-1, seen at a home address,
    nothing about who it is or where it connects from points at the operation. reader-2 has no address (an
    archive): its repeated, synchronised amplification would stand in for identity, but it has a profile, as
    people do and amplifiers mostly do not. Neither is an amplifier."""
    folder = load_archive_only(store, tmp_path / "scenario")
    rows = scenario_tweets(folder)
    posts = [row for row in rows if row["userid"].startswith("core-") and row["is_retweet"] == "False"][:4]
    swarm = [next(row for row in rows if row["retweet_tweetid"] == post["tweetid"]) for post in posts]
    reader = {"userid": "reader-1", "user_screen_name": "harbour_lights", "user_display_name": "Harbour Lights",
              "user_profile_description": "tea, trams and the news", "account_creation_date": "2019-02-10"}
    load_tweet_rows(store, folder, "reader.csv", [
        {**row, **reader, "userid": f"reader-{r}", "tweetid": f"76{r}{i}"} for r in (1, 2) for i, row in enumerate(swarm)])
    store.write("MATCH (a:Account {id: 'reader-1'}) MERGE (i:IP {address: '40.0.9.31'}) MERGE (a)-[:USED_IP]->(i)")
    p, params, index, labels, *_ = operation_forced(store)
    labels[[index["reader-1"], index["reader-2"]]] = 1
    signals, assigned = roles_with_forced_members(store, p, params, labels)
    for reader_id in ("reader-1", "reader-2"):
        i = index[reader_id]
        assert signals.young[i] and signals.sync_partners[i] >= 1 and signals.median_delay[i] <= 1800
        assert not signals.creation_burst[i] and not signals.default_profile[i]
        assert reader_id not in assigned
    assert {a for a, role in assigned.items() if role.role == "amplifier"} == set(AMPLIFIERS)


TEAMMATES = ["core-4", "core-5", "core-6"]


def teammates_post(store: GraphStore, folder: Path) -> None:
    """Load three operators whose posts no swarm boosts, and a real person operators retweet as camouflage.

    core-4 posts five times, core-1 retweets one post, and it exits through the core's VPN address. core-5 has no
    IP observation and no identity signal; core-2 and core-3 retweet its posts and it retweets core-1, core-2 and
    core-3. core-6 is like core-5, but core-1 and core-5 retweet it, and it retweets core-1, core-2 and core-5: a
    teammate of a teammate.
    person-05 is retweeted by core-1 and core-2 and retweeted core-2 once, from home. reader-09, a real reader with no
    IP observation, has the exchange of core-5 (core-2 and core-3 pass on its posts, it retweets core-1, core-2 and
    core-3), but posts half a day away from the operators' hours; reader-10 has it too, and its four posts fall in
    those hours (too few to tell a shift from chance)."""
    rows = scenario_tweets(folder)
    first = {row["userid"]: row for row in reversed(rows) if row["is_retweet"] == "False"}
    at = {a: datetime.strptime(first[a]["tweet_time"], "%Y-%m-%d %H:%M") for a in CORE + ["person-05"]}
    extra: list[dict[str, str]] = []

    def post(author: dict[str, str], when: datetime, text: str, original: dict[str, str] | None = None) -> dict[str, str]:
        row = {**author, "tweetid": f"8{len(extra):03d}", "tweet_time": when.strftime("%Y-%m-%d %H:%M"), "tweet_text": text,
               "is_retweet": "False", "retweet_userid": "", "retweet_tweetid": ""}
        if original is not None:
            row.update(retweet_of(original))
        extra.append(row)
        return row

    core_4 = {**first["core-1"], "userid": "core-4", "user_screen_name": "zhang48299", "user_display_name": "Zhang48299"}
    # created four months before its first post: neither a burst with the core nor a repurposed account
    core_5 = {**first["core-1"], "userid": "core-5", "user_screen_name": "harbour_voice", "user_display_name": "Harbour Voice",
              "account_creation_date": "2019-02-01"}
    core_6 = {**core_5, "userid": "core-6", "user_screen_name": "lion_rock_daily", "user_display_name": "Lion Rock Daily"}
    authors = {**{a: first[a] for a in CORE}, "core-5": core_5}
    firsts = {}
    for author, retweeters in ((core_4, ["core-1"]), (core_5, ["core-3", "core-2"]), (core_6, ["core-5", "core-1"])):
        posts = [post(author, at["core-1"] + timedelta(days=day, hours=1), f"{author['userid']} on order {day}") for day in range(5)]
        for n, retweeter in enumerate(retweeters):
            post(authors[retweeter], at["core-1"] + timedelta(days=1 + n, hours=1, minutes=5), "", posts[1 + n])
        firsts[author["userid"]] = posts[0]
    for n, original in enumerate([first["core-1"], first["core-2"], first["core-3"]]):
        post(core_5, at[original["userid"]] + timedelta(minutes=20 + n), "", original)
    for n, original in enumerate([first["core-1"], first["core-2"]]):
        post(core_6, at[original["userid"]] + timedelta(minutes=25 + n), "", original)
    post(core_6, at["core-1"] + timedelta(days=2, hours=1), "", firsts["core-5"])
    reader = {**first["person-05"], "userid": "reader-09", "user_screen_name": "kowloon_reader", "user_display_name": "Kowloon Reader"}
    # reader-10 posts only four times, each by chance in the operators' hours
    for reader_id, n_posts, hours in (("reader-09", 5, 12), ("reader-10", 4, 1)):
        reader = {**reader, "userid": reader_id}
        reader_posts = [post(reader, at["core-1"] + timedelta(days=day, hours=hours), f"thoughts {day}") for day in range(n_posts)]
        for n, retweeter in enumerate(["core-2", "core-3"]):
            post(authors[retweeter], at["core-1"] + timedelta(days=1 + n, hours=hours + 1), "", reader_posts[1 + n])
        for n, original in enumerate([first["core-1"], first["core-2"], first["core-3"]]):
            post(reader, at[original["userid"]] + timedelta(minutes=30 + n), "", original)
    post(first["core-1"], at["person-05"] + timedelta(hours=2), "", first["person-05"])
    post(first["core-2"], at["person-05"] + timedelta(hours=3), "", first["person-05"])
    post(first["person-05"], at["core-2"] + timedelta(hours=6), "", first["core-2"])
    load_tweet_rows(store, folder, "teammates.csv", extra)
    with (folder / "teammate_ips.csv").open("w", newline="", encoding="utf-8") as handle:
        handle.write("account_id,ip,first_seen,last_seen,count\ncore-4,10.1.0.1,2019-06-03T00:00:00Z,2019-06-17T00:00:00Z,5\n")
    load_files(store, "ips", [folder / "teammate_ips.csv"], load_options(folder))


def test_operators_no_swarm_boosts_are_core_through_their_teammates(store: GraphStore, tmp_path: Path) -> None:
    """Operators whose posts no swarm boosts fail the core rule (too few members retweeted them, and nothing about
    who they are counts there). Retweeted by a core operator, they are core teammates if their identity points the
    same way (core-4: the core's VPN exit) or, with no IP observation, if two retweeted them, they retweet three
    back and they post in the operators' office hours (core-5); a teammate of a teammate is found in the next round
    (core-6). A real person operators retweet as camouflage, who retweeted one of them once from home, is not; nor
    is a real reader with the same exchange who posts at other hours (reader-09) or only four times (reader-10)."""
    load_scenario(store, tmp_path / "scenario")
    teammates_post(store, tmp_path / "scenario")
    p, params, index, labels, *_ = operation_forced(store)
    labels[[index[a] for a in TEAMMATES + ["person-05", "reader-09", "reader-10"]]] = 1
    signals, assigned = roles_with_forced_members(store, p, params, labels)
    assert not signals.creation_burst[index["core-5"]] and not signals.repurposed[index["core-5"]]
    assert signals.office_share[index["reader-09"]] < 0.7 <= signals.office_share[index["core-5"]]
    assert signals.office_share[index["reader-10"]] >= 0.7 and signals.posts[index["reader-10"]] == 4
    assert not signals.creation_burst[index["core-6"]] and not signals.repurposed[index["core-6"]]
    assert {a for a, role in assigned.items() if role.role == "core"} == set(CORE + TEAMMATES)
    assert {assigned[a].evidence["rule"] for a in CORE} == {"core"}
    core_4, core_5 = assigned["core-4"].evidence, assigned["core-5"].evidence
    assert core_4["rule"] == core_5["rule"] == "core_teammate"
    assert {"retweeted_by_core", "own_posts", "shared_exit_ip"} <= set(core_4["signals"])
    assert core_4["values"]["retweeted_by_core"] == 1 and core_4["example_tweets"][0].endswith("(retweeted by 1 core)")
    assert "retweets_core_without_addresses" in core_5["signals"] and core_5["values"]["cores_retweeted"] == 3
    assert core_5["values"]["retweeted_by_core"] == 2
    assert not {"creation_burst", "repurposed_account", "shared_exit_ip", "mainland_ip"} & set(core_5["signals"])
    assert core_4["thresholds"]["min_cores_retweeted"] == 3 and core_4["thresholds"]["min_exchange_retweeters"] == 2
    assert "round" not in core_5 and assigned["core-6"].evidence["round"] == 2
    assert "retweets_core_without_addresses" in assigned["core-6"].evidence["signals"]
    assert assigned["core-5"].evidence["values"]["office_share"] >= 0.7
    assert assigned["core-5"].evidence["thresholds"]["min_office_share"] == 0.7
    assert assigned["core-5"].evidence["thresholds"]["min_office_posts"] == 5
    assert "person-05" not in assigned and "reader-09" not in assigned and "reader-10" not in assigned
    assert {a for a, role in assigned.items() if role.role == "amplifier"} == set(AMPLIFIERS)


def test_previous_run_stays_current_until_the_new_one_completes_and_a_failed_run_changes_nothing(
        scenario: GraphStore, monkeypatch: pytest.MonkeyPatch) -> None:
    first = run_detection(scenario, DetectionParams(seed=1))
    before = (roles_of(scenario, first.run_id), labelled(scenario, "CoreOperator"), labelled(scenario, "Amplifier"))
    seen: dict[str, Any] = {}
    real_rules = detection_writes.apply_role_rules

    def observing_rules(store: GraphStore, run: str, batch_size: int = 10_000,
                        timings: dict[str, float] | None = None) -> list[detection_writes.RoleAssignment]:
        # the new run's communities exist, but the first run is still the current one
        seen["current_during_write"] = current_run(store)["run"]
        seen["new_communities"] = store.read_value("MATCH (c:Community {run: $run}) RETURN count(c)", {"run": run})
        return real_rules(store, run, batch_size)

    monkeypatch.setattr(detection_writes, "apply_role_rules", observing_rules)
    second = run_detection(scenario, DetectionParams(seed=1))
    assert seen["current_during_write"] == first.run_id
    assert seen["new_communities"] > 0
    assert current_run(scenario)["run"] == second.run_id
    assert roles_of(scenario, second.run_id) == before[0]

    def failing_rules(store: GraphStore, run: str, batch_size: int = 10_000,
                      timings: dict[str, float] | None = None) -> list[detection_writes.RoleAssignment]:
        real_rules(store, run, batch_size)
        raise RuntimeError("disk full (injected)")

    monkeypatch.setattr(detection_writes, "apply_role_rules", failing_rules)
    with pytest.raises(NetforensicsError, match="disk full"):
        run_detection(scenario, DetectionParams(seed=1))
    failed = scenario.read("MATCH (r:DetectionRun {status: 'failed'}) RETURN r.id AS id, r.error AS error, r.current AS current")
    assert len(failed) == 1 and "disk full" in failed[0]["error"] and failed[0]["current"] is False
    assert scenario.read_value("MATCH (c:Community {run: $run}) RETURN count(c)", {"run": failed[0]["id"]}) == 0
    assert current_run(scenario)["run"] == second.run_id
    assert (roles_of(scenario, second.run_id), labelled(scenario, "CoreOperator"), labelled(scenario, "Amplifier")) == before


def test_memberships_of_old_runs_are_pruned(scenario: GraphStore) -> None:
    def kept() -> list[str]:
        return [r["run"] for r in scenario.read("MATCH ()-[m:MEMBER_OF]->() RETURN DISTINCT m.run AS run ORDER BY run")]

    runs = [run_detection(scenario, DetectionParams(seed=1)).run_id for _ in range(3)]
    # the third run started with two completed runs: both inside the window, nothing pruned
    assert kept() == sorted(runs)
    runs.append(run_detection(scenario, DetectionParams(seed=1)).run_id)
    # the fourth started with three: the oldest went while Leiden ran; its run and communities stay
    assert kept() == sorted(runs[1:])
    assert scenario.read_value("MATCH (c:Community {run: $run}) RETURN count(c)", {"run": runs[0]}) > 0


def test_planning_ahead_finds_and_writes_nothing(scenario: GraphStore) -> None:
    # while Leiden works, the pipeline runs the write-back with nothing to write and every rule for the new run
    # before its communities exist (a fresh server plans them then, not on the run's path): that pass must
    # return no roles and change nothing
    result = run_detection(scenario, DetectionParams(seed=1))
    assert result.timings["plan_ahead"] > 0
    state = "MATCH (n) OPTIONAL MATCH (n)-[r]->() RETURN count(DISTINCT n) AS nodes, count(r) AS rels, collect(DISTINCT r.role) AS roles"
    before = scenario.read(state)
    for rule in detection_writes.role_rules():
        assert scenario.read_as_decoded(rule, detection_writes._rule_params(rule, "run-not-written-yet")) == []
    detection_writes.plan_ahead(scenario, "run-not-written-yet")
    assert scenario.read(state) == before


def test_evidence_citing_graph_objects_is_stored_as_record_data_gives_it(scenario: GraphStore) -> None:
    # rules are read without Record.data() (slow on 49k evidence maps); what a rule may cite must come out the same
    query = """MATCH p = (a:Account {id: 'amp-01'})-[r:POSTED]->(t:Tweet)
               RETURN {node: a, relationship: r, path: p, when: a.first_seen, n: 1, tags: ['x']} AS evidence LIMIT 1"""
    [decoded] = scenario.read_as_decoded(query)
    [converted] = scenario.read(query)
    text, evidence = detection_writes._evidence_json(decoded["evidence"])
    assert json.loads(text) == json.loads(json.dumps(converted["evidence"], sort_keys=True, default=str))
    assert evidence == json.loads(text) and evidence["node"]["id"] == "amp-01" and evidence["relationship"][1] == "POSTED"
    plain = {"signals": ["a"], "values": {"k": 1.5}}
    assert detection_writes._evidence_json(plain) == (json.dumps(plain, sort_keys=True), plain)


def test_empty_graph_fails_cleanly(store: GraphStore) -> None:
    with pytest.raises(NetforensicsError, match="no accounts"):
        run_detection(store)
    assert store.read_value("MATCH (r:DetectionRun) RETURN r.status") == "failed"
    assert pipeline.code_version()
