// name: most-amplified-tweets
// description: The tweets most retweeted by accounts the current run flagged (core or amplifier), with their author's role and how fast the swarm moved.
// category: amplification
// param: limit: int = 25
// returns: tweet, author, author_role, community, flagged_retweets, all_retweets, median_delay_seconds, posted_at, text
MATCH (run:DetectionRun {current: true})
MATCH (amp:Account)-[m:MEMBER_OF {run: run.id}]->(:Community)
WHERE m.role IN ['core', 'amplifier']
MATCH (amp)-[:POSTED]->(rt:Tweet)-[:RETWEETS]->(orig:Tweet)
WITH run, orig, count(rt) AS flagged_retweets, percentileDisc(duration.inSeconds(orig.created_at, rt.created_at).seconds, 0.5) AS median_delay_seconds
ORDER BY flagged_retweets DESC
LIMIT $limit
OPTIONAL MATCH (author:Account)-[:POSTED]->(orig)
OPTIONAL MATCH (author)-[am:MEMBER_OF {run: run.id}]->(c:Community)
RETURN orig.id AS tweet, coalesce(author.screen_name, author.id) AS author, am.role AS author_role, c.id AS community,
       flagged_retweets, COUNT { (orig)<-[:RETWEETS]-(:Tweet) } AS all_retweets, median_delay_seconds,
       orig.created_at AS posted_at, left(coalesce(orig.text, ''), 80) AS text
ORDER BY flagged_retweets DESC, all_retweets DESC
