"""The README's examples name real commands and real options (the docs cannot drift from the CLI)."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typing import Any

import typer.main

from netforensics.cli import app

ROOT = Path(__file__).resolve().parents[1]


def readme_command_lines() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    lines = []
    for block in re.findall(r"```bash\n(.*?)```", text, flags=re.S):
        for line in block.splitlines():
            line = line.split("#", 1)[0].strip()
            if line.startswith("netforensics "):
                lines.append(line)
    inline = re.findall(r"`(netforensics [^`]+)`", text)
    return lines + inline


def resolve(words: list[str]) -> tuple[Any, list[str]]:
    command: Any = typer.main.get_command(app)
    rest = list(words)
    while hasattr(command, "commands") and rest and not rest[0].startswith("-"):
        sub = command.commands.get(rest[0])
        if sub is None:
            break
        command, rest = sub, rest[1:]
    return command, rest


def option_names(command: Any) -> set[str]:
    names: set[str] = set()
    for param in command.params:
        names.update(getattr(param, "opts", []))
        names.update(getattr(param, "secondary_opts", []))
    return names


def test_readme_has_examples() -> None:
    assert len(readme_command_lines()) >= 20


def test_every_readme_example_names_a_real_command_and_real_options() -> None:
    root = typer.main.get_command(app)
    problems = []
    for line in readme_command_lines():
        words = shlex.split(line.replace("...", ""))[1:]
        while words and words[0] in option_names(root):  # root options, e.g. --uri X
            flag = words[0] in ("--verbose", "-v", "--version")
            words = words[1:] if flag else words[2:]
        command, rest = resolve(words)
        if hasattr(command, "commands"):
            problems.append(f"{line!r}: no such command")
            continue
        known = option_names(command) | {"--help"}
        for word in rest:
            if word.startswith("--") and word.split("=")[0] not in known:
                problems.append(f"{line!r}: {command.name} has no option {word}")
    assert problems == []
