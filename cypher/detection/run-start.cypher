// name: run-start
// description: Record a detection run (kind: clusters or refresh) as running (not current): its results are written under its id before it may become current.
// param: run: string
// param: params: string
// param: code_version: string
// param: kind: string
CREATE (r:DetectionRun {id: $run, kind: $kind, params: $params, code_version: $code_version, status: 'running', current: false,
                        started_at: datetime()})
