"""The analyst's query library: named, parameterised Cypher in ``cypher/queries/*.cypher``, run read-only.

What a notebook or the CLI calls::

    from netforensics.query_library import list_queries, run_query
    result = run_query(store, "core-operators", {"community": "3"})
    result.columns, result.rows            # driver values (nodes, relationships, paths, temporals)
    result.records()                       # rows as JSON-ready dicts

Every query runs exactly as written in its file. A query is refused before it reaches the server when its
text holds a write clause (``CREATE``, ``MERGE``, ``SET``, ``DELETE``, ``REMOVE``, ``DROP``, ``LOAD CSV``,
``FOREACH``, ``CALL {...} IN TRANSACTIONS``, known writing procedures ...) or calls a GDS procedure or function
other than a read (``stream``, ``stats`` and ``estimate`` modes, catalog listings, ``gds.util.*`` ...): GDS runs
projections, drops and its ``mutate``/``write`` modes inside read-only transactions, changing the server's
in-memory graph catalog. Every query runs in a read-only transaction (``execute_read``), so a write to the
store the static check misses is refused by the server too.

Parameters are declared in the header (``// param: name: type = default``). Values given as text (the
command line) are converted to the declared type; values given as Python objects pass through. A user's own
file (:func:`load_query_file`) may leave parameters undeclared: their text values are read as a number,
``true``/``false`` or else a string.
"""

from __future__ import annotations

import difflib
import json
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netforensics.cypher_files import CypherFile, Param, list_folder, parse
from netforensics.errors import NetforensicsError
from netforensics.lazy_import import lazy_module
from netforensics.store.connection import GraphStore

if TYPE_CHECKING:
    import neo4j
else:
    neo4j = lazy_module("neo4j")

QUERY_FOLDER = "queries"

# Which property names a node in a table: the first one present (keys from docs/graph-model.md).
NODE_CAPTION_KEYS: dict[str, tuple[str, ...]] = {
    "Account": ("screen_name", "id"),
    "Tweet": ("id",),
    "IP": ("address",),
    "Network": ("cidr",),
    "Community": ("key", "id"),
    "DetectionRun": ("id",),
    "Dataset": ("name",),
    "LoadBatch": ("path", "sha256"),
    "Hashtag": ("name",),
    "Url": ("url",),
    "Domain": ("name",),
    "SchemaVersion": ("version",),
}
_FALLBACK_CAPTION_KEYS = ("name", "id", "key", "title")

# Comments, string literals and backtick-quoted names, so that words inside them are never taken for clauses.
_NON_CODE = re.compile(r"//[^\n]*|/\*.*?\*/|'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`", re.S)
_WRITE_CLAUSE = re.compile(
    r"(?<![\w.$:])(CREATE|MERGE|DELETE|DETACH\s+DELETE|SET|REMOVE|DROP|FOREACH|LOAD\s+CSV|ALTER|RENAME|GRANT|DENY|REVOKE"
    r"|IN\s+TRANSACTIONS|START\s+DATABASE|STOP\s+DATABASE|TERMINATE\s+TRANSACTIONS?)(?![\w$])(?!\s*:)",
    re.I,
)
_WRITE_PROCEDURE = re.compile(
    r"\bCALL\s+(apoc\.(?:create|merge|refactor|periodic|atomic|trigger|nodes\.delete|cypher\.(?:do|run)?write|"
    r"schema\.assert|do\.)[\w.]*|db\.(?:create|clear|index\.fulltext\.(?:create|drop))[\w.]*)",
    re.I,
)
# A GDS procedure (after CALL) or function (before its parenthesis); `gds.x` alone is a variable's property.
_GDS_CALL = re.compile(r"(?<![\w.$])(?:(CALL)\s+)?(gds(?:\s*\.\s*\w+)+)(\s*\()?", re.I)
# GDS names that only read. Everything else (project, drop, mutate, write, filter, subgraph, sample, generate, export,
# train, model and pipeline changes, config setters) changes the server's catalog or store, so it is refused.
_GDS_READ_MODES = {"stream", "stats", "estimate", "list", "exists", "listprogress"}
_GDS_READ_PREFIXES = ("gds.util.", "gds.similarity.", "gds.alpha.linkprediction.", "gds.alpha.ml.onehotencoding", "gds.debug.",
                      "gds.memory.", "gds.graph.stream")  # memory list/summary; graph.streamNodeProperty(ies)/...Relationship...
