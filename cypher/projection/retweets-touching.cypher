// name: projection-retweets-touching
// description: The retweet events of projection-retweets that involve the given tweets, as the retweet or as the original (a stub original that gained its author or time changes the events of all its retweets). Same columns; an event touching two of the tweets comes once.
// param: ids: list[string]
// returns: retweet, account, author, original, at, original_at
UNWIND $ids AS tweet_id
MATCH (t:Tweet {id: tweet_id})
CALL (t) {
  MATCH (a)-[:POSTED]->(t)-[:RETWEETS]->(o)<-[:POSTED]-(b)
  WHERE t.created_at IS NOT NULL
  RETURN a, t AS rt, o, b
  UNION
  MATCH (a)-[:POSTED]->(rt)-[:RETWEETS]->(t)<-[:POSTED]-(b)
  WHERE rt.created_at IS NOT NULL
  RETURN a, rt, t AS o, b
}
WITH DISTINCT a, rt, o, b
RETURN collect(id(rt)) AS retweet, collect(id(a)) AS account, collect(id(b)) AS author, collect(id(o)) AS original,
       collect(rt.created_at.epochSeconds) AS at, collect(coalesce(o.created_at.epochSeconds, -1)) AS original_at
