"""Parsers for every source format: pure functions from files to validated rows (no database access)."""