_GDS_READS = {"gds.version", "gds.list", "gds.license.state", "gds.islicensed", "gds.userlog", "gds.alpha.userlog",
              "gds.systemmonitor", "gds.alpha.systemmonitor"}
# APOC procedures and functions that run Cypher given as text, with the argument positions that hold statements
# (apoc.case: the odd entries of its first argument's list, then its else statement). Text assembled at run time
# cannot be checked, so only literals are accepted there.
_DYNAMIC_CYPHER = re.compile(r"(?<![\w.$])(apoc\s*\.\s*(?:cypher\s*\.\s*\w+|when|case))\s*\(", re.I)
_STATEMENT_ARGS = {"apoc.when": (1, 2), "apoc.case": (0, 1)}


class QueryError(NetforensicsError):
    """Unknown query, bad or missing parameters, unreadable file."""


class WriteRefused(NetforensicsError):
    """The query writes, and the library only reads."""


@dataclass(frozen=True)
class QueryResult:
    query: CypherFile
    params: dict[str, Any]
    columns: list[str]
    rows: list[list[Any]]
    more: int = 0  # rows the server returned beyond ``max_rows`` (not kept)

    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts of JSON-ready values (nodes with labels and all properties)."""
        return [{col: jsonable(value) for col, value in zip(self.columns, row)} for row in self.rows]


# -- the library -------------------------------------------------------------------------------------
def list_queries() -> list[CypherFile]:
    """Every library query, by category then name."""
    return sorted(list_folder(QUERY_FOLDER), key=lambda q: (q.category, q.name))


def get_query(name: str) -> CypherFile:
    """The library query called ``name`` (its ``// name:``), or a :class:`QueryError` suggesting close names."""
    queries = {q.name: q for q in list_queries()}
    if name in queries:
        return queries[name]
    close = difflib.get_close_matches(name, list(queries), n=3, cutoff=0.5)
    hint = f" Did you mean {', '.join(close)}?" if close else ""
    raise QueryError(f"No query named {name!r} in the library.{hint} `netforensics query --list` shows them all.")


def load_query_file(path: Path) -> CypherFile:
    """A user's own ``.cypher`` file: one statement, header optional (``// param:`` lines are honoured)."""
    try:
        source = path.read_text(encoding="utf-8")
    except OSError as err:
        raise QueryError(f"Cannot read {path}: {err.strerror or err}") from err
    try:
        query = parse(str(path), source, require_header=False)
    except NetforensicsError as err:
        raise QueryError(f"{path}: {str(err).split(': ', 1)[-1]}") from err
    if not query.text.strip():
        raise QueryError(f"{path} holds no Cypher statement.")
    return query


# -- write refusal ---------------------------------------------------------------------------------
def code_only(text: str) -> str:
    """The statement with comments, strings and backtick-quoted names blanked out."""
    return _NON_CODE.sub(lambda m: " " if m.group(0).startswith(("//", "/*")) else "''", text)


def write_clauses(text: str) -> list[str]:
    """Write clauses and writing procedure calls found in a statement (upper-cased, in order, no repeats)."""
    code = code_only(text)
    found = [re.sub(r"\s+", " ", m.group(1)).upper() for m in _WRITE_CLAUSE.finditer(code)]
    found += [f"CALL {m.group(1)}" for m in _WRITE_PROCEDURE.finditer(code)]
    found += gds_changes(text)
    return list(dict.fromkeys(found))


def gds_changes(text: str) -> list[str]:
    """GDS procedure calls (``CALL gds.graph.drop``) and function calls (``gds.graph.project()``) in a statement
    that are not reads. String literals are searched too: ``apoc.cypher.run`` runs a statement given as text."""
    code = _NON_CODE.sub(lambda m: " " if m.group(0).startswith(("//", "/*")) else m.group(0).strip("`"), text)
    found = []
    for m in _GDS_CALL.finditer(code):
        if not (m.group(1) or m.group(3)):
            continue
        name = re.sub(r"\s+", "", m.group(2))
        if not _is_gds_read(name.lower()):
            found.append(f"CALL {name}" if m.group(1) else f"{name}()")
    return found


def _is_gds_read(name: str) -> bool:
    return name.rsplit(".", 1)[-1] in _GDS_READ_MODES or name.startswith(_GDS_READ_PREFIXES) or name in _GDS_READS


def assembled_statements(text: str) -> list[str]:
    """APOC calls that run Cypher text (``apoc.cypher.run``, ``apoc.when``, ...) whose statement is not one string
    literal: concatenated, a parameter, a variable. What they would run cannot be checked before it runs."""
    code = code_only(text)  # literals become ''
    found = []
    for m in _DYNAMIC_CYPHER.finditer(code):
        name = re.sub(r"\s+", "", m.group(1))
        args = _arguments(code, m.end())
        positions = _STATEMENT_ARGS.get(name.lower(), (0,))
        statements = [args[i] for i in positions if i < len(args)]
        if name.lower() == "apoc.case" and statements:
            listed = statements.pop(0)
            if listed.startswith("[") and listed.endswith("]"):
                statements += _arguments(listed, 1)[1::2]
            else:
                statements.append(listed)
        if any(arg != "''" for arg in statements):
            found.append(name)
    return list(dict.fromkeys(found))


def _arguments(code: str, start: int) -> list[str]:
    """The top-level, comma-separated arguments from ``start`` (just after an opening bracket) to its closing one."""
    args, depth, begin = [], 0, start
    for i in range(start, len(code)):
        char = code[i]
        if char in "([{":
            depth += 1
        elif char in ")]}":
            if depth == 0:
                args.append(code[begin:i].strip())
                break
            depth -= 1
        elif char == "," and depth == 0:
            args.append(code[begin:i].strip())
            begin = i + 1
    return [arg for arg in args if arg]


def ensure_read_only(query: CypherFile) -> None:
    assembled = assembled_statements(query.text)
    if assembled:
        raise WriteRefused(
            f"Refused to run {query.name!r}: {', '.join(assembled)} runs a statement assembled at run time (not one "
            "string literal), and `netforensics query` cannot check that it only reads: in a read-only transaction a "
            "GDS projection or drop would still change the server's graph catalog. Give the statement as one literal."
        )
    clauses = write_clauses(query.text)
    if clauses:
        gds = " GDS runs here only in stream, stats or estimate mode (and its listings): projections, drops and the " \
              "mutate and write modes change the server's graph catalog." if any("gds." in c.lower() for c in clauses) else ""
        raise WriteRefused(
            f"Refused to run {query.name!r}: it writes ({', '.join(clauses)}), and `netforensics query` only reads. "
            f"Run writes through the toolkit's own commands or cypher-shell.{gds}"
        )


# -- parameters ------------------------------------------------------------------------------------
def describe_params(query: CypherFile) -> str:
    """``community: string (required), limit: int = 50`` (or ``no parameters``)."""
    if not query.params:
        return "no parameters"
    return ", ".join(f"{p.name}: {p.type} (required)" if p.required else f"{p.name}: {p.type} = {p.default}" for p in query.params)


def parse_param_args(pairs: Sequence[str]) -> dict[str, str]:
    """``["community=3", "limit=10"]`` -> ``{"community": "3", "limit": "10"}``."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"Bad --param {pair!r}: write it as name=value, e.g. --param community=3.")
        values[name] = value
    return values


def guess_value(raw: str) -> Any:
    """An undeclared parameter's text: integer, float, true/false/null, else the string itself."""
    lowered = raw.strip().lower()
    if lowered in {"true", "false"}:
        return lowered == "true"
    if lowered == "null":
        return None
    for convert in (int, float):
        try:
            return convert(raw)
        except ValueError:
            pass
    return raw


def bind_params(query: CypherFile, given: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Declared parameters with their defaults, overridden by ``given`` (text converted to the declared type).

    Raises :class:`QueryError` naming what is missing or unknown and listing what the query expects.
    Parameters a user's file uses without declaring them are accepted and read with :func:`guess_value`.
    """
    given = dict(given or {})
    declared = {p.name: p for p in query.params}
    undeclared_used = query.used_params() - set(declared)
    unknown = sorted(set(given) - set(declared) - undeclared_used)
    missing = [p.name for p in query.params if p.required and p.name not in given]
    missing += sorted(n for n in undeclared_used if n not in given)
    if unknown or missing:
        problems = []
        if missing:
            problems.append(f"missing parameter(s) {', '.join(missing)}")
        if unknown:
            problems.append(f"unknown parameter(s) {', '.join(unknown)}")
        expected = describe_params(query)
        if undeclared_used:
            expected += f"; used without a declaration: {', '.join(sorted(undeclared_used))}"
        raise QueryError(f"Query {query.name!r}: {'; '.join(problems)}. Expected {expected}. Give them as --param name=value.")
    values: dict[str, Any] = {}
    for param in query.params:
        if param.name in given:
            values[param.name] = _convert(query, param, given[param.name])
        else:
            values[param.name] = _default(query, param)
    for name in undeclared_used:
        raw = given[name]
        values[name] = guess_value(raw) if isinstance(raw, str) else raw
    return values


def _convert(query: CypherFile, param: Param, value: Any) -> Any:
    if not isinstance(value, str) or param.type == "string":
        return value
    try:
        return param.convert(value)
    except ValueError as err:
        raise QueryError(f"Query {query.name!r}: parameter {param.name} must be {param.type}, got {value!r} ({err}).") from err


def _default(query: CypherFile, param: Param) -> Any:
    try:
        return param.default_value()
    except ValueError as err:
        raise QueryError(f"Query {query.name!r}: the default of {param.name} is not a {param.type}: {err}") from err


# -- running ---------------------------------------------------------------------------------------
def run_query(store: GraphStore, query: str | CypherFile, params: Mapping[str, Any] | None = None, *,
              max_rows: int | None = None) -> QueryResult:
    """Run a library query (by name) or a loaded file in a read-only transaction.

    ``params`` may hold text (converted to the declared types) or Python values. ``max_rows`` keeps only
    the first rows (the statement itself is not changed; ``more`` says how many were dropped).
    """
    cypher = get_query(query) if isinstance(query, str) else query
    ensure_read_only(cypher)
    values = bind_params(cypher, params)
    try:
        columns, rows = store.read_records(cypher, values)
    except NetforensicsError as err:
        cause = err.__cause__
        if isinstance(cause, neo4j.exceptions.Neo4jError) and _is_write_refusal(cause):
            raise WriteRefused(f"Refused to run {cypher.name!r}: the server rejected a write in the read-only transaction "
                               f"({cause.message}). `netforensics query` only reads.") from err
        raise
    more = 0
    if max_rows is not None and len(rows) > max_rows:
        more = len(rows) - max_rows
        rows = rows[:max_rows]
    return QueryResult(cypher, values, columns, rows, more)


def _is_write_refusal(err: neo4j.exceptions.Neo4jError) -> bool:
    code = err.code or ""
    return code.endswith("Statement.AccessMode") or "read access mode" in (err.message or "").lower() \
        or code.endswith("Security.Forbidden")


# -- values for output -------------------------------------------------------------------------------
def node_caption(node: neo4j.graph.Node) -> str:
    """The property that names a node (``screen_name`` of an Account, ``cidr`` of a Network ...)."""
    for label in node.labels:
        for key in NODE_CAPTION_KEYS.get(label, ()):
            if node.get(key) is not None:
                return str(node[key])
    for key in _FALLBACK_CAPTION_KEYS:
        if node.get(key) is not None:
            return str(node[key])
    return node.element_id


def _labels(node: neo4j.graph.Node) -> str:
    # The model's main label first (Account before CoreOperator), then the rest alphabetically.
    labels = sorted(node.labels, key=lambda label: (label not in NODE_CAPTION_KEYS, label))
    return ":" + ":".join(labels) if labels else ""


def _node_text(node: neo4j.graph.Node | None) -> str:
    if node is None:
        return "()"
    return f"({node_caption(node)}{_labels(node)})"


def _rel_text(rel: neo4j.graph.Relationship) -> str:
    return f"{_node_text(rel.start_node)}-[:{rel.type}]->{_node_text(rel.end_node)}"


def _path_text(path: neo4j.graph.Path) -> str:
    parts = [_node_text(path.start_node)]
    node: neo4j.graph.Node | None = path.start_node
    for rel in path.relationships:
        forward = rel.start_node is not None and node is not None and rel.start_node.element_id == node.element_id
        nxt = rel.end_node if forward else rel.start_node
        parts.append(f"-[:{rel.type}]->" if forward else f"<-[:{rel.type}]-")
        parts.append(_node_text(nxt))
        node = nxt
    return "".join(parts)


def _temporal(value: Any) -> Any:
    native = value.to_native() if hasattr(value, "to_native") else value
    return native


def cell_text(value: Any) -> str:
    """One value as text for a table or CSV cell: nodes by caption and labels, lists and maps as JSON."""
    if value is None:
        return ""
    if isinstance(value, neo4j.graph.Node):
        return _node_text(value)
    if isinstance(value, neo4j.graph.Relationship):
        return _rel_text(value)
    if isinstance(value, neo4j.graph.Path):
        return _path_text(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else f"{value:.6g}"
    if isinstance(value, (neo4j.time.DateTime, datetime)):
        native = _temporal(value)
        text = native.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, (neo4j.time.Date, neo4j.time.Time, neo4j.time.Duration, date, time, timedelta)):
        return str(value.iso_format() if hasattr(value, "iso_format") else value.isoformat() if hasattr(value, "isoformat") else value)
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(jsonable(value), ensure_ascii=False)
    return str(value)


def jsonable(value: Any) -> Any:
    """A driver value as plain JSON data: nodes with labels and all properties, paths as nodes + relationships."""
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, neo4j.graph.Node):
        return {"element_id": value.element_id, "labels": sorted(value.labels),
                "properties": {k: jsonable(v) for k, v in sorted(value.items())}}
    if isinstance(value, neo4j.graph.Relationship):
        return {"element_id": value.element_id, "type": value.type,
                "start": value.start_node.element_id if value.start_node is not None else None,
                "end": value.end_node.element_id if value.end_node is not None else None,
                "properties": {k: jsonable(v) for k, v in sorted(value.items())}}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": [jsonable(n) for n in value.nodes], "relationships": [jsonable(r) for r in value.relationships]}
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (neo4j.time.DateTime, neo4j.time.Date, neo4j.time.Time, datetime, date, time)):
        return cell_text(value)
    if isinstance(value, neo4j.time.Duration):
        return value.iso_format()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


__all__ = [
    "QueryError", "QueryResult", "WriteRefused", "bind_params", "cell_text", "code_only", "describe_params",
    "ensure_read_only", "gds_changes", "get_query", "jsonable", "list_queries", "load_query_file", "node_caption",
    "parse_param_args", "run_query", "write_clauses",
]
