// name: report-flagged-communities
// description: The communities of one run whose verdict is not in $unflagged (all of them, or the one with id $community), most suspicious first, with role counts.
// param: run: string
// param: unflagged: list[string] = organic,benign
// param: community: string = null
// returns: key, id, size, score, verdict, features, core, amplifiers, others
MATCH (c:Community {run: $run})
WHERE ($community IS NULL AND c.verdict IS NOT NULL AND NOT c.verdict IN $unflagged)
   OR ($community IS NOT NULL AND toString(c.id) = $community)
CALL (c) {
  OPTIONAL MATCH (:Account)-[m:MEMBER_OF {run: $run}]->(c)
  RETURN sum(CASE m.role WHEN 'core' THEN 1 ELSE 0 END) AS core,
         sum(CASE m.role WHEN 'amplifier' THEN 1 ELSE 0 END) AS amplifiers,
         sum(CASE WHEN m IS NOT NULL AND NOT coalesce(m.role, '') IN ['core', 'amplifier'] THEN 1 ELSE 0 END) AS others
}
RETURN c.key AS key, c.id AS id, c.size AS size, c.score AS score, c.verdict AS verdict, c.features AS features,
       core, amplifiers, others
ORDER BY score DESC, size DESC, key
