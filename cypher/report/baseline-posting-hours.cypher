// name: report-baseline-posting-hours
// description: The organic baseline: posts per UTC hour of day by a sample of accounts that hold no role and sit in no flagged community of the run.
// param: run: string
// param: unflagged: list[string] = organic,benign
// param: max_accounts: int = 5000
// returns: hour, tweets
MATCH (a:Account)
WHERE coalesce(a.stub, false) = false
  AND EXISTS { (a)-[:POSTED]->(:Tweet) }
  AND NOT EXISTS { (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
                   WHERE m.role IN ['core', 'amplifier'] OR NOT coalesce(c.verdict, 'organic') IN $unflagged }
WITH a LIMIT $max_accounts
MATCH (a)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
RETURN t.created_at.hour AS hour, count(t) AS tweets
ORDER BY hour
