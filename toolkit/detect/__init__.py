"""Detection: account-account behaviour layers, community detection, scoring.

Modules here take plain arrays (projected from Neo4j or read from files) and return plain arrays;
they never talk to the database themselves.
"""
