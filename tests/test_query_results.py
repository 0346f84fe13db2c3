"""Every library query against a small investigation graph built by ``tests/data/queries/small-graph.cypher``.

The graph follows docs/graph-model.md: two core operators posing as news outlets, five amplifiers (one a
repurposed 2012 account), two organic accounts behind a campus NAT, VPN / hosting / mainland networks, two
datasets, and two detection runs (the current one continues community 1 and adds community 3; the old
community 2 dissolves). Each query's rows are checked against what that graph must give.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import neo4j.graph
import pytest

from netforensics.cypher_files import parse
from netforensics.query_library import QueryResult, list_queries, run_query
from netforensics.store import schema
from netforensics.store.connection import GraphStore
from tests.conftest import wipe

GRAPH = Path(__file__).parent / "data" / "queries" / "small-graph.cypher"


@pytest.fixture(scope="module")
def graph(session_store: GraphStore) -> Iterator[GraphStore]:
    """Loaded once for this module (no test here writes); the next test using ``store`` wipes it."""
    wipe(session_store)
    schema.apply(session_store)
    for statement in parse("small-graph", GRAPH.read_text(encoding="utf-8")).statements():
        session_store.write(statement)
    yield session_store


def rows(result: QueryResult) -> list[dict[str, Any]]:
    return [dict(zip(result.columns, row)) for row in result.rows]


def check_communities_overview(r: list[dict[str, Any]]) -> None:
    assert [row["community"] for row in r] == [1]  # community 3 has 2 members, below min_size 3
    assert (r[0]["core"], r[0]["amplifiers"], r[0]["size"]) == (2, 5, 7)
    assert r[0]["top_core"][0] == "HKpoliticalnew"


def check_core_operators(r: list[dict[str, Any]]) -> None:
    assert [row["account"] for row in r] == ["HKpoliticalnew", "ctcc507"]
    assert (r[0]["originals"], r[0]["retweets_received"]) == (2, 8)
    assert "median_amplifier_delay_s" in r[0]["evidence"]


def check_community_members(r: list[dict[str, Any]]) -> None:
    assert len(r) == 5 and {row["role"] for row in r} == {"amplifier"}


def check_community_timeline(r: list[dict[str, Any]]) -> None:
    by_day = {row["period"].iso_format()[:10]: row for row in r}
    assert set(by_day) == {"2017-01-05", "2017-01-10", "2019-08-01", "2019-08-02"}
    aug1 = by_day["2019-08-01"]
    assert (aug1["originals"], aug1["retweets"], aug1["active_accounts"], aug1["core_active"]) == (3, 7, 7, 2)


def check_posting_hours(r: list[dict[str, Any]]) -> None:
    hours = {row["hour_utc"]: row for row in r}
    assert hours[10]["tweets"] == 8
    assert sum(row["tweets"] for row in r) == 15
    assert abs(sum(row["share"] for row in r) - 1.0) < 0.01


def check_community_lineage(r: list[dict[str, Any]]) -> None:
    assert [(row["depth"], row["run"], row["community"]) for row in r] == [(0, "run-2019-08-11", 1), (1, "run-2019-08-10", 1)]
    assert (r[1]["kind"], r[1]["jaccard"]) == ("grown", 0.571)


def check_run_changes(r: list[dict[str, Any]]) -> None:
    changes = {(row["change"], row["community"]): row for row in r}
    assert set(changes) == {("grown", 1), ("new", 3), ("dissolved", None)}
    grown = changes[("grown", 1)]
    assert (grown["size"], grown["previous_size"], grown["delta"], grown["joined"], grown["departed"]) == (7, 4, 3, 3, 0)
    assert changes[("dissolved", None)]["departed"] == 2 and changes[("dissolved", None)]["previous"] == [2]
    assert changes[("new", 3)]["joined"] == 2


def check_detection_runs(r: list[dict[str, Any]]) -> None:
    assert [row["run"] for row in r] == ["run-2019-08-11", "run-2019-08-10"]
    assert (r[0]["current"], r[0]["communities"], r[0]["core"], r[0]["amplifiers"]) == (True, 2, 2, 5)


def check_amplifier_swarm(r: list[dict[str, Any]]) -> None:
    assert [row["amplifier"] for row in r] == ["amp_01", "amp_02", "cat_lover_2012", "amp_03", "amp_04", "local_reader"]
    assert (r[0]["retweets"], r[0]["fastest_seconds"], r[0]["median_seconds"], r[0]["role"]) == (2, 60, 60, "amplifier")
    assert r[-1]["role"] is None and r[-1]["fastest_seconds"] == 10 * 3600


def check_synchronised_pairs(r: list[dict[str, Any]]) -> None:
    assert [(row["tweet"], row["gap_seconds"]) for row in r] == [("9003", 0), ("9001", 60), ("9002", 120)]
    assert all(row["within_window"] for row in r)


def check_most_amplified_tweets(r: list[dict[str, Any]]) -> None:
    assert [row["tweet"] for row in r] == ["9001", "9002", "9003"] or [row["tweet"] for row in r] == ["9001", "9003", "9002"]
    assert (r[0]["flagged_retweets"], r[0]["all_retweets"], r[0]["author"], r[0]["author_role"]) == (5, 6, "HKpoliticalnew", "core")


def check_community_amplifiers(r: list[dict[str, Any]]) -> None:
    counts = {row["amplifier"]: row["core_tweets_retweeted"] for row in r}
    assert counts == {"amp_01": 3, "amp_02": 3, "amp_03": 1, "amp_04": 1, "cat_lover_2012": 1}


def check_shared_infrastructure(r: list[dict[str, Any]]) -> None:
    others = {row["other"]: row for row in r}
    assert set(others) == {"HKpoliticalnew", "amp_01", "amp_02", "amp_03"}
    assert others["HKpoliticalnew"]["shared_ips"] == ["203.0.113.5"]
    assert others["amp_02"]["shared_ips"] == [] and others["amp_02"]["shared_networks"] == ["198.51.100.0/24"]
    assert others["amp_02"]["network_kinds"] == ["hosting"]


def check_mainland_ip_sightings(r: list[dict[str, Any]]) -> None:
    assert [(row["account"], row["ip"], row["org"], row["role"]) for row in r] == [("HKpoliticalnew", "36.110.0.5", "China Telecom", "core")]


def check_network_kind_share(r: list[dict[str, Any]]) -> None:
    assert len(r) == 1
    row = r[0]
    assert (row["community"], row["observed"], row["vpn"], row["hosting"], row["mainland"]) == (1, 6, 3, 3, 1)
    assert row["vpn_share"] == 0.5


def check_shared_ips(r: list[dict[str, Any]]) -> None:
    assert [(row["ip"], row["accounts"], row["flagged"], row["kind"]) for row in r] == [("192.0.2.10", 5, 3, "campus")]


def check_creation_bursts(r: list[dict[str, Any]]) -> None:
    assert len(r) == 1
    assert (r[0]["hour"].iso_format()[:13], r[0]["accounts"], r[0]["flagged"]) == ("2019-06-01T03", 6, 6)
    assert r[0]["langs"] == ["zh"]


def check_repurposed_accounts(r: list[dict[str, Any]]) -> None:
    assert len(r) == 1
    row = r[0]
    assert (row["account"], row["lang_before"], row["lang_after"], row["tweets_before"], row["tweets_after"]) == ("cat_lover_2012", "en", "zh", 2, 2)
    assert row["tags_before"] == ["cats"] and row["tags_after"] == ["香港"] and row["silence_days"] > 900


def check_news_personas(r: list[dict[str, Any]]) -> None:
    assert [row["account"] for row in r] == ["HKpoliticalnew", "ctcc507"]
    assert (r[0]["retweeters"], r[0]["flagged_retweeters"], r[0]["flagged_share"]) == (6, 5, 0.833)


def check_account_search(r: list[dict[str, Any]]) -> None:
    assert sorted(row["account"] for row in r) == ["amp_01", "amp_02", "amp_03", "amp_04"]


def check_account_neighbourhood(r: list[dict[str, Any]]) -> None:
    paths = [row["path"] for row in r]
    assert len(paths) == 9 and all(isinstance(p, neo4j.graph.Path) for p in paths)
    assert {p.start_node["screen_name"] for p in paths} == {"HKpoliticalnew"}
    assert {tuple(rel.type for rel in p.relationships) for p in paths} == {("MEMBER_OF",), ("RETWEETED",), ("USED_IP", "IN_NETWORK")}


def check_account_history(r: list[dict[str, Any]]) -> None:
    assert [(row["run"], row["community"], row["role"], row["current"]) for row in r] == [
        ("run-2019-08-11", 1, "amplifier", True), ("run-2019-08-10", 1, "amplifier", False)]


def check_multi_dataset_accounts(r: list[dict[str, Any]]) -> None:
    assert sorted((row["account"], tuple(sorted(row["datasets"]))) for row in r) == [
        ("HKpoliticalnew", ("china_082019", "china_092019")), ("amp_01", ("china_082019", "china_092019"))]


def check_datasets_overview(r: list[dict[str, Any]]) -> None:
    by_name = {row["dataset"]: row for row in r}
    assert (by_name["china_082019"]["accounts"], by_name["china_082019"]["batches"], by_name["china_082019"]["rows_rejected"]) == (6, 1, 1)
    assert by_name["china_092019"]["accounts"] == 2


CASES: dict[str, tuple[dict[str, Any], Callable[[list[dict[str, Any]]], None]]] = {
    "communities-overview": ({}, check_communities_overview),
    "core-operators": ({"community": "1"}, check_core_operators),
    "community-members": ({"community": "1", "role": "amplifier"}, check_community_members),
    "community-timeline": ({"community": "1"}, check_community_timeline),
    "posting-hours": ({"community": "1"}, check_posting_hours),
    "community-lineage": ({"community": "1"}, check_community_lineage),
    "run-changes": ({}, check_run_changes),
    "detection-runs": ({}, check_detection_runs),
    "amplifier-swarm": ({"account": "HKpoliticalnew"}, check_amplifier_swarm),
    "synchronised-pairs": ({"account_a": "amp_01", "account_b": "2002"}, check_synchronised_pairs),
    "most-amplified-tweets": ({}, check_most_amplified_tweets),
    "community-amplifiers": ({"community": "1"}, check_community_amplifiers),
    "shared-infrastructure": ({"account": "ctcc507"}, check_shared_infrastructure),
    "mainland-ip-sightings": ({}, check_mainland_ip_sightings),
    "network-kind-share": ({}, check_network_kind_share),
    "shared-ips": ({}, check_shared_ips),
    "creation-bursts": ({"min_accounts": "5"}, check_creation_bursts),
    "repurposed-accounts": ({}, check_repurposed_accounts),
    "news-personas": ({}, check_news_personas),
    "account-search": ({"text": "AMP_"}, check_account_search),
    "account-neighbourhood": ({"account": "1001"}, check_account_neighbourhood),
    "account-history": ({"account": "amp_01"}, check_account_history),
    "multi-dataset-accounts": ({}, check_multi_dataset_accounts),
    "datasets-overview": ({}, check_datasets_overview),
}


def test_every_library_query_has_a_case() -> None:
    assert sorted(CASES) == sorted(q.name for q in list_queries())


@pytest.mark.neo4j
@pytest.mark.parametrize("name", sorted(CASES))
def test_query_returns_expected_rows(graph: GraphStore, name: str) -> None:
    params, check = CASES[name]
    result = run_query(graph, name, params)
    assert result.rows, f"{name} returned no rows on the small graph"
    declared_returns = [c.strip() for c in result.query.returns.split(",")]
    assert result.columns == declared_returns, f"{name}: columns differ from the header's returns line"
    check(rows(result))


@pytest.mark.neo4j
def test_queries_on_an_empty_graph_return_no_rows_and_no_errors(session_store: GraphStore) -> None:
    wipe(session_store)
    schema.apply(session_store)
    for name, (params, _) in CASES.items():
        assert run_query(session_store, name, params).rows == [], name
