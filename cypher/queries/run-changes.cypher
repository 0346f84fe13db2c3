// name: run-changes
// description: What changed between the previous and the current detection run: communities continued, grown, shrunk, split, merged, new or dissolved, with accounts joined and departed.
// category: runs
// param: min_size: int = 1
// returns: change, community, previous, size, previous_size, delta, jaccard, joined, departed
MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (prev:DetectionRun {status: 'complete'})
WHERE prev.id <> run.id AND prev.started_at < run.started_at
WITH run, prev ORDER BY prev.started_at DESC LIMIT 1
CALL (run, prev) {
  MATCH (c:Community {run: run.id})
  WHERE c.size >= $min_size
  OPTIONAL MATCH (c)-[l:CONTINUES]->(o:Community {run: prev.id})
  WITH c, collect(l) AS links, collect(o) AS olds
  CALL (c, olds, run) {
    OPTIONAL MATCH (a:Account)-[:MEMBER_OF {run: run.id}]->(c)
    WHERE NOT EXISTS { MATCH (a)-[:MEMBER_OF]->(o) WHERE o IN olds }
    RETURN count(a) AS joined
  }
  CALL (c, olds, run) {
    UNWIND olds AS o
    MATCH (a:Account)-[:MEMBER_OF {run: o.run}]->(o)
    WHERE NOT EXISTS { (a)-[:MEMBER_OF {run: run.id}]->(c) }
    RETURN count(DISTINCT a) AS departed
  }
  RETURN CASE WHEN size(links) = 0 THEN 'new'
              ELSE reduce(k = '', l IN links | CASE WHEN k = '' OR l.kind IN ['split', 'merged'] THEN l.kind ELSE k END) END AS change,
         c.id AS community, [o IN olds | o.id] AS previous, c.size AS size,
         reduce(s = 0, o IN olds | s + o.size) AS previous_size,
         reduce(j = 0.0, l IN links | CASE WHEN l.jaccard > j THEN l.jaccard ELSE j END) AS jaccard,
         joined, departed
  UNION ALL
  MATCH (o:Community {run: prev.id})
  WHERE o.size >= $min_size AND NOT EXISTS { MATCH (:Community {run: run.id})-[:CONTINUES]->(o) }
  RETURN 'dissolved' AS change, null AS community, [o.id] AS previous, 0 AS size, o.size AS previous_size,
         0.0 AS jaccard, 0 AS joined, o.size AS departed
}
RETURN change, community, previous, size, previous_size, size - previous_size AS delta, jaccard, joined, departed
ORDER BY abs(size - previous_size) DESC, community
