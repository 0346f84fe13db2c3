// name: dataset-members
// description: Tag accounts with the dataset they were loaded from.
// param: rows: list[map]
// param: dataset: string
MATCH (d:Dataset {name: $dataset})
UNWIND $rows AS row
MATCH (a:Account {id: row.id})
MERGE (a)-[:IN_DATASET]->(d)
