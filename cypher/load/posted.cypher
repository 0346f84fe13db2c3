// name: posted
// description: Link referenced tweets to their known author (both nodes exist already). Parallel lists. Returns the tweets that gained an author while retweets already pointed at them (their retweeters' RETWEETED summary changes).
// param: authors: list[string]
// param: ids: list[string]
// returns: id
UNWIND range(0, size($ids) - 1) AS i
MATCH (a:Account {id: $authors[i]})
MATCH (t:Tweet {id: $ids[i]})
WITH a, t, EXISTS { (a)-[:POSTED]->(t) } AS known
MERGE (a)-[:POSTED]->(t)
WITH t WHERE NOT known AND EXISTS { (t)<-[:RETWEETS]-() }
RETURN t.id AS id
