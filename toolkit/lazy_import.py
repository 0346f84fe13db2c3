"""Modules imported on first use: the Neo4j driver takes most of a second to import, and commands that never
touch a database (``network co-retweet``, ``synth``, ``--help``) should not pay for it.

``neo4j = lazy_module("neo4j")`` binds a stand-in that imports the real module (with the ordinary import
machinery, so there is only ever one copy of it) the first time one of its attributes is read; ``neo4j.graph``
and other submodules resolve the same way. Type checkers see the real import under ``TYPE_CHECKING``.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import Any


class _LazyModule(ModuleType):
    def __getattr__(self, attr: str) -> Any:
        if attr.startswith("__"):
            raise AttributeError(attr)
        module = importlib.import_module(self.__name__)
        try:
            return getattr(module, attr)
        except AttributeError:
            return importlib.import_module(f"{self.__name__}.{attr}")


def lazy_module(name: str) -> ModuleType:
    """A stand-in for module ``name`` that imports it when one of its attributes is first read."""
    return _LazyModule(name)
