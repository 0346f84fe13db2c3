// name: repurposed-accounts
// description: Accounts that fell silent for a long time and came back in another language or on other hashtags (bought or hijacked accounts).
// category: accounts
// param: min_silence_days: int = 180
// param: limit: int = 100
// returns: account, account_id, created_at, silent_from, silent_until, silence_days, lang_before, lang_after, tags_before, tags_after, tweets_before, tweets_after, role
// a cheap first pass, since only accounts whose first and last tweets are far enough apart can hold such a silence
MATCH (a:Account)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
WITH a, min(t.created_at) AS first, max(t.created_at) AS last
WHERE duration.inDays(first, last).days >= $min_silence_days
MATCH (a)-[:POSTED]->(t:Tweet)
WHERE t.created_at IS NOT NULL
WITH a, t ORDER BY t.created_at
WITH a, collect(t) AS tweets
WHERE size(tweets) >= 2
UNWIND range(0, size(tweets) - 2) AS i
WITH a, tweets, i, duration.inDays(tweets[i].created_at, tweets[i + 1].created_at).days AS silence_days
WHERE silence_days >= $min_silence_days
WITH a, tweets, i, silence_days ORDER BY silence_days DESC
WITH a, tweets, head(collect({i: i, days: silence_days})) AS gap
WITH a, gap.days AS silence_days, tweets[..gap.i + 1] AS before, tweets[gap.i + 1..] AS after
CALL (before) {
  UNWIND before AS t
  WITH t.lang AS lang, count(*) AS n ORDER BY n DESC LIMIT 1
  RETURN lang AS lang_before
}
CALL (after) {
  UNWIND after AS t
  WITH t.lang AS lang, count(*) AS n ORDER BY n DESC LIMIT 1
  RETURN lang AS lang_after
}
CALL (before) {
  UNWIND before AS t
  OPTIONAL MATCH (t)-[:TAGS]->(h:Hashtag)
  RETURN collect(DISTINCT h.name) AS tags_before
}
CALL (after) {
  UNWIND after AS t
  OPTIONAL MATCH (t)-[:TAGS]->(h:Hashtag)
  RETURN collect(DISTINCT h.name) AS tags_after
}
WITH a, silence_days, before, after, lang_before, lang_after, tags_before, tags_after
WHERE lang_before <> lang_after
   OR (size(tags_before) > 0 AND size(tags_after) > 0 AND none(tag IN tags_after WHERE tag IN tags_before))
OPTIONAL MATCH (run:DetectionRun {current: true})
OPTIONAL MATCH (a)-[m:MEMBER_OF {run: run.id}]->(:Community)
RETURN coalesce(a.screen_name, a.id) AS account, a.id AS account_id, a.created_at AS created_at,
       last(before).created_at AS silent_from, head(after).created_at AS silent_until, silence_days,
       lang_before, lang_after, tags_before[..5] AS tags_before, tags_after[..5] AS tags_after,
       size(before) AS tweets_before, size(after) AS tweets_after, m.role AS role
ORDER BY silence_days DESC, account
LIMIT $limit
