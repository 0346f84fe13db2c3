// name: amplifier-swarm
// description: Who amplified an account (retweeted its tweets) and how fast after the original, fastest first, with their role in the current run.
// category: amplification
// param: account: string
// param: max_delay_minutes: int = 10080
// param: limit: int = 100
// returns: amplifier, amplifier_id, role, community, retweets, tweets_amplified, fastest_seconds, median_seconds, first_retweet, last_retweet
MATCH (author:Account)
WHERE author.id = $account OR author.screen_name = $account
MATCH (author)-[:POSTED]->(orig:Tweet)<-[:RETWEETS]-(rt:Tweet)<-[:POSTED]-(amp:Account)
WHERE amp <> author
WITH amp, orig, rt, duration.inSeconds(orig.created_at, rt.created_at).seconds AS delay
WHERE delay <= $max_delay_minutes * 60
WITH amp, count(rt) AS retweets, count(DISTINCT orig) AS tweets_amplified, min(delay) AS fastest_seconds,
     percentileDisc(delay, 0.5) AS median_seconds, min(rt.created_at) AS first_retweet, max(rt.created_at) AS last_retweet
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (amp)-[m:MEMBER_OF {run: run.id}]->(c:Community)
RETURN coalesce(amp.screen_name, amp.id) AS amplifier, amp.id AS amplifier_id, m.role AS role, c.id AS community,
       retweets, tweets_amplified, fastest_seconds, median_seconds, first_retweet, last_retweet
ORDER BY median_seconds ASC, retweets DESC
LIMIT $limit
