// name: community-table
// description: The communities of one run that are not plainly organic (or all with include_organic), most suspicious first: size, verdict, score, core and amplifier counts, top core accounts, strongest signals.
// param: run: string
// param: include_organic: bool = false
// param: limit: int = 50
// param: top: int = 5
// returns: community, size, verdict, score, core, amplifiers, top_core, signals
MATCH (c:Community {run: $run})
WHERE $include_organic OR c.verdict <> 'organic'
CALL (c) {
  OPTIONAL MATCH (c)<-[m:MEMBER_OF]-(a:Account)
  WHERE m.role IN ['core', 'amplifier']
  WITH m, a ORDER BY m.role_score DESC, a.id
  RETURN count(CASE m.role WHEN 'core' THEN 1 END) AS core, count(CASE m.role WHEN 'amplifier' THEN 1 END) AS amplifiers,
         collect(CASE m.role WHEN 'core' THEN coalesce(a.screen_name, a.id) END)[..$top] AS top_core
}
RETURN c.id AS community, c.size AS size, c.verdict AS verdict, c.score AS score, core, amplifiers, top_core,
       c.signals AS signals
ORDER BY CASE c.verdict WHEN 'inauthentic' THEN 0 WHEN 'suspicious' THEN 1 ELSE 2 END, score DESC, size DESC, community
LIMIT $limit
