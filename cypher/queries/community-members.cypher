// name: community-members
// description: Every member of a community in the current run with its role (core, amplifier or none) and role score; filter by role.
// category: communities
// param: community: string
// param: role: string = any
// param: limit: int = 200
// returns: account, account_id, role, role_score, created_at, followers, lang
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH (a:Account)-[m:MEMBER_OF {run: run.id}]->(c)
WHERE $role = 'any' OR coalesce(m.role, 'none') = $role
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, coalesce(m.role, 'none') AS role,
       m.role_score AS role_score, a.created_at AS created_at, a.followers AS followers, a.lang AS lang
ORDER BY role_score DESC, account
LIMIT $limit
