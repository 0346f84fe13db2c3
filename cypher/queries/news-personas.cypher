// name: news-personas
// description: Accounts posing as news outlets (handle, name or bio with news, daily, times, press, 新闻, 日报 ...) whose original posts are amplified, with the share of amplifiers the current run flagged.
// category: accounts
// param: keywords: list[string] = news,daily,times,press,post,herald,tribune,journal,新闻,新聞,日报,日報,时报,時報
// param: min_retweeters: int = 1
// param: limit: int = 50
// returns: account, account_id, display_name, description, originals, retweets_received, retweeters, flagged_retweeters, flagged_share, role
MATCH (a:Account)
WITH a, toLower(coalesce(a.screen_name, '') + ' ' + coalesce(a.display_name, '') + ' ' + coalesce(a.description, '')) AS persona
WHERE any(word IN $keywords WHERE persona CONTAINS toLower(word))
MATCH (a)-[:POSTED]->(orig:Tweet)
WHERE NOT (orig)-[:RETWEETS]->()
OPTIONAL MATCH (orig)<-[:RETWEETS]-(rt:Tweet)<-[:POSTED]-(fan:Account)
WITH a, count(DISTINCT orig) AS originals, count(rt) AS retweets_received, collect(DISTINCT fan) AS fans
WHERE size(fans) >= $min_retweeters
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: run.id}]->(:Community)
WITH a, originals, retweets_received, fans, m,
     size([f IN fans WHERE EXISTS { (f)-[fm:MEMBER_OF {run: run.id}]->(:Community) WHERE fm.role IN ['core', 'amplifier'] }]) AS flagged
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, a.display_name AS display_name,
       left(coalesce(a.description, ''), 60) AS description, originals, retweets_received, size(fans) AS retweeters,
       flagged AS flagged_retweeters, CASE size(fans) WHEN 0 THEN null ELSE round(toFloat(flagged) / size(fans), 3) END AS flagged_share,
       m.role AS role
ORDER BY flagged_retweeters DESC, retweeters DESC
LIMIT $limit
