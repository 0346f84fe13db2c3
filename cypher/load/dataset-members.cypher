// name: dataset-members
// description: Tag accounts (which exist already) with the dataset they were loaded from.
// param: ids: list[string]
// param: dataset: string
MATCH (d:Dataset {name: $dataset})
UNWIND $ids AS id
MATCH (a:Account {id: id})
MERGE (a)-[:IN_DATASET]->(d)
