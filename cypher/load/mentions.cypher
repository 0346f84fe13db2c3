// name: mentions
// description: Link tweets to the accounts they mention (both nodes exist already).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (t:Tweet {id: row.t})
MATCH (a:Account {id: row.a})
MERGE (t)-[:MENTIONS]->(a)
