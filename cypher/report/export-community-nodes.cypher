// name: report-export-community-nodes
// description: One page of the members of community $community (its id) in run $run (ids after $after, in id order) with verdict, score and role.
// param: run: string
// param: community: string
// param: after: string
// param: page: int = 10000
// returns: id, screen_name, display_name, created_at, followers, following, lang, hashed, community, verdict, community_score, role, role_score
MATCH (c:Community {run: $run})
WHERE toString(c.id) = $community
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(c)
WHERE a.id > $after
RETURN a.id AS id, a.screen_name AS screen_name, a.display_name AS display_name, a.created_at AS created_at,
       a.followers AS followers, a.following AS following, a.lang AS lang, a.hashed AS hashed,
       c.id AS community, c.verdict AS verdict, c.score AS community_score, m.role AS role, m.role_score AS role_score
ORDER BY id
LIMIT $page
