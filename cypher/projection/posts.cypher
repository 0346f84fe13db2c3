// name: projection-posts
// description: Every account's own posts (tweets that are not retweets) as one row of aligned lists: the tweet and its author (internal node ids) and its time in epoch seconds.
// returns: tweet, account, at
MATCH (a:Account)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL AND NOT (t)-[:RETWEETS]->()
RETURN collect(id(t)) AS tweet, collect(id(a)) AS account, collect(t.created_at.epochSeconds) AS at
