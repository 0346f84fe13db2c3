// name: running-runs
// description: Runs still marked running (while the refresh lock is held, their process has died).
// returns: run
MATCH (r:DetectionRun {status: 'running'})
RETURN r.id AS run
ORDER BY run
