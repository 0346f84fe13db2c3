// name: core-operators
// description: The core operators of a community in the current run, strongest evidence first, with what they posted.
// category: communities
// param: community: string
// param: limit: int = 50
// returns: account, account_id, role_score, evidence, created_at, followers, originals, retweets_received
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH (a:Account)-[m:MEMBER_OF {run: run.id}]->(c)
WHERE m.role = 'core'
CALL (a) {
  OPTIONAL MATCH (a)-[:POSTED]->(t:Tweet)
  WHERE NOT (t)-[:RETWEETS]->()
  OPTIONAL MATCH (t)<-[:RETWEETS]-(rt:Tweet)
  RETURN count(DISTINCT t) AS originals, count(rt) AS retweets_received
}
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, m.role_score AS role_score, m.evidence AS evidence,
       a.created_at AS created_at, a.followers AS followers, originals, retweets_received
ORDER BY role_score DESC, retweets_received DESC
LIMIT $limit
