// name: applied-version
// description: The highest schema migration recorded in this database (0 when none).
// returns: version
OPTIONAL MATCH (v:SchemaVersion)
RETURN coalesce(max(v.version), 0) AS version
