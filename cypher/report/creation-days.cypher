// name: report-creation-days
// description: Account creation per day and role for the members of one community (key): registration bursts.
// param: run: string
// param: community: string
// returns: day, role, accounts
MATCH (a:Account)-[m:MEMBER_OF {run: $run}]->(:Community {key: $community})
WHERE a.created_at IS NOT NULL
RETURN date(a.created_at) AS day, coalesce(m.role, '') AS role, count(a) AS accounts
ORDER BY day, role
