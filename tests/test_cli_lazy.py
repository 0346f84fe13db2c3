"""The CLI imports only the command being run (start-up time of `network co-retweet`, `--version`, ...)."""

from __future__ import annotations

import inspect
import subprocess
import sys
from collections.abc import Iterator

import pytest
import typer

from netforensics.cli import COMMANDS, build_app, command_name


@pytest.mark.parametrize(("argv", "expected"), [
    (["network", "co-retweet", "f.csv"], "network"),
    (["--uri", "bolt://host:7687", "-v", "clusters", "--json"], "clusters"),
    (["--password-file", "p.txt", "--database", "db", "load", "ips", "x.csv"], "load"),
    (["--uri=bolt://host:7687", "explain", "42"], "explain"),
    (["--help"], None),
    ([], None),
    (["no-such-command"], None),
])
def test_command_name_skips_root_options_and_their_values(argv: list[str], expected: str | None) -> None:
    assert command_name(argv) == expected


def test_one_command_tree_registers_only_that_command() -> None:
    from typer.main import get_command

    assert set(get_command(build_app("network")).commands) == {"network"}  # type: ignore[attr-defined]
    assert set(get_command(build_app()).commands) == set(COMMANDS)  # type: ignore[attr-defined]


def test_network_co_retweet_does_not_import_detection_or_the_driver() -> None:
    code = ("import sys; from netforensics.cli import build_app, command_name; "
            "build_app(command_name(['network', 'co-retweet'])); "
            "print(sorted(m for m in ('igraph', 'leidenalg', 'neo4j', 'netforensics.detect.pipeline') if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _docstrings(app: typer.Typer) -> Iterator[tuple[str, str]]:
    for info in app.registered_commands:
        assert info.callback is not None
        yield info.name or info.callback.__name__, inspect.getdoc(info.callback) or ""
    for group in app.registered_groups:
        assert group.typer_instance is not None
        yield from _docstrings(group.typer_instance)


def test_help_paragraphs_after_the_first_are_one_line_each() -> None:
    # typer's rich mode keeps line breaks after the first paragraph: a wrapped docstring line prints as a short line.
    for name, doc in _docstrings(build_app()):
        for paragraph in doc.split("\n\n")[1:]:
            assert "\n" not in paragraph, f"{name}: {paragraph!r}"
