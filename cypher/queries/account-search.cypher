// name: account-search
// description: Find accounts whose id, handle or display name contains a text (case-insensitive), with their role and community in the current run.
// category: accounts
// param: text: string
// param: limit: int = 25
// returns: account, account_id, display_name, created_at, followers, lang, tweets, role, community
MATCH (a:Account)
WHERE a.id = $text
   OR toLower(coalesce(a.screen_name, '')) CONTAINS toLower($text)
   OR toLower(coalesce(a.display_name, '')) CONTAINS toLower($text)
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: run.id}]->(c:Community)
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, a.display_name AS display_name, a.created_at AS created_at,
       a.followers AS followers, a.lang AS lang, COUNT { (a)-[:POSTED]->(:Tweet) } AS tweets, m.role AS role, c.id AS community
ORDER BY a.followers DESC, account
LIMIT $limit
