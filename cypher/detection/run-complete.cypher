// name: run-complete
// description: Make a finished run the current one in one transaction: it becomes complete and current, every other run stops being current. Its community, core and amplifier counts are kept on it (they outlive the memberships of old runs).
// param: run: string
// param: timings: string
// param: summary: string
// param: communities: int
// param: core: int
// param: amplifiers: int
MATCH (r:DetectionRun {id: $run})
CALL (r) {
  MATCH (other:DetectionRun {current: true})
  WHERE other <> r
  SET other.current = false
}
SET r.status = 'complete', r.current = true, r.finished_at = datetime(), r.timings = $timings, r.summary = $summary,
    r.communities = $communities, r.core = $core, r.amplifiers = $amplifiers
RETURN r.id AS run
