// name: last-refresh
// description: The most recent refresh's run (complete or failed) with its diff report and error; manual `clusters` runs are left out, so they never hide the nightly job's result.
// returns: run, kind, status, current, started_at, finished_at, diff, error
MATCH (r:DetectionRun {kind: 'refresh'})
RETURN r.id AS run, r.kind AS kind, r.status AS status, r.current AS current,
       toString(r.started_at) AS started_at, toString(r.finished_at) AS finished_at, r.diff AS diff, r.error AS error
ORDER BY r.started_at DESC
LIMIT 1
