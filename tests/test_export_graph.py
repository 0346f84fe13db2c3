"""``netforensics export graph``: GEXF, GraphML and Gephi CSV that networkx reads back with every node, edge and
attribute (the graph of tests/report_graph.py in the real server)."""

from __future__ import annotations

import csv
import json
from collections import Counter
from itertools import combinations
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from netforensics.errors import NetforensicsError
from netforensics.report.export import export_graph
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests import report_graph
from tests.cli_helpers import run_cli


def expected_edges(max_sharing: int, members: set[str] | None = None) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """(retweeted pair -> retweets, shared-IP pair -> shared addresses) computed from the rows themselves."""
    params, _ = report_graph.rows()
    author = {t["id"]: t["account"] for t in params["tweets"]}
    retweeted: Counter[tuple[str, str]] = Counter((r["account"], author[r["original"]]) for r in params["retweets"])
    by_ip: dict[str, set[str]] = {}
    for row in params["ips"]:
        by_ip.setdefault(row["ip"], set()).add(row["account"])
    shared: Counter[tuple[str, str]] = Counter()
    for accounts in by_ip.values():
        if len(accounts) <= max_sharing:
            shared.update(combinations(sorted(accounts), 2))
    if members is not None:
        retweeted = Counter({p: n for p, n in retweeted.items() if p[0] in members and p[1] in members})
        shared = Counter({p: n for p, n in shared.items() if p[0] in members and p[1] in members})
    return retweeted, shared


def edges_by_kind(graph: Any) -> tuple[dict[tuple[str, str], float], dict[tuple[str, str], float]]:
    retweeted: dict[tuple[str, str], float] = {}
    shared: dict[tuple[str, str], float] = {}
    for source, target, data in graph.edges(data=True):
        (retweeted if data["kind"] == "retweeted" else shared)[(source, target)] = data["weight"]
    return retweeted, shared


@pytest.fixture()
def graph(store: GraphStore) -> report_graph.Expected:
    return report_graph.build(store)


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_xml_exports_keep_nodes_edges_and_attributes(store: GraphStore, graph: report_graph.Expected, tmp_path: Path,
                                                     fmt: str) -> None:
    out = tmp_path / f"graph.{fmt}"
    summary = export_graph(store, out, fmt, max_ip_sharing=50, page=17)  # small pages: paging is exercised
    g = nx.read_gexf(out) if fmt == "gexf" else nx.read_graphml(out)
    retweeted, shared = expected_edges(50)
    assert summary.nodes == g.number_of_nodes() == graph.accounts
    assert summary.edges == {"retweeted": len(retweeted), "shared_ip": len(shared)}
    assert g.number_of_edges() == len(retweeted) + len(shared)
    got_rt, got_ip = edges_by_kind(g)
    assert got_rt == {pair: float(n) for pair, n in retweeted.items()}
    assert got_ip == {pair: float(n) for pair, n in shared.items()}
    core = g.nodes["c17-0"]
    assert core["label"] == report_graph.HOSTILE_HANDLE and core["display_name"] == report_graph.HOSTILE_NAME
    assert (core["community"], core["verdict"], core["role"]) == ("17", "inauthentic", "core")
    assert core["community_score"] == pytest.approx(0.94) and core["role_score"] == pytest.approx(0.95)
    assert core["followers"] == 3000 and core["created_at"] == "2019-03-02T02:00:00Z" and core["hashed"] is False
    assert g.nodes["a17-0"]["label"] == "badname"  # control characters XML cannot hold are dropped
    person = g.nodes["p5-3"]
    assert (person["role"], person["verdict"], person["community"]) == ("none", "organic", "5")
    assert "role_score" in person and person["role_score"] == 0.0


def test_csv_export_is_gephi_spreadsheet_format(store: GraphStore, graph: report_graph.Expected, tmp_path: Path) -> None:
    summary = export_graph(store, tmp_path / "gephi", "csv", max_ip_sharing=50)
    nodes_path, edges_path = tmp_path / "gephi" / "nodes.csv", tmp_path / "gephi" / "edges.csv"
    assert summary.paths == [nodes_path, edges_path]
    with nodes_path.open(newline="", encoding="utf-8") as handle:
        nodes = list(csv.DictReader(handle))
    with edges_path.open(newline="", encoding="utf-8") as handle:
        edges = list(csv.DictReader(handle))
    assert list(nodes[0])[:2] == ["Id", "Label"] and list(edges[0])[:4] == ["Source", "Target", "Type", "Weight"]
    assert len(nodes) == graph.accounts
    by_id = {n["Id"]: n for n in nodes}
    assert by_id["c23-0"]["role"] == "core" and by_id["c23-0"]["verdict"] == "coordinated"
    retweeted, shared = expected_edges(50)
    # networkx reads the same table back (as Gephi would): one graph per edge type.
    directed = nx.DiGraph()
    directed.add_nodes_from(by_id)
    directed.add_weighted_edges_from((e["Source"], e["Target"], float(e["Weight"])) for e in edges if e["Type"] == "Directed")
    undirected = [e for e in edges if e["Type"] == "Undirected"]
    assert {(u, v): w for u, v, w in directed.edges(data="weight")} == {p: float(n) for p, n in retweeted.items()}
    assert {(e["Source"], e["Target"]): int(e["Weight"]) for e in undirected} == dict(shared)
    assert all(e["kind"] == "shared_ip" for e in undirected)
    assert directed.number_of_nodes() == graph.accounts


def test_one_community_and_ip_sharing_cap(store: GraphStore, graph: report_graph.Expected, tmp_path: Path) -> None:
    out = tmp_path / "c17.gexf"
    summary = export_graph(store, out, "gexf", community="17", max_ip_sharing=5)
    g = nx.read_gexf(out)
    members = {n for n in g.nodes}
    assert len(members) == summary.nodes == graph.community_17_members
    assert {g.nodes[n]["community"] for n in members} == {"17"}
    retweeted, shared = expected_edges(5, members)
    got_rt, got_ip = edges_by_kind(g)
    assert set(got_rt) == set(retweeted) and set(got_ip) == set(shared)
    # Addresses of 10 hosting exits shared by 40 amplifiers exceed the cap of 5; the 3 VPN exits of 6 core do not.
    assert shared and all(a.startswith("c17-") and b.startswith("c17-") for a, b in shared)
    with pytest.raises(NetforensicsError, match="no community with id '404'"):
        export_graph(store, tmp_path / "none.gexf", "gexf", community="404")
    assert not (tmp_path / "none.gexf").exists()


def test_export_graph_cli(store: GraphStore, graph: report_graph.Expected, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    out = tmp_path / "graph.graphml"
    done = run_cli("export", "graph", str(out), "--community", "23", "--json", settings=neo4j_settings)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["nodes"] == 15 and summary["format"] == "graphml" and summary["run"] == "run-3"
    assert nx.read_graphml(out).number_of_nodes() == 15
    unknown = run_cli("export", "graph", str(tmp_path / "graph.txt"), settings=neo4j_settings)
    assert unknown.returncode != 0 and "--format gexf, graphml or csv" in unknown.stderr
