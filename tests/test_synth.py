"""``netforensics synth``: formats, determinism, per-seed variation and the behaviour it was designed to show."""

from __future__ import annotations

import ast
import base64
import csv
import datetime as dt
import ipaddress
import re
from collections import Counter, defaultdict
from dataclasses import asdict
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from netforensics.cli import app
from netforensics.synth import FILES, SynthParams, draw, generate
from netforensics.synth.writers import TWEETS_COLUMNS, USERS_COLUMNS

SMALL = dict(organic=2_000, core=40, amplifiers=400)
START = dt.datetime(2019, 6, 1)


def rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "seed11"
    generate(SynthParams(seed=11, **SMALL), out)
    return out


@pytest.fixture(scope="module")
def hashed_world(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("synth") / "hashed"
    generate(SynthParams(seed=12, hashed=True, **SMALL), out)
    return out


@pytest.fixture(scope="module")
def tables(world: Path) -> dict[str, list[dict[str, str]]]:
    return {name: rows(world, name) for name in ("users.csv", "tweets.csv", "labels.csv", "ips.csv", "ip_ranges.csv", "follows.csv")}


def role_of(tables: dict[str, list[dict[str, str]]]) -> dict[str, str]:
    return {r["account_id"]: r["role"] for r in tables["labels.csv"]}


def minute(text: str) -> dt.datetime:
    return dt.datetime.strptime(text, "%Y-%m-%d %H:%M")


# ---- determinism and per-seed variation ---------------------------------------------------------

def test_same_seed_and_parameters_give_byte_identical_files(world: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    generate(SynthParams(seed=11, **SMALL), again)
    for name in (*FILES, "manifest.json", "README.md"):
        assert (again / name).read_bytes() == (world / name).read_bytes(), name


def test_different_seeds_give_different_files(world: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    generate(SynthParams(seed=13, **SMALL), other)
    assert (other / "tweets.csv").read_bytes() != (world / "tweets.csv").read_bytes()


def test_scenario_parameters_are_drawn_per_seed_within_their_ranges() -> None:
    scenarios = [draw(SynthParams(seed=s), np.random.Generator(np.random.PCG64(s))) for s in range(12)]
    for name, low, high in (("amp_delay_median_min", 2, 12), ("organic_delay_median_min", 45, 240),
                            ("repurposed_share", 0.15, 0.45), ("camouflage", 0.05, 0.3), ("tweets_per_core", 40, 160),
                            ("fan_delay_median_min", 1.5, 5), ("silent_amp_share", 0.1, 0.3),
                            ("supporter_share", 0.002, 0.008), ("supporter_fast_share", 0.2, 0.5),
                            ("supporter_boost_share", 0.05, 0.3)):
        values = [getattr(s, name) for s in scenarios]
        assert all(low <= v <= high for v in values), name
        assert len(set(values)) > 6, f"{name} barely varies across seeds: {values}"
    assert len({s.teams for s in scenarios}) > 2
    assert len({s.squads_per_team for s in scenarios}) > 2
    assert len({s.schedules[0].start for s in scenarios}) > 1
    # a researcher's explicit choice wins over the draw
    fixed = draw(SynthParams(seed=3, teams=2, camouflage=0.5), np.random.Generator(np.random.PCG64(3)))
    assert fixed.teams == 2 and fixed.camouflage == 0.5 and len(fixed.schedules) == 2


def test_explicit_choices_equal_to_the_draws_give_the_same_files(world: Path, tmp_path: Path) -> None:
    """The README's regenerate command spells every drawn choice out: it must not shift the other draws."""
    import json

    drawn = json.loads((world / "manifest.json").read_text(encoding="utf-8"))["scenario"]
    again = tmp_path / "explicit"
    generate(SynthParams(seed=11, **SMALL, teams=drawn["teams"], tweets_per_core=drawn["tweets_per_core"],
                         camouflage=drawn["camouflage"], tweets_per_person=drawn["organic_tweets_median"]), again)
    for name in FILES:
        assert (again / name).read_bytes() == (world / name).read_bytes(), name


def test_memory_does_not_grow_with_the_number_of_tweets(tmp_path: Path) -> None:
    """Four times the period at the same daily activity (four times the tweets, the same accounts) must not
    need more memory: tweets are generated a day at a time and written as they are final. tracemalloc sees
    numpy's and Python's allocations (Arrow's buffers are per chunk). The generator before streaming failed
    this (its peak grew with the tweets: 29 MB -> 61 MB for the same sizes)."""
    import tracemalloc

    generate(SynthParams(seed=1, organic=500, core=4, amplifiers=10, days=7), tmp_path / "warm-up")  # lazy imports, caches

    def peak(days: int, activity: float) -> tuple[int, int]:
        tracemalloc.start()
        try:
            summary = generate(SynthParams(seed=3, organic=1_000, core=20, amplifiers=200, days=days,
                                           tweets_per_core=100 * activity, tweets_per_person=3 * activity),
                               tmp_path / f"days{days}")
            return summary.counts["tweets"], tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    short_tweets, short_peak = peak(30, 1.0)
    long_tweets, long_peak = peak(120, 4.0)
    assert long_tweets > 3 * short_tweets
    assert long_peak < 1.3 * short_peak + 500_000, (short_peak, long_peak)


def test_manifest_and_readme_say_the_data_is_synthetic(world: Path) -> None:
    import json

    manifest = json.loads((world / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["synthetic"] is True and manifest["seed"] == 11
    assert manifest["scenario"]["params"]["organic"] == 2_000
    assert "synthetic" in (world / "README.md").read_text(encoding="utf-8").lower()


# ---- formats ------------------------------------------------------------------------------------

def test_headers_are_the_archive_layouts(world: Path) -> None:
    def header(name: str) -> list[str]:
        return (world / name).read_text(encoding="utf-8").splitlines()[0].split(",")

    assert header("users.csv") == list(USERS_COLUMNS) and len(USERS_COLUMNS) == 10
    assert header("tweets.csv") == list(TWEETS_COLUMNS) and len(TWEETS_COLUMNS) == 31
    assert TWEETS_COLUMNS[0] == "tweetid" and TWEETS_COLUMNS[-1] == "poll_choices"
    assert header("follows.csv") == ["src_account_id", "dst_account_id", "observed_at"]
    assert header("ips.csv") == ["account_id", "ip", "first_seen", "last_seen", "count"]
    assert header("ip_ranges.csv") == ["network", "asn", "as_org", "country", "is_vpn", "kind"]
    assert header("labels.csv") == ["account_id", "role", "team", "squad", "silent", "trap"]


def test_tweet_values_look_like_the_releases(tables: dict[str, list[dict[str, str]]]) -> None:
    tweets = tables["tweets.csv"]
    ids = {t["tweetid"] for t in tweets}
    assert len(ids) == len(tweets)
    float_seen = False
    for t in tweets:
        assert re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d", t["tweet_time"])
        assert re.fullmatch(r"\d+", t["tweetid"]) and re.fullmatch(r"\d+", t["userid"])
        for column in ("hashtags", "urls", "user_mentions"):
            assert isinstance(ast.literal_eval(t[column]), list)
        assert t["latitude"] in ("absent", "present") and t["longitude"] == t["latitude"]
        for column in ("quote_count", "reply_count", "like_count", "retweet_count"):
            assert re.fullmatch(r"\d+(\.0)?", t[column])
            float_seen |= t[column].endswith(".0")
        assert t["is_retweet"] in ("True", "False")
        if t["is_retweet"] == "True":
            assert t["retweet_tweetid"] in ids and t["retweet_userid"]
            assert t["tweet_text"].startswith("RT @")
            assert ast.literal_eval(t["user_mentions"]) == [t["retweet_userid"]]
        else:
            assert t["retweet_tweetid"] == "" and t["retweet_userid"] == ""
        if t["in_reply_to_tweetid"]:
            assert t["in_reply_to_tweetid"] in ids and t["in_reply_to_userid"]
    assert float_seen, "count columns never use the releases' float form"
    assert any(t["latitude"] == "present" for t in tweets)
    assert any(t["in_reply_to_tweetid"] for t in tweets) and any(t["quoted_tweet_tweetid"] for t in tweets)


def test_tweets_and_follows_are_written_in_time_order(tables: dict[str, list[dict[str, str]]]) -> None:
    """Rows are written day by day as they become final: the files still read as one time-ordered log, and
    every retweet, reply or quote comes after the tweet it answers."""
    times = [t["tweet_time"] for t in tables["tweets.csv"]]
    assert times == sorted(times)
    seen: set[str] = set()
    for t in tables["tweets.csv"]:
        for column in ("retweet_tweetid", "in_reply_to_tweetid", "quoted_tweet_tweetid"):
            assert not t[column] or t[column] in seen, (column, t)
        seen.add(t["tweetid"])
    observed = [f["observed_at"] for f in tables["follows.csv"]]
    assert observed == sorted(observed)
    pairs = [(f["src_account_id"], f["dst_account_id"]) for f in tables["follows.csv"]]
    assert len(set(pairs)) == len(pairs) and all(a != b for a, b in pairs)


def test_ids_are_integer_strings_that_survive_as_text(tables: dict[str, list[dict[str, str]]]) -> None:
    user_ids = [u["userid"] for u in tables["users.csv"]]
    assert len(set(user_ids)) == len(user_ids)
    assert all(re.fullmatch(r"[1-9]\d*", i) for i in user_ids)
    # ids beyond 2**53 would be corrupted as floats: the recent accounts have them
    assert sum(int(i) > 2**53 for i in user_ids) > len(user_ids) / 2
    known = set(user_ids)
    assert {r["account_id"] for r in tables["labels.csv"]} == known
    assert {f["src_account_id"] for f in tables["follows.csv"]} <= known
    assert {f["dst_account_id"] for f in tables["follows.csv"]} <= known
    assert {r["account_id"] for r in tables["ips.csv"]} <= known
    assert {t["retweet_userid"] for t in tables["tweets.csv"] if t["retweet_userid"]} <= known


def test_every_ip_is_valid_and_inside_a_listed_range(tables: dict[str, list[dict[str, str]]]) -> None:
    networks = [ipaddress.ip_network(r["network"]) for r in tables["ip_ranges.csv"]]
    kinds = {r["kind"] for r in tables["ip_ranges.csv"]}
    assert kinds == {"vpn", "hosting", "residential", "mobile", "campus", "unknown"}
    addresses = {ipaddress.ip_address(r["ip"]) for r in tables["ips.csv"]}
    assert any(a.version == 6 for a in addresses) and any(a.version == 4 for a in addresses)
    for address in addresses:
        assert any(address in n for n in networks if n.version == address.version), address
    for r in tables["ips.csv"]:
        assert r["first_seen"] <= r["last_seen"] and int(r["count"]) >= 1


def test_roles_appear_only_in_labels(world: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    assert Counter(r["role"] for r in tables["labels.csv"]) == {"organic": 2_000, "core": 40, "amplifier": 400}
    assert all(r["team"].startswith("team-") == (r["role"] != "organic") for r in tables["labels.csv"])
    for name in ("users.csv", "tweets.csv", "follows.csv", "ips.csv", "ip_ranges.csv"):
        text = (world / name).read_text(encoding="utf-8").lower()
        for word in ("amplifier", "operator", "team-", "squad-", "organic", "inauthentic"):
            assert word not in text, (name, word)
    # users are not grouped by role in file order
    order = [r["role"] for r in tables["labels.csv"]]
    first_core = order.index("core")
    assert first_core < len(order) - 440


# ---- the behaviour the generator is designed to show -------------------------------------------

def test_amplifiers_are_created_in_bursts(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    created = defaultdict(list)
    for u in tables["users.csv"]:
        created[roles[u["userid"]]].append(u["account_creation_date"])

    def busiest_ten_days_share(dates: list[str]) -> float:
        return sum(n for _, n in Counter(dates).most_common(10)) / len(dates)

    assert busiest_ten_days_share(created["amplifier"]) > 0.5
    assert busiest_ten_days_share(created["organic"]) < 0.1


def test_core_accounts_post_in_office_hours_and_people_do_not(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)

    def office_share(role: str) -> float:
        hours = [(minute(t["tweet_time"]) + dt.timedelta(hours=8)) for t in tables["tweets.csv"]
                 if roles[t["userid"]] == role and minute(t["tweet_time"]) >= START]
        return sum(8 <= h.hour < 19 and h.weekday() < 5 for h in hours) / len(hours)

    assert office_share("core") > 0.85
    assert office_share("organic") < 0.5


def test_amplifiers_retweet_core_within_minutes_people_within_hours(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    by_id = {t["tweetid"]: t for t in tables["tweets.csv"]}
    delays: dict[tuple[str, str], list[float]] = defaultdict(list)
    for t in tables["tweets.csv"]:
        if t["is_retweet"] == "True":
            original = by_id[t["retweet_tweetid"]]
            minutes = (minute(t["tweet_time"]) - minute(original["tweet_time"])).total_seconds() / 60
            assert minutes >= 0
            delays[(roles[t["userid"]], roles[original["userid"]])].append(minutes)
    amplifier = np.median(delays[("amplifier", "core")])
    organic = np.median(delays[("organic", "organic")])
    assert amplifier < 20
    assert organic > 30 and organic > 3 * amplifier
    # people's delays range from minutes to days (log-normal)
    assert np.percentile(delays[("organic", "organic")], 95) > 24 * 60
    # each amplifier retweets core content only a few times
    per_amplifier = Counter(t["userid"] for t in tables["tweets.csv"] if roles[t["userid"]] == "amplifier" and t["is_retweet"] == "True")
    assert max(per_amplifier.values()) <= 9 and np.median(list(per_amplifier.values())) <= 4


def test_campus_nat_is_shared_by_many_organic_accounts(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    campus = [ipaddress.ip_network(r["network"]) for r in tables["ip_ranges.csv"] if r["kind"] == "campus"]
    users_per_ip: dict[str, set[str]] = defaultdict(set)
    for r in tables["ips.csv"]:
        users_per_ip[r["ip"]].add(r["account_id"])
    nat = [ip for ip in users_per_ip if any(ipaddress.ip_address(ip) in n for n in campus)]
    biggest = max(nat, key=lambda ip: len(users_per_ip[ip]))
    assert len(users_per_ip[biggest]) >= 100
    assert {roles[a] for a in users_per_ip[biggest]} == {"organic"}


def test_operators_share_vpn_or_hosting_exits_within_a_team(tables: dict[str, list[dict[str, str]]]) -> None:
    labels = {r["account_id"]: r for r in tables["labels.csv"]}
    kind_of = {}
    nets = [(ipaddress.ip_network(r["network"]), r["kind"], r["country"]) for r in tables["ip_ranges.csv"]]
    for r in tables["ips.csv"]:
        a = ipaddress.ip_address(r["ip"])
        kind_of[r["ip"]] = next((k, c) for n, k, c in nets if a.version == n.version and a in n)
    core_ips = [r for r in tables["ips.csv"] if labels[r["account_id"]]["role"] == "core"]
    assert sum(kind_of[r["ip"]][0] in ("vpn", "hosting") for r in core_ips) / len(core_ips) > 0.8
    teams_per_ip: dict[str, set[str]] = defaultdict(set)
    accounts_per_ip: dict[str, set[str]] = defaultdict(set)
    for r in core_ips:
        teams_per_ip[r["ip"]].add(labels[r["account_id"]]["team"])
        accounts_per_ip[r["ip"]].add(r["account_id"])
    assert max(len(a) for a in accounts_per_ip.values()) >= 3
    organic_ips = [r for r in tables["ips.csv"] if labels[r["account_id"]]["role"] == "organic"]
    assert sum(kind_of[r["ip"]][0] in ("residential", "mobile", "campus") for r in organic_ips) / len(organic_ips) > 0.9


def test_traps_are_present(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    users = {u["userid"]: u for u in tables["users.csv"]}
    by_id = {t["tweetid"]: t for t in tables["tweets.csv"]}
    retweets = [t for t in tables["tweets.csv"] if t["is_retweet"] == "True"]
    # news hubs: organic accounts with huge audiences and many genuine retweets
    retweeted = Counter(t["retweet_userid"] for t in retweets if roles[t["userid"]] == "organic")
    hubs = [a for a, n in retweeted.items() if roles[a] == "organic" and int(users[a]["follower_count"]) >= 100_000 and n >= 100]
    assert len(hubs) >= 3
    # the fandom: many organic accounts retweet one idol within minutes
    idol = max((a for a in retweeted if int(users[a]["follower_count"]) >= 1_000_000), key=lambda a: retweeted[a])
    fan_delays = [(minute(t["tweet_time"]) - minute(by_id[t["retweet_tweetid"]]["tweet_time"])).total_seconds() / 60
                  for t in retweets if t["retweet_userid"] == idol]
    assert len({t["userid"] for t in retweets if t["retweet_userid"] == idol}) >= 30
    assert np.median(fan_delays) < 10
    # real people who retweet operation content once (supporters of an outlet persona are the next test)
    supporters = {r["account_id"] for r in tables["labels.csv"] if "supporter" in r["trap"].split("+")}
    organic_on_core = Counter(t["userid"] for t in retweets if roles[t["userid"]] == "organic" and roles[t["retweet_userid"]] == "core"
                              and t["userid"] not in supporters)
    assert organic_on_core and max(organic_on_core.values()) <= 2
    # camouflage: operators retweet popular organic accounts
    assert any(roles[t["userid"]] == "core" and roles[t["retweet_userid"]] == "organic" for t in retweets)
    follows_hubs = {f["src_account_id"] for f in tables["follows.csv"] if f["dst_account_id"] in hubs or f["dst_account_id"] == idol}
    assert any(roles[a] == "core" for a in follows_hubs) and any(roles[a] == "organic" for a in follows_hubs)


def test_supporters_follow_a_persona_and_retweet_operators_repeatedly(world: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    users = {u["userid"]: u for u in tables["users.csv"]}
    by_id = {t["tweetid"]: t for t in tables["tweets.csv"]}
    supporters = {r["account_id"] for r in tables["labels.csv"] if "supporter" in r["trap"].split("+")}
    assert supporters and {roles[a] for a in supporters} == {"organic"}
    personas = {a for a, u in users.items() if roles[a] == "core" and u["user_profile_url"].startswith("https://www.facebook.com/")}
    followed = defaultdict(set)
    for f in tables["follows.csv"]:
        followed[f["src_account_id"]].add(f["dst_account_id"])
    assert all(followed[a] & personas for a in supporters)
    on_core = defaultdict(list)
    for t in tables["tweets.csv"]:
        if t["userid"] in supporters and t["is_retweet"] == "True" and roles[t["retweet_userid"]] == "core":
            original = by_id[t["retweet_tweetid"]]
            on_core[t["userid"]].append(((minute(t["tweet_time"]) - minute(original["tweet_time"])).total_seconds() / 60, t["retweet_userid"]))
    counts = [len(v) for v in on_core.values()]
    assert np.median(counts) >= 3 and max(counts) >= 5
    # more than one core account, and some within minutes: what amplifiers do too
    assert any(len({author for _, author in v}) >= 2 for v in on_core.values())
    assert any(np.median([d for d, _ in v]) < 20 for v in on_core.values())
    # operators pass on some of their posts: core accounts retweet real people who retweet them
    boosted = {t["retweet_userid"] for t in tables["tweets.csv"] if t["is_retweet"] == "True" and t["retweet_userid"] in supporters
               and roles[t["userid"]] == "core"}
    assert len(boosted) >= 2
    # yet they are people: they post and retweet organic accounts as well
    own = Counter(t["userid"] for t in tables["tweets.csv"] if t["userid"] in supporters
                  and (t["is_retweet"] != "True" or roles[t["retweet_userid"]] == "organic"))
    assert sum(1 for a in supporters if own[a]) >= len(supporters) // 2


def test_labels_name_the_traps_of_real_people(world: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    traps = Counter(name for r in tables["labels.csv"] for name in r["trap"].split("+") if name)
    assert {"news_hub", "idol", "fan", "campus", "community_hub", "op_retweeter", "supporter"} <= set(traps)
    assert traps["idol"] == 1
    assert all(r["role"] == "organic" for r in tables["labels.csv"] if r["trap"])


def labelled(tables: dict[str, list[dict[str, str]]]) -> dict[str, dict[str, str]]:
    return {r["account_id"]: r for r in tables["labels.csv"]}


def test_amplifier_squads_each_have_their_own_burst_exits_and_core_sub_group(world: Path, tables: dict[str, list[dict[str, str]]]) -> None:
    import json

    labels = labelled(tables)
    squads = json.loads((world / "manifest.json").read_text(encoding="utf-8"))["squads"]
    amplifiers = [r for r in tables["labels.csv"] if r["role"] == "amplifier"]
    assert {r["squad"] for r in amplifiers} == {s["squad"] for s in squads if s["amplifiers"]}
    assert len(squads) >= len({r["team"] for r in amplifiers}) and len(squads) > 1
    # every squad belongs to one team
    assert all(len({r["team"] for r in amplifiers if r["squad"] == q}) == 1 for q in {r["squad"] for r in amplifiers})
    # its own registration burst: most members signed up within the squad's burst (a few days)
    created = {u["userid"]: dt.date.fromisoformat(u["account_creation_date"]) for u in tables["users.csv"]}
    burst_starts, in_burst = set(), 0
    for q in {r["squad"] for r in amplifiers}:
        dates = sorted(created[r["account_id"]] for r in amplifiers if r["squad"] == q)
        first = Counter(dates).most_common(1)[0][0]
        burst_starts.add(first)
        near = sum(first - dt.timedelta(days=3) <= d <= first + dt.timedelta(days=3) for d in dates)
        assert len(dates) < 30 or near / len(dates) > 0.6, (q, Counter(dates).most_common(5))
        in_burst += near
    assert in_burst / len(amplifiers) > 0.7
    assert len(burst_starts) > 1
    # its own exit addresses: VPN / hosting addresses are not shared between squads
    exit_kinds = {"vpn", "hosting"}
    nets = [(ipaddress.ip_network(r["network"]), r["kind"]) for r in tables["ip_ranges.csv"]]
    squads_per_ip: dict[str, set[str]] = defaultdict(set)
    for r in tables["ips.csv"]:
        label = labels[r["account_id"]]
        address = ipaddress.ip_address(r["ip"])
        kind = next(k for n, k in nets if n.version == address.version and address in n)
        if label["role"] == "amplifier" and kind in exit_kinds:
            squads_per_ip[r["ip"]].add(label["squad"])
    assert squads_per_ip and sum(len(s) == 1 for s in squads_per_ip.values()) / len(squads_per_ip) > 0.97
    # it boosts its own sub-group of the team's core accounts
    core_squads = {r["squad"] for r in tables["labels.csv"] if r["role"] == "core"}
    assert core_squads == {s["squad"] for s in squads if s["core_accounts"]}
    boosted = [(labels[t["userid"]]["squad"], labels[t["retweet_userid"]]["squad"]) for t in tables["tweets.csv"]
               if t["is_retweet"] == "True" and labels[t["userid"]]["role"] == "amplifier"
               and labels[t["retweet_userid"]]["role"] == "core"]
    assert boosted and all(a == b for a, b in boosted)


def test_silent_amplifiers_retweet_once_with_their_squad_and_do_nothing_else(tables: dict[str, list[dict[str, str]]]) -> None:
    labels = labelled(tables)
    amplifiers = [r for r in tables["labels.csv"] if r["role"] == "amplifier"]
    silent = {r["account_id"] for r in amplifiers if r["silent"] == "true"}
    assert 0.05 < len(silent) / len(amplifiers) < 0.45
    assert all(r["silent"] == "" for r in tables["labels.csv"] if r["role"] != "amplifier")
    by_id = {t["tweetid"]: t for t in tables["tweets.csv"]}
    posts: dict[str, list[dict[str, str]]] = defaultdict(list)
    for t in tables["tweets.csv"]:
        posts[t["userid"]].append(t)
    follows: dict[str, list[str]] = defaultdict(list)
    for f in tables["follows.csv"]:
        follows[f["src_account_id"]].append(f["dst_account_id"])
    retweeters: dict[str, list[tuple[str, dt.datetime]]] = defaultdict(list)
    for t in tables["tweets.csv"]:
        if t["is_retweet"] == "True" and labels[t["userid"]]["role"] == "amplifier":
            retweeters[t["retweet_tweetid"]].append((t["userid"], minute(t["tweet_time"])))
    with_swarm = 0
    for account in silent:
        mine = posts[account]
        assert len(mine) <= 1, mine
        # one follow: a core account of its own squad
        assert len(follows[account]) <= 1
        assert all(labels[d]["role"] == "core" and labels[d]["squad"] == labels[account]["squad"] for d in follows[account])
        for t in mine:
            original = by_id[t["retweet_tweetid"]]
            assert t["is_retweet"] == "True" and labels[original["userid"]]["role"] == "core"
            at = minute(t["tweet_time"])
            squad_mates = [a for a, when in retweeters[t["retweet_tweetid"]]
                           if a != account and labels[a]["squad"] == labels[account]["squad"] and abs(when - at) <= dt.timedelta(minutes=30)]
            with_swarm += len(squad_mates) >= 2
    active = [a for a in silent if posts[a]]
    assert len(active) > 0.7 * len(silent)
    assert with_swarm > 0.6 * len(active), (with_swarm, len(active))
    # the others are busier: several retweets, some chatter or camouflage
    busy = [len(posts[r["account_id"]]) for r in amplifiers if r["account_id"] not in silent]
    assert np.mean(busy) > 1.3


def test_some_core_accounts_are_repurposed_old_accounts(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    old_core = {u["userid"] for u in tables["users.csv"] if roles[u["userid"]] == "core" and u["account_creation_date"] < "2016-01-01"}
    assert old_core
    times: dict[str, list[dt.datetime]] = defaultdict(list)
    for t in tables["tweets.csv"]:
        if t["userid"] in old_core:
            times[t["userid"]].append(minute(t["tweet_time"]))
    silent = [a for a, ts in times.items() if max(np.diff(sorted(ts)), default=dt.timedelta(0)) > dt.timedelta(days=365)]
    assert silent, "repurposed accounts should show a long silence before the campaign"


def test_news_outlet_personas_link_to_pages(tables: dict[str, list[dict[str, str]]]) -> None:
    roles = role_of(tables)
    personas = [u for u in tables["users.csv"] if roles[u["userid"]] == "core" and u["user_profile_url"].startswith("https://www.facebook.com/")]
    assert personas


# ---- --hashed -----------------------------------------------------------------------------------

def test_hashed_replaces_small_accounts_everywhere_with_one_hash(hashed_world: Path) -> None:
    users = rows(hashed_world, "users.csv")
    hashed = set()
    for u in users:
        if int(u["follower_count"]) < 5_000:
            assert len(u["userid"]) == 44 and len(base64.b64decode(u["userid"])) == 32
            assert u["user_screen_name"] == u["userid"] == u["user_display_name"]
            hashed.add(u["userid"])
        else:
            assert re.fullmatch(r"\d+", u["userid"]) and u["user_screen_name"] != u["userid"]
    assert hashed and len(hashed) < len(users)
    known = {u["userid"] for u in users}
    assert {r["account_id"] for r in rows(hashed_world, "labels.csv")} == known
    assert {r["account_id"] for r in rows(hashed_world, "ips.csv")} <= known
    follows = rows(hashed_world, "follows.csv")
    assert {f["src_account_id"] for f in follows} | {f["dst_account_id"] for f in follows} <= known
    tweets = rows(hashed_world, "tweets.csv")
    referenced = {t["retweet_userid"] for t in tweets if t["retweet_userid"]} | {t["in_reply_to_userid"] for t in tweets if t["in_reply_to_userid"]}
    assert referenced <= known and referenced & hashed


def test_hashing_is_the_only_difference_hashed_makes(world: Path, tmp_path: Path) -> None:
    out = tmp_path / "hashed11"
    generate(SynthParams(seed=11, hashed=True, **SMALL), out)
    plain, hashed = rows(world, "labels.csv"), rows(out, "labels.csv")
    assert [r["role"] for r in plain] == [r["role"] for r in hashed]
    assert len(rows(world, "tweets.csv")) == len(rows(out, "tweets.csv"))


# ---- CLI ----------------------------------------------------------------------------------------

def test_synth_help_lists_the_options() -> None:
    result = CliRunner().invoke(app, ["synth", "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    for option in ("--seed", "--organic", "--core", "--amplifiers", "--hashed", "--days", "--teams",
                   "--tweets-per-core", "--tweets-per-person", "--camouflage", "--start-date", "--hk-scale"):
        assert option in result.output


def test_synth_cli_writes_the_files(tmp_path: Path) -> None:
    out = tmp_path / "cli"
    result = CliRunner().invoke(app, ["synth", str(out), "--seed", "5", "--organic", "1000", "--core", "12",
                                      "--amplifiers", "100", "--days", "20", "--teams", "2", "--start-date", "2020-01-06"])
    assert result.exit_code == 0, result.output
    for name in FILES:
        assert (out / name).is_file()
    tweets = rows(out, "tweets.csv")
    assert min(t["tweet_time"] for t in tweets if t["tweet_time"] >= "2020") >= "2020-01-06"
    assert max(t["tweet_time"] for t in tweets) < "2020-01-26"
    teams = {r["team"] for r in rows(out, "labels.csv") if r["team"]}
    assert teams == {"team-1", "team-2"}


def test_synth_cli_rejects_impossible_sizes(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["synth", str(tmp_path / "x"), "--organic", "10"])
    assert result.exit_code != 0


def test_the_readmes_regenerate_command_reproduces_every_file_including_the_manifest(world: Path, tmp_path: Path) -> None:
    import shlex

    readme = (world / "README.md").read_text(encoding="utf-8")
    command = next(line.strip() for line in readme.splitlines() if line.strip().startswith("netforensics synth OUT_DIR"))
    again = tmp_path / "again"
    args = shlex.split(command.replace("OUT_DIR", str(again)))[1:]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    for name in (*FILES, "manifest.json", "README.md"):
        assert (again / name).read_bytes() == (world / name).read_bytes(), name


def test_synth_refuses_an_output_folder_it_cannot_create_in_one_line(tmp_path: Path) -> None:
    from tests.cli_helpers import run_cli

    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for out in (afile / "sub", Path("/proc/nope")):
        result = run_cli("synth", str(out), "--organic", "500", "--core", "4", "--amplifiers", "10", "--days", "7")
        assert result.returncode == 1, result.stderr
        assert "Cannot create the output folder" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--organic", "10000000000000"], "at most 20,000,000 accounts"),
    (["--start-date", "1969-12-01"], "--start-date must be between 2018-01-01 and 2099-12-25"),
    (["--start-date", "9999-12-30"], "--start-date must be between 2018-01-01 and 2099-12-25"),
    (["--start-date", "2099-12-26"], "--start-date must be between 2018-01-01 and 2099-12-25"),
    (["--seed", "-3"], "--seed must be zero or positive"),
])
def test_synth_refuses_sizes_dates_and_seeds_it_cannot_generate_as_usage_errors(tmp_path: Path, args: list[str],
                                                                                  message: str) -> None:
    from tests.cli_helpers import run_cli

    result = run_cli("synth", str(tmp_path / "x"), "--core", "4", "--amplifiers", "10", "--days", "7",
                     *(["--organic", "500"] if "--organic" not in args else []), *args)
    assert result.returncode == 2, result.stderr
    assert message in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "x").exists()


def test_the_last_valid_start_date_keeps_four_digit_years() -> None:
    SynthParams(start_date=dt.date(2099, 12, 25), days=7).validate()
    SynthParams(start_date=dt.date(2018, 1, 1), days=7).validate()
    with pytest.raises(Exception, match="--start-date"):
        SynthParams(start_date=dt.date(2017, 12, 31), days=7).validate()
