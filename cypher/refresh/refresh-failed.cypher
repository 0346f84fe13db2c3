// name: refresh-failed
// description: Record a refresh that failed after taking the lock: on its detection run when it has one (a run detection already recorded as failed, or a complete run whose lineage or diff failed: it stays complete and current), else as a new failed refresh run that never becomes current; with the failed step and the one-line error.
// param: run: string
// param: step: string
// param: error: string
// param: previous_run: string
// param: elapsed: float
// param: params: string
// param: code_version: string
MERGE (r:DetectionRun {id: $run})
  ON CREATE SET r.kind = 'refresh', r.status = 'failed', r.current = false, r.params = $params,
                r.code_version = $code_version, r.started_at = datetime() - duration({seconds: $elapsed}),
                r.finished_at = datetime()
SET r.failed_step = $step, r.error = $error, r.previous_run = coalesce(r.previous_run, $previous_run)
