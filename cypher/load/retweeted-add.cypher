// name: retweeted-add
// description: Add retweets created in this transaction to the account-level RETWEETED summaries (count, first_at, last_at) of their retweeters: an increment, so only for retweets that did not exist before (tweets-create made them and their RETWEETS relationship). Retweets of tweets without a known author add nothing; when the author arrives, retweeted-refresh recounts those retweeters.
// param: ids: list[string]
UNWIND $ids AS id
MATCH (a:Account)-[:POSTED]->(rt:Tweet {id: id})-[:RETWEETS]->(:Tweet)<-[:POSTED]-(b:Account)
WHERE b <> a
WITH a, b, count(DISTINCT rt) AS times, min(rt.created_at) AS first_at, max(rt.created_at) AS last_at
MERGE (a)-[r:RETWEETED]->(b)
ON CREATE SET r.count = times, r.first_at = first_at, r.last_at = last_at
ON MATCH SET r.count = coalesce(r.count, 0) + times,
  r.first_at = CASE WHEN r.first_at IS NULL OR first_at < r.first_at THEN first_at ELSE r.first_at END,
  r.last_at = CASE WHEN r.last_at IS NULL OR last_at > r.last_at THEN last_at ELSE r.last_at END
