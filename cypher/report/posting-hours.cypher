// name: report-posting-hours
// description: Posts (originals and retweets) per UTC hour of day by the members of one community (key).
// param: run: string
// param: community: string
// returns: hour, tweets
MATCH (a:Account)-[:MEMBER_OF {run: $run}]->(:Community {key: $community})
MATCH (a)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
RETURN t.created_at.hour AS hour, count(t) AS tweets
ORDER BY hour
