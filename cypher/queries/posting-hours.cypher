// name: posting-hours
// description: A community's posting-hour profile (UTC hour of day, current run): a team's office hours show as a block.
// category: communities
// param: community: string
// returns: hour_utc, tweets, accounts, share
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH (a:Account)-[:MEMBER_OF {run: run.id}]->(c)
MATCH (a)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
WITH t.created_at.hour AS hour_utc, count(t) AS tweets, count(DISTINCT a) AS accounts
WITH collect({hour: hour_utc, tweets: tweets, accounts: accounts}) AS hours, sum(tweets) AS total
UNWIND hours AS h
RETURN h.hour AS hour_utc, h.tweets AS tweets, h.accounts AS accounts, round(toFloat(h.tweets) / total, 3) AS share
ORDER BY hour_utc
