// name: tweet-stubs
// description: Tweets only referenced (retweeted, replied to, quoted); existing tweets are left as they are.
// param: rows: list[map]
UNWIND $rows AS row
MERGE (t:Tweet {id: row.id})
