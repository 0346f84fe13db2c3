// name: current-roles
// description: Every account's community and role (core, amplifier or empty) in one detection run.
// param: run: string
// returns: account_id, community, role, role_score
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(c:Community)
RETURN a.id AS account_id, c.id AS community, coalesce(m.role, '') AS role, m.role_score AS role_score
