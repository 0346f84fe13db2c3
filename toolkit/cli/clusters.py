"""``netforensics clusters``: run detection (or ``--show`` the current results) and print the communities."""

from __future__ import annotations

import json
from typing import Annotated, Any, Optional

import typer
from rich.table import Table
from rich.text import Text

from netforensics.cli.console import console, err_console
from netforensics.cli.options import connection
from netforensics.detect.layers import LAYER_NAMES
from netforensics.detect.leiden import ENGINES, OBJECTIVES
from netforensics.detect.pipeline import DetectionParams
from netforensics.errors import NetforensicsError
from netforensics.refresh.run import detect_with_stable_ids
from netforensics.store import open_store
from netforensics.store.connection import GraphStore
from netforensics.store.detection_reads import community_table, require_current_run

PHASES = (("projection", ("projection",)), ("layers", ("layers",)), ("Leiden", ("leiden",)), ("scoring", ("scoring", "split")),
          ("housekeeping", ("prune_wait",)), ("write-back", ("write_communities", "roles", "memberships_wait", "write_complete")))


#: The library's defaults, so that `clusters`, `refresh` and run_detection cannot drift apart.
DEFAULTS = DetectionParams()
#: The largest --seed: networkit takes 0..2**64-1, leidenalg and GDS (a Java long) up to 2**63-1, igraph any int;
#: 2**31-1 leaves room in every engine (and a C long on any platform) and is more seeds than anyone tries.
SEED_MAX = 2**31 - 1


def parse_layer_weights(values: list[str]) -> dict[str, float]:
    weights = dict(DEFAULTS.layer_weights)
    for item in values:
        name, sep, value = item.partition("=")
        name = name.strip().replace("-", "_")
        if not sep or name not in LAYER_NAMES:
            raise NetforensicsError(f"--layer-weight takes NAME=WEIGHT with NAME one of {', '.join(LAYER_NAMES)}, not {item!r}.")
        try:
            weights[name] = float(value)
        except ValueError as err:
            raise NetforensicsError(f"--layer-weight {item!r}: {value!r} is not a number.") from err
    return weights


def parse_layers(value: str) -> tuple[str, ...]:
    """``--layers``: comma-separated names (``co-retweet`` and ``co_retweet`` alike); DetectionParams checks them."""
    return tuple(name.strip().replace("-", "_") for name in value.split(",") if name.strip())


def _phase_seconds(timings: dict[str, float]) -> dict[str, float]:
    return {label: round(sum(timings.get(k, 0.0) for k in keys), 2) for label, keys in PHASES} | {"total": round(timings.get("total", 0.0), 2)}


def _print_table(run: dict[str, Any], rows: list[dict[str, Any]], include_organic: bool) -> None:
    summary = run.get("summary", {})
    table = Table(title=f"Detection run {run['run']} ({summary.get('communities', 0):,} communities, "
                        f"{summary.get('core', 0):,} core, {summary.get('amplifier', 0):,} amplifiers)",
                  title_justify="left")
    for heading, justify in (("community", "right"), ("size", "right"), ("verdict", "left"), ("score", "right"),
                             ("core", "right"), ("amplifiers", "right"), ("top core accounts", "left"),
                             ("strongest signals", "left")):
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    colours = {"inauthentic": "bold red", "suspicious": "yellow", "organic": "green"}
    for row in rows:
        verdict = row["verdict"]
        table.add_row(str(row["community"]), f"{row['size']:,}", Text(verdict, style=colours.get(verdict, "white")),
                      f"{row['score']:.2f}", f"{row['core']:,}", f"{row['amplifiers']:,}",
                      ", ".join(str(a) for a in row["top_core"]), ", ".join(row["signals"] or []))
    if rows:
        console.print(table)
    else:
        console.print(f"Run {run['run']}: no community is {'present' if include_organic else 'inauthentic or suspicious'}.")


