// name: report-export-nodes
// description: One page of accounts (ids after $after, in id order) with their community, verdict, score and role in run $run (null: no run).
// param: run: string = null
// param: after: string
// param: page: int = 10000
// returns: id, screen_name, display_name, created_at, followers, following, lang, hashed, community, verdict, community_score, role, role_score
MATCH (a:Account)
WHERE a.id > $after
WITH a ORDER BY a.id LIMIT $page
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
RETURN a.id AS id, a.screen_name AS screen_name, a.display_name AS display_name, a.created_at AS created_at,
       a.followers AS followers, a.following AS following, a.lang AS lang, a.hashed AS hashed,
       c.id AS community, c.verdict AS verdict, c.score AS community_score, m.role AS role, m.role_score AS role_score
ORDER BY id
