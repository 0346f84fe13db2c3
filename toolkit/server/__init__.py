"""The managed local Neo4j server: assembled from Maven Central, started and stopped by the CLI."""
