// name: community-lineage
// description: A current community's ancestry across detection runs through CONTINUES links: each predecessor, its run, size, and how it changed.
// category: runs
// param: community: string
// param: max_depth: int = 10
// returns: depth, run, run_started_at, community, size, score, verdict, kind, jaccard
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH p = (c)-[:CONTINUES*0..20]->(older:Community)
WHERE length(p) <= $max_depth
WITH p, older, last([null] + relationships(p)) AS link
OPTIONAL MATCH (r:DetectionRun {id: older.run})
RETURN length(p) AS depth, older.run AS run, r.started_at AS run_started_at, older.id AS community, older.size AS size,
       older.score AS score, older.verdict AS verdict, link.kind AS kind, link.jaccard AS jaccard
ORDER BY depth, jaccard DESC
