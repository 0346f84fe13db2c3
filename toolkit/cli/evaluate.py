"""``netforensics evaluate LABELS.csv``: score the predicted roles against ground-truth labels."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.evaluate import Scorecard, read_current_run, read_export, read_labels, read_traps, scorecard
from netforensics.store import open_store


def evaluate_command(
    labels: Annotated[Path, typer.Argument(help="Ground truth: account_id,role[,team] (role core / amplifier / organic), e.g. labels.csv from `netforensics synth`.", exists=True, dir_okay=False)],
    export: Annotated[Optional[Path], typer.Option("--export", help="Score this `export accounts` CSV (account_id,community,role,role_score,evidence) instead of the database's current run.", exists=True, dir_okay=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scorecard as JSON.")] = False,
    worst: Annotated[int, typer.Option("--worst", min=0, help="How many communities to list, most false positives first.")] = 10,
) -> None:
    """Precision, recall and F1 for core, amplifier and both together ("inauthentic"), the share of organic
    accounts flagged, and the communities with the most false positives. Accounts without a prediction
    count as not flagged; an account listed twice with two different roles is refused, and a warning (on stderr)
    says when no labelled core or amplifier account is among the predicted ones. When the labels have a `trap` column (as `netforensics synth` writes them), it
    also counts the real people of each trap (fans, campus NAT, readers of an outlet persona, ...) flagged."""
    truth = read_labels(labels)
    if export is not None:
        predictions = read_export(export)
        source = str(export)
    else:
        with open_store(connection()) as store:
            predictions = read_current_run(store)
        source = "current detection run"
    card = scorecard(truth, predictions, worst=worst, traps=read_traps(labels))
    for warning in card.warnings:
        err_console.print(f"warning: {warning}", highlight=False)
    if as_json:
        typer.echo(json.dumps({"labels": str(labels), "predictions": source, **card.as_dict()}, indent=2))
        return
    _print(card, source)


def _print(card: Scorecard, source: str) -> None:
    table = Table(title=f"Scorecard: {source}", title_justify="left")
    table.add_column("class", no_wrap=True)
    for heading in ("precision", "recall", "F1", "true pos.", "false pos.", "false neg."):
        table.add_column(heading, justify="right")
    for name, score in (("core", card.core), ("amplifier", card.amplifier), ("inauthentic", card.inauthentic)):
        table.add_row(name, f"{score.precision:.3f}", f"{score.recall:.3f}", f"{score.f1:.3f}",
                      f"{score.true_positives:,}", f"{score.false_positives:,}", f"{score.false_negatives:,}")
    console.print(table)
    console.print(
        f"Organic accounts flagged: {card.organic_flagged:,} of {card.labelled['organic']:,} "
        f"({100 * card.organic_flagged_share:.2f}%).",
        highlight=False,
    )
    confusion = Table("true \\ predicted", "core", "amplifier", "not flagged", title="Confusion", title_justify="left")
    for truth, row in card.confusion.items():
        confusion.add_row(truth, *(f"{row[p]:,}" for p in ("core", "amplifier", "")))
    console.print(confusion)
    if card.traps:
        traps = Table("trap", "people", "flagged core", "flagged amplifier", title="Real people in the traps", title_justify="left")
        for name, t in card.traps.items():
            traps.add_row(name, f"{t.people:,}", f"{t.flagged_core:,}", f"{t.flagged_amplifier:,}")
        console.print(traps)
    if card.worst_communities:
        worst = Table("community", "members", "flagged", "false pos.", "inauthentic members",
                      title="Communities with the most false positives", title_justify="left")
        for c in card.worst_communities:
            worst.add_row(c.community, f"{c.labelled_members:,}", f"{c.flagged:,}", f"{c.false_positives:,}", f"{c.inauthentic_members:,}")
        console.print(worst)
    else:
        console.print("No community has a false positive.")
    if card.unlabelled_predictions:
        console.print(f"{card.unlabelled_predictions:,} flagged accounts are not in the labels (ignored).", highlight=False)
    if card.unknown_roles:
        console.print(f"Predicted roles not understood (counted as not flagged): {dict(card.unknown_roles)}", highlight=False)
