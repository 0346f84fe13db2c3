// name: synchronised-pairs
// description: The evidence behind a link between two accounts: the tweets both retweeted, when each did, and the gap in seconds (closest first).
// category: amplification
// param: account_a: string
// param: account_b: string
// param: window_seconds: int = 3600
// param: limit: int = 200
// returns: tweet, original_author, original_at, a_retweeted_at, b_retweeted_at, gap_seconds, within_window, text
MATCH (a:Account) WHERE a.id = $account_a OR a.screen_name = $account_a
MATCH (b:Account) WHERE b.id = $account_b OR b.screen_name = $account_b
MATCH (a)-[:POSTED]->(ra:Tweet)-[:RETWEETS]->(orig:Tweet)<-[:RETWEETS]-(rb:Tweet)<-[:POSTED]-(b)
WITH orig, min(ra.created_at) AS a_at, min(rb.created_at) AS b_at
OPTIONAL MATCH (author:Account)-[:POSTED]->(orig)
WITH orig, author, a_at, b_at, abs(duration.inSeconds(a_at, b_at).seconds) AS gap
RETURN orig.id AS tweet, coalesce(author.screen_name, author.id) AS original_author, orig.created_at AS original_at,
       a_at AS a_retweeted_at, b_at AS b_retweeted_at, gap AS gap_seconds, gap <= $window_seconds AS within_window,
       left(coalesce(orig.text, ''), 80) AS text
ORDER BY gap_seconds ASC
LIMIT $limit
