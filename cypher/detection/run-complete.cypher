// name: run-complete
// description: Make a finished run the current one in one transaction: it becomes complete and current, every other run stops being current.
// param: run: string
// param: timings: string
// param: summary: string
MATCH (r:DetectionRun {id: $run})
CALL (r) {
  MATCH (other:DetectionRun {current: true})
  WHERE other <> r
  SET other.current = false
}
SET r.status = 'complete', r.current = true, r.finished_at = datetime(), r.timings = $timings, r.summary = $summary
RETURN r.id AS run
