// name: batch-status
// description: The status of the load batch of a file with this sha256 (no row when never loaded).
// param: sha256: string
// returns: status, kind, rows_loaded, finished_at
MATCH (b:LoadBatch {sha256: $sha256})
RETURN b.status AS status, b.kind AS kind, b.rows_loaded AS rows_loaded, toString(b.finished_at) AS finished_at
