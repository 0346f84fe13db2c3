// name: replies-to
// description: Link a reply to the tweet it answers (both tweets exist already).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (src:Tweet {id: row.src})
MATCH (dst:Tweet {id: row.dst})
MERGE (src)-[:REPLIES_TO]->(dst)
