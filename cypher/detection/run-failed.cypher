// name: run-failed
// description: Record a run as failed with its error; it never becomes current.
// param: run: string
// param: error: string
// param: timings: string
MATCH (r:DetectionRun {id: $run})
SET r.status = 'failed', r.current = false, r.finished_at = datetime(), r.error = $error, r.timings = $timings
