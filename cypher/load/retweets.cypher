// name: retweets
// description: Link the retweet to the original (both tweets exist already). Parallel lists: src[i] -> dst[i].
// param: src: list[string]
// param: dst: list[string]
UNWIND range(0, size($src) - 1) AS i
MATCH (src:Tweet {id: $src[i]})
MATCH (dst:Tweet {id: $dst[i]})
MERGE (src)-[:RETWEETS]->(dst)
