// name: posted
// description: Link each tweet to its author (both nodes exist already).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (a:Account {id: row.a})
MATCH (t:Tweet {id: row.t})
MERGE (a)-[:POSTED]->(t)
