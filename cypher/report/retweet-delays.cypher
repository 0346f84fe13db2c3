// name: report-retweet-delays
// description: Seconds between an original and its retweet, for retweets posted by the members of one community (key); at most $max_samples.
// param: run: string
// param: community: string
// param: max_samples: int = 50000
// returns: delay
MATCH (a:Account)-[:MEMBER_OF {run: $run}]->(:Community {key: $community})
MATCH (a)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(orig:Tweet)
WHERE rt.created_at IS NOT NULL AND orig.created_at IS NOT NULL
RETURN duration.inSeconds(orig.created_at, rt.created_at).seconds AS delay
LIMIT $max_samples
