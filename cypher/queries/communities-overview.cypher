// name: communities-overview
// description: The current run's communities, most suspicious first: size, score, verdict, core and amplifier counts, top core accounts.
// category: communities
// param: min_size: int = 3
// param: limit: int = 50
// returns: community, size, score, verdict, core, amplifiers, top_core
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE c.size >= $min_size
CALL (c, run) {
  OPTIONAL MATCH (a:Account)-[m:MEMBER_OF {run: run.id}]->(c)
  WITH a, m ORDER BY m.role_score DESC
  RETURN sum(CASE m.role WHEN 'core' THEN 1 ELSE 0 END) AS core,
         sum(CASE m.role WHEN 'amplifier' THEN 1 ELSE 0 END) AS amplifiers,
         collect(CASE m.role WHEN 'core' THEN coalesce(a.screen_name, a.id) END)[..5] AS top_core
}
RETURN c.id AS community, c.size AS size, c.score AS score, c.verdict AS verdict, core, amplifiers, top_core
ORDER BY score DESC, size DESC
LIMIT $limit
