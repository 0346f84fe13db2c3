// name: report-network-members
// description: A sample of one community's (key) members whose role is in $roles ('' = no role), strongest role score first: the nodes of the card's network picture.
// param: run: string
// param: community: string
// param: roles: list[string]
// param: limit: int = 150
// returns: id, label, role
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(:Community {key: $community})
WHERE coalesce(m.role, '') IN $roles
RETURN a.id AS id, coalesce(a.screen_name, a.id) AS label, coalesce(m.role, '') AS role
ORDER BY m.role_score DESC, COUNT { (a)-[:RETWEETED]-() } DESC, id
LIMIT $limit
