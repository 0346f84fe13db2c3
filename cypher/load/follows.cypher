// name: follows
// description: Follow edges between accounts (both exist already); observed_at keeps the latest observation. Parallel lists: src[i] follows dst[i], seen at observed_at[i] (ISO text or null).
// param: src: list[string]
// param: dst: list[string]
// param: observed_at: list[string]
UNWIND range(0, size($src) - 1) AS i
MATCH (src:Account {id: $src[i]})
MATCH (dst:Account {id: $dst[i]})
MERGE (src)-[r:FOLLOWS]->(dst)
WITH r, datetime($observed_at[i]) AS observed
SET r.observed_at = CASE
  WHEN observed IS NULL THEN r.observed_at
  WHEN r.observed_at IS NULL OR observed > r.observed_at THEN observed
  ELSE r.observed_at END
