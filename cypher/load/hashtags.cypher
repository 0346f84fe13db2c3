// name: hashtags
// description: Tag tweets with their hashtags (names lower-cased, without the #).
// param: rows: list[map]
UNWIND $rows AS row
MATCH (t:Tweet {id: row.t})
MERGE (h:Hashtag {name: row.name})
MERGE (t)-[:TAGS]->(h)
