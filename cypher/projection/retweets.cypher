// name: projection-retweets
// description: Every retweet event as one row of aligned lists: the retweet, retweeting account, original author, original tweet (internal node ids), the retweet's and the original's times in epoch seconds (-1 when unknown). No label checks: POSTED joins accounts to tweets and RETWEETS tweets to tweets by the graph model (self-retweets are dropped in Python).
// returns: retweet, account, author, original, at, original_at
MATCH (a)-[:POSTED]->(rt)-[:RETWEETS]->(o)<-[:POSTED]-(b)
WHERE rt.created_at IS NOT NULL
RETURN collect(id(rt)) AS retweet, collect(id(a)) AS account, collect(id(b)) AS author, collect(id(o)) AS original,
       collect(rt.created_at.epochSeconds) AS at, collect(coalesce(o.created_at.epochSeconds, -1)) AS original_at
