"""netforensics: find coordinated inauthentic behaviour in social-media graphs stored in Neo4j.

Data flows one way: ``netforensics.loaders`` (parse files) -> ``netforensics.store`` (Neo4j writes)
-> projection and detection -> role rules (``cypher/roles``) -> write-back, CLI, reports.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("netforensics")
except PackageNotFoundError:  # running from a source tree without an install
    __version__ = "0.0.0+unknown"
