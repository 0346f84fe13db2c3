// name: community-timeline
// description: A community's activity over time (current run): original posts, retweets and active accounts per day or hour.
// category: communities
// param: community: string
// param: unit: string = day
// returns: period, originals, retweets, active_accounts, core_active
CALL apoc.util.validate(NOT toLower($unit) IN ['day', 'hour'], "unit must be day or hour, not '%s'", [$unit])
// Checked first, in any case: datetime.truncate would only say "Unsupported unit", and only once a row reached it.
MATCH (run:DetectionRun {current: true})
MATCH (c:Community {run: run.id})
WHERE toString(c.id) = $community
MATCH (a:Account)-[m:MEMBER_OF {run: run.id}]->(c)
MATCH (a)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
WITH a, m, t, datetime.truncate(toLower($unit), t.created_at) AS period, EXISTS { (t)-[:RETWEETS]->() } AS is_rt
RETURN period,
       sum(CASE WHEN is_rt THEN 0 ELSE 1 END) AS originals,
       sum(CASE WHEN is_rt THEN 1 ELSE 0 END) AS retweets,
       count(DISTINCT a) AS active_accounts,
       count(DISTINCT CASE m.role WHEN 'core' THEN a END) AS core_active
ORDER BY period
