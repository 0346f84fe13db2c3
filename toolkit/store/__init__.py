"""Everything that talks to Neo4j: connection, the batched writer, schema migrations."""

from netforensics.store.connection import GraphStore, open_store

__all__ = ["GraphStore", "open_store"]
