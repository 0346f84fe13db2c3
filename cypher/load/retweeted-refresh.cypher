// name: retweeted-refresh
// description: Recompute the account-level RETWEETED summary (count, first_at, last_at) of the given retweeters from the tweet graph.
// param: ids: list[string]
UNWIND $ids AS id
MATCH (a:Account {id: id})
CALL (a) {
  MATCH (a)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(:Tweet)<-[:POSTED]-(b:Account)
  WHERE b <> a
  WITH b, count(DISTINCT rt) AS times, min(rt.created_at) AS first_at, max(rt.created_at) AS last_at
  MERGE (a)-[r:RETWEETED]->(b)
  SET r.count = times, r.first_at = first_at, r.last_at = last_at
}
