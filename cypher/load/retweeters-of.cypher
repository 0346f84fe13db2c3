// name: retweeters-of
// description: Accounts that retweeted any of the given tweets (their RETWEETED summaries need a refresh).
// param: ids: list[string]
// returns: id
UNWIND $ids AS id
MATCH (:Tweet {id: id})<-[:RETWEETS]-(:Tweet)<-[:POSTED]-(a:Account)
RETURN DISTINCT a.id AS id
