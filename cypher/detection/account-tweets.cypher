// name: account-tweets
// description: Sample tweets of one account: its most retweeted own posts, then its latest retweets with the original's author (null when no account is known to have posted it, as in shares files) and the delay.
// param: account: string
// param: limit: int = 5
// returns: kind, tweet_id, created_at, text, retweets, original_author, delay_seconds
CALL (){
  MATCH (a:Account {id: $account})-[:POSTED]->(t:Tweet)
  WHERE NOT (t)-[:RETWEETS]->()
  WITH t, COUNT { (t)<-[:RETWEETS]-() } AS retweets
  ORDER BY retweets DESC, t.created_at DESC, t.id
  LIMIT $limit
  RETURN 'post' AS kind, t.id AS tweet_id, toString(t.created_at) AS created_at, t.text AS text, retweets,
         null AS original_author, null AS delay_seconds
  UNION ALL
  MATCH (a:Account {id: $account})-[:POSTED]->(t:Tweet)-[:RETWEETS]->(o:Tweet)
  WITH t, o ORDER BY t.created_at DESC, t.id
  LIMIT $limit
  RETURN 'retweet' AS kind, t.id AS tweet_id, toString(t.created_at) AS created_at, coalesce(o.text, t.text) AS text,
         0 AS retweets,
         head(COLLECT { MATCH (o)<-[:POSTED]-(b:Account) RETURN coalesce(b.screen_name, b.id) AS author ORDER BY author }) AS original_author,
         duration.inSeconds(o.created_at, t.created_at).seconds AS delay_seconds
}
RETURN kind, tweet_id, created_at, text, retweets, original_author, delay_seconds
