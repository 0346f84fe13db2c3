// name: report-current-run
// description: The current (last completed) detection run: id, status, times, code version, parameters and timings as JSON text.
// returns: id, status, started_at, finished_at, code_version, params, timings
MATCH (run:DetectionRun)
WHERE run.current = true AND run.status = 'complete'
RETURN run.id AS id, run.status AS status, run.started_at AS started_at, run.finished_at AS finished_at,
       run.code_version AS code_version, run.params AS params, run.timings AS timings
ORDER BY run.finished_at DESC
LIMIT 1
