// name: follows
// description: Follow edges between accounts (both exist already); observed_at keeps the latest observation.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (src:Account {id: row.src})
MATCH (dst:Account {id: row.dst})
MERGE (src)-[r:FOLLOWS]->(dst)
SET r.observed_at = CASE
  WHEN row.observed_at IS NULL THEN r.observed_at
  WHEN r.observed_at IS NULL OR row.observed_at > r.observed_at THEN row.observed_at
  ELSE r.observed_at END
