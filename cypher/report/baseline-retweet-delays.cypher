// name: report-baseline-retweet-delays
// description: The organic baseline: retweet delays in seconds of a sample of accounts that hold no role and sit in no flagged community of the run.
// param: run: string
// param: unflagged: list[string] = organic,benign
// param: max_accounts: int = 5000
// param: max_samples: int = 50000
// returns: delay
MATCH (a:Account)
WHERE coalesce(a.stub, false) = false
  AND EXISTS { (a)-[:POSTED]->(:Tweet)-[:RETWEETS]->(:Tweet) }
  AND NOT EXISTS { (a)-[m:MEMBER_OF {run: $run}]->(c:Community)
                   WHERE m.role IN ['core', 'amplifier'] OR NOT coalesce(c.verdict, 'organic') IN $unflagged }
WITH a LIMIT $max_accounts
MATCH (a)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(orig:Tweet)
WHERE rt.created_at IS NOT NULL AND orig.created_at IS NOT NULL
RETURN duration.inSeconds(orig.created_at, rt.created_at).seconds AS delay
LIMIT $max_samples
