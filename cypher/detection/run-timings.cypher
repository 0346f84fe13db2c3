// name: run-timings
// description: Store a run's final phase timings (JSON), written once the run is complete and current.
// param: run: string
// param: timings: string
MATCH (r:DetectionRun {id: $run})
SET r.timings = $timings
