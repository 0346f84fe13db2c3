"""``netforensics query``: the analyst's Cypher library (thin shell over :mod:`netforensics.query_library`)."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Annotated, Any, Optional

import typer
from rich.table import Table
from rich.text import Text

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.cypher_files import CypherFile
from netforensics.errors import NetforensicsError
from netforensics.query_library import (
    QueryResult,
    cell_text,
    describe_params,
    ensure_read_only,
    get_query,
    list_queries,
    load_query_file,
    parse_param_args,
    run_query,
)
from netforensics.store import open_store

_TABLE_CELL_MAX = 100


def query_command(
    name: Annotated[Optional[str], typer.Argument(help="Name of a library query (see --list).", show_default=False)] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the library: names, categories, parameters, descriptions.")] = False,
    param: Annotated[Optional[list[str]], typer.Option("--param", "-p", help="A parameter as name=value; repeat for several.", show_default=False)] = None,
    file: Annotated[Optional[Path], typer.Option("--file", "-f", help="Run your own .cypher file (read-only, same rules) instead of a library query.", exists=True, dir_okay=False, show_default=False)] = None,
    show: Annotated[bool, typer.Option("--show", help="Print the query's header and Cypher instead of running it.")] = False,
    limit: Annotated[Optional[int], typer.Option("--limit", min=1, help="Print at most this many rows (also sets the query's own `limit` parameter when it has one and --param did not).", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON (rows as objects; nodes with labels and all properties).")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")] = False,
) -> None:
    """Run a named query from the analyst's library (or your own --file) in a read-only transaction.

    Examples: [bold]netforensics query --list[/], [bold]netforensics query core-operators --param community=3[/], [bold]netforensics query --file mine.cypher --param account=HKpoliticalnew --csv[/].

    Refused: queries that write; GDS calls that change the server's graph catalog (GDS runs here only in stream, stats or estimate mode); APOC calls that run Cypher text assembled at run time (apoc.cypher.run with anything but one string literal).

    Exit codes: 0 ok, 1 refused or bad parameters, 3/4 database unreachable/auth.
    """
    if as_json and as_csv:
        raise NetforensicsError("Choose one of --json and --csv.")
    if list_:
        if name or file:
            raise NetforensicsError("--list takes no query name or --file.")
        _print_list(list_queries(), as_json)
        return
    if (name is None) == (file is None):
        raise NetforensicsError("Name one library query (see `netforensics query --list`) or give --file, not both.")
    query = load_query_file(file) if file is not None else get_query(name or "")
    if show:
        _print_show(query, as_json)
        return
    ensure_read_only(query)  # refuse before connecting
    given: dict[str, Any] = dict(parse_param_args(param or []))
    if limit is not None and "limit" not in given and any(p.name == "limit" for p in query.params):
        given["limit"] = str(limit)
    with open_store(connection()) as store:
        result = run_query(store, query, given, max_rows=limit)
    if as_json:
        typer.echo(json.dumps(result.records(), ensure_ascii=False, indent=2))
    elif as_csv:
        _print_csv(result)
    else:
        _print_table(result)
    if result.more:
        err_console.print(f"{result.more:,} more row(s) not shown (--limit {limit}).")


def _print_list(queries: list[CypherFile], as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps([_query_dict(q) for q in queries], ensure_ascii=False, indent=2))
        return
    table = Table("category", "name", "parameters", "description", title="netforensics query library", title_justify="left")
    for q in queries:
        params = ", ".join(p.name if p.required else f"{p.name}={p.default}" for p in q.params)
        table.add_row(Text(q.category), Text(q.name, style="bold"), Text(params), Text(q.description))
    console.print(table)
    err_console.print("Run one: netforensics query NAME --param name=value ...   (required parameters have no '=').")


def _query_dict(q: CypherFile) -> dict[str, Any]:
    return {
        "name": q.name, "category": q.category, "description": q.description, "returns": q.returns,
        "params": [{"name": p.name, "type": p.type, "default": p.default, "required": p.required} for p in q.params],
        "file": f"cypher/{q.path}.cypher" if not q.path.startswith("/") else q.path,
    }


def _print_show(q: CypherFile, as_json: bool) -> None:
    if as_json:
        typer.echo(json.dumps({**_query_dict(q), "cypher": q.text}, ensure_ascii=False, indent=2))
        return
    console.print(Text.assemble((q.name, "bold"), f"  ({q.category or 'uncategorised'})\n{q.description}"))
    console.print(f"parameters: {describe_params(q)}", highlight=False)
    if q.returns:
        console.print(f"returns: {q.returns}", highlight=False)
    typer.echo("")
    typer.echo(q.text)


def _short(text: str) -> str:
    return text if len(text) <= _TABLE_CELL_MAX else text[: _TABLE_CELL_MAX - 1] + "…"


def _print_table(result: QueryResult) -> None:
    table = Table(*result.columns, title=result.query.name, title_justify="left",
                  caption=f"{len(result.rows):,} row(s)", caption_justify="left")
    for row in result.rows:
        table.add_row(*(Text(_short(cell_text(v))) for v in row))
    console.print(table, highlight=False)


def _print_csv(result: QueryResult) -> None:
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow([cell_text(v) for v in row])
