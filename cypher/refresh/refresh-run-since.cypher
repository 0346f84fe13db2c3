// name: refresh-run-since
// description: The newest refresh run started in the last $seconds seconds (while a refresh holds the lock, its own detection run).
// param: seconds: int
// returns: run
MATCH (r:DetectionRun {kind: 'refresh'})
WHERE r.started_at >= datetime() - duration({seconds: $seconds})
RETURN r.id AS run
ORDER BY r.started_at DESC
LIMIT 1
