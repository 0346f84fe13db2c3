// name: account-candidates
// description: Accounts whose screen name equals a handle ignoring case (Twitter handles are case-insensitive), with their community and role in a run and whether that run assessed them. The screen-name index is searched once per spelling in $prefixes (the upper/lower-case variants of the handle's start), then the whole name is compared lower-cased: a few index seeks, not a scan of every account.
// param: handle: string
// param: prefixes: list[string]
// param: run: string = null
// returns: account_id, screen_name, community, role, assessed
UNWIND $prefixes AS prefix
MATCH (a:Account)
WHERE a.screen_name STARTS WITH prefix AND toLower(a.screen_name) = toLower($handle)
WITH DISTINCT a
OPTIONAL MATCH (r:DetectionRun {id: $run})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
RETURN a.id AS account_id, a.screen_name AS screen_name, c.id AS community, m.role AS role,
       m IS NOT NULL OR (r IS NOT NULL AND NOT coalesce(a.first_seen > r.started_at, false)) AS assessed
ORDER BY account_id
