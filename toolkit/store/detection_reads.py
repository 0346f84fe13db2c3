"""Read a detection run back: the current run, its community table, an account's dossier, the accounts export.

What ``netforensics clusters --show``, ``explain`` and ``export accounts`` print, importable for notebooks.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netforensics import cypher_files
from netforensics.errors import NetforensicsError
from netforensics.output_files import replaced_on_success
from netforensics.store.connection import GraphStore

EXPORT_COLUMNS: tuple[str, ...] = ("account_id", "community", "role", "role_score", "evidence")


def _query(name: str) -> cypher_files.CypherFile:
    return cypher_files.load(f"detection/{name}")


def current_run(store: GraphStore) -> dict[str, Any] | None:
    """The current run (id, params, code version, times, timings, summary; JSON fields decoded) or None."""
    rows = store.read(_query("current-run"))
    if not rows:
        return None
    run = dict(rows[0])
    for key in ("params", "timings", "summary"):
        run[key] = json.loads(run[key]) if run.get(key) else {}
    return run


def require_current_run(store: GraphStore) -> dict[str, Any]:
    run = current_run(store)
    if run is None:
        raise NetforensicsError("No completed detection run in the database: run `netforensics clusters` first.")
    return run


def community_table(store: GraphStore, run: str, *, include_organic: bool = False, limit: int = 50, top: int = 5) -> list[dict[str, Any]]:
    return store.read(_query("community-table"), {"run": run, "include_organic": include_organic, "limit": limit, "top": top})


@dataclass
class Dossier:
    account: dict[str, Any]
    evidence: dict[str, Any]
    tweets: list[dict[str, Any]] = field(default_factory=list)
    ips: list[dict[str, Any]] = field(default_factory=list)
    amplifies: list[dict[str, Any]] = field(default_factory=list)
    amplified_by: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        account = {k: v for k, v in self.account.items() if k != "evidence"}
        return {"account": account, "evidence": self.evidence, "tweets": self.tweets, "ips": self.ips,
                "amplifies": self.amplifies, "amplified_by": self.amplified_by}


class AccountNotFound(NetforensicsError):
    """No account has this id or screen name."""


class AmbiguousAccount(NetforensicsError):
    """A screen name held by several accounts (renamed accounts, reused handles): ``candidates`` lists them."""

    def __init__(self, message: str, candidates: list[dict[str, Any]]) -> None:
        super().__init__(message)
        self.candidates = candidates


def handle_prefixes(handle: str, letters: int = 6) -> list[str]:
    """Every upper/lower-case spelling of the start of ``handle``, up to its ``letters``-th ASCII letter (at most
    ``2 ** letters`` prefixes): the screen-name index is searched once per prefix. Stops before the first non-ASCII
    character, whose case mapping Python and the server may not share (a shorter prefix only means more candidates
    to compare; '' compares every account)."""
    prefixes = [""]
    cased = 0
    for char in handle:
        if not char.isascii():
            break
        if char.isalpha():
            if cased == letters:
                break
            cased += 1
            prefixes = [p + c for p in prefixes for c in (char.lower(), char.upper())]
        else:
            prefixes = [p + char for p in prefixes]
    return prefixes


def find_account(store: GraphStore, account: str, run: str | None) -> dict[str, Any]:
    """The account-dossier row of ``account``: an exact id first, else the one account whose screen name equals it
    ignoring case and a leading ``@``. Raises :class:`AccountNotFound`, or :class:`AmbiguousAccount` (with the
    candidates' id, screen name, community, role and whether ``run`` assessed them) when several accounts hold it."""
    rows = store.read(_query("account-dossier"), {"account": account, "run": run})
    if rows:
        return rows[0]
    handle = account.removeprefix("@")
    candidates = store.read(_query("account-candidates"), {"handle": handle, "prefixes": handle_prefixes(handle),
                                                           "run": run}) if handle else []
    if not candidates:
        raise AccountNotFound(f"No account with id or screen name {account!r} in the database "
                              "(`netforensics query account-search --param text=...` finds partial names).")
    if len(candidates) > 1:
        raise AmbiguousAccount(f"{len(candidates)} accounts have the screen name {handle!r}: run "
                               "`netforensics explain ACCOUNT_ID` with one of their ids.", candidates)
    return store.read(_query("account-dossier"), {"account": candidates[0]["account_id"], "run": run})[0]


def account_dossier(store: GraphStore, account: str, run: str | None, limit: int = 5) -> Dossier:
    """Everything about one account (an id, or a screen name held by one account) in ``run``; raises
    :class:`AccountNotFound` or :class:`AmbiguousAccount` (see :func:`find_account`)."""
    found = find_account(store, account, run)
    account_id = found["account_id"]
    evidence = json.loads(found["evidence"]) if found.get("evidence") else {}
    amplification = store.read(_query("account-amplification"), {"account": account_id, "run": run, "limit": limit})
    return Dossier(
        account=found,
        evidence=evidence,
        tweets=store.read(_query("account-tweets"), {"account": account_id, "limit": limit}),
        ips=store.read(_query("account-ips"), {"account": account_id, "limit": limit * 2}),
        amplifies=[r for r in amplification if r["direction"] == "amplifies"],
        amplified_by=[r for r in amplification if r["direction"] == "amplified by"],
    )


@dataclass(frozen=True)
class AccountsExport:
    written: int  # accounts of the run written
    not_assessed: int  # accounts left out: first loaded after the run started, so not in its projection


def export_accounts(store: GraphStore, run: str, out: Path) -> AccountsExport:
    """Write ``account_id,community,role,role_score,evidence`` for every account ``run`` assessed; accounts first
    loaded after it started are left out (counted in the result), not written as unflagged."""
    rows = store.read_as_decoded(_query("export-accounts"), {"run": run})  # plain values: no Record.data() walk
    columns: dict[str, Any] = rows[0] if rows else {**{name: [] for name in EXPORT_COLUMNS}, "not_assessed": 0}
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with replaced_on_success(out) as part, part.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(EXPORT_COLUMNS)
            writer.writerows(zip(*(columns[name] for name in EXPORT_COLUMNS)))
    except OSError as err:
        raise NetforensicsError(f"Cannot write {out}: {err.strerror}.") from err
    return AccountsExport(written=len(columns["account_id"]), not_assessed=int(columns["not_assessed"]))
