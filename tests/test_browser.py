"""Neo4j Browser artefacts: the guide's HTML and runnable blocks, the GraSS sheet as Browser parses it, the favourites
zip as Browser imports it, the local server's CORS answers, and ``netforensics browser export``."""

from __future__ import annotations

import threading
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from netforensics.browser import FAVOURITES_FILE, GUIDE_FILE, STYLE_FILE, export
from netforensics.browser.params import params_command
from netforensics.browser.serve import make_server
from netforensics.query_library import bind_params, list_queries
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

QUERIES = list_queries()


class GuideParser(HTMLParser):
    """Collects the text of ``<pre class="... runnable">`` blocks, slides, the title and any script tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.runnables: list[str] = []
        self.slides = 0
        self.title = ""
        self.scripts = 0
        self._in_runnable = False
        self._in_title = False
        self._stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in {"meta", "hr", "br", "img", "link", "input"}:  # void elements have no end tag
            self._stack.append(tag)
        classes = (dict(attrs).get("class") or "").split()
        if tag == "pre" and "runnable" in classes:
            self._in_runnable = True
            self.runnables.append("")
        self.slides += tag == "slide"
        self.scripts += tag == "script"
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        assert self._stack and self._stack[-1] == tag, f"unbalanced </{tag}> after {self._stack[-3:]}"
        self._stack.pop()
        if tag == "pre":
            self._in_runnable = False
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_runnable:
            self.runnables[-1] += data
        if self._in_title:
            self.title += data


def parse_grass(text: str) -> dict[str, dict[str, str]]:
    """Neo4j Browser's GraSS parser (GraphStyle.parse), ported: selectors -> properties."""
    rules: dict[str, str] = {}
    keyword, props, inside_props, inside_string = "", "", False, False
    for c in text:
        if c == "{" and not inside_string:
            inside_props = True
            continue
        if c == "}" and not inside_string:
            inside_props = False
            rules[keyword] = props
            keyword, props = "", ""
            continue
        if c == "'":
            inside_string = not inside_string
            continue
        if inside_props:
            props += c
        elif not c.isspace():
            keyword += c
    parsed: dict[str, dict[str, str]] = {}
    for selector, body in rules.items():
        parsed[selector] = {}
        for prop in body.split(";"):
            parts = prop.split(":")
            if len(parts) >= 2 and parts[0].strip() and parts[1].strip():
                parsed[selector][parts[0].strip()] = parts[1].strip()
    return parsed


@pytest.fixture(scope="module")
def artefacts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return export(tmp_path_factory.mktemp("browser"), base_url="http://localhost:8001")


def test_guide_is_balanced_html_with_every_query_runnable_as_written(artefacts: dict[str, Path]) -> None:
    parser = GuideParser()
    parser.feed(artefacts["guide"].read_text(encoding="utf-8"))
    parser.close()
    assert parser._stack == [], f"unclosed tags {parser._stack}"
    assert parser.title == "netforensics investigation queries" and parser.scripts == 0
    assert parser.slides == 1 + len({q.category for q in QUERIES})
    runnables = parser.runnables
    for q in QUERIES:
        assert q.text in runnables, f"{q.name} is not runnable as written"
        command = params_command(q)
        if command:
            assert command in runnables
    assert ":style http://localhost:8001/netforensics.grass" in runnables


@pytest.mark.neo4j
@pytest.mark.parametrize("query", [q for q in QUERIES if q.params], ids=lambda q: q.name)
def test_guide_params_are_valid_cypher_maps_of_the_defaults(session_store: GraphStore, query) -> None:  # type: ignore[no-untyped-def]
    command = params_command(query)
    assert command is not None and command.startswith(":params {")
    value = session_store.read_value("RETURN " + command[len(":params "):] + " AS p")
    assert set(value) == {p.name for p in query.params}
    optional = {p.name: v for p, v in ((p, value[p.name]) for p in query.params) if not p.required}
    defaults = bind_params(query, {p.name: value[p.name] for p in query.params if p.required})
    assert optional == {k: v for k, v in defaults.items() if k in optional}


