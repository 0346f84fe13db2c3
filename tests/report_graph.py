"""A small, realistic investigation graph for the report and export tests (docs/graph-model.md).

Current run ``run-3`` has two flagged communities and one organic one:

* community 17 (``inauthentic``): 6 core accounts registered in one batch (one repurposed 2012 account, one with a
  hostile handle and display name), posting 01:00-09:00 UTC (a 9-to-6 day in UTC+8) from VPN exits and once from a
  mainland (CN) address; 40 amplifiers registered in a two-day burst, retweeting core posts within minutes from
  shared hosting addresses. Lineage: run-1/17 (12) -> run-2/17 (30) -> run-3/17 (46).
* community 23 (``coordinated``): 3 core, 12 amplifiers, no predecessor.
* community 5 (``organic``): 30 people posting in their evenings, retweeting hours later, from home and campus.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from netforensics.cypher_files import parse
from netforensics.store.connection import GraphStore

BUILD = Path(__file__).parent / "data" / "report" / "build-graph.cypher"

HOSTILE_HANDLE = '<script>alert("pwn")</script>'
HOSTILE_NAME = '"><img src=x onerror=alert(1)>'
HOSTILE_EVIDENCE_TEXT = "</table><iframe src=//evil.example></iframe>"
CONTROL_CHARS_NAME = "bad\x01name\x0b"


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Expected:
    accounts: int
    retweeted_edges: int
    flagged: tuple[str, ...]  # community ids with cards, most suspicious first
    community_17_members: int


def rows() -> tuple[dict[str, Any], Expected]:
    base = datetime(2019, 8, 1, tzinfo=timezone.utc)
    accounts: list[dict[str, Any]] = []
    tweets: list[dict[str, Any]] = []
    retweets: list[dict[str, Any]] = []
    ips: list[dict[str, Any]] = []
    members: list[dict[str, Any]] = []

    def account(acc_id: str, handle: str, role: str | None, created: datetime, name: str = "", followers: int = 10) -> None:
        accounts.append({"id": acc_id, "screen_name": handle, "display_name": name or handle, "description": "",
                         "created_at": _iso(created), "followers": followers, "following": 50, "lang": "zh", "role": role})

    def member(acc_id: str, community: str, role: str | None, score: float, evidence: dict[str, Any]) -> None:
        members.append({"account": acc_id, "community": community, "role": role, "role_score": score,
                        "evidence": json.dumps(evidence, ensure_ascii=False)})

    # Community 17: core
    core17 = [f"c17-{i}" for i in range(6)]
    for i, acc in enumerate(core17):
        created = datetime(2012, 5, 5, tzinfo=timezone.utc) if i == 5 else datetime(2019, 3, 2, 2 + i, tzinfo=timezone.utc)
        handle = HOSTILE_HANDLE if i == 0 else f"HKnews{i}"
        account(acc, handle, "core", created, name=HOSTILE_NAME if i == 0 else f"HK News {i}", followers=3000 + i)
        evidence: dict[str, Any] = {"originals": 8, "amplified_by": 20 - i, "median_delay_s": 240}
        if i == 0:
            evidence["example_tweet"] = HOSTILE_EVIDENCE_TEXT
        member(acc, "run-3/17", "core", 0.95 - i * 0.05, evidence)
        ips.append({"account": acc, "ip": f"203.0.113.{1 + i % 3}", "cidr": "203.0.113.0/24", "count": 20})
        for t in range(8):
            moment = base + timedelta(days=t, hours=1 + (i + t) % 8)
            tweets.append({"id": f"t17-{i}-{t}", "account": acc, "created_at": _iso(moment),
                           "text": "<b>unverified</b> news & views"})
    ips.append({"account": core17[1], "ip": "36.110.0.5", "cidr": "36.110.0.0/16", "count": 1})
    # Community 17: amplifiers, created in a burst, retweeting within minutes from shared hosting addresses.
    amps17 = [f"a17-{i}" for i in range(40)]
    for i, acc in enumerate(amps17):
        account(acc, CONTROL_CHARS_NAME if i == 0 else f"user{48213 + i}", "amplifier",
                datetime(2019, 7, 10 + i % 2, 1 + i % 20, tzinfo=timezone.utc), followers=2)
        member(acc, "run-3/17", "amplifier", 0.8 - i * 0.005, {"retweets_of_core": 3, "median_delay_s": 180})
        ips.append({"account": acc, "ip": f"198.51.100.{1 + i % 4}", "cidr": "198.51.100.0/24", "count": 5})
        for k in range(3):
            core_i, t = (i + k) % 6, (i + 2 * k) % 8
            orig = base + timedelta(days=t, hours=1 + (core_i + t) % 8)
            retweets.append({"id": f"r17-{i}-{k}", "account": acc, "original": f"t17-{core_i}-{t}",
                             "created_at": _iso(orig + timedelta(minutes=2 + (i + k) % 7))})
    # Community 23: a smaller coordinated group.
    core23 = [f"c23-{i}" for i in range(3)]
    for i, acc in enumerate(core23):
        account(acc, f"voice_of_bay{i}", "core", datetime(2019, 4, 9, 3 + i, tzinfo=timezone.utc), followers=800)
        member(acc, "run-3/23", "core", 0.9 - 0.1 * i, {"originals": 5})
        ips.append({"account": acc, "ip": "203.0.113.77", "cidr": "203.0.113.0/24", "count": 9})
        for t in range(5):
            tweets.append({"id": f"t23-{i}-{t}", "account": acc, "created_at": _iso(base + timedelta(days=t, hours=2 + i))})
    for i in range(12):
        acc = f"a23-{i}"
        account(acc, f"bay_fan{900 + i}", "amplifier", datetime(2019, 7, 20, i, tzinfo=timezone.utc), followers=1)
        member(acc, "run-3/23", "amplifier", 0.7, {"retweets_of_core": 2})
        ips.append({"account": acc, "ip": "198.51.100.99", "cidr": "198.51.100.0/24", "count": 3})
        for k in range(2):
            core_i, t = (i + k) % 3, (i + k) % 5
            orig = base + timedelta(days=t, hours=2 + core_i)
            retweets.append({"id": f"r23-{i}-{k}", "account": acc, "original": f"t23-{core_i}-{t}",
                             "created_at": _iso(orig + timedelta(minutes=1 + k))})
    # Community 5: organic people (evening posters, slow retweets, home and campus addresses).
    people = [f"p5-{i}" for i in range(30)]
    for i, acc in enumerate(people):
        account(acc, f"person_{i}", None, datetime(2010 + i % 9, 1 + i % 12, 3, tzinfo=timezone.utc), followers=100 + i)
        member(acc, "run-3/5", None, 0.0, {})
        cidr, ip = ("192.0.2.0/24", "192.0.2.10") if i % 3 == 0 else ("100.64.0.0/16", f"100.64.0.{i + 1}")
        ips.append({"account": acc, "ip": ip, "cidr": cidr, "count": 30})
        for t in range(4):
            tweets.append({"id": f"t5-{i}-{t}", "account": acc, "created_at": _iso(base + timedelta(days=t, hours=11 + (i + t) % 5))})
        if i > 0:
            orig_owner = (i * 7) % i
            retweets.append({"id": f"r5-{i}", "account": acc, "original": f"t5-{orig_owner}-{i % 4}",
                             "created_at": _iso(base + timedelta(days=i % 4, hours=11 + (orig_owner + i % 4) % 5 + 3 + i % 6))})
    # One real person who retweeted an operation post once (no role).
    retweets.append({"id": "r5-op", "account": "p5-3", "original": "t17-1-0", "created_at": _iso(base + timedelta(hours=20))})

    networks = [
        {"cidr": "203.0.113.0/24", "asn": 64500, "org": "FastVPN Ltd", "country": "US", "kind": "vpn", "prefix_len": 24},
        {"cidr": "198.51.100.0/24", "asn": 64501, "org": "Cloud Hosting SG", "country": "SG", "kind": "hosting", "prefix_len": 24},
        {"cidr": "36.110.0.0/16", "asn": 64502, "org": "Mainland Telecom", "country": "CN", "kind": "residential", "prefix_len": 16},
        {"cidr": "100.64.0.0/16", "asn": 64503, "org": "HK Broadband", "country": "HK", "kind": "residential", "prefix_len": 16},
        {"cidr": "192.0.2.0/24", "asn": 64504, "org": "HK University", "country": "HK", "kind": "campus", "prefix_len": 24},
    ]
    datasets = [
        {"name": "hk_082019", "loaded": "2019-08-20T00:00:00Z", "batches": [
            {"sha256": "aa11", "path": "users.csv", "kind": "io-users", "status": "complete", "rows_read": 91, "rows_loaded": 91, "rows_rejected": 0},
            {"sha256": "bb22", "path": "tweets.csv", "kind": "io-tweets", "status": "complete", "rows_read": 500, "rows_loaded": 497, "rows_rejected": 3},
            {"sha256": "cc33", "path": "ips.csv", "kind": "ips", "status": "complete", "rows_read": 92, "rows_loaded": 92, "rows_rejected": 0},
        ]},
    ]
    runs = [
        {"id": "run-1", "current": False, "started_at": "2019-08-08T01:00:00Z", "finished_at": "2019-08-08T01:01:00Z", "params": "{}", "timings": "{}"},
        {"id": "run-2", "current": False, "started_at": "2019-08-09T01:00:00Z", "finished_at": "2019-08-09T01:01:00Z", "params": "{}", "timings": "{}"},
        {"id": "run-3", "current": True, "started_at": "2019-08-10T01:00:00Z", "finished_at": "2019-08-10T01:00:42Z",
         "params": json.dumps({"seed": 42, "resolution": 1.0, "window_s": 120, "note": "<i>hostile param</i>"}),
         "timings": json.dumps({"projection": 1.25, "leiden": 0.5, "scoring": 0.75, "write_back": 2.0})},
    ]
    features17 = {"creation_burstiness": 0.91, "hour_concentration": 0.88, "sync_share": 0.97, "vpn_hosting_share": 1.0}
    communities = [
        {"run": "run-1", "id": 17, "size": 12, "score": 0.7, "verdict": "suspicious", "features": "{}"},
        {"run": "run-2", "id": 17, "size": 30, "score": 0.85, "verdict": "inauthentic", "features": "{}"},
        {"run": "run-3", "id": 17, "size": 46, "score": 0.94, "verdict": "inauthentic", "features": json.dumps(features17)},
        {"run": "run-3", "id": 23, "size": 15, "score": 0.81, "verdict": "coordinated",
         "features": json.dumps({"features": {"sync_share": 0.9, "default_profile_share": None},
                                 "strengths": {"profile": 0.0, "synchronisation": 1.0}})},
        {"run": "run-3", "id": 5, "size": 30, "score": 0.05, "verdict": "organic", "features": "{}"},
    ]
    for acc in core17[:4] + amps17[:8]:
        member(acc, "run-1/17", "core" if acc.startswith("c") else "amplifier", 0.6, {})
    for acc in core17 + amps17[:24]:
        member(acc, "run-2/17", "core" if acc.startswith("c") else "amplifier", 0.7, {})
    lineage = [{"new": "run-3/17", "old": "run-2/17", "jaccard": 0.65, "kind": "grown"},
               {"new": "run-2/17", "old": "run-1/17", "jaccard": 0.4, "kind": "grown"}]
    author = {t["id"]: t["account"] for t in tweets}
    retweeted_pairs = {(r["account"], author[r["original"]]) for r in retweets}
    params = {"networks": networks, "accounts": accounts, "tweets": tweets, "retweets": retweets, "ips": ips,
              "datasets": datasets, "runs": runs, "communities": communities, "members": members, "lineage": lineage}
    expected = Expected(accounts=len(accounts), retweeted_edges=len(retweeted_pairs), flagged=("17", "23"),
                        community_17_members=46)
    return params, expected


def build(store: GraphStore) -> Expected:
    """Write the graph into an empty database; returns what the tests expect of it."""
    params, expected = rows()
    statements = parse("report-test-graph", BUILD.read_text(encoding="utf-8")).statements()
    for statement in statements:
        used = {name: value for name, value in params.items() if f"${name}" in statement}
        store.write(statement, used)
    return expected
