// name: export-accounts
// description: Every account the run assessed with its community, role, role score and evidence (JSON) in that run (empty where the run gave it none), as one row of aligned lists ordered by account id, and how many accounts were left out because they were first loaded after the run started (no membership, not in its projection).
// param: run: string
// returns: account_id, community, role, role_score, evidence, not_assessed
MATCH (r:DetectionRun {id: $run})
MATCH (a:Account)
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
WITH r, a, m, c ORDER BY a.id
WITH a, m, c, m IS NULL AND coalesce(a.first_seen > r.started_at, false) AS late
// collect() drops nulls: a late account is null in every list, so the lists stay aligned
RETURN collect(CASE WHEN NOT late THEN a.id END) AS account_id,
       collect(CASE WHEN NOT late THEN coalesce(toString(c.id), '') END) AS community,
       collect(CASE WHEN NOT late THEN coalesce(m.role, '') END) AS role,
       collect(CASE WHEN NOT late THEN coalesce(m.role_score, 0.0) END) AS role_score,
       collect(CASE WHEN NOT late THEN coalesce(m.evidence, '') END) AS evidence,
       count(CASE WHEN late THEN 1 END) AS not_assessed
