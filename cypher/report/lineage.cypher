// name: report-lineage
// description: The ancestry of one community (key) through CONTINUES links (new -> old): each predecessor with its run, size, verdict and how it changed.
// param: community: string
// param: max_depth: int = 10
// returns: depth, run, run_started_at, key, id, size, score, verdict, kind, jaccard
MATCH p = (:Community {key: $community})-[:CONTINUES*0..20]->(older:Community)
WHERE length(p) <= $max_depth
WITH p, older, last([null] + relationships(p)) AS link
OPTIONAL MATCH (r:DetectionRun {id: older.run})
RETURN length(p) AS depth, older.run AS run, r.started_at AS run_started_at, older.key AS key, older.id AS id,
       older.size AS size, older.score AS score, older.verdict AS verdict, link.kind AS kind, link.jaccard AS jaccard
ORDER BY depth, jaccard DESC, key
