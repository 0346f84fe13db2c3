// name: community-amplifiers
// description: The amplifiers of a community in the current run: how many of the community's core tweets each retweeted and how fast.
// category: communities
// param: community: string
// param: limit: int = 100
// returns: amplifier, amplifier_id, role_score, core_tweets_retweeted, median_delay_seconds, created_at, evidence
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH (amp:Account)-[m:MEMBER_OF {run: run.id}]->(c)
WHERE m.role = 'amplifier'
OPTIONAL MATCH (amp)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(orig:Tweet)<-[:POSTED]-(core:Account)-[cm:MEMBER_OF {run: run.id}]->(c)
WHERE cm.role = 'core'
WITH amp, m, count(DISTINCT orig) AS core_tweets_retweeted,
     percentileDisc(duration.inSeconds(orig.created_at, rt.created_at).seconds, 0.5) AS median_delay_seconds
RETURN coalesce(amp.screen_name, amp.id) AS amplifier, amp.id AS amplifier_id, m.role_score AS role_score,
       core_tweets_retweeted, median_delay_seconds, amp.created_at AS created_at, m.evidence AS evidence
ORDER BY core_tweets_retweeted DESC, role_score DESC
LIMIT $limit
