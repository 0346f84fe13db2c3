"""Read the Cypher that ships in ``cypher/**.cypher``: one statement per file, with a header.

Header lines come first and start with ``//``::

    // name: core-operators
    // description: The core operators of a community, strongest evidence first.
    // category: communities
    // param: community: string                 (required)
    // param: limit: int = 25                   (optional, with default)
    // returns: account, role_score, evidence

Everything after the header is the statement, run exactly as written (no hidden rewriting).
Files in ``cypher/schema/`` may hold several statements separated by ``;`` (migrations).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from netforensics.errors import NetforensicsError

_PARAM_LINE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(?P<type>[A-Za-z\[\]]+)(\s*=\s*(?P<default>.+))?$")
_USED_PARAM = re.compile(r"\$([A-Za-z_][A-Za-z0-9_]*)")
_TYPES = {"string", "int", "float", "bool", "list[string]", "list[int]", "map", "list[map]"}


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    default: str | None = None

    @property
    def required(self) -> bool:
        return self.default is None

    def convert(self, raw: str) -> Any:
        """Turn a command-line string into the declared type (raises ValueError)."""
        if self.type == "string":
            return raw
        if self.type == "int":
            return int(raw)
        if self.type == "float":
            return float(raw)
        if self.type == "bool":
            lowered = raw.strip().lower()
            if lowered in {"true", "yes", "1"}:
                return True
            if lowered in {"false", "no", "0"}:
                return False
            raise ValueError(f"expected true or false, got {raw!r}")
        if self.type == "list[string]":
            return [p.strip() for p in raw.split(",") if p.strip()]
        if self.type == "list[int]":
            return [int(p) for p in raw.split(",") if p.strip()]
        raise ValueError(f"parameters of type {self.type} cannot be given on the command line")

    def default_value(self) -> Any:
        if self.default is None or self.default == "null":
            return None
        return self.convert(self.default.strip().strip('"').strip("'"))


@dataclass(frozen=True)
class CypherFile:
    path: str  # relative to cypher/, without the suffix, e.g. "queries/core-operators"
    name: str
    description: str
    text: str
    params: tuple[Param, ...] = ()
    category: str = ""
    returns: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    def used_params(self) -> set[str]:
        return set(_USED_PARAM.findall(_strip_comments_and_strings(self.text)))

    def statements(self) -> list[str]:
        """Split on top-level ``;`` (used by schema migrations)."""
        parts = [p.strip() for p in _strip_comments(self.text).split(";")]
        return [p for p in parts if p]


def _strip_comments(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))


def _strip_comments_and_strings(text: str) -> str:
    text = _strip_comments(text)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


def parse(path: str, source: str, *, require_header: bool = True) -> CypherFile:
    """Split ``source`` into header and statement. With ``require_header=False`` (a user's own file run by
    ``netforensics query --file``) a missing name defaults to ``path`` and a missing description to ``""``."""
    header: dict[str, str] = {}
    params: list[Param] = []
    body: list[str] = []
    in_header = True
    for line in source.splitlines():
        stripped = line.strip()
        if in_header and stripped.startswith("//"):
            content = stripped[2:].strip()
            key, sep, value = content.partition(":")
            key = key.strip().lower()
            if sep and key == "param":
                match = _PARAM_LINE.match(value.strip())
                if not match or match["type"] not in _TYPES:
                    raise NetforensicsError(f"cypher/{path}.cypher: bad parameter line {content!r}")
                params.append(Param(match["name"], match["type"], match["default"]))
            elif sep and key:
                header[key] = (header[key] + " " + value.strip()) if key in header else value.strip()
            continue
        if in_header and not stripped:
            continue
        in_header = False
        body.append(line)
    text = "\n".join(body).strip()
    if not require_header:
        header.setdefault("name", path)
        header.setdefault("description", "")
    if "name" not in header or "description" not in header:
        raise NetforensicsError(f"cypher/{path}.cypher: header needs `// name:` and `// description:` lines")
    return CypherFile(
        path=path,
        name=header.pop("name"),
        description=header.pop("description"),
        text=text,
        params=tuple(params),
        category=header.pop("category", ""),
        returns=header.pop("returns", ""),
        meta=header,
    )


@lru_cache(maxsize=None)
def load(path: str) -> CypherFile:
    """Load ``cypher/<path>.cypher``, e.g. ``load("load/follows")``."""
    resource = resources.files("netforensics.cypher").joinpath(*f"{path}.cypher".split("/"))
    if not resource.is_file():
        raise NetforensicsError(f"no Cypher file cypher/{path}.cypher in this installation")
    return parse(path, resource.read_text(encoding="utf-8"))


def list_folder(folder: str) -> list[CypherFile]:
    """All files of one folder (``queries``, ``roles``, ``schema`` ...) sorted by file name."""
    base = resources.files("netforensics.cypher").joinpath(folder)
    if not base.is_dir():
        return []
    names = sorted(entry.name for entry in base.iterdir() if entry.name.endswith(".cypher"))
    return [load(f"{folder}/{name[: -len('.cypher')]}") for name in names]
