// name: last-refresh
// description: The most recent refresh's run (complete, failed or running) with its diff report, error and the step that failed; manual `clusters` runs are left out, so they never hide the nightly job's result.
// returns: run, kind, status, current, started_at, finished_at, diff, error, failed_step
MATCH (r:DetectionRun {kind: 'refresh'})
RETURN r.id AS run, r.kind AS kind, r.status AS status, r.current AS current,
       toString(r.started_at) AS started_at, toString(r.finished_at) AS finished_at, r.diff AS diff, r.error AS error,
       r.failed_step AS failed_step
ORDER BY r.started_at DESC
LIMIT 1
