"""netforensics: find coordinated inauthentic behaviour in social-media graphs stored in Neo4j.

Data flows one way: ``netforensics.loaders`` (parse files) -> ``netforensics.store`` (Neo4j writes)
-> projection and detection -> role rules (``cypher/roles``) -> write-back, CLI, reports.
"""

from __future__ import annotations

from functools import cache


@cache
def _version() -> str:
    # importlib.metadata costs about 30 ms to import: paid only by the commands that print or record the version.
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("netforensics")
    except PackageNotFoundError:  # running from a source tree without an install
        return "0.0.0+unknown"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    raise AttributeError(f"module 'netforensics' has no attribute {name!r}")
