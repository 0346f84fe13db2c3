// name: count-nodes
// description: How many nodes the database holds (the benchmark refuses to run on a non-empty graph).
// returns: nodes
MATCH (n) WHERE NOT n:SchemaVersion
RETURN count(n) AS nodes
