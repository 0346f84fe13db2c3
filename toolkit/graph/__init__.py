"""Projection of the evidence graph from Neo4j into numpy arrays (the input of detection)."""
