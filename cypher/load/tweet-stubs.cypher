// name: tweet-stubs
// description: Tweets only referenced (retweeted, replied to, quoted); existing tweets are left as they are.
// param: ids: list[string]
UNWIND $ids AS id
MERGE (t:Tweet {id: id})
