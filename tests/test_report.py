"""``netforensics report`` on a small realistic graph in the real server (tests/report_graph.py)."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from netforensics.cypher_files import list_folder
from netforensics.query_library import bind_params
from netforensics.report import build_report
from netforensics.report.data import ReportLimits, read_report
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests import report_graph
from tests.cli_helpers import run_cli

CHROMIUM = Path("/usr/bin/chromium")
FETCHING_TAGS = {"script", "link", "img", "iframe", "object", "embed", "image", "use", "video", "audio", "source", "base", "form"}


class _Fetches(HTMLParser):
    """Markup that makes a browser fetch or run something: such tags, src/srcset/href/xlink:href attributes
    (except in-page ``#`` links), url() / @import in styles, event handler attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FETCHING_TAGS:
            self.found.append(f"<{tag}>")
        for name, value in attrs:
            if name in ("src", "srcset", "href", "xlink:href", "action", "poster", "data") and not (value or "").startswith("#"):
                self.found.append(f"{tag} {name}={value}")
            if name.startswith("on"):
                self.found.append(f"{tag} {name}")
            if name == "style" and re.search(r"url\(|@import", value or "", re.I):
                self.found.append(f"{tag} style")
        self.in_style = tag == "style"

    def handle_data(self, data: str) -> None:
        if self.in_style and re.search(r"url\(|@import", data, re.I):
            self.found.append("style sheet url()/@import")

    def handle_endtag(self, tag: str) -> None:
        self.in_style = False


def external_references(page: str) -> list[str]:
    parser = _Fetches()
    parser.feed(page)
    return parser.found


class _Cards(HTMLParser):
    """Collects the report's cards: id -> number of figures (plots) and of inline SVGs."""

    def __init__(self) -> None:
        super().__init__()
        self.cards: dict[str, dict[str, int]] = {}
        self.current: str | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "article" and "card" in (attributes.get("class") or ""):
            self.current = str(attributes["id"])[2:]
            self.cards[self.current] = {"figure": 0, "svg": 0}
        elif self.current is not None and tag in ("figure", "svg"):
            self.cards[self.current][tag] += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.current = None


def cards_of(page: str) -> dict[str, dict[str, int]]:
    parser = _Cards()
    parser.feed(page)
    return parser.cards


def test_report_queries_declare_what_they_use_and_plan_on_the_server(store: GraphStore) -> None:
    files = list_folder("report")
    assert len(files) >= 14
    for query in files:
        declared = {p.name for p in query.params}
        assert declared == query.used_params(), query.path
        values = bind_params(query, {p.name: [] if p.type.startswith("list") else "x" for p in query.params if p.required})
        store.read("EXPLAIN " + query.text, values)


@pytest.fixture()
def graph(store: GraphStore) -> report_graph.Expected:
    return report_graph.build(store)


def test_report_reads_the_current_run(store: GraphStore, graph: report_graph.Expected) -> None:
    data = read_report(store, limits=ReportLimits(max_nodes=20, max_core_nodes=4))
    assert data.run.id == "run-3" and data.run.params["seed"] == 42 and data.run.timings["leiden"] == 0.5
    assert [c.id for c in data.cards] == list(graph.flagged)
    c17 = data.cards[0]
    assert (c17.size, c17.core, c17.amplifiers, c17.others) == (46, 6, 40, 0)
    assert sum(c17.hours_utc) == 6 * 8 + 40 * 3 and len(c17.delays) == 120
    assert max(c17.delays) <= 8 * 60
    assert {k.kind: k.accounts for k in c17.network_kinds} == {"hosting": 40, "vpn": 6, "mainland (CN)": 1}
    assert c17.observed_accounts == 46
    assert [(s.depth, s.run, s.size) for s in c17.lineage] == [(0, "run-3", 46), (1, "run-2", 30), (2, "run-1", 12)]
    assert c17.core_accounts[0].screen_name == report_graph.HOSTILE_HANDLE
    assert c17.core_accounts[0].evidence["example_tweet"] == report_graph.HOSTILE_EVIDENCE_TEXT
    roles = [role for _, _, role in c17.network.nodes]
    assert len(roles) == 20 and roles.count("core") == 4 and roles.count("amplifier") == 16
    assert c17.network.members == 46 and c17.network.edges
    assert sum(data.baseline.hours_utc) == 30 * 4 + 29 + 1  # organic people: posts plus retweets
    assert data.cards[1].lineage[0].depth == 0 and len(data.cards[1].lineage) == 1


def test_report_page_has_a_card_per_flagged_community_with_its_plots(store: GraphStore, graph: report_graph.Expected) -> None:
    page = build_report(store)
    cards = cards_of(page)
    assert list(cards) == ["17", "23"]
    # 17: creation, hours, delays, network kinds, lineage, network picture; 23 has no lineage chart.
    assert cards["17"] == {"figure": 6, "svg": 6}
    assert cards["23"] == {"figure": 5, "svg": 5}
    assert "Likely time zone <b>UTC+8</b>" in page
    assert "Offsets from UTC+8 to UTC+9 fit equally well" in page
    assert "Community 5 " not in page
    assert "Detection run" in page and "hk_082019" in page and "write_back" in page
    # the pipeline's features: families strongest first, then one row per feature, unknown ones said so
    card23 = page[page.index('id="c-23"'):]
    assert "<tr><th>synchronisation</th><td>1</td></tr><tr><th>profile</th><td>0</td></tr>" in card23
    assert "<tr><th>default_profile_share</th><td>unknown</td></tr>" in card23


def test_hostile_text_is_escaped_and_nothing_is_fetched(store: GraphStore, graph: report_graph.Expected) -> None:
    page = build_report(store)
    assert '<script>alert("pwn")' not in page and "&lt;script&gt;alert(&quot;pwn&quot;)&lt;/script&gt;" in page
    assert "<img src=x" not in page and "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page
    assert "<iframe" not in page and "&lt;/table&gt;&lt;iframe src=//evil.example&gt;" in page
    assert "<i>hostile param</i>" not in page
    assert external_references(page) == []
    assert re.findall(r"https?://[^\"' ]+", page) == ["http://www.w3.org/2000/svg"] * page.count('xmlns="http://www.w3.org/2000/svg"')
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    # The checker itself finds what it is meant to find.
    assert external_references('<img src="https://cdn.example/x.png"><a href="#c-1">x</a><style>a{background:url(x)}</style>') \
        == ["<img>", "img src=https://cdn.example/x.png", "style sheet url()/@import"]


def test_report_cli_one_community_labels_and_json(store: GraphStore, graph: report_graph.Expected, neo4j_settings: ConnectionSettings,
                                                  tmp_path: Path) -> None:
    labels = tmp_path / "labels.csv"
    params, _ = report_graph.rows()
    with labels.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["account_id", "role", "team"])
        for account in params["accounts"]:
            writer.writerow([account["id"], account["role"] or "organic", ""])
    out = tmp_path / "one.html"
    done = run_cli("report", str(out), "--community", "5", "--labels", str(labels), "--json", settings=neo4j_settings)
    assert done.returncode == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["communities"] == ["5"] and summary["run"] == "run-3"
    page = out.read_text(encoding="utf-8")
    assert list(cards_of(page)) == ["5"]  # asked for by id: shown whatever its verdict
    assert "Scorecard against labels" in page and "<td>inauthentic</td><td class=\"num\">1.000</td>" in page
    assert "warning:" not in done.stderr
    other = tmp_path / "other_labels.csv"
    other.write_text("account_id,role\n" + "".join(f"z{i},core\n" for i in range(5)), encoding="utf-8")
    warned = run_cli("report", str(tmp_path / "other.html"), "--labels", str(other), settings=neo4j_settings)
    assert warned.returncode == 0 and "another data set" in warned.stderr  # labels that match no account of the run
    missing = run_cli("report", str(tmp_path / "x.html"), "--community", "999", settings=neo4j_settings)
    assert missing.returncode == 1 and "no community with id '999'" in missing.stderr
    assert not (tmp_path / "x.html").exists()


