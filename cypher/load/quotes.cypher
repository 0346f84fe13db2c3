// name: quotes
// description: Link a quote tweet to the quoted tweet (both tweets exist already).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (src:Tweet {id: row.src})
MATCH (dst:Tweet {id: row.dst})
MERGE (src)-[:QUOTES]->(dst)
