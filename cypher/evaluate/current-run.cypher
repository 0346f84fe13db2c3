// name: current-run
// description: The id of the current (last completed) detection run, whose roles `netforensics evaluate` scores.
// returns: run_id
MATCH (run:DetectionRun)
WHERE run.current = true AND run.status = 'complete'
RETURN run.id AS run_id
ORDER BY run.finished_at DESC
LIMIT 1
