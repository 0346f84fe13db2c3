"""The refresh inbox: formats recognised from headers, rejects files ignored, loaded files skipped."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import pytest

from netforensics.errors import NetforensicsError
from netforensics.refresh.inbox import load_inbox, scan
from netforensics.store import ingest
from netforensics.store.connection import GraphStore


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def inbox(tmp_path: Path) -> Path:
    write(tmp_path / "day1_follows.csv", "src_account_id,dst_account_id,observed_at\n1,2,2019-08-01\n2,3,2019-08-01\n")
    write(tmp_path / "ips.csv", "account_id,ip,first_seen,last_seen,count\n1,10.0.0.1,2019-08-01,2019-08-02,3\n")
    write(tmp_path / "ranges.csv", "network,asn,as_org,country,is_vpn\n10.0.0.0/8,64500,Example VPN,HK,true\n")
    with gzip.open(tmp_path / "shares.csv.gz", "wt", encoding="utf-8") as handle:
        handle.write("object_id,account_id,content_id,timestamp_share\nt1,1,r1,1564617600.0\nt1,2,r2,1564617630.0\n")
    write(tmp_path / "README.txt", "notes for the analyst\n")
    write(tmp_path / "old.rejects.csv", "file,line,reason,raw\n")
    return tmp_path


def test_scan_recognises_every_format_and_orders_the_load(inbox: Path) -> None:
    found = [(f.path.name, f.source) for f in scan(inbox)]
    assert found == [
        ("shares.csv.gz", "shares"),
        ("day1_follows.csv", "follows"),
        ("ips.csv", "ips"),
        ("ranges.csv", "ip-ranges"),
    ]


def test_unknown_csv_in_the_inbox_is_a_clear_error(tmp_path: Path) -> None:
    write(tmp_path / "mystery.csv", "a,b,c\n1,2,3\n")
    with pytest.raises(NetforensicsError, match="matches no known format"):
        scan(tmp_path)


def test_second_pass_skips_every_loaded_file(store: GraphStore, inbox: Path) -> None:
    first = load_inbox(store, inbox)
    assert [r.status for r in first] == ["loaded"] * 4
    counts = store.read("MATCH (n) RETURN count(n) AS nodes")
    second = load_inbox(store, inbox)
    assert [r.status for r in second] == ["skipped"] * 4
    assert store.read("MATCH (n) RETURN count(n) AS nodes") == counts
    assert store.read_value("MATCH (:IP {address: '10.0.0.1'})-[:IN_NETWORK]->(n:Network) RETURN n.kind") == "vpn"


def test_unchanged_files_are_recognised_without_reading_their_bytes(store: GraphStore, inbox: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    load_inbox(store, inbox)
    hashed: list[str] = []
    real_sha256 = ingest.file_sha256

    def counting_sha256(path: Path) -> str:
        hashed.append(path.name)
        return real_sha256(path)

    monkeypatch.setattr(ingest, "file_sha256", counting_sha256)
    assert [r.status for r in load_inbox(store, inbox)] == ["skipped"] * 4
    assert hashed == []
    # touched (same bytes, new modification time): read again, still recognised by its sha256
    ips = inbox / "ips.csv"
    os.utime(ips, ns=(ips.stat().st_atime_ns, ips.stat().st_mtime_ns + 1_000_000_000))
    assert [r.status for r in load_inbox(store, inbox)] == ["skipped"] * 4
    assert hashed == ["ips.csv"]
    # changed bytes: a new batch
    write(ips, "account_id,ip,first_seen,last_seen,count\n1,10.0.0.2,2019-08-01,2019-08-02,3\n")
    statuses = {r.path.name: r.status for r in load_inbox(store, inbox)}
    assert statuses["ips.csv"] == "loaded" and store.read_value("MATCH (i:IP {address: '10.0.0.2'}) RETURN count(i)") == 1
