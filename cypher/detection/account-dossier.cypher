// name: account-dossier
// description: One account by id with its profile and, when a run is given, its community, role, role score and evidence in that run, and whether that run assessed it: an account with no membership that was first loaded after the run started was not in its projection.
// param: account: string
// param: run: string = null
// returns: account_id, screen_name, display_name, description, created_at, followers, following, lang, hashed, stub, first_seen, community, verdict, community_score, role, role_score, evidence, signals, assessed
MATCH (a:Account {id: $account})
OPTIONAL MATCH (r:DetectionRun {id: $run})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
RETURN a.id AS account_id, a.screen_name AS screen_name, a.display_name AS display_name, a.description AS description,
       toString(a.created_at) AS created_at, a.followers AS followers, a.following AS following, a.lang AS lang,
       coalesce(a.hashed, false) AS hashed, coalesce(a.stub, false) AS stub, toString(a.first_seen) AS first_seen,
       c.id AS community, c.verdict AS verdict, c.score AS community_score, m.role AS role, m.role_score AS role_score,
       m.evidence AS evidence, c.signals AS signals,
       m IS NOT NULL OR (r IS NOT NULL AND NOT coalesce(a.first_seen > r.started_at, false)) AS assessed
LIMIT 1
