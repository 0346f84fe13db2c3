"""End to end on synthetic data: synth -> load -> clusters -> report and export graph (the real CLI and server)."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest

from netforensics.report.data import read_flagged, read_run, read_totals
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli
from tests.test_report import cards_of, external_references


def _ok(settings: ConnectionSettings, *args: str) -> str:
    done = run_cli(*args, settings=settings)
    assert done.returncode == 0, f"netforensics {' '.join(args)}: {done.stderr}"
    return done.stdout


@pytest.mark.slow
def test_synthetic_operation_report_and_export(store: GraphStore, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    data = tmp_path / "synth"
    _ok(neo4j_settings, "synth", str(data), "--seed", "5", "--organic", "1500", "--core", "24", "--amplifiers", "400", "--days", "30")
    _ok(neo4j_settings, "load", "io-archive", str(data / "users.csv"), str(data / "tweets.csv"))
    _ok(neo4j_settings, "load", "ip-ranges", str(data / "ip_ranges.csv"))
    _ok(neo4j_settings, "load", "ips", str(data / "ips.csv"))
    _ok(neo4j_settings, "load", "follows", str(data / "follows.csv"))
    _ok(neo4j_settings, "clusters", "--seed", "1")
    flagged = [{"id": str(r["id"]), "size": r["size"]} for r in read_flagged(store, read_run(store).id)]
    assert flagged, "detection flagged nothing on a synthetic operation"

    out = tmp_path / "report.html"
    summary = json.loads(_ok(neo4j_settings, "report", str(out), "--labels", str(data / "labels.csv"), "--json"))
    page = out.read_text(encoding="utf-8")
    cards = cards_of(page)
    assert sorted(cards) == sorted(r["id"] for r in flagged) == sorted(summary["communities"])
    for figures in cards.values():
        assert figures["figure"] >= 4 and figures["svg"] == figures["figure"]  # creation, hours, delays, kinds, network ...
    assert "Scorecard against labels" in page and external_references(page) == []
    assert "Real people in the traps" in page and "<td>supporter</td>" in page

    biggest = max(flagged, key=lambda r: r["size"])
    exported = json.loads(_ok(neo4j_settings, "export", "graph", str(tmp_path / "g.gexf"), "--json"))
    g = nx.read_gexf(tmp_path / "g.gexf")
    accounts = read_totals(store)["accounts"]
    assert g.number_of_nodes() == exported["nodes"] == accounts
    assert g.number_of_edges() == sum(exported["edges"].values())
    assert {g.nodes[n]["role"] for n in g.nodes} >= {"core", "amplifier", "none"}
    one = json.loads(_ok(neo4j_settings, "export", "graph", str(tmp_path / "c"), "--format", "csv", "--community", biggest["id"], "--json"))
    assert one["nodes"] == biggest["size"]
