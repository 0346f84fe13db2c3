// name: retweets
// description: Link the retweet to the original (both tweets exist already).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (src:Tweet {id: row.src})
MATCH (dst:Tweet {id: row.dst})
MERGE (src)-[:RETWEETS]->(dst)
