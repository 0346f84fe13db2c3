// name: follows
// description: Follow edges between accounts (both exist already); observed_at keeps the latest observation.
// param: rows: list[map]
UNWIND $rows AS row
MATCH (src:Account {id: row.src})
MATCH (dst:Account {id: row.dst})
MERGE (src)-[r:FOLLOWS]->(dst)
WITH r, datetime(row.observed_at) AS observed
SET r.observed_at = CASE
  WHEN observed IS NULL THEN r.observed_at
  WHEN r.observed_at IS NULL OR observed > r.observed_at THEN observed
  ELSE r.observed_at END
