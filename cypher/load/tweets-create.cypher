// name: tweets-create
// description: Create tweets that did not exist when the batch began (tweets-known), with everything they imply: POSTED from their author, TAGS, LINKS (+ ON_DOMAIN), and RETWEETS / REPLIES_TO / QUOTES / MENTIONS towards nodes that exist already or are created by this statement. A new node has no relationships yet, so they are CREATEd (no MERGE, no existence check); the writer removes duplicates per tweet. Referenced tweets and accounts must exist (stubs first). Parallel lists, one entry per tweet; created_at as epoch seconds + nanoseconds (cheaper to convert than text); a tweet's hashtags are tags[tag_from[i]..tag_to[i]], its URLs urls[url_from[i]..url_to[i]] with their domains (null when none), its mentions mentions[mention_from[i]..mention_to[i]]; retweet_of, reply_to, quote_of are null when absent. is_retweet and has_coordinates are 1/0.
// param: ids: list[string]
// param: authors: list[string]
// param: created_s: list[int]
// param: created_ns: list[int]
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
// param: retweet_of: list[string]
// param: reply_to: list[string]
// param: quote_of: list[string]
// param: mention_from: list[int]
// param: mention_to: list[int]
// param: mentions: list[string]
UNWIND range(0, size($ids) - 1) AS i
CREATE (t:Tweet {id: $ids[i],
    created_at: CASE WHEN $created_s[i] IS NULL THEN null ELSE datetime({epochSeconds: $created_s[i], nanosecond: $created_ns[i]}) END,
    text: $text[i], lang: $lang[i], client: $client[i], is_retweet: $is_retweet[i] = 1,
    has_coordinates: $has_coordinates[i] = 1, like_count: $like_count[i], retweet_count: $retweet_count[i],
    reply_count: $reply_count[i], quote_count: $quote_count[i]})
WITH t, i
MATCH (a:Account {id: $authors[i]})
CREATE (a)-[:POSTED]->(t)
FOREACH (name IN $tags[$tag_from[i]..$tag_to[i]] | MERGE (h:Hashtag {name: name}) CREATE (t)-[:TAGS]->(h))
FOREACH (j IN range($url_from[i], $url_to[i] - 1) |
  MERGE (u:Url {url: $urls[j]})
  CREATE (t)-[:LINKS]->(u)
  FOREACH (name IN CASE WHEN $domains[j] IS NULL THEN [] ELSE [$domains[j]] END |
    MERGE (d:Domain {name: name})
    MERGE (u)-[:ON_DOMAIN]->(d)))
WITH t, i
CALL (t, i) {
  MATCH (original:Tweet {id: $retweet_of[i]})
  CREATE (t)-[:RETWEETS]->(original)
}
CALL (t, i) {
  MATCH (answered:Tweet {id: $reply_to[i]})
  CREATE (t)-[:REPLIES_TO]->(answered)
}
CALL (t, i) {
  MATCH (quoted:Tweet {id: $quote_of[i]})
  CREATE (t)-[:QUOTES]->(quoted)
}
CALL (t, i) {
  UNWIND $mentions[$mention_from[i]..$mention_to[i]] AS mentioned
  MATCH (m:Account {id: mentioned})
  CREATE (t)-[:MENTIONS]->(m)
}
