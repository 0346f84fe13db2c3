// name: dataset
// description: Record a dataset (a loaded release) and when it was first and last loaded.
// param: dataset: string
// param: now: string
MERGE (d:Dataset {name: $dataset})
ON CREATE SET d.first_loaded = datetime($now)
SET d.last_loaded = datetime($now)
