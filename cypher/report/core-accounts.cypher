// name: report-core-accounts
// description: The strongest core accounts of one community (key) with their evidence and activity.
// param: run: string
// param: community: string
// param: limit: int = 10
// returns: id, screen_name, display_name, created_at, followers, role_score, evidence, posts, retweeted_by
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(:Community {key: $community})
WHERE m.role = 'core'
RETURN a.id AS id, a.screen_name AS screen_name, a.display_name AS display_name, a.created_at AS created_at,
       a.followers AS followers, m.role_score AS role_score, m.evidence AS evidence,
       COUNT { (a)-[:POSTED]->() } AS posts, COUNT { (a)<-[:RETWEETED]-() } AS retweeted_by
ORDER BY role_score DESC, retweeted_by DESC, id
LIMIT $limit
