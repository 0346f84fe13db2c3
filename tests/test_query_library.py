"""The query library's contract: complete headers, declared = used parameters, read-only plans on the real server,
write refusal (static and by the read-only transaction), parameter errors, and the ``netforensics query`` CLI."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from netforensics.cypher_files import CypherFile, Param, parse
from netforensics.query_library import (
    QueryError,
    WriteRefused,
    assembled_statements,
    bind_params,
    ensure_read_only,
    get_query,
    list_queries,
    load_query_file,
    parse_param_args,
    run_query,
    write_clauses,
)
from netforensics.settings import ConnectionSettings
from netforensics.store.connection import GraphStore
from tests.cli_helpers import run_cli

QUERIES = list_queries()
QUERY_DIR = Path(__file__).resolve().parents[1] / "cypher" / "queries"
CATEGORIES = {"communities", "amplification", "infrastructure", "accounts", "runs", "datasets"}
# The investigation questions of issue 6, each answered by a library query.
REQUIRED = {
    "core-operators", "amplifier-swarm", "synchronised-pairs", "shared-infrastructure", "mainland-ip-sightings",
    "network-kind-share", "creation-bursts", "repurposed-accounts", "news-personas", "community-timeline",
    "most-amplified-tweets", "community-lineage", "multi-dataset-accounts", "run-changes",
}


def _sample_value(param: Param) -> object:
    if not param.required:
        return param.default_value()
    return {"string": "x", "int": 1, "float": 1.0, "bool": True, "list[string]": ["x"], "list[int]": [1]}[param.type]


def test_library_answers_the_investigation_questions() -> None:
    assert REQUIRED <= {q.name for q in QUERIES}
    assert len(QUERIES) == len(list(QUERY_DIR.glob("*.cypher")))


@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_header_is_complete_and_parameters_match(query: CypherFile) -> None:
    assert query.path == f"queries/{query.name}", "file name and // name: must agree"
    assert query.description.endswith(".") and "\n" not in query.description and len(query.description) < 250
    assert query.category in CATEGORIES
    returns = [c.strip() for c in query.returns.split(",")]
    assert returns and all(re.fullmatch(r"[a-z_]+", c) for c in returns)
    assert query.used_params() == {p.name for p in query.params}, "declared and used $parameters differ"
    for param in query.params:
        if not param.required:
            param.default_value()  # defaults parse as their type
    assert write_clauses(query.text) == []
    assert not query.meta, f"unknown header keys {sorted(query.meta)}"


@pytest.mark.neo4j
@pytest.mark.parametrize("query", QUERIES, ids=lambda q: q.name)
def test_explain_plans_a_read_only_query(session_store: GraphStore, query: CypherFile) -> None:
    params = {p.name: _sample_value(p) for p in query.params}
    with session_store.session() as session:
        summary = session.execute_read(lambda tx: tx.run("EXPLAIN " + query.text, params).consume())
    assert summary.query_type == "r", f"{query.name} is planned as {summary.query_type!r}, not read-only"
    assert summary.plan is not None


@pytest.mark.parametrize("text, expected", [
    ("MATCH (n) SET n.x = 1 RETURN n", ["SET"]),
    ("MERGE (a:Account {id: $id})", ["MERGE"]),
    ("MATCH (n) DETACH DELETE n", ["DETACH DELETE"]),
    ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", ["LOAD CSV"]),
    ("MATCH (n) CALL (n) { SET n.y = 2 } IN TRANSACTIONS", ["SET", "IN TRANSACTIONS"]),
    ("CALL apoc.create.node(['X'], {}) YIELD node RETURN node", ["CALL apoc.create.node"]),
    ("CALL gds.pageRank.write('g', {writeProperty: 'pr'})", ["CALL gds.pageRank.write"]),
    ("match (n) remove n:Amplifier", ["REMOVE"]),
])
def test_write_clauses_are_found(text: str, expected: list[str]) -> None:
    assert write_clauses(text) == expected


def test_write_words_in_strings_comments_names_and_keys_are_not_clauses() -> None:
    text = """// CREATE nothing here
    MATCH (n:Account) WHERE n.description CONTAINS 'CREATE TABLE' OR n.note = "MERGE me"
    /* DELETE */ RETURN n.set AS `SET`, {set: 1, create: 2} AS m, n.remove AS r"""
    assert write_clauses(text) == []


@pytest.mark.parametrize("text, expected", [
    ("CALL apoc.cypher.run('CALL gds.graph.' + 'drop(\"g\")', {}) YIELD value RETURN value", ["apoc.cypher.run"]),
    ("CALL apoc.cypher.run($statement, {}) YIELD value RETURN value", ["apoc.cypher.run"]),
    ("WITH 'MATCH (n) RETURN n' AS q CALL apoc.cypher.run(q, {}) YIELD value RETURN value", ["apoc.cypher.run"]),
    ("RETURN apoc.cypher.runFirstColumnSingle('RETURN ' + toString(1), {}) AS x", ["apoc.cypher.runFirstColumnSingle"]),
    ("CALL apoc.when(true, 'RETURN 1 AS x', $other, {}) YIELD value RETURN value", ["apoc.when"]),
    ("CALL apoc.case([false, 'RETURN 1 AS x', true, $q], 'RETURN 3 AS x') YIELD value RETURN value", ["apoc.case"]),
    ("CALL apoc.case($cases, 'RETURN 3 AS x') YIELD value RETURN value", ["apoc.case"]),
    ("CALL apoc.cypher.run('MATCH (n:Account {id: $id}) RETURN n', {id: $id}) YIELD value RETURN value", []),
    ("CALL apoc.when(size($x) > 1, 'RETURN 1 AS x', 'RETURN 2 AS x', {}) YIELD value RETURN value", []),
    ("CALL apoc.case([count(*) > 1, 'RETURN 1 AS x', true, \"RETURN 2 AS x\"], 'RETURN 3 AS x') YIELD value RETURN value", []),
    ("RETURN apoc.text.join(['a', 'b'], ',') AS x, apoc.util.md5(['a' + 'b']) AS y", []),
])
def test_statements_assembled_at_run_time_are_found(text: str, expected: list[str]) -> None:
    assert assembled_statements(text) == expected


def test_a_gds_change_hidden_in_an_assembled_statement_is_refused() -> None:
    hidden = parse("queries/hidden", "// name: hidden\n// description: Assembles a drop.\n"
                   "CALL apoc.cypher.run('CALL ' + 'gds.graph.drop' + '(\"g\") YIELD graphName RETURN graphName', {}) "
                   "YIELD value RETURN value")
    assert write_clauses(hidden.text) == []  # the literal pieces name no call on their own
    with pytest.raises(WriteRefused, match="apoc.cypher.run runs a statement assembled at run time"):
        ensure_read_only(hidden)


@pytest.mark.neo4j
def test_a_library_style_query_that_writes_is_refused_before_the_server(store: GraphStore) -> None:
    bad = parse("queries/bad", "// name: bad\n// description: Writes.\nMERGE (n:Zed {id: 'z'}) RETURN n")
    with pytest.raises(WriteRefused, match=r"Refused to run 'bad': it writes \(MERGE\)"):
        run_query(store, bad)
    assert store.read_value("MATCH (n:Zed) RETURN count(n) AS n") == 0


@pytest.mark.neo4j
def test_a_write_the_static_check_misses_is_refused_by_the_read_only_transaction(store: GraphStore) -> None:
    if not store.read("SHOW PROCEDURES YIELD name WHERE name = 'apoc.cypher.doIt' RETURN name"):
        pytest.skip("needs APOC's apoc.cypher.doIt to hide a write from the static check")
    hidden = parse("queries/hidden", "// name: hidden\n// description: Hides a write.\n"
                   "CALL apoc.cypher.doIt('CREATE (:Zed) RETURN 1 AS one', {}) YIELD value RETURN value")
    assert write_clauses(hidden.text) == []
    with pytest.raises(WriteRefused, match="read-only transaction"):
        run_query(store, hidden)
    assert store.read_value("MATCH (n:Zed) RETURN count(n) AS n") == 0


def test_parameters_missing_unknown_and_badly_typed() -> None:
    query = get_query("core-operators")
    with pytest.raises(QueryError) as missing:
        bind_params(query, {})
    assert str(missing.value) == ("Query 'core-operators': missing parameter(s) community. "
                                  "Expected community: string (required), limit: int = 50. Give them as --param name=value.")
    with pytest.raises(QueryError, match="unknown parameter\\(s\\) comunity"):
        bind_params(query, {"community": "1", "comunity": "1"})
    with pytest.raises(QueryError, match="parameter limit must be int, got 'ten'"):
        bind_params(query, {"community": "1", "limit": "ten"})
    assert bind_params(query, {"community": "7"}) == {"community": "7", "limit": 50}
    assert bind_params(query, {"community": "7", "limit": 5}) == {"community": "7", "limit": 5}
    assert bind_params(get_query("shared-infrastructure"), {"account": "a", "network_kinds": "vpn, mobile"})["network_kinds"] == ["vpn", "mobile"]
    assert bind_params(get_query("news-personas"), {})["keywords"][-2:] == ["时报", "時報"]


def test_param_arguments_and_unknown_query_names() -> None:
    assert parse_param_args(["a=1", "b=x=y", "c="]) == {"a": "1", "b": "x=y", "c": ""}
    with pytest.raises(QueryError, match="name=value"):
        parse_param_args(["community"])
    with pytest.raises(QueryError, match="Did you mean core-operators"):
        get_query("core-operator")


def test_user_file_without_header_and_with_undeclared_parameters(tmp_path: Path) -> None:
    file = tmp_path / "mine.cypher"
    file.write_text("// param: n: int = 2\nUNWIND range(1, $n) AS i RETURN i, $flag AS flag, $who AS who\n", encoding="utf-8")
    query = load_query_file(file)
    assert query.name == str(file) and query.description == ""
    assert bind_params(query, {"flag": "true", "who": "007", "n": "3"}) == {"n": 3, "flag": True, "who": 7}
    with pytest.raises(QueryError, match="missing parameter\\(s\\) flag, who"):
        bind_params(query, {})
    empty = tmp_path / "empty.cypher"
    empty.write_text("// only a comment\n", encoding="utf-8")
    with pytest.raises(QueryError, match="no Cypher statement"):
        load_query_file(empty)


# -- the command ------------------------------------------------------------------------------------
def test_cli_list_as_table_and_json() -> None:
    table = run_cli("query", "--list")
    assert table.returncode == 0, table.stderr
    for q in QUERIES:
        assert q.name in table.stdout
    listed = json.loads(run_cli("query", "--list", "--json").stdout)
    assert [q["name"] for q in listed] == [q.name for q in QUERIES]
    core = next(q for q in listed if q["name"] == "core-operators")
    assert core["params"] == [{"name": "community", "type": "string", "default": None, "required": True},
                              {"name": "limit", "type": "int", "default": "50", "required": False}]
    assert core["file"] == "cypher/queries/core-operators.cypher"


def test_cli_show_prints_the_cypher_as_written() -> None:
    shown = run_cli("query", "core-operators", "--show")
    assert shown.returncode == 0
    assert get_query("core-operators").text in shown.stdout


def test_cli_parameter_errors_are_one_line_with_exit_code_1() -> None:
    missing = run_cli("query", "amplifier-swarm")
    assert missing.returncode == 1
    assert missing.stderr.strip().splitlines() == [
        "error: Query 'amplifier-swarm': missing parameter(s) account. Expected account: string (required), "
        "max_delay_minutes: int = 10080, limit: int = 100. Give them as --param name=value."]
    unknown = run_cli("query", "nope")
    assert unknown.returncode == 1 and "No query named 'nope'" in unknown.stderr
    assert run_cli("query").returncode == 1
    assert "Traceback" not in missing.stderr + unknown.stderr


@pytest.mark.neo4j
def test_cli_runs_a_query_as_table_json_and_csv(store: GraphStore, neo4j_settings: ConnectionSettings) -> None:
    store.write("CREATE (:Account:CoreOperator {id: '1', screen_name: 'alice', created_at: datetime('2019-06-01T03:10:00Z')})")
    store.write("CREATE (:Account {id: '2', screen_name: 'alicia'})")
    table = run_cli("query", "account-search", "--param", "text=ali", settings=neo4j_settings)
    assert table.returncode == 0, table.stderr
    assert "alice" in table.stdout and "alicia" in table.stdout and "2 row(s)" in table.stdout
    as_json = json.loads(run_cli("query", "account-search", "-p", "text=alice", "--json", settings=neo4j_settings).stdout)
    assert as_json == [{"account": "alice", "account_id": "1", "display_name": None, "created_at": "2019-06-01T03:10:00Z",
                        "followers": None, "lang": None, "tweets": 0, "role": None, "community": None}]
    as_csv = run_cli("query", "account-search", "-p", "text=ali", "--csv", "--limit", "1", settings=neo4j_settings)
    parsed = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert parsed[0][:2] == ["account", "account_id"] and len(parsed) == 2


@pytest.mark.neo4j
def test_cli_renders_nodes_and_paths(store: GraphStore, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    store.write("CREATE (:Account:Amplifier {id: '1', screen_name: 'alice'})-[:USED_IP]->(:IP {address: '203.0.113.5'})")
    file = tmp_path / "graph.cypher"
    file.write_text("MATCH p = (a:Account)-[r:USED_IP]->(ip:IP) RETURN a, r, p", encoding="utf-8")
    table = run_cli("query", "--file", str(file), settings=neo4j_settings)
    assert table.returncode == 0, table.stderr
    assert "(alice:Account:Amplifier)" in table.stdout
    assert "(alice:Account:Amplifier)-[:USED_IP]->(203.0.113.5:IP)" in table.stdout
    row = json.loads(run_cli("query", "--file", str(file), "--json", settings=neo4j_settings).stdout)[0]
    assert row["a"]["labels"] == ["Account", "Amplifier"] and row["a"]["properties"] == {"id": "1", "screen_name": "alice"}
    assert row["r"]["type"] == "USED_IP" and row["r"]["start"] == row["a"]["element_id"]
    assert [n["properties"].get("address") for n in row["p"]["nodes"]] == [None, "203.0.113.5"]


@pytest.mark.neo4j
def test_cli_refuses_a_file_that_writes(store: GraphStore, neo4j_settings: ConnectionSettings, tmp_path: Path) -> None:
    file = tmp_path / "write.cypher"
    file.write_text("// name: sneaky\n// description: Tags everyone.\nMATCH (a:Account) SET a:Flagged RETURN count(a)", encoding="utf-8")
    store.write("CREATE (:Account {id: '1'})")
    result = run_cli("query", "--file", str(file), settings=neo4j_settings)
    assert result.returncode == 1
    assert "Refused to run 'sneaky': it writes (SET)" in result.stderr
    assert store.read_value("MATCH (a:Flagged) RETURN count(a) AS n") == 0


def test_docs_list_every_query() -> None:
    docs = Path(__file__).resolve().parents[1] / "docs"
    reference = (docs / "queries.md").read_text(encoding="utf-8")
    tour = (docs / "browser-tour.md").read_text(encoding="utf-8")
    for q in QUERIES:
        assert f"| `{q.name}` |" in reference and q.description in reference, f"docs/queries.md is stale for {q.name}"
        assert f"`{q.name}`" in tour, f"docs/browser-tour.md never mentions {q.name}"
