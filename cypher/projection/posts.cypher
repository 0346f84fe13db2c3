// name: projection-posts
// description: Every account's own posts (tweets that are not retweets) as one row of aligned lists: author (internal node id) and time in epoch seconds.
// returns: account, at
MATCH (a:Account)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL AND NOT (t)-[:RETWEETS]->()
RETURN collect(id(a)) AS account, collect(t.created_at.epochSeconds) AS at
