// name: projection-tweet-nodes
// description: The internal node ids of the given tweets (those that exist), for an incremental projection: the cached events that involve them are replaced.
// param: ids: list[string]
// returns: tweet
UNWIND $ids AS tweet_id
MATCH (t:Tweet {id: tweet_id})
RETURN collect(id(t)) AS tweet
