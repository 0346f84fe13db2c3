// name: export-accounts
// description: Every account with its community, role, role score and evidence (JSON) in one run (empty where the run gave it none), as one row of aligned lists ordered by account id.
// param: run: string
// returns: account_id, community, role, role_score, evidence
MATCH (a:Account)
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
WITH a, m, c ORDER BY a.id
RETURN collect(a.id) AS account_id, collect(coalesce(toString(c.id), '')) AS community,
       collect(coalesce(m.role, '')) AS role, collect(coalesce(m.role_score, 0.0)) AS role_score,
       collect(coalesce(m.evidence, '')) AS evidence
