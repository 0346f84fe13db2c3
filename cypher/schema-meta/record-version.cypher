// name: record-version
// description: Record that a schema migration has been applied (idempotent).
// param: version: int
// param: name: string
MERGE (v:SchemaVersion {version: $version})
ON CREATE SET v.applied_at = datetime()
SET v.name = $name