def test_report_without_a_run_says_what_to_do(store: GraphStore, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    done = run_cli("report", str(tmp_path / "r.html"), settings=neo4j_settings)
    assert done.returncode == 1 and "netforensics clusters" in done.stderr


def _screenshot(page: Path, png: Path) -> None:
    profile = tempfile.mkdtemp(prefix="nf-chromium-")
    try:
        subprocess.run([str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        f"--user-data-dir={profile}", f"--screenshot={png}", "--window-size=1280,2400", page.as_uri()],
                       capture_output=True, timeout=120, check=False)
    finally:
        shutil.rmtree(profile, ignore_errors=True)


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium (/usr/bin/chromium)")
def test_report_renders_in_headless_chromium(store: GraphStore, graph: report_graph.Expected, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(build_report(store), encoding="utf-8")
    assert external_references(page.read_text(encoding="utf-8")) == []
    blank = tmp_path / "blank.html"
    blank.write_text("<!DOCTYPE html><html><body></body></html>", encoding="utf-8")
    shot, blank_shot = tmp_path / "report.png", tmp_path / "blank.png"
    _screenshot(page, shot)
    _screenshot(blank, blank_shot)
    assert shot.exists() and blank_shot.exists()
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # A page of tables and charts compresses far worse than an empty one: the report is not blank.
    assert shot.stat().st_size > 20 * blank_shot.stat().st_size
