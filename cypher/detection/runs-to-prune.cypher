// name: runs-to-prune
// description: Completed or failed runs older than the newest `keep` completed runs: their MEMBER_OF relationships may go (runs, communities and their scores stay as history).
// param: keep: int = 2
// returns: run
MATCH (r:DetectionRun {status: 'complete'})
WITH r ORDER BY r.finished_at DESC
WITH collect(r) AS complete
WITH complete[$keep..] AS old
UNWIND old AS r
MATCH (c:Community {run: r.id})
WHERE EXISTS { (c)<-[:MEMBER_OF]-() }
RETURN DISTINCT r.id AS run
