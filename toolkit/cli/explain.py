"""``netforensics explain ACCOUNT``: one account's dossier in the current run."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.store import open_store
from netforensics.store.detection_reads import AccountNotFound, AmbiguousAccount, Dossier, account_dossier, current_run


def _table(title: str, rows: list[dict[str, Any]], columns: tuple[str, ...]) -> Table:
    table = Table(*columns, title=title, title_justify="left")
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    return table


def _run_role(row: dict[str, Any], run: dict[str, Any] | None) -> str:
    """What the current run made of an account, in a few words."""
    if run is None:
        return "no completed run yet"
    if not row.get("assessed"):
        return "not assessed (loaded after the run)"
    if row.get("community") is None:
        return "in no community"
    return f"{row.get('role') or 'not flagged'} in community {row['community']}"


def _print(d: Dossier, run: dict[str, Any] | None) -> None:
    a = d.account
    name = escape(str(a["screen_name"] or a["account_id"]))  # this line asks for markup: the handle is escaped
    role = a.get("role") or "not flagged"
    console.print(f"[bold]{name}[/] (id {escape(str(a['account_id']))}){' [dim]hashed[/]' if a['hashed'] else ''}",
                  highlight=False, markup=True)
    console.print(f"  created {a['created_at'] or '?'}, {a['followers'] if a['followers'] is not None else '?'} followers, "
                  f"{a['following'] if a['following'] is not None else '?'} following, language {a['lang'] or '?'}",
                  highlight=False)
    if a.get("description"):
        console.print(f"  bio: {a['description']}", highlight=False)
    if run is None:
        console.print("  No completed detection run yet: run `netforensics clusters`.")
    elif not a.get("assessed"):
        console.print(f"  Not assessed: loaded after the current run (run {run['run']} started at {run['started_at']}, "
                      f"account first loaded at {a.get('first_seen')}); run `netforensics clusters` or wait for the "
                      "nightly refresh.", highlight=False)
    elif a.get("community") is None:
        console.print(f"  Run {run['run']}: in no community (no behavioural links to other accounts).", highlight=False)
    else:
        colour = {"core": "bold red", "amplifier": "red"}.get(a.get("role") or "", "green")
        console.print(f"  Run {run['run']}: community {a['community']} ({a['verdict']}, score {a['community_score']:.2f}); "
                      f"role [{colour}]{role}[/] (role score {a['role_score'] or 0:.2f})", highlight=False, markup=True)
        if a.get("signals"):
            console.print(f"  community signals: {', '.join(a['signals'])}", highlight=False)
    if d.evidence:
        rule = f" (rule {d.evidence['rule']})" if d.evidence.get("rule") else ""
        console.print(f"  evidence{rule} signals: {', '.join(d.evidence.get('signals', []))}", highlight=False)
        values = d.evidence.get("values", {})
        thresholds = d.evidence.get("thresholds", {})
        console.print("  values: " + ", ".join(f"{k}={v}" for k, v in sorted(values.items())), highlight=False)
        console.print("  thresholds: " + ", ".join(f"{k}={v}" for k, v in sorted(thresholds.items())), highlight=False)
        for key in ("example_tweets", "example_ips"):
            if d.evidence.get(key):
                console.print(f"  {key.replace('_', ' ')}: {', '.join(map(str, d.evidence[key]))}", highlight=False)
    tweets = [{**t, "original_author": "(unknown)"} if t["kind"] == "retweet" and t["original_author"] is None else t
              for t in d.tweets]
    console.print(_table("Sample tweets", tweets, ("kind", "tweet_id", "created_at", "retweets", "original_author", "delay_seconds", "text")))
    console.print(_table("IP addresses and networks", d.ips, ("address", "kind", "country", "org", "cidr", "count", "accounts")))
    console.print(_table("Amplifies (retweets)", d.amplifies, ("screen_name", "account_id", "retweets", "role", "community")))
    console.print(_table("Amplified by", d.amplified_by, ("screen_name", "account_id", "retweets", "role", "community")))


def explain_command(
    account: Annotated[str, typer.Argument(help="Account id, or screen name (a leading @ and letter case do not matter).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the dossier as JSON.")] = False,
    limit: Annotated[int, typer.Option(help="Rows per section (tweets, amplification).", min=1)] = 5,
) -> None:
    """An account's dossier: role and community in the current run, the evidence behind it (signals, values,
    thresholds, example tweets and IPs), sample tweets, IPs and networks, whom it amplifies and who amplifies it.

    A screen name held by several accounts (renamed or reused handles) is not guessed: the accounts are listed and the command exits 1; pass the id.

    Exit codes: 0 ok, 1 no such account or several, 3/4 database unreachable/auth."""
    run: dict[str, Any] | None = None
    try:
        with open_store(connection()) as store:
            run = current_run(store)
            run_id = run["run"] if run else None
            dossier = account_dossier(store, account, run_id, limit=limit)
    except (AccountNotFound, AmbiguousAccount) as err:
        candidates = err.candidates if isinstance(err, AmbiguousAccount) else []
        if as_json:
            typer.echo(json.dumps({"error": str(err), "candidates": candidates}, indent=2, default=str))
        err_console.print(f"[bold red]error:[/] {escape(str(err))}", highlight=False, emoji=False, markup=True)
        if candidates and not as_json:
            rows = [{**c, "in the current run": _run_role(c, run)} for c in candidates]
            err_console.print(_table("Accounts with this screen name", rows, ("account_id", "screen_name", "in the current run")))
        raise typer.Exit(err.exit_code) from None
    if as_json:
        typer.echo(json.dumps({"run": run_id, **dossier.as_dict()}, indent=2, default=str))
        return
    _print(dossier, run)
