// name: projection-follows
// description: Every follow edge as one row of aligned lists of internal node ids. No label checks: the graph model only has FOLLOWS between accounts, and checking labels on both ends costs more than the scan (self-follows are dropped in Python).
// returns: source, target
MATCH (a)-[:FOLLOWS]->(b)
RETURN collect(id(a)) AS source, collect(id(b)) AS target
