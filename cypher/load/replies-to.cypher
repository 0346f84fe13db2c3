// name: replies-to
// description: Link a reply to the tweet it answers (both tweets exist already). Parallel lists: src[i] -> dst[i].
// param: src: list[string]
// param: dst: list[string]
UNWIND range(0, size($src) - 1) AS i
MATCH (src:Tweet {id: $src[i]})
MATCH (dst:Tweet {id: $dst[i]})
MERGE (src)-[:REPLIES_TO]->(dst)
