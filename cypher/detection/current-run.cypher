// name: current-run
// description: The current (last completed) detection run with its parameters, timings and summary.
// returns: run, params, code_version, started_at, finished_at, timings, summary
MATCH (r:DetectionRun {current: true, status: 'complete'})
RETURN r.id AS run, r.params AS params, r.code_version AS code_version, toString(r.started_at) AS started_at,
       toString(r.finished_at) AS finished_at, r.timings AS timings, r.summary AS summary
ORDER BY r.finished_at DESC
LIMIT 1
