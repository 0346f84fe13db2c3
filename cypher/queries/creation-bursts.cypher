// name: creation-bursts
// description: Hours in which many accounts were created (a registration burst), with how many of them the current run flagged and a sample of handles.
// category: accounts
// param: min_accounts: int = 10
// param: limit: int = 50
// returns: hour, accounts, flagged, langs, sample
MATCH (a:Account)
WHERE a.created_at IS NOT NULL
WITH datetime.truncate('hour', a.created_at) AS hour, collect(a) AS created
WHERE size(created) >= $min_accounts
OPTIONAL MATCH (run:DetectionRun {current: true})
RETURN hour, size(created) AS accounts,
       size([a IN created WHERE EXISTS { (a)-[m:MEMBER_OF {run: run.id}]->(:Community) WHERE m.role IN ['core', 'amplifier'] }]) AS flagged,
       reduce(seen = [], lang IN [a IN created WHERE a.lang IS NOT NULL | a.lang] | CASE WHEN lang IN seen THEN seen ELSE seen + lang END) AS langs,
       [a IN created | coalesce(a.screen_name, a.id)][..8] AS sample
ORDER BY accounts DESC, hour
LIMIT $limit
