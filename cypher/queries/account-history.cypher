// name: account-history
// description: An account's community, role, score and evidence in every detection run, newest first.
// category: accounts
// param: account: string
// returns: run, run_started_at, current, community, role, role_score, evidence
MATCH (a:Account)
WHERE a.id = $account OR a.screen_name = $account
MATCH (a)-[m:MEMBER_OF]->(c:Community)
OPTIONAL MATCH (r:DetectionRun {id: m.run})
RETURN m.run AS run, r.started_at AS run_started_at, coalesce(r.current, false) AS current, c.id AS community,
       coalesce(m.role, 'none') AS role, m.role_score AS role_score, m.evidence AS evidence
ORDER BY run_started_at DESC
