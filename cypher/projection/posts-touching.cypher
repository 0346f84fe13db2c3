// name: projection-posts-touching
// description: The own posts of projection-posts among the given tweets. Same columns.
// param: ids: list[string]
// returns: tweet, account, at
UNWIND $ids AS tweet_id
MATCH (a:Account)-[:POSTED]->(t:Tweet {id: tweet_id})
WHERE t.created_at IS NOT NULL AND NOT (t)-[:RETWEETS]->()
RETURN collect(id(t)) AS tweet, collect(id(a)) AS account, collect(t.created_at.epochSeconds) AS at
