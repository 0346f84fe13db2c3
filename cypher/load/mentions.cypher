// name: mentions
// description: Link tweets to the accounts they mention (both nodes exist already). Parallel lists: tweets[i] mentions accounts[i].
// param: tweets: list[string]
// param: accounts: list[string]
UNWIND range(0, size($tweets) - 1) AS i
MATCH (t:Tweet {id: $tweets[i]})
MATCH (a:Account {id: $accounts[i]})
MERGE (t)-[:MENTIONS]->(a)
