"""The nightly refresh: inbox loading, one-at-a-time locking, stable community identities and lineage."""
