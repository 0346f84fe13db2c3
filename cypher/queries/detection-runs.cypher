// name: detection-runs
// description: The detection runs in the graph, newest first: status, timing, code version, communities and flagged accounts.
// category: runs
// param: limit: int = 20
// returns: run, status, current, started_at, finished_at, code_version, communities, core, amplifiers
MATCH (run:DetectionRun)
// completed runs carry their counts; others (running, failed, or from before the counts were stored) are counted
CALL (run) {
  WITH run WHERE run.communities IS NULL
  OPTIONAL MATCH (c:Community {run: run.id})
  RETURN count(c) AS counted_communities
}
CALL (run) {
  WITH run WHERE run.core IS NULL
  OPTIONAL MATCH (:Account)-[m:MEMBER_OF {run: run.id}]->(:Community)
  RETURN sum(CASE m.role WHEN 'core' THEN 1 ELSE 0 END) AS counted_core,
         sum(CASE m.role WHEN 'amplifier' THEN 1 ELSE 0 END) AS counted_amplifiers
}
RETURN run.id AS run, run.status AS status, coalesce(run.current, false) AS current, run.started_at AS started_at,
       run.finished_at AS finished_at, run.code_version AS code_version,
       coalesce(run.communities, counted_communities) AS communities, coalesce(run.core, counted_core) AS core,
       coalesce(run.amplifiers, counted_amplifiers) AS amplifiers
ORDER BY started_at DESC
LIMIT $limit
