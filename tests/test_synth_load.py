"""Generated files load with the project's loaders (the real CLI, the real server) with zero rejects."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from netforensics.synth import SynthParams, generate
from tests.cli_helpers import run_cli

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _load(settings: ConnectionSettings, *args: str) -> list[dict[str, object]]:
    result = run_cli("load", *args, "--json", "--max-reject-rate", "0", settings=settings)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["files"]


@pytest.mark.parametrize("hashed", [False, True], ids=["plain", "hashed"])
def test_synthetic_files_load_with_zero_rejects(store: GraphStore, neo4j_settings: ConnectionSettings,
                                               tmp_path: Path, hashed: bool) -> None:
    out = tmp_path / "world"
    summary = generate(SynthParams(seed=21, organic=600, core=12, amplifiers=80, days=10, hashed=hashed), out)
    files = (
        _load(neo4j_settings, "io-archive", str(out / "users.csv"), str(out / "tweets.csv"))
        + _load(neo4j_settings, "ip-ranges", str(out / "ip_ranges.csv"))
        + _load(neo4j_settings, "ips", str(out / "ips.csv"))
        + _load(neo4j_settings, "follows", str(out / "follows.csv"))
    )
    for f in files:
        assert f["rows_rejected"] == 0, f
        assert f["rows_loaded"] == f["rows_read"], f
    counts = summary.counts
    assert store.read_value("MATCH (a:Account) RETURN count(a)") == counts["accounts"]
    assert store.read_value("MATCH (a:Account {stub: true}) RETURN count(a)") == 0
    assert store.read_value("MATCH (t:Tweet) RETURN count(t)") == counts["tweets"]
    assert store.read_value("MATCH ()-[r:RETWEETS]->() RETURN count(r)") == counts["retweets"]
    assert store.read_value("MATCH ()-[r:FOLLOWS]->() RETURN count(r)") == counts["follows"]
    assert store.read_value("MATCH ()-[r:USED_IP]->() RETURN count(r)") == counts["ip_observations"]
    # every address falls in a listed range, and the account-level retweet summary is built
    assert store.read_value("MATCH (ip:IP) WHERE NOT (ip)-[:IN_NETWORK]->() RETURN count(ip)") == 0
    assert store.read_value("MATCH ()-[r:RETWEETED]->() RETURN count(r)") > 0
    assert store.read_value("MATCH (n:Network {kind: 'campus'}) RETURN count(n)") == 1
    labels = (out / "labels.csv").read_text(encoding="utf-8").splitlines()[1:]
    some_id = labels[0].split(",")[0].strip('"')
    assert store.read_value("MATCH (a:Account {id: $id}) RETURN a.id", {"id": some_id}) == some_id