def show(store: GraphStore, *, as_json: bool, include_organic: bool, limit: int) -> None:
    run = require_current_run(store)
    rows = community_table(store, run["run"], include_organic=include_organic, limit=limit)
    if as_json:
        typer.echo(json.dumps({"run": run, "communities": rows}, indent=2, default=str))
        return
    _print_table(run, rows, include_organic)
    timings = run.get("timings") or {}
    if timings:
        err_console.print("phases (s): " + ", ".join(f"{k} {v:.2f}" for k, v in _phase_seconds(timings).items()), highlight=False)


def clusters_command(
    show_only: Annotated[bool, typer.Option("--show", help="Print the current run's results without re-running detection.")] = False,
    seed: Annotated[int, typer.Option(help=f"Random seed of Leiden, 0 to {SEED_MAX} (a range every engine takes): same data and seed give the same communities.", min=0, max=SEED_MAX)] = DEFAULTS.seed,
    resolution: Annotated[float, typer.Option(help="Leiden resolution (higher: more, smaller communities).", min=0.0001)] = DEFAULTS.resolution,
    engine: Annotated[str, typer.Option(help=f"Leiden engine: {', '.join(ENGINES)} (networkit: NetworKit's Leiden on the summed layers, modularity only; igraph: igraph's C Leiden on the summed layers, about 3 times slower at HK scale; leidenalg: multiplex optimisation with layer weights; gds: GDS Leiden inside Neo4j).")] = DEFAULTS.engine,
    objective: Annotated[str, typer.Option(help=f"Leiden objective: {', '.join(OBJECTIVES)}.")] = DEFAULTS.objective,
    iterations: Annotated[int, typer.Option(help="Leiden passes of the networkit, igraph and leidenalg engines (-1: until the partition stops improving; not with networkit).", min=-1)] = DEFAULTS.iterations,
    split_min_size: Annotated[int, typer.Option(help="Organic and suspicious communities of at least this many accounts get a second look: Leiden inside them, and any part that scores inauthentic on its own is split off (0: never).", min=0)] = DEFAULTS.split_min_size,
    window: Annotated[float, typer.Option(help="Co-retweet window in seconds (warns when below the data's time resolution: archive times are per minute).")] = DEFAULTS.window,
    layers: Annotated[str, typer.Option(help=f"Comma-separated behaviour layers: {','.join(LAYER_NAMES)}.")] = ",".join(DEFAULTS.layers),
    layer_weight: Annotated[Optional[list[str]], typer.Option("--layer-weight", help="NAME=WEIGHT for one layer (repeatable), e.g. --layer-weight follow=0.25.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the run and its communities as JSON.")] = False,
    include_organic: Annotated[bool, typer.Option("--all", help="List organic communities too.")] = False,
    limit: Annotated[int, typer.Option(help="Communities to list.", min=1)] = 50,
) -> None:
    """Detect communities of coordinated accounts (Leiden on retweet, co-retweet, shared-infrastructure and
    follow layers), score them, assign core operator / amplifier roles with the Cypher rules in cypher/roles,
    store the run in Neo4j and print the suspicious communities."""
    with open_store(connection()) as store:
        if show_only:
            show(store, as_json=as_json, include_organic=include_organic, limit=limit)
            return
        params = DetectionParams(
            seed=seed, resolution=resolution, engine=engine, objective=objective, iterations=iterations, split_min_size=split_min_size, window=window,
            layers=parse_layers(layers),
            layer_weights=parse_layer_weights(layer_weight or []),
        )
        with err_console.status("detecting") as status:
            result = detect_with_stable_ids(store, params, progress=lambda message: status.update(message))
        if not as_json:
            err_console.print(f"run {result.run_id}: {len(result.communities):,} communities, "
                              f"{result.role_counts()['core']:,} core, {result.role_counts()['amplifier']:,} amplifiers", highlight=False)
        show(store, as_json=as_json, include_organic=include_organic, limit=limit)