def test_grass_parses_into_label_rules_with_colours_and_captions(artefacts: dict[str, Path]) -> None:
    text = artefacts["style"].read_text(encoding="utf-8")
    rules = parse_grass(text)
    for label in ("Account", "CoreOperator", "Amplifier", "Tweet", "IP", "Network", "Community"):
        assert rules[f"node.{label}"]["color"].startswith("#"), label
    captions = {sel: props["caption"] for sel, props in rules.items() if "caption" in props}
    assert captions["node.Account"] == "{screen_name}" and captions["node.IP"] == "{address}"
    assert "{kind}" in captions["node.Network"] and "{cidr}" in captions["node.Network"]
    assert "caption" not in rules["node.CoreOperator"], "roles keep the Account caption"
    colours = {rules[f"node.{label}"]["color"] for label in ("Account", "CoreOperator", "Amplifier", "IP", "Network")}
    assert len(colours) == 5
    order = list(rules)
    # Browser applies matching rules in order: the role colours must come after Account's.
    assert order.index("node.Account") < order.index("node.Amplifier") < order.index("node.CoreOperator")
    kinds = [f"node.{kind}Network" for kind in ("Vpn", "Hosting", "Mobile", "Campus", "Residential")]
    assert all(order.index("node.Network") < order.index(kind) for kind in kinds)
    assert len({rules[kind]["color"] for kind in kinds} | {rules["node.Network"]["color"]}) == 6


def test_favourites_zip_imports_as_browser_reads_it(artefacts: dict[str, Path]) -> None:
    with zipfile.ZipFile(artefacts["favourites"]) as archive:
        assert archive.testzip() is None
        files = {info.filename: archive.read(info).decode("utf-8") for info in archive.infolist()}
    assert len(files) == len(QUERIES)
    for q in QUERIES:
        path = f"netforensics {q.category}/{q.name}.cypher"
        content = files[path]
        first_line = content.split("\n")[0]
        assert first_line.startswith("//") and first_line[2:].strip() == q.name  # Browser's display name
        assert q.text in content
    assert export(artefacts["favourites"].parent)["favourites"].read_bytes() == artefacts["favourites"].read_bytes(), "zip is reproducible"


@pytest.fixture()
def served(artefacts: dict[str, Path]) -> Iterator[str]:
    server = make_server(artefacts["guide"].parent, 0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_local_server_answers_browser_cors_preflight_and_get(served: str) -> None:
    origin = "http://localhost:7474"
    preflight = urllib.request.Request(f"{served}/{GUIDE_FILE}", method="OPTIONS", headers={
        "Origin": origin, "Access-Control-Request-Method": "GET", "Access-Control-Request-Headers": "pragma,cache-control"})
    with urllib.request.urlopen(preflight, timeout=5) as response:
        assert response.status == 204
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Access-Control-Allow-Headers"] == "pragma,cache-control"
    get = urllib.request.Request(f"{served}/{STYLE_FILE}", headers={"Origin": origin, "Pragma": "no-cache"})
    with urllib.request.urlopen(get, timeout=5) as response:
        assert response.status == 200 and response.headers["Access-Control-Allow-Origin"] == "*"
        assert b"node.CoreOperator" in response.read()


def test_cli_browser_export_writes_the_three_files(tmp_path: Path) -> None:
    result = run_cli("browser", "export", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted([FAVOURITES_FILE, GUIDE_FILE, STYLE_FILE])
    assert "drag the .zip and .grass files" in result.stderr


def test_local_server_serves_only_the_artefacts(artefacts: dict[str, Path], served: str) -> None:
    folder = artefacts["guide"].parent
    (folder / "notes.txt").write_text("secret")
    (folder / "neo4j-password").write_text("hunter2")
    (folder / "sub").mkdir(exist_ok=True)
    (folder / "sub" / "x.txt").write_text("secret")
    for path in ["/", "/notes.txt", "/neo4j-password", "/sub/", "/sub/x.txt", "/../notes.txt", "/%2e%2e/notes.txt",
                 f"/sub/../{GUIDE_FILE}x"]:
        request = urllib.request.Request(served + path, headers={"Origin": "http://evil.example"})
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=5)
        assert refused.value.code == 404, path
        assert "Access-Control-Allow-Origin" not in refused.value.headers, path
        assert refused.value.read() == b"", path
    preflight = urllib.request.Request(f"{served}/notes.txt", method="OPTIONS", headers={
        "Origin": "http://evil.example", "Access-Control-Request-Method": "GET"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(preflight, timeout=5)
    assert refused.value.code == 404 and "Access-Control-Allow-Origin" not in refused.value.headers
    # The favourites zip is a download, not a cross-origin fetch: served, but no page may read it.
    with urllib.request.urlopen(f"{served}/{FAVOURITES_FILE}", timeout=5) as response:
        assert response.status == 200 and "Access-Control-Allow-Origin" not in response.headers
        assert response.read() == artefacts["favourites"].read_bytes()
    with urllib.request.urlopen(f"{served}/{GUIDE_FILE}?cache=1", timeout=5) as response:
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert response.headers["Content-Type"].startswith("text/html")
