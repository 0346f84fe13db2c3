// name: links
// description: Link tweets to the URLs they contain.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (t:Tweet {id: row.t})
MERGE (u:Url {url: row.url})
MERGE (t)-[:LINKS]->(u)
