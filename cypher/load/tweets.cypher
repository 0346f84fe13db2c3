// name: tweets
// description: Create or update tweets that have a row of their own, with POSTED from their author (who exists already) and their hashtags (TAGS) and URLs (LINKS, ON_DOMAIN) in the same pass. Parallel lists, one entry per tweet; a tweet's hashtags are tags[tag_from[i]..tag_to[i]], its URLs urls[url_from[i]..url_to[i]] with their domains (null when none). An empty value never clears a known one. is_retweet and has_coordinates are 1/0. Returns the tweets that already had retweets pointing at them (their retweeters' RETWEETED summary may change).
// param: ids: list[string]
// param: authors: list[string]
// param: created_at: list[string]
// param: text: list[string]
// param: lang: list[string]
// param: client: list[string]
// param: is_retweet: list[int]
// param: has_coordinates: list[int]
// param: like_count: list[int]
// param: retweet_count: list[int]
// param: reply_count: list[int]
// param: quote_count: list[int]
// param: tag_from: list[int]
// param: tag_to: list[int]
// param: tags: list[string]
// param: url_from: list[int]
// param: url_to: list[int]
// param: urls: list[string]
// param: domains: list[string]
// returns: id
UNWIND range(0, size($ids) - 1) AS i
MERGE (t:Tweet {id: $ids[i]})
ON CREATE SET t.created_at = datetime($created_at[i]), t.text = $text[i], t.lang = $lang[i], t.client = $client[i],
    t.is_retweet = $is_retweet[i] = 1, t.has_coordinates = $has_coordinates[i] = 1, t.like_count = $like_count[i],
    t.retweet_count = $retweet_count[i], t.reply_count = $reply_count[i], t.quote_count = $quote_count[i]
ON MATCH SET t.created_at = coalesce(datetime($created_at[i]), t.created_at), t.text = coalesce($text[i], t.text),
    t.lang = coalesce($lang[i], t.lang), t.client = coalesce($client[i], t.client),
    t.is_retweet = coalesce($is_retweet[i] = 1, t.is_retweet),
    t.has_coordinates = coalesce($has_coordinates[i] = 1, t.has_coordinates),
    t.like_count = coalesce($like_count[i], t.like_count), t.retweet_count = coalesce($retweet_count[i], t.retweet_count),
    t.reply_count = coalesce($reply_count[i], t.reply_count), t.quote_count = coalesce($quote_count[i], t.quote_count)
WITH t, i
MATCH (a:Account {id: $authors[i]})
MERGE (a)-[:POSTED]->(t)
FOREACH (name IN $tags[$tag_from[i]..$tag_to[i]] | MERGE (h:Hashtag {name: name}) MERGE (t)-[:TAGS]->(h))
FOREACH (j IN range($url_from[i], $url_to[i] - 1) |
  MERGE (u:Url {url: $urls[j]})
  MERGE (t)-[:LINKS]->(u)
  FOREACH (name IN CASE WHEN $domains[j] IS NULL THEN [] ELSE [$domains[j]] END |
    MERGE (d:Domain {name: name})
    MERGE (u)-[:ON_DOMAIN]->(d)))
WITH t WHERE EXISTS { (t)<-[:RETWEETS]-() }
RETURN t.id AS id
