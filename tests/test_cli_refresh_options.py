"""`netforensics refresh` takes the same detection options as `clusters` and hands them to the refresh (no server:
the store and the refresh itself are replaced by stand-ins that record what they were given)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pytest
from typer.testing import CliRunner

import netforensics.cli.refresh as refresh_cli
from netforensics.cli import app
from netforensics.detect.pipeline import DetectionParams
from netforensics.refresh.run import RefreshReport


@pytest.fixture
def given(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    seen: dict[str, Any] = {}

    @contextlib.contextmanager
    def fake_store(_settings: Any) -> Iterator[object]:
        yield object()

    def fake_refresh(_store: object, _inbox: object, params: DetectionParams, **_kwargs: Any) -> RefreshReport:
        seen["params"] = params
        return RefreshReport(run="r1", previous_run=None)

    monkeypatch.setattr(refresh_cli, "open_store", fake_store)
    monkeypatch.setattr(refresh_cli, "refresh", fake_refresh)
    return seen


def test_detection_options_reach_the_refresh(given: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, [
        "refresh", "--engine", "igraph", "--objective", "cpm", "--resolution", "0.05", "--iterations", "-1",
        "--warm-iterations", "3", "--split-min-size", "0", "--layers", "retweet,co-retweet", "--window", "120",
        "--layer-weight", "retweet=2", "--seed", "9",
    ])
    assert result.exit_code == 0, result.output
    params = given["params"]
    assert (params.engine, params.objective, params.resolution, params.iterations, params.warm_iterations) == (
        "igraph", "cpm", 0.05, -1, 3)
    assert (params.split_min_size, params.layers, params.window, params.seed) == (0, ("retweet", "co_retweet"), 120, 9)
    assert params.layer_weights["retweet"] == 2


def test_defaults_are_those_of_clusters(given: dict[str, Any]) -> None:
    result = CliRunner().invoke(app, ["refresh"])
    assert result.exit_code == 0, result.output
    assert given["params"].as_dict() == DetectionParams().as_dict()


@pytest.mark.parametrize("args, message", [
    (["--layers", "retweet,likes"], "unknown layer(s) likes"),
    (["--iterations", "-1"], "networkit"),
    (["--engine", "networkit", "--objective", "cpm"], "modularity"),
])
def test_bad_detection_options_are_one_line_errors_before_anything_runs(given: dict[str, Any], args: list[str],
                                                                        message: str) -> None:
    result = CliRunner().invoke(app, ["refresh", *args])
    assert result.exit_code == 1
    assert message in str(result.exception) and "params" not in given
