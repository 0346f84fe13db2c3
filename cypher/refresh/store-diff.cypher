// name: store-diff
// description: Keep the refresh's diff report (JSON) and what it loaded with its run.
// param: run: string
// param: previous_run: string
// param: diff: string
MATCH (r:DetectionRun {id: $run})
SET r.diff = $diff, r.previous_run = $previous_run
