// name: last-refresh
// description: The most recent detection run (refresh or manual, complete or failed) with its diff report and error.
// returns: run, kind, status, current, started_at, finished_at, diff, error
MATCH (r:DetectionRun)
RETURN r.id AS run, coalesce(r.kind, 'clusters') AS kind, r.status AS status, r.current AS current,
       toString(r.started_at) AS started_at, toString(r.finished_at) AS finished_at, r.diff AS diff, r.error AS error
ORDER BY r.started_at DESC
LIMIT 1
