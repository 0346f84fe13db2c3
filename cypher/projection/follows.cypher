// name: projection-follows
// description: Every follow edge between two different accounts as one row of aligned lists of internal node ids.
// returns: source, target
MATCH (a:Account)-[:FOLLOWS]->(b:Account)
WHERE a <> b
RETURN collect(id(a)) AS source, collect(id(b)) AS target
