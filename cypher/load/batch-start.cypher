// name: batch-start
// description: Mark a file's load batch as running (a re-run of a failed or partial batch resumes it).
// param: sha256: string
// param: path: string
// param: kind: string
// param: dataset: string
// param: size: int
// param: mtime_ns: int
// param: now: string
MERGE (b:LoadBatch {sha256: $sha256})
SET b.path = $path, b.size = $size, b.mtime_ns = $mtime_ns, b.kind = $kind, b.dataset = $dataset, b.status = 'running', b.started_at = datetime($now),
    b.finished_at = null, b.rows_read = 0, b.rows_loaded = 0, b.rows_rejected = 0
