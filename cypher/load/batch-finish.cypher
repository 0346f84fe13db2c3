// name: batch-finish
// description: Record how a file's load batch ended (complete or failed) with its counts and timing.
// param: sha256: string
// param: status: string
// param: rows_read: int
// param: rows_loaded: int
// param: rows_rejected: int
// param: seconds: float
// param: now: string
MATCH (b:LoadBatch {sha256: $sha256})
SET b.status = $status, b.rows_read = $rows_read, b.rows_loaded = $rows_loaded, b.rows_rejected = $rows_rejected,
    b.finished_at = datetime($now), b.seconds = $seconds
WITH b
OPTIONAL MATCH (d:Dataset {name: b.dataset})
FOREACH (_ IN CASE WHEN d IS NULL THEN [] ELSE [1] END | MERGE (b)-[:IN_DATASET]->(d))
