"""synth -> load -> `netforensics clusters` -> evaluate, through the real CLI and the real server."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from netforensics.evaluate import read_labels, read_current_run, read_export, scorecard
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from netforensics.store import schema
from netforensics.synth import SynthParams, generate
from netforensics.cli.demo import load_synthetic
from tests.cli_helpers import read_accounts_export, run_cli
from tests.conftest import wipe

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


@pytest.fixture(scope="module")
def loaded(session_store: GraphStore, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A small synthetic operation (seed 5, not used for tuning) loaded once for this module."""
    folder = tmp_path_factory.mktemp("synth")
    wipe(session_store)
    schema.apply(session_store)
    generate(SynthParams(seed=5, organic=2500, core=40, amplifiers=600), folder)
    load_synthetic(session_store, folder)
    yield folder
    wipe(session_store)


def test_clusters_json_then_quality_well_above_chance(loaded: Path, session_store: GraphStore,
                                                      neo4j_settings: ConnectionSettings) -> None:
    done = run_cli("clusters", "--seed", "5", "--json", settings=neo4j_settings)
    assert done.returncode == 0, done.stderr
    payload = json.loads(done.stdout)
    assert payload["run"]["run"].startswith("run-")
    assert set(payload["run"]["timings"]) >= {"projection", "layers", "leiden", "scoring", "roles", "total"}
    flagged = [c for c in payload["communities"] if c["verdict"] == "inauthentic"]
    assert flagged and all(c["core"] + c["amplifiers"] > 0 for c in flagged)
    card = scorecard(read_labels(loaded / "labels.csv"), read_current_run(session_store))
    assert card.inauthentic.f1 >= 0.9, card.as_dict()
    assert card.core.precision >= 0.85 and card.core.recall >= 0.8, card.as_dict()
    assert card.amplifier.f1 >= 0.9, card.as_dict()
    assert card.organic_flagged_share <= 0.01, card.as_dict()


def test_networkit_engine_through_the_cli_same_quality_bar_and_reproducible(
        loaded: Path, session_store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    cards, memberships = [], []
    for _ in range(2):
        done = run_cli("clusters", "--seed", "5", "--engine", "networkit", "--json", settings=neo4j_settings)
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["run"]["params"]["engine"] == "networkit"
        run = read_current_run(session_store)
        cards.append(scorecard(read_labels(loaded / "labels.csv"), run).as_dict())
        memberships.append(session_store.read(
            "MATCH (r:DetectionRun {current: true}) MATCH (a:Account)-[m:MEMBER_OF {run: r.id}]->(c:Community) "
            "RETURN a.id AS account, c.id AS community ORDER BY account"))
    card = cards[0]
    assert card["inauthentic"]["f1"] >= 0.9 and card["amplifier"]["f1"] >= 0.9, card
    assert card["core"]["precision"] >= 0.85 and card["core"]["recall"] >= 0.8, card
    assert card["organic_flagged_share"] <= 0.01, card
    assert cards[1] == card and memberships[1] == memberships[0]


def test_show_explain_export_and_determinism(loaded: Path, session_store: GraphStore, neo4j_settings: ConnectionSettings,
                                             tmp_path: Path) -> None:
    assert run_cli("clusters", "--seed", "5", settings=neo4j_settings).returncode == 0
    shown = run_cli("clusters", "--show", settings=neo4j_settings)
    assert shown.returncode == 0 and "inauthentic" in shown.stdout and "top core accounts" in shown.stdout

    first = tmp_path / "first.csv"
    exported = run_cli("export", "accounts", str(first), settings=neo4j_settings)
    assert exported.returncode == 0, exported.stderr
    rows = read_accounts_export(first)
    assert len(rows) == session_store.read_value("MATCH (a:Account) RETURN count(a)")
    assert len({r["account_id"] for r in rows}) == len(rows)
    core = next(r for r in rows if r["role"] == "core")
    assert json.loads(core["evidence"])["rule"] == "core"
    labels = read_labels(loaded / "labels.csv")
    assert scorecard(labels, read_export(first)).as_dict() == scorecard(labels, read_current_run(session_store)).as_dict()

    explained = run_cli("explain", core["account_id"], settings=neo4j_settings)
    assert explained.returncode == 0, explained.stderr
    assert "role core" in explained.stdout and "IP addresses and networks" in explained.stdout
    assert "evidence (rule core" in explained.stdout  # which rule gave the role: core or core_teammate
    dossier = json.loads(run_cli("explain", core["account_id"], "--json", settings=neo4j_settings).stdout)
    assert dossier["evidence"]["signals"] and dossier["amplified_by"]
    missing = run_cli("explain", "no-such-account", settings=neo4j_settings)
    assert missing.returncode == 1 and "No account" in missing.stderr

    assert run_cli("clusters", "--seed", "5", settings=neo4j_settings).returncode == 0
    second = tmp_path / "second.csv"
    assert run_cli("export", "accounts", str(second), settings=neo4j_settings).returncode == 0
    with second.open(newline="", encoding="utf-8") as handle:
        again = list(csv.DictReader(handle))
    assert [(r["account_id"], r["community"], r["role"], r["role_score"]) for r in again] == \
           [(r["account_id"], r["community"], r["role"], r["role_score"]) for r in rows]


def test_cli_errors_are_one_line(loaded: Path, neo4j_settings: ConnectionSettings) -> None:
    bad = run_cli("clusters", "--engine", "louvain", settings=neo4j_settings)
    assert bad.returncode == 1 and "engine" in bad.stderr and "Traceback" not in bad.stderr
    bad = run_cli("clusters", "--layer-weight", "mentions=2", settings=neo4j_settings)
    assert bad.returncode == 1 and "--layer-weight" in bad.stderr
    for command in (("clusters",), ("explain",), ("export", "accounts"), ("demo",)):
        helped = run_cli(*command, "--help")
        assert helped.returncode == 0 and len(helped.stdout) > 200
