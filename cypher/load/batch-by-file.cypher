// name: batch-by-file
// description: The completely loaded batch of a file with this path, size and modification time, if any: such a file is recognised without reading its bytes again (a refresh inbox keeps gigabytes of old files).
// param: path: string
// param: size: int
// param: mtime_ns: int
// returns: sha256
MATCH (b:LoadBatch {path: $path})
WHERE b.size = $size AND b.mtime_ns = $mtime_ns AND b.status = 'complete'
RETURN b.sha256 AS sha256
ORDER BY b.finished_at DESC
LIMIT 1
